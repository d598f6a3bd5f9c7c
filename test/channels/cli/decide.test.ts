/** `lodestone decide`: facts in, decision out; bad input is one clear line on stderr and a non-zero exit. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../src/channels/cli/run.js';
import { FactsSchema, FORMS } from '../../../src/rules/facts.js';

async function cli(argv: string[], stdin = ''): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: () => stdin });
  return { code, out, err };
}

function file(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-facts-'));
  const p = join(dir, 'facts.json');
  writeFileSync(p, content);
  return p;
}

describe('lodestone decide', () => {
  it('decides facts from a file, as JSON with the trace, the rules version and the as-of date', async () => {
    const p = file(JSON.stringify({ item: { form: 'metal', elementsPresent: ['Sm'] }, shipFrom: 'CN', destination: 'US' }));
    const r = await cli(['decide', '--facts', p, '--as-of', '2026-03-01', '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out[0] as string);
    expect(d.verdict).toBe('license_required');
    expect(d.asOf).toBe('2026-03-01');
    expect(d.rulesVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(d.fired.some((f: { ruleId: string }) => f.ruleId === 'no18-listed-items')).toBe(true);
  });

  it('reads facts from standard input with --facts -', async () => {
    const r = await cli(['decide', '--facts', '-', '--as-of', '2026-03-01'], '{"item":{"form":"oxide","elementsPresent":["Eu"],"compositionComplete":true},"shipFrom":"CN"}');
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('verdict: not_required');
  });

  it('refuses malformed JSON with one line and no stack trace', async () => {
    const r = await cli(['decide', '--facts', file('{"item": ')]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^lodestone: decide: the facts are not valid JSON/);
    expect(r.err[0]).not.toMatch(/\n\s+at /);
  });

  it('refuses unknown fields, naming them', async () => {
    const r = await cli(['decide', '--facts', file('{"item":{"form":"metal"},"colour":"red"}')]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(/^lodestone: decide: .*Unrecognized key.*colour/)]);
  });

  it('reports every problem in the facts at once, one line each, not only the first', async () => {
    const r = await cli(['decide', '--facts', file('{"item":{"form":"metall","colour":"red"},"shipFrom":"China","destination":"DE"}')]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    const lines = (r.err[0] ?? '').split('\n');
    expect(lines[0]).toBe('lodestone: decide: 3 problems in the facts (lodestone schema facts prints the schema):');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}item\.form: Invalid option: expected one of "metal"\|/),
      expect.stringMatching(/^ {2}item: Unrecognized key: "colour"$/),
      '  shipFrom: a two-letter ISO country code',
    ]);
  });

  it('refuses an impossible date', async () => {
    const r = await cli(['decide', '--facts', file('{"shipFrom":"CN"}'), '--as-of', '2026-02-30']);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['lodestone: --as-of: "2026-02-30" is not a real calendar date']);
  });

  it('refuses an impossible date inside the facts too', async () => {
    const r = await cli(['decide', '--facts', file('{"shipFrom":"CN","asOf":"2025-13-01"}')]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^lodestone: decide: asOf: /);
  });

  it('refuses an unknown option with usage', async () => {
    const r = await cli(['decide', '--fact', 'x']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/^lodestone: Unknown option '--fact'/);
  });
});

describe('lodestone schema facts', () => {
  it('prints a JSON Schema generated from the zod schema decide validates with', async () => {
    const r = await cli(['schema', 'facts']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.out.join('\n')) as { $schema: string; type: string; additionalProperties: boolean; properties: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(Object.keys(FactsSchema.shape));
    expect(schema.properties.item?.properties?.form?.enum).toEqual([...FORMS]);
  });

  it('names the schemas it knows when asked for another', async () => {
    const r = await cli(['schema', 'rules']);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['lodestone: schema needs one of: facts']);
  });
});

describe('the rule trace', () => {
  it('has the same field names in ask --json and decide --json', async () => {
    const asked = await cli(['ask', '--as-of', '2026-03-01', '--json', 'Do sintered NdFeB magnets with 5% Dy shipped from Ningbo to Germany need a licence?']);
    const reply = JSON.parse(asked.out[0] ?? '{}') as { verdict: string; fired: Record<string, unknown>[]; facts: unknown };
    expect(reply.verdict).toBe('license_required');
    const decided = await cli(['decide', '--facts', '-', '--as-of', '2026-03-01', '--json'], JSON.stringify(reply.facts));
    const decision = JSON.parse(decided.out[0] ?? '{}') as { verdict: string; fired: Record<string, unknown>[] };
    expect(decision.verdict).toBe('license_required');
    const fields = (rules: Record<string, unknown>[]) => rules.map((f) => Object.keys(f).sort());
    expect(reply.fired.length).toBeGreaterThan(0);
    expect(fields(reply.fired)).toEqual(fields(decision.fired));
    expect(reply.fired.map((f) => f.ruleId)).toEqual(decision.fired.map((f) => f.ruleId));
  });
});

describe('lodestone ask --json', () => {
  it('prints one JSON object per turn with the contract fields', async () => {
    const r = await cli(['ask', '--as-of', '2026-03-01', '--json', 'Do our magnets need an export license?', 'They are sintered NdFeB with 5% Dy, shipped from Ningbo to Germany.']);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(2);
    const [first, second] = r.out.map((l) => JSON.parse(l));
    for (const o of [first, second]) {
      expect(Object.keys(o)).toEqual(expect.arrayContaining(['intent', 'verdict', 'citations', 'reasons', 'missing', 'rulesVersion', 'asOf']));
      expect(o.intent).toEqual({ name: expect.any(String), confidence: expect.any(Number) });
    }
    expect(first.verdict).toBe('need_info');
    expect(second.verdict).toBe('license_required');
    expect(second.citations.map((c: { source: string }) => c.source)).toContain('CN-ANN-2025-18');
  });
});
