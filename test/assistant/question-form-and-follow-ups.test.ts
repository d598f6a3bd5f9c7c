/**
 * How a message asks, and what a follow-up changes, on phrasings written for these tests: a statement after a
 * procedure question, a run of question marks, goods said to come back after a test, and a product said made abroad
 * from the magnets named before.
 */
import { describe, expect, it } from 'vitest';
import { asksForDecision } from '../../src/nlu/question-form.js';
import { msg, newAssistant } from '../support/understanding.js';

describe('the form of the question', () => {
  it('reads a statement after a procedure question as no yes/no question ("…, the line will stop")', () => {
    expect(asksForDecision('How many weeks does MOFCOM need for the Tb magnet licence? Our supplier filed last month, the line will stop')).toBe(false);
    const r = newAssistant('2025-08-01T09:00:00Z').handle(msg('How many weeks does MOFCOM need for the Tb magnet licence? Our supplier filed last month, the line will stop', 'qf-1'));
    expect(r.intent.name).toBe('license_process');
  });

  it('still reads a yes/no question typed without its mark ("do we need a licence now")', () => {
    expect(asksForDecision('The suspension ended in November right? so do we need a licence now')).toBe(true);
  });

  it('reads "Is this true??" as one question checking what was said before it', () => {
    expect(asksForDecision('Our supplier says the Dy magnets now need an export licence. Is this true??')).toBe(true);
  });
});

describe('the day a past shipment is decided on', () => {
  it('decides the asker\'s own shipment said to have left without a licence under the rules of the day it names', () => {
    const before = newAssistant('2025-09-01T09:00:00Z').handle(msg('Internal review: we exported Tb oxide from our Baotou plant to Busan on 28 March 2025 without any dual-use licence. Are we exposed?', 'pd-1'));
    expect(before.asOf).toBe('2025-03-28');
    // No. 18 took effect on 2025-04-04 (brief R1).
    expect(before.verdict).toBe('not_required');
    const after = newAssistant('2025-09-01T09:00:00Z').handle(msg('Internal review: we exported Tb oxide from our Baotou plant to Busan on 28 May 2025 without any dual-use licence. Are we exposed?', 'pd-2'));
    expect(after.verdict).toBe('escalate');
  });
});

describe('follow-ups', () => {
  it('keeps the way out as the shipment asked about when the goods are said to come back after a test', () => {
    const a = newAssistant('2025-12-05T09:00:00Z');
    a.handle(msg('Can our Chinese plant send Tb magnets to our lab in Austria?', 'fu-1'));
    const r = a.handle(msg('Only for a two-week test, then the magnets go back to China.', 'fu-1'));
    expect(r.facts).toMatchObject({ shipFrom: 'CN', destination: 'AT' });
    expect(r.verdict).toBe('license_required');
  });

  it('keeps described magnets as the goods when a later turn says the asker builds them into a product here', () => {
    const a = newAssistant('2026-03-25T09:00:00Z');
    a.handle(msg('We need SmCo ring magnets made in Xiamen. Need licence?', 'fu-2'));
    const r = a.handle(msg('loose rings, we assemble them into the motor here in Malaysia', 'fu-2'));
    expect(r.facts?.item?.form).toBe('magnet');
    expect(r.verdict).toBe('license_required');
  });
});

describe('a short yes/no question about "that" after a decision (thirty-eighth session, own phrasings)', () => {
  it('asks the cooperation under discussion again, however the classifier reads it', () => {
    const a = newAssistant('2026-05-05T09:00:00Z');
    a.handle(msg('A Chinese magnet maker would license its sintered NdFeB process to our plant in Austria.', 'fu-3'));
    const r = a.handle(msg('Would that be legal?', 'fu-3'));
    expect(r.intent.name).toBe('collaboration_license');
    expect(r.verdict).toBe('prohibited');
  });

  it('leaves an unrelated question that only mentions "this" off topic', () => {
    const a = newAssistant('2026-05-05T09:00:00Z');
    a.handle(msg('Tb magnets from Ningbo to Chile, licence needed?', 'fu-4'));
    const r = a.handle(msg('Thanks! Unrelated: is the parking garage closed this Monday?', 'fu-4'));
    expect(r.intent.name).toBe('out_of_scope');
  });
});
