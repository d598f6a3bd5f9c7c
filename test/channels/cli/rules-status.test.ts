/**
 * The rule status desk from the command line: `rules record` then `ask --json` answers the question that escalated
 * with the new verdict and cites the new source; `rules status --json` lists every rule with its origin; the
 * overlay export round-trips through `rules lint` and decides as the data plus the overlay does.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/channels/cli/run.js';
import { RULES_DIR } from '../../../src/core/paths.js';
import { CurrentRules } from '../../../src/rules/current-rules.js';
import { loadRuleSet } from '../../../src/rules/loader.js';
import { ruleStatus } from '../../../src/rules/rule-status.js';
import { recordedOverlay } from '../../../src/channels/cli/rules-status-commands.js';

async function cli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: () => '' });
  return { code, out, err };
}

const QUESTION = 'Our Dutch warehouse resells Chinese-origin Tb oxide to the UK. Licence?';
const RECORD = [
  'rules', 'record', 'CN-ANN-2025-70', '--status', 'resumed', '--from', '2026-11-10', '--source', 'CN-ANN-2026-99',
  '--source-title', 'Test notice: No. 70 not renewed', '--source-date', '2026-11-12', '--source-url', 'https://www.mofcom.gov.cn/test-notice',
  '--by', 'officer-a', '--note', 'MOFCOM notice: the suspension was not renewed.',
];
let dir: string | undefined;

afterEach(() => {
  vi.unstubAllEnvs();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

interface AskJson { verdict: string; citations: { source: string }[]; rulesVersion: string }

describe('lodestone rules record, status and overlay export', () => {
  it('record, then ask --json gives the new verdict citing the new source; status lists origins; a repeat changes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lodestone-cli-'));
    vi.stubEnv('DATA_DIR', dir);
    const before = await cli(['ask', '--as-of', '2026-11-30', '--json', QUESTION]);
    const b = JSON.parse(before.out[0] ?? '{}') as AskJson;
    expect(b.verdict).toBe('escalate');

    const rec = await cli(RECORD);
    expect(rec.err).toEqual([]);
    expect(rec.code).toBe(0);
    expect(rec.out[0]).toMatch(/^recorded 1: CN-ANN-2025-70 resumed; 17 rules changed/);

    const after = await cli(['ask', '--as-of', '2026-11-30', '--json', QUESTION]);
    const a = JSON.parse(after.out[0] ?? '{}') as AskJson;
    expect(a.verdict).toBe('license_required');
    expect(a.citations.map((c) => c.source)).toContain('CN-ANN-2026-99');
    expect(a.rulesVersion).not.toBe(b.rulesVersion);

    const status = await cli(['rules', 'status', '--as-of', '2026-11-30', '--json']);
    const s = JSON.parse(status.out[0] ?? '{}') as { rulesVersion: string; rules: { rule: string; status: { kind: string }; origin: string }[] };
    expect(s.rulesVersion).toBe(a.rulesVersion);
    expect(s.rules).toHaveLength(loadRuleSet(RULES_DIR).rules.length);
    expect(s.rules.find((r) => r.rule === 'no61-china-origin-reexport')).toMatchObject({ status: { kind: 'in_force' }, origin: 'overlay' });
    expect(s.rules.find((r) => r.rule === 'no18-listed-items')).toMatchObject({ status: { kind: 'in_force' }, origin: 'data' });
    // Only No. 72's rule is left unknown: nothing was recorded about it.
    expect(s.rules.filter((r) => r.status.kind === 'status_unknown').map((r) => r.rule)).toEqual(['us-ga-ge-sb-superhard-denial']);

    const again = await cli(RECORD);
    expect(again.out[0]).toMatch(/^unchanged/);
  }, 90_000); // four processes' worth of composition (each trains the classifier)

  it('exports the overlay as a copy of rules/ that passes rules lint and decides like the overlay', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lodestone-cli-'));
    vi.stubEnv('DATA_DIR', dir);
    expect((await cli(RECORD)).code).toBe(0);
    expect((await cli(['rules', 'record', 'no61-de-minimis', '--status', 'revoked', '--from', '2026-12-01', '--source', 'CN-ANN-2026-99', '--by', 'officer-b', '--note', 'De minimis rule withdrawn.'])).code).toBe(0);
    const out = join(dir, 'rules-patched');
    const exp = await cli(['rules', 'overlay', 'export', '--out', out]);
    expect(exp.out[0]).toContain('2 recorded statuses written');
    expect(exp.out[0]).toContain('sources.yaml');

    const lint = await cli(['rules', 'lint', out]);
    expect(lint.out.join('\n')).toMatch(/^ok: /);
    expect(lint.code).toBe(0);
    const exported = loadRuleSet(out);
    const overlaid = new CurrentRules(loadRuleSet(RULES_DIR), recordedOverlay(join(dir, 'lodestone.db')));
    for (const day of ['2026-11-09', '2026-11-10', '2026-11-30', '2026-12-01', '2027-02-01']) {
      for (const rule of overlaid.rules) {
        const twin = exported.rules.find((r) => r.id === rule.id);
        expect(twin && ruleStatus(twin, day), `${rule.id} on ${day}`).toEqual(ruleStatus(rule, day));
      }
    }
    expect(exported.sources.get('CN-ANN-2026-99')?.url).toBe('https://www.mofcom.gov.cn/test-notice');
    // The unconfirmed report is gone with the recorded outcome; the rest of the file keeps its comments.
    const reexport = readFileSync(join(out, 'reexport.yaml'), 'utf8');
    expect(reexport).not.toContain('reported:');
    expect(reexport.split('\n').filter((l) => l.trimStart().startsWith('#'))).toEqual(
      readFileSync(join(RULES_DIR, 'reexport.yaml'), 'utf8').split('\n').filter((l) => l.trimStart().startsWith('#')),
    );
  }, 60_000);

  it('refuses a record it cannot apply, naming why', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lodestone-cli-'));
    vi.stubEnv('DATA_DIR', dir);
    const r = await cli(['rules', 'record', 'no-such-rule', '--status', 'resumed', '--from', '2026-11-10', '--source', 'CN-ANN-2025-70', '--by', 'o', '--note', 'because']);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/rules record: no rule "no-such-rule"/);
  });
});
