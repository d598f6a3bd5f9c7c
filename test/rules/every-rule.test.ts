/**
 * A named test per rule (Open Policy Agent style): it fires on its fixture, does not on the near miss, and its
 * status changes exactly at each of its date boundaries.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { ruleBoundaries, ruleStatus } from '../../src/rules/rule-status.js';
import { RULE_FIXTURES } from './rule-fixtures.js';

const rules = loadRuleSet('rules');

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A day on which the rule is in force, or, for a rule suspended before it took effect, its effective date. */
function activeDay(ruleId: string): string {
  const rule = rules.rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(ruleId);
  const candidates = [rule.effectiveFrom, ...ruleBoundaries(rule)];
  return candidates.find((d) => ruleStatus(rule, d).kind === 'in_force') ?? rule.effectiveFrom;
}

describe('every rule has a fixture', () => {
  it('lists the same rules as rules/', () => {
    expect(Object.keys(RULE_FIXTURES).sort()).toEqual(rules.rules.map((r) => r.id).sort());
  });
});

for (const rule of rules.rules) {
  describe(`rule ${rule.id}`, () => {
    const fixture = RULE_FIXTURES[rule.id];
    it('fires on its fixture (every condition true)', () => {
      if (!fixture) throw new Error(`no fixture for ${rule.id}`);
      const d = evaluate(rules, fixture.fires, activeDay(rule.id));
      const r = d.trace.find((x) => x.ruleId === rule.id);
      expect(r?.match).toBe('true');
    });

    it('does not fire on the near miss', () => {
      if (!fixture) throw new Error(`no fixture for ${rule.id}`);
      const d = evaluate(rules, fixture.doesNot, activeDay(rule.id));
      const r = d.trace.find((x) => x.ruleId === rule.id);
      expect(r?.match).toBe('false');
    });

    for (const boundary of ruleBoundaries(rule)) {
      const masked = rule.suspensions.some((s) => s.from < boundary && boundary < s.until);
      if (masked) {
        // An effective date inside a suspension (Nos. 55-58, No. 61 §1(1)-(2)): suspended before it took effect.
        it(`stays suspended across ${boundary}, its effective date inside the suspension`, () => {
          expect(ruleStatus(rule, dayBefore(boundary)).kind).toBe('suspended');
          expect(ruleStatus(rule, boundary).kind).toBe('suspended');
        });
      } else {
        it(`changes status at ${boundary}, not before`, () => {
          const before = ruleStatus(rule, dayBefore(boundary)).kind;
          const on = ruleStatus(rule, boundary).kind;
          expect(on).not.toBe(before);
        });
      }
    }

    if (rule.suspensions.length > 0) {
      it('is suspended inside its suspension and of unknown status after it, with nothing recorded', () => {
        for (const s of rule.suspensions) {
          expect(ruleStatus(rule, s.from).kind).toBe('suspended');
          expect(ruleStatus(rule, dayBefore(s.until)).kind).toBe('suspended');
          if (!s.then) expect(ruleStatus(rule, s.until).kind).toBe('status_unknown');
        }
      });
    }
  });
}

describe('verdicts on each side of the No. 70 suspension', () => {
  const fixture = RULE_FIXTURES['no61-de-minimis'];
  it('de minimis: not yet on 2025-11-30, suspended on 2025-12-01, unknown from 2026-11-10', () => {
    if (!fixture) throw new Error('fixture');
    expect(evaluate(rules, fixture.fires, '2025-11-06').verdict).toBe('not_required');
    expect(evaluate(rules, fixture.fires, '2026-11-09').verdict).toBe('not_required');
    expect(evaluate(rules, fixture.fires, '2026-11-10').verdict).toBe('escalate');
  });

  it('China-origin re-export: licence from 2025-10-09 to 2025-11-06, then suspended', () => {
    const f = RULE_FIXTURES['no61-china-origin-reexport']?.fires;
    if (!f) throw new Error('fixture');
    expect(evaluate(rules, f, '2025-10-08').verdict).toBe('escalate'); // art. 24 commitment only
    expect(evaluate(rules, f, '2025-10-09').verdict).toBe('license_required');
    expect(evaluate(rules, f, '2025-11-06').verdict).toBe('license_required');
    expect(evaluate(rules, f, '2025-11-07').verdict).toBe('escalate');
  });

  it('a product holding No. 57 material (an Er fibre amplifier): no licence while No. 57 is suspended, escalated once the suspension ends', () => {
    const f = RULE_FIXTURES['no57-materials-in-products']?.fires;
    if (!f) throw new Error('fixture');
    expect(evaluate(rules, f, '2026-03-01').verdict).toBe('not_required');
    expect(evaluate(rules, f, '2026-11-12').verdict).toBe('escalate');
  });

  it('No. 18 applies from 2025-04-04 and not the day before', () => {
    const f = RULE_FIXTURES['no18-listed-items']?.fires;
    if (!f) throw new Error('fixture');
    expect(evaluate(rules, f, '2025-04-03').verdict).toBe('not_required');
    expect(evaluate(rules, f, '2025-04-04').verdict).toBe('license_required');
  });
});
