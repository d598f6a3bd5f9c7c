/**
 * A question is asked only when some answer to it could clear the case (issue 10, class 7). When every answer leads
 * to a licence or a prohibition, the engine says so now instead of asking.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/rules/engine.js';
import { verdictsOverAnswers, verdictWhateverTheAnswer } from '../../src/rules/whatever-the-answer.js';
import { rules } from '../support/understanding.js';

describe('whatever the answer', () => {
  it('does not ask what kind of cooperation it is when Chinese magnet-making know-how goes abroad: every kind is controlled', () => {
    const facts = { shipFrom: 'CN', collaboration: { area: 'magnet_preparation', chineseProvider: true, abroad: true } } as const;
    const d = evaluate(rules, { ...facts, collaboration: { ...facts.collaboration } }, '2026-05-26');
    // Prohibited for some kinds, a licence for others (a domestic-only training, say): an officer decides.
    expect(d.verdict).toBe('escalate');
    expect(d.reasons[0]).toMatch(/^Whatever the answer on kind of collaboration/);
    expect(d.citations.map((c) => c.source)).toContain('CN-TECHCAT-2023');
    expect(d.missing.map((m) => m.fact)).toContain('collaboration.kind');
  });

  it('still asks who provides the know-how, because a foreign provider clears it', () => {
    const d = evaluate(rules, { destination: 'IN', collaboration: { kind: 'services', area: 'magnet_preparation', abroad: true } }, '2026-08-25');
    expect(d.verdict).toBe('need_info');
    expect(d.missing.map((m) => m.fact)).toContain('collaboration.chineseProvider');
  });

  it('still asks which rare earths a magnet contains: a composition can always clear it', () => {
    const d = evaluate(rules, { shipFrom: 'CN', destination: 'DE', item: { form: 'magnet' } }, '2026-03-01');
    expect(d.verdict).toBe('need_info');
    expect(d.missing.map((m) => m.fact)).toContain('item.elements');
  });

  it('stops trying answers at the first that clears, which is enough to ask, and tries them all when none does', () => {
    let tried = 0;
    const stopped = verdictsOverAnswers(rules, ['item.chinaOrigin', 'item.chineseContent'], (assumed) => {
      tried++;
      return assumed.get('item.chineseContent') === false ? 'not_required' : 'license_required';
    });
    expect(tried).toBe(1); // "no" is tried first
    expect(verdictWhateverTheAnswer(stopped)).toBeUndefined();
    tried = 0;
    const all = verdictsOverAnswers(rules, ['item.chinaOrigin', 'item.chineseContent'], () => {
      tried++;
      return 'license_required';
    });
    expect(tried).toBe(4);
    expect(verdictWhateverTheAnswer(all)).toBe('license_required');
  });

  it('gives the shared verdict when every answer agrees, escalates when they differ, and asks when one clears', () => {
    expect(verdictWhateverTheAnswer(['license_required', 'license_required'])).toBe('license_required');
    expect(verdictWhateverTheAnswer(['prohibited', 'license_required'])).toBe('escalate');
    expect(verdictWhateverTheAnswer(['prohibited', 'not_required'])).toBeUndefined();
    expect(verdictWhateverTheAnswer(['license_required', 'need_info'])).toBeUndefined();
    expect(verdictWhateverTheAnswer(undefined)).toBeUndefined();
  });
});

describe('answers no one can give are not tried', () => {
  it('escalates a product shipped from Thailand holding Chinese magnets after No. 70 ended, without asking where it is made', () => {
    // Made in China or made abroad, every path runs through No. 61, of unknown status on this day; "made abroad: no"
    // with "Chinese origin: no" is no possible answer and must not keep the question open.
    const d = evaluate(rules, { shipFrom: 'TH', destination: 'US', item: { form: 'finished_product', downstream: 'device', elementsPresent: ['Dy'], chineseContentPercent: 0.1, hasChineseContent: true } }, '2026-11-19');
    expect(d.verdict).toBe('escalate');
  });
});

describe('every open path ends with an officer', () => {
  it('escalates a Swiss-made product holding Chinese magnets after No. 70 ended, instead of asking its origin and content', () => {
    // No. 61's paths are of unknown status after 2026-11-10; the end-user commitment, which is in force, can itself
    // only send the case to compliance. No answer makes a licence certain, and the brief says to escalate, not ask.
    const facts = { shipFrom: 'CH', destination: 'US', item: { elementsPresent: ['Sm', 'Co'], magnetType: 'smco', downstream: 'device', form: 'finished_product', hasChineseContent: true } } as const;
    const d = evaluate(rules, { ...facts, item: { ...facts.item, elementsPresent: [...facts.item.elementsPresent] } }, '2026-11-18');
    expect(d.verdict).toBe('escalate');
    expect(d.citations.map((c) => c.source)).toContain('CN-ANN-2025-61');
    // The same goods while No. 61 was suspended: the end-user commitment comes with a No. 18 licence, and a finished
    // product left China (if it did) generally outside No. 18 (brief R2), so nothing is left to ask.
    const before = evaluate(rules, { ...facts, item: { ...facts.item, elementsPresent: [...facts.item.elementsPresent] } }, '2026-08-18');
    expect(before.verdict).toBe('not_required');
    expect(before.missing).toHaveLength(0);
    // Bare SmCo magnets of Chinese origin on that day did leave China under a No. 18 licence: the commitment escalates.
    const magnets = evaluate(rules, { shipFrom: 'CH', destination: 'US', item: { elementsPresent: ['Sm', 'Co'], magnetType: 'smco', form: 'magnet', chinaOrigin: true } }, '2026-08-18');
    expect(magnets.verdict).toBe('escalate');
    expect(magnets.fired.find((r) => r.ruleId === 'end-user-commitment-reexport')?.contributes).toBe('escalate');
  });

  it('still asks when an in-force rule that would require a licence waits on the answer', () => {
    const d = evaluate(rules, { shipFrom: 'CN', destination: 'DE', item: { form: 'magnet' } }, '2026-11-18');
    expect(d.verdict).toBe('need_info');
  });
});

describe('the question for the research carve-out (brief R26)', () => {
  it('asks in words what makes work published or basic research, not a generic "what is the …"', () => {
    const d = evaluate(rules, { collaboration: { kind: 'joint_rnd', chineseProvider: true } }, '2026-03-01');
    const research = d.missing.find((m) => m.fact === 'collaboration.publicOrBasicResearch');
    expect(research?.question).toMatch(/already published.*basic scientific research/);
    expect(research?.choices).toEqual(['Only published results', 'It includes unpublished process data']);
  });
});
