/**
 * The status overlay over the real rules data: each kind of record changes ruleStatus on the right days, the rules
 * version follows the overlay, and a recorded outcome silences the unconfirmed "extension reported" note (R22).
 */
import { describe, expect, it } from 'vitest';
import { RULES_DIR } from '../../src/core/paths.js';
import { CurrentRules } from '../../src/rules/current-rules.js';
import { evaluate } from '../../src/rules/engine.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { reportedNote, ruleStatus } from '../../src/rules/rule-status.js';
import type { RuleSet } from '../../src/rules/ruleset.js';
import {
  applyStatusOverlay, checkStatusRecord, OverlayError, StatusRecordInputSchema, type StatusRecord, type StatusRecordInput,
} from '../../src/rules/status-overlay.js';

const base = loadRuleSet(RULES_DIR);
const NEW_SOURCE = { id: 'CN-ANN-2026-99', title: 'Test notice on what followed No. 70', date: '2026-11-12', url: 'https://www.mofcom.gov.cn/test' };

function record(input: Omit<StatusRecordInput, 'by' | 'why'> & { why?: string }, id = 1): StatusRecord {
  return { ...StatusRecordInputSchema.parse({ by: 'officer', why: 'Test record of what followed.', ...input }), id, recordedAt: `2026-11-30T10:0${id}:00Z` };
}

function statusOf(set: RuleSet, ruleId: string, day: string) {
  const rule = set.rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return ruleStatus(rule, day);
}

describe('the data alone', () => {
  it('has No. 61 suspended before 2026-11-10 and of unknown status from then, with the reported extension', () => {
    expect(statusOf(base, 'no61-china-origin-reexport', '2026-11-09').kind).toBe('suspended');
    const after = statusOf(base, 'no61-china-origin-reexport', '2026-11-10');
    expect(after.kind).toBe('status_unknown');
    expect(reportedNote(after)).toContain('2027-01-10');
  });
});

describe('resumed, on the suspension (every rule No. 70 suspended)', () => {
  const set = applyStatusOverlay(base, [record({ target: 'CN-ANN-2025-70', status: 'resumed', from: '2026-11-15', source: { new: NEW_SOURCE } })]);
  it('leaves the suspension as it was, unknown between its end and the resumption, in force from the resumption citing it', () => {
    for (const id of ['no61-china-origin-reexport', 'no57-items', 'no56-equipment-materials']) {
      expect(statusOf(set, id, '2026-11-09').kind).toBe('suspended');
      expect(statusOf(set, id, '2026-11-14').kind).toBe('status_unknown');
      expect(statusOf(set, id, '2026-11-15')).toEqual({ kind: 'in_force', by: { id: 'CN-ANN-2026-99' } });
      expect(statusOf(set, id, '2026-12-01')).toEqual({ kind: 'in_force', by: { id: 'CN-ANN-2026-99' } });
    }
  });
  it('drops the unconfirmed report: no "extension reported" note after the end', () => {
    expect(reportedNote(statusOf(set, 'no61-china-origin-reexport', '2026-11-14'))).toBeUndefined();
  });
  it('adds the new source, so answers can cite it, and changes the rules version', () => {
    expect(set.sources.get('CN-ANN-2026-99')?.url).toBe(NEW_SOURCE.url);
    expect(set.version).not.toBe(base.version);
    expect(set.version).toMatch(/^[0-9a-f]{12}$/);
  });
  it('leaves rules the suspension did not cover alone (No. 46 §2 under No. 72)', () => {
    expect(statusOf(set, 'us-ga-ge-sb-superhard-denial', '2026-11-28')).toEqual(statusOf(base, 'us-ga-ge-sb-superhard-denial', '2026-11-28'));
  });
});

describe('extended, on one rule', () => {
  const set = applyStatusOverlay(base, [record({ target: 'no61-de-minimis', status: 'extended', until: '2027-01-10', source: { id: 'CN-MOFCOM-2026-09-28' } })]);
  it('keeps that rule suspended until the new end, then unknown; the other No. 70 rules are untouched', () => {
    expect(statusOf(set, 'no61-de-minimis', '2026-11-10')).toEqual({ kind: 'suspended', until: '2027-01-10', by: { id: 'CN-ANN-2025-70' } });
    expect(statusOf(set, 'no61-de-minimis', '2027-01-09').kind).toBe('suspended');
    expect(statusOf(set, 'no61-de-minimis', '2027-01-10').kind).toBe('status_unknown');
    expect(statusOf(set, 'no61-direct-product', '2026-11-10').kind).toBe('status_unknown');
  });
});

describe('revoked', () => {
  it('on a suspension: unknown from its end until the revocation, ended from then, citing it', () => {
    const set = applyStatusOverlay(base, [record({ target: 'CN-ANN-2025-70', status: 'revoked', from: '2026-11-20', source: { new: NEW_SOURCE } })]);
    expect(statusOf(set, 'no62-technologies', '2026-11-19').kind).toBe('status_unknown');
    expect(statusOf(set, 'no62-technologies', '2026-11-20')).toEqual({ kind: 'ended', on: '2026-11-20', by: { id: 'CN-ANN-2026-99' } });
  });
  it('on a rule never suspended: in force the day before, ended from the day', () => {
    const set = applyStatusOverlay(base, [record({ target: 'no18-listed-items', status: 'revoked', from: '2026-12-01', source: { new: NEW_SOURCE } })]);
    expect(statusOf(set, 'no18-listed-items', '2026-11-30').kind).toBe('in_force');
    expect(statusOf(set, 'no18-listed-items', '2026-12-01')).toEqual({ kind: 'ended', on: '2026-12-01' });
  });
});

