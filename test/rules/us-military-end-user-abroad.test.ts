/**
 * No. 46 art. 1 (brief R18) for a US military end user the goods reach through another country: the ban names US
 * military users and uses, so a compliance officer decides whether it reaches goods that go first to a plant in
 * Vietnam or France; goods going to the US itself stay with us-military-ban.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { extractFacts } from '../../src/nlu/extract-facts.js';
import { msg, newAssistant, rules, sourceIds, understanding } from '../support/understanding.js';

// An oxide, so that the DFARS magnet clause (which also reads a US military end user) stays out of the way.
const tbOxide = { form: 'oxide', elementsPresent: ['Tb'], compositionComplete: true } as const;

describe('us-military-end-user-abroad', () => {
  it('escalates Chinese Tb oxide going to Vietnam for a US military end user, citing No. 46 art. 1', () => {
    const d = evaluate(rules, { item: { ...tbOxide, elementsPresent: [...tbOxide.elementsPresent] }, shipFrom: 'CN', destination: 'VN', endUser: { kind: 'military', country: 'US' } }, '2026-03-01');
    expect(d.verdict).toBe('escalate');
    expect(d.citations.map((c) => c.source)).toContain('CN-ANN-2024-46');
  });

  it('leaves goods going to the US itself to the ban, and an end user whose country is not said to the military review', () => {
    expect(evaluate(rules, { item: { ...tbOxide, elementsPresent: [...tbOxide.elementsPresent] }, shipFrom: 'CN', destination: 'US', endUser: { kind: 'military', country: 'US' } }, '2026-03-01').verdict).toBe('prohibited');
    const unsaid = evaluate(rules, { item: { ...tbOxide, elementsPresent: [...tbOxide.elementsPresent] }, shipFrom: 'CN', destination: 'VN', endUser: { kind: 'military' } }, '2026-03-01');
    expect(unsaid.verdict).toBe('escalate');
    expect(unsaid.citations.map((c) => c.source)).not.toContain('CN-ANN-2024-46');
  });
});

describe('US military end users read from the question', () => {
  it('reads a US defence prime, Oshkosh Defense and the US Naval Research Laboratory as US military end users', () => {
    const endUser = (text: string) => extractFacts(text, understanding.lexicon, sourceIds).facts.endUser;
    expect(endUser('Tb magnets for a US defense contractor, via our plant in Poland')).toMatchObject({ kind: 'military', country: 'US' });
    expect(endUser('motors we build in Thailand for Oshkosh Defense trucks')).toMatchObject({ kind: 'military', country: 'US' });
    expect(endUser('a chemist at the U.S. Naval Research Laboratory wants 200 g of our Gd oxide')).toMatchObject({ kind: 'military', country: 'US' });
  });

  it('cites No. 46 when Chinese Dy magnets go to a plant in Portugal for a US defence prime\'s actuators', () => {
    const r = newAssistant('2026-03-01T09:00:00Z').handle(msg('Our Porto plant buys Dy magnets from a Chinese supplier for actuators we sell to a US defence prime. OK?', 'us-abroad'));
    expect(['escalate', 'prohibited']).toContain(r.verdict);
    expect(r.citations.map((c) => c.source)).toContain('CN-ANN-2024-46');
  });
});
