/**
 * Property tests (fast-check): whatever the text, the assistant answers with a Reply that validates; whatever the
 * facts and the date, `not_required` never comes out without the rule trace that justifies it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplySchema } from '../../src/assistant/reply.js';
import { DecisionSchema } from '../../src/rules/decision.js';
import { evaluate, rulesInScope } from '../../src/rules/engine.js';
import {
  COLLABORATION_KINDS, DOWNSTREAM_KINDS, ELEMENTS, END_USER_KINDS, END_USES, FORMS, MAGNET_TYPES, SECTORS,
  TECHNOLOGY_AREAS, type Facts,
} from '../../src/rules/facts.js';
import { msg, newAssistant, rules } from '../support/understanding.js';

const country = fc.constantFrom('CN', 'US', 'JP', 'DE', 'VN', 'NL', 'KR', 'MX', 'GB', 'IN');
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const factsArb: fc.Arbitrary<Facts> = fc.record({
  item: maybe(fc.record({
    elementsPresent: maybe(fc.subarray([...ELEMENTS], { maxLength: 4 })),
    elementsAbsent: maybe(fc.subarray([...ELEMENTS], { maxLength: 3 })),
    compositionComplete: maybe(fc.boolean()),
    traceImpurityOnly: maybe(fc.boolean()),
    form: maybe(fc.constantFrom(...FORMS)),
    magnetType: maybe(fc.constantFrom(...MAGNET_TYPES)),
    downstream: maybe(fc.constantFrom(...DOWNSTREAM_KINDS)),
    sector: maybe(fc.constantFrom(...SECTORS)),
    chinaOrigin: maybe(fc.boolean()),
    chineseContentPercent: maybe(fc.double({ min: 0, max: 100, noNaN: true })),
    madeWithChineseTechnology: maybe(fc.boolean()),
  }, { requiredKeys: [] })),
  madeIn: maybe(country),
  shipFrom: maybe(country),
  destination: maybe(country),
  endUser: maybe(fc.record({ kind: maybe(fc.constantFrom(...END_USER_KINDS)) }, { requiredKeys: [] })),
  endUses: maybe(fc.subarray([...END_USES], { maxLength: 3 })),
  collaboration: maybe(fc.record({
    kind: maybe(fc.constantFrom(...COLLABORATION_KINDS)),
    area: maybe(fc.constantFrom(...TECHNOLOGY_AREAS)),
    chineseProvider: maybe(fc.boolean()),
    abroad: maybe(fc.boolean()),
  }, { requiredKeys: [] })),
}, { requiredKeys: [] }).map((f) => JSON.parse(JSON.stringify(f)) as Facts);

const dayArb = fc.date({ min: new Date('2023-06-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('property: not_required is always justified by the trace', () => {
  it('holds for random facts on random days', () => {
    fc.assert(fc.property(factsArb, dayArb, (facts, day) => {
      const d = evaluate(rules, facts, day);
      expect(DecisionSchema.parse(d)).toBeTruthy();
      if (d.verdict !== 'not_required') return;
      expect(d.reasons.length).toBeGreaterThan(0);
      const inScope = new Set(rulesInScope(rules, facts).map((r) => r.id));
      for (const r of d.trace) {
        if (!inScope.has(r.ruleId) || r.overriddenBy) continue;
        const rule = rules.rules.find((x) => x.id === r.ruleId);
        // No rule in force may be unknown or true with a stricter verdict, and none of unknown status may match.
        if (r.status === 'in_force') {
          expect(r.match === 'false' || rule?.verdict === 'not_required', `${r.ruleId} on ${day}`).toBe(true);
        }
        if (r.status === 'status_unknown') expect(r.match, `${r.ruleId} on ${day}`).toBe('false');
      }
    }), { numRuns: 3000 });
  });
});

describe('property: every text gets a valid Reply', () => {
  const assistant = newAssistant();
  it('never throws and always validates, for random unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
      const r = assistant.handle(msg(text, 'prop-unicode'));
      expect(ReplySchema.safeParse(r).success).toBe(true);
    }), { numRuns: 400 });
  });

  it('never throws for random mixes of domain words, for long inputs too', () => {
    const words = fc.constantFrom('Dy', 'magnets', 'from', 'China', 'to', 'Germany', 'licence', 'no', 'Tb', 'oxide', 'Vietnam', 'JV', 'military', '0.1%', 'Chinese-origin', 'announcement 61', 'hire', 'ignore', 'previous', '<script>', '🧲');
    fc.assert(fc.property(fc.array(words, { maxLength: 1200 }), (ws) => {
      const r = assistant.handle(msg(ws.join(' '), `prop-words-${ws.length}`));
      expect(ReplySchema.safeParse(r).success).toBe(true);
      if (r.verdict === 'not_required') expect(r.reasons.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });
});
