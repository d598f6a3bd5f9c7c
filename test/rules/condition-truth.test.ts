/**
 * The what-if probe's lean evaluator (conditionTruth) gives every rule and named condition the same truth as the
 * full evaluator (evaluateCondition) that explains answers, whatever is known and whatever is assumed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionTruth, evaluateCondition } from '../../src/rules/condition.js';
import { FACTS, type FactValue } from '../../src/rules/fact-registry.js';
import type { Facts } from '../../src/rules/facts.js';
import { rules } from '../support/understanding.js';

/** Facts as questions leave them: some known, most not. */
const KNOWN: readonly Facts[] = [
  {},
  { destination: 'FR', item: { elementsPresent: ['Dy'], form: 'magnet' }, endUser: { kind: 'military' }, endUses: ['military'] },
  { shipFrom: 'CN', destination: 'DE', item: { form: 'magnet' } },
  { shipFrom: 'CN', destination: 'US', item: { elementsPresent: ['Nd', 'Fe', 'B', 'Tb'], form: 'magnet', magnetType: 'ndfeb' } },
  { destination: 'IN', collaboration: { kind: 'services', area: 'magnet_preparation', abroad: true } },
  { shipFrom: 'TH', item: { elementsPresent: ['Tb'], form: 'magnet', chineseContentPercent: 4 } },
];

/** Every fact with a closed set of values, and those values (a country: the ones rules name, and one they do not). */
const CLOSED: [string, readonly FactValue[]][] = Object.entries(FACTS).flatMap(([fact, def]): [string, readonly FactValue[]][] => {
  if (def.type === 'boolean') return [[fact, [true, false]]];
  if (def.type === 'enum' && def.values) return [[fact, def.values]];
  if (def.type === 'country') return [[fact, ['CN', 'US', 'JP', 'DE', 'ZZ']]];
  return [];
});

const assumedArb = fc.array(fc.tuple(fc.constantFrom(...CLOSED), fc.nat()), { maxLength: 6 })
  .map((picks) => new Map(picks.map(([[fact, values], i]) => [fact, values[i % values.length] as FactValue])));

describe('conditionTruth', () => {
  it('agrees with evaluateCondition on every rule and named condition, under any assumed answers', () => {
    const conditions = [...rules.rules.map((r) => r.when), ...Object.values(rules.conditions)];
    fc.assert(fc.property(fc.constantFrom(...KNOWN), assumedArb, (facts, assumed) => {
      for (const cond of conditions) {
        expect(conditionTruth(cond, facts, rules.conditions, assumed)).toBe(evaluateCondition(cond, facts, rules.conditions, assumed).result);
      }
    }), { numRuns: 300 });
  });
});
