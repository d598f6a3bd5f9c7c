/** `rules lint` fails, with a clear message, on each kind of bad edit an officer might make. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesLintCommand } from '../../src/channels/cli/commands.js';
import { loadRuleSet, RulesError } from '../../src/rules/loader.js';

function editedRules(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-rules-'));
  cpSync('rules', dir, { recursive: true });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error('the edit changed nothing');
  writeFileSync(path, after);
  return dir;
}

function lint(dir: string): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = rulesLintCommand(dir, (l) => lines.push(l));
  return { code, lines };
}

describe('rules lint', () => {
  it('passes on the rules as shipped and prints the rules version', () => {
    const { code, lines } = lint('rules');
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^ok: \d+ rules, \d+ sources, .*rules version [0-9a-f]{12}$/);
  });

  it('fails on a citation of an unknown source ID, naming the rule and the ID', () => {
    const dir = editedRules('goods.yaml', (t) => t.replace("- { id: CN-ANN-2025-18, article: '1C902-1C908' }", "- { id: CN-ANN-2099-99, article: '1C902-1C908' }"));
    const { code, lines } = lint(dir);
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/rule no18-listed-items\.sources\[0\]: cites unknown source ID "CN-ANN-2099-99" \[unknown_source\]/);
  });

  it('fails on a rule without an effective date, naming the file and the path', () => {
    const dir = editedRules('goods.yaml', (t) => t.replace(/\n {4}effectiveFrom: 2025-04-04\n {4}confirmed: true\n {4}confirmedNote: Codes/, '\n    confirmed: true\n    confirmedNote: Codes'));
    const { code, lines } = lint(dir);
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/goods\.yaml: rules\[0\]\.effectiveFrom: .*/);
  });

  it('fails on contradictory overlapping suspension windows', () => {
    const dir = editedRules('reexport.yaml', (t) => t.replace(
      "      - { from: 2025-11-07, until: 2026-11-10, source: { id: CN-ANN-2025-70 }, reported: { until: 2027-01-10, by: both governments in September 2026, source: { id: CN-MOFCOM-2026-09-28 } } }\n    confirmed: true\n    nextSteps:",
      "      - { from: 2025-11-07, until: 2026-11-10, source: { id: CN-ANN-2025-70 } }\n      - { from: 2026-01-01, until: 2026-06-01, source: { id: CN-ANN-2025-70 } }\n    confirmed: true\n    nextSteps:",
    ));
    const { code, lines } = lint(dir);
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/rule no61-china-origin-reexport: suspensions 2025-11-07\.\.2026-11-10 and 2026-01-01\.\.2026-06-01 overlap \[overlapping_windows\]/);
  });

  it('fails on an effectiveUntil before effectiveFrom', () => {
    const dir = editedRules('goods.yaml', (t) => t.replace('    effectiveFrom: 2020-12-01\n    confirmed: true', '    effectiveFrom: 2020-12-01\n    effectiveUntil: 2019-01-01\n    confirmed: true'));
    const { code, lines } = lint(dir);
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/rule catch-all: effectiveUntil 2019-01-01 is not after effectiveFrom 2020-12-01 \[bad_window\]/);
  });

  it('fails on an unconfirmed fact that decides anything but escalate', () => {
    const dir = editedRules('goods.yaml', (t) => t.replace(/(id: no18-unclear-classification[\s\S]*?)verdict: escalate/, '$1verdict: license_required'));
    const { code, lines } = lint(dir);
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/rule no18-unclear-classification: is unconfirmed but decides "license_required": an unconfirmed fact may only escalate \[unconfirmed_decides\]/);
  });

  it('lets an unconfirmed list rule give the brief\'s verdict only with a reason, and never "not required"', () => {
    const bare = editedRules('lists.yaml', (t) => t.replace(/(id: control-list-2026-23\n[\s\S]*?) {4}unconfirmedVerdictWhy: [^\n]*\n/, '$1'));
    const a = lint(bare);
    expect(a.code).toBe(1);
    expect(a.lines.join('\n')).toMatch(/rule control-list-2026-23: is unconfirmed but decides "prohibited"/);
    const lax = editedRules('lists.yaml', (t) => t.replace(/(id: control-list-2026-23\n[\s\S]*?)verdict: prohibited/, '$1verdict: not_required'));
    expect(lint(lax).lines.join('\n')).toMatch(/rule control-list-2026-23: is unconfirmed but decides "not_required"/);
  });

  it('fails on a listed party whose announcement no rule of its list decides on', () => {
    const dir = editedRules('parties.yaml', (t) => t.replace('{ name: TDK, aliases: [], list: watch, country: JP, sources: [CN-ANN-2026-12, CN-ANN-2026-28]', '{ name: TDK, aliases: [], list: watch, country: JP, sources: [CN-ANN-2026-23]'));
    const { code, lines } = lint(dir);
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/parties\[\d+\] TDK\.sources\[0\]: CN-ANN-2026-23 is cited by no watch-list rule/);
  });

  it('fails on a condition naming an unknown fact or an impossible value', () => {
    const dir = editedRules('conditions.yaml', (t) => t.replace('value: [metal, alloy, target, oxide, compound] }', 'value: [metal, alloy, target, oxide, compund] }'));
    const { code, lines } = lint(dir);
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/item\.form cannot be "compund"/);
  });

  it('refuses to load a bad rule set at start, with one message naming file, path and problem', () => {
    const dir = editedRules('reexport.yaml', (t) => t.replace('verdict: license_required', 'verdict: licence_needed'));
    expect(() => loadRuleSet(dir)).toThrow(RulesError);
    expect(() => loadRuleSet(dir)).toThrow(/reexport\.yaml: rules\[0\]\.verdict: /);
  });

  it('names the line of a YAML syntax error', () => {
    const dir = editedRules('sources.yaml', (t) => t.replace('    title: MOFCOM/GAC Announcement 2025 No. 18', '     title: MOFCOM/GAC Announcement 2025 No. 18'));
    expect(() => loadRuleSet(dir)).toThrow(/sources\.yaml: line 5: not valid YAML: bad indentation/);
  });

  it('refuses a duplicated key instead of keeping the last one', () => {
    const dir = editedRules('sources.yaml', (t) => t.replace('    urlConfirmed: false\n', '    urlConfirmed: false\n    urlConfirmed: true\n'));
    expect(() => loadRuleSet(dir)).toThrow(/sources\.yaml: line \d+: not valid YAML: duplicated mapping key/);
  });

  it('changes the rules version when an officer edits a rule', () => {
    const dir = editedRules('goods.yaml', (t) => t.replace('No. 18 has no content or purity threshold', 'No. 18 has no content or purity threshold at all'));
    expect(loadRuleSet(dir).version).not.toBe(loadRuleSet('rules').version);
  });
});
