/**
 * ruleStatus at each boundary, the day before, of and after, called directly: the timeline and every-rule tests
 * compare other things against ruleStatus, so they cannot catch a mistake inside it.
 */
import { describe, expect, it } from 'vitest';
import { ruleStatus } from '../../src/rules/rule-status.js';
import { RuleSchema, type Rule } from '../../src/rules/schema.js';

function rule(overrides: Record<string, unknown> = {}): Rule {
  return RuleSchema.parse({
    id: 'test-rule', title: 'A rule with dates', appliesTo: 'goods', sources: [{ id: 'CN-ANN-2025-57' }],
    when: { fact: 'fromChina', op: 'equal', value: true }, verdict: 'license_required',
    explanation: 'Listed items need a licence.', effectiveFrom: '2025-01-10', confirmed: true,
    ...overrides,
  });
}

const SUSPENDED_BY = { id: 'CN-ANN-2025-70' };
const FOLLOWED_BY = { id: 'CN-MOFCOM-2026-09-28' };

/** Suspended from 2025-11-07 until 2026-11-10, with `then` recording what followed. */
function suspended(then?: Record<string, unknown>): Rule {
  return rule({ suspensions: [{ from: '2025-11-07', until: '2026-11-10', source: SUSPENDED_BY, ...(then ? { then } : {}) }] });
}

describe('ruleStatus at effectiveFrom', () => {
  it('is not yet in force the day before, and in force on the day and after', () => {
    expect(ruleStatus(rule(), '2025-01-09')).toEqual({ kind: 'not_yet', from: '2025-01-10' });
    expect(ruleStatus(rule(), '2025-01-10')).toEqual({ kind: 'in_force' });
    expect(ruleStatus(rule(), '2025-01-11')).toEqual({ kind: 'in_force' });
  });
});

describe('ruleStatus at effectiveUntil (the first day the rule no longer applies)', () => {
  const r = rule({ effectiveUntil: '2026-01-01' });
  it('is in force the day before', () => {
    expect(ruleStatus(r, '2025-12-31')).toEqual({ kind: 'in_force' });
  });
  it('has ended on the day', () => {
    expect(ruleStatus(r, '2026-01-01')).toEqual({ kind: 'ended', on: '2026-01-01' });
  });
  it('has ended the day after', () => {
    expect(ruleStatus(r, '2026-01-02')).toEqual({ kind: 'ended', on: '2026-01-01' });
  });
});

describe('ruleStatus when a suspension ends in revocation', () => {
  const r = suspended({ status: 'revoked', date: '2026-12-01', source: FOLLOWED_BY });
  const unknown = { kind: 'status_unknown', since: '2026-11-10', by: SUSPENDED_BY };

  it('is suspended the day before the suspension ends, and unknown from its end until the revocation', () => {
    expect(ruleStatus(r, '2026-11-09')).toEqual({ kind: 'suspended', until: '2026-11-10', by: SUSPENDED_BY });
    expect(ruleStatus(r, '2026-11-10')).toEqual(unknown);
    expect(ruleStatus(r, '2026-11-30')).toEqual(unknown);
  });

  it('has ended on the day of the revocation and after, citing it', () => {
    expect(ruleStatus(r, '2026-12-01')).toEqual({ kind: 'ended', on: '2026-12-01', by: FOLLOWED_BY });
    expect(ruleStatus(r, '2026-12-02')).toEqual({ kind: 'ended', on: '2026-12-01', by: FOLLOWED_BY });
  });

  it('has ended on the day the suspension ends when the revocation takes effect that day', () => {
    const same = suspended({ status: 'revoked', date: '2026-11-10', source: FOLLOWED_BY });
    expect(ruleStatus(same, '2026-11-09')).toEqual({ kind: 'suspended', until: '2026-11-10', by: SUSPENDED_BY });
    expect(ruleStatus(same, '2026-11-10')).toEqual({ kind: 'ended', on: '2026-11-10', by: FOLLOWED_BY });
    expect(ruleStatus(same, '2026-11-11')).toEqual({ kind: 'ended', on: '2026-11-10', by: FOLLOWED_BY });
  });
});

describe('ruleStatus when a suspension ends otherwise', () => {
  it('resumed: unknown the day before the resumption, in force on it and after', () => {
    const r = suspended({ status: 'resumed', date: '2026-11-20', source: FOLLOWED_BY });
    expect(ruleStatus(r, '2026-11-19')).toEqual({ kind: 'status_unknown', since: '2026-11-10', by: SUSPENDED_BY });
    expect(ruleStatus(r, '2026-11-20')).toEqual({ kind: 'in_force', by: FOLLOWED_BY });
    expect(ruleStatus(r, '2026-11-21')).toEqual({ kind: 'in_force', by: FOLLOWED_BY });
  });

  it('extended: suspended until the new end, unknown on it and after', () => {
    const r = suspended({ status: 'extended', date: '2026-11-09', until: '2027-01-10', source: FOLLOWED_BY });
    expect(ruleStatus(r, '2027-01-09')).toEqual({ kind: 'suspended', until: '2027-01-10', by: SUSPENDED_BY });
    expect(ruleStatus(r, '2027-01-10')).toEqual({ kind: 'status_unknown', since: '2027-01-10', by: SUSPENDED_BY });
    expect(ruleStatus(r, '2027-01-11')).toEqual({ kind: 'status_unknown', since: '2027-01-10', by: SUSPENDED_BY });
  });

  it('nothing recorded: unknown from the day the suspension ends', () => {
    expect(ruleStatus(suspended(), '2026-11-09').kind).toBe('suspended');
    expect(ruleStatus(suspended(), '2026-11-10')).toEqual({ kind: 'status_unknown', since: '2026-11-10', by: SUSPENDED_BY });
  });
});
