/**
 * Overrides: a rule is moot only when the rule overriding it applies, that is matches (true, not unknown) and is in
 * force that day. Letting an override apply on an unknown match would drop a prohibition on facts nobody gave.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import type { Facts } from '../../src/rules/facts.js';
import { rules } from '../support/understanding.js';

const DAY = '2026-03-02';
/** Chinese magnet-preparation technology handed over abroad: the 2023 Catalogue prohibits it. */
function transfer(publicOrBasicResearch?: boolean): Facts {
  return {
    collaboration: {
      kind: 'technology_transfer', area: 'magnet_preparation', chineseProvider: true,
      ...(publicOrBasicResearch === undefined ? {} : { publicOrBasicResearch }),
    },
  };
}

function traceOf(facts: Facts, ruleId: string) {
  const d = evaluate(rules, facts, DAY);
  const r = d.trace.find((t) => t.ruleId === ruleId);
  if (!r) throw new Error(`${ruleId} is not in the trace`);
  return { d, r };
}

describe('engine overrides', () => {
  it('does not apply an override whose rule\'s match is unknown: the prohibition stands', () => {
    const { d, r } = traceOf(transfer(), 'techcat-prohibited-technology');
    expect(traceOf(transfer(), 'basic-research-public-domain').r.match).toBe('unknown');
    expect(r).toMatchObject({ match: 'true', status: 'in_force', overriddenBy: null, contributes: 'prohibited' });
    expect(d.verdict).toBe('prohibited');
  });

  it('does not apply an override whose rule does not match', () => {
    const { d, r } = traceOf(transfer(false), 'techcat-prohibited-technology');
    expect(r).toMatchObject({ overriddenBy: null, contributes: 'prohibited' });
    expect(d.verdict).toBe('prohibited');
  });

  it('applies the override when its rule matches and is in force', () => {
    const { d, r } = traceOf(transfer(true), 'techcat-prohibited-technology');
    expect(r).toMatchObject({ match: 'true', overriddenBy: 'basic-research-public-domain', contributes: null });
    expect(d.verdict).toBe('escalate');
  });
});