describe('amended', () => {
  const set = applyStatusOverlay(base, [record({ target: 'CN-ANN-2025-70', status: 'amended', from: '2026-11-10', source: { new: NEW_SOURCE }, why: 'No. 61 resumed without its §1(1) de minimis rule.' })]);
  it('is in force from the day, with the note, and the answer cites the amending notice and says what changed', () => {
    expect(statusOf(set, 'no61-china-origin-reexport', '2026-11-09').kind).toBe('suspended');
    expect(statusOf(set, 'no61-china-origin-reexport', '2026-11-10')).toEqual({
      kind: 'in_force', by: { id: 'CN-ANN-2026-99' }, note: 'No. 61 resumed without its §1(1) de minimis rule.',
    });
    const d = evaluate(set, { item: { form: 'oxide', elementsPresent: ['Tb'], chinaOrigin: true }, shipFrom: 'NL', destination: 'GB' }, '2026-11-30');
    expect(d.verdict).toBe('license_required');
    expect(d.citations.map((c) => c.source)).toContain('CN-ANN-2026-99');
    expect(d.reasons.join(' ')).toContain('as amended: No. 61 resumed without its §1(1) de minimis rule.');
  });
});

describe('later records win', () => {
  it('a revocation recorded after a resumption ends the rule from its day', () => {
    const set = applyStatusOverlay(base, [
      record({ target: 'CN-ANN-2025-70', status: 'resumed', from: '2026-11-15', source: { new: NEW_SOURCE } }, 1),
      record({ target: 'no61-de-minimis', status: 'revoked', from: '2026-12-01', source: { id: 'CN-ANN-2026-99' } }, 2),
    ]);
    expect(statusOf(set, 'no61-de-minimis', '2026-12-01').kind).toBe('ended');
    expect(statusOf(set, 'no61-direct-product', '2026-12-01').kind).toBe('in_force');
  });
});

describe('checkStatusRecord refuses what cannot apply', () => {
  const check = (input: Record<string, unknown>) => checkStatusRecord(base, StatusRecordInputSchema.parse({ by: 'o', why: 'because', ...input }));
  it('names the rules a suspension covers', () => {
    expect(check({ target: 'CN-ANN-2025-70', status: 'resumed', from: '2026-11-10', source: { id: 'CN-ANN-2025-70' } }).length).toBe(17);
  });
  it('refuses an unknown rule, an unknown source, a resumption of a rule never suspended, an extension ending before', () => {
    expect(() => check({ target: 'no-such-rule', status: 'revoked', from: '2026-11-10', source: { id: 'CN-ANN-2025-70' } })).toThrow(OverlayError);
    expect(() => check({ target: 'CN-ANN-2025-70', status: 'resumed', from: '2026-11-10', source: { id: 'CN-ANN-2099-1' } })).toThrow(/unknown source/);
    expect(() => check({ target: 'no18-listed-items', status: 'resumed', from: '2026-11-10', source: { id: 'CN-ANN-2025-70' } })).toThrow(/no suspension/);
    expect(() => check({ target: 'no61-de-minimis', status: 'extended', until: '2026-11-01', source: { id: 'CN-ANN-2025-70' } })).toThrow(/after the suspension's end/);
  });
  it('refuses a record without the date its status needs', () => {
    expect(StatusRecordInputSchema.safeParse({ target: 'CN-ANN-2025-70', status: 'resumed', source: { id: 'CN-ANN-2025-70' }, by: 'o', why: 'because' }).success).toBe(false);
    expect(StatusRecordInputSchema.safeParse({ target: 'CN-ANN-2025-70', status: 'extended', source: { id: 'CN-ANN-2025-70' }, by: 'o', why: 'because' }).success).toBe(false);
  });
});

describe('CurrentRules', () => {
  it('is the data until updated, then the overlay, and says which rules an officer changed', () => {
    const current = new CurrentRules(base);
    expect(current.version).toBe(base.version);
    expect(current.hasOverlay('CN-ANN-2025-70')).toBe(false);
    current.update([record({ target: 'no61-de-minimis', status: 'extended', until: '2027-01-10', source: { id: 'CN-MOFCOM-2026-09-28' } })]);
    expect(current.version).not.toBe(base.version);
    expect(current.hasOverlay('no61-de-minimis')).toBe(true);
    expect(current.hasOverlay('CN-ANN-2025-70')).toBe(true);
    expect(current.hasOverlay('no61-direct-product')).toBe(false);
    expect(current.originOf('no61-de-minimis')).toBe('overlay');
    expect(current.originOf('no18-listed-items')).toBe('data');
  });
});
