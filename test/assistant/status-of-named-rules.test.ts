/**
 * Forty-sixth session, own phrasings: a turn that names one of the Chinese instruments the rules hold is about those
 * rules, however the classifier reads it, and asking whether it is active again on a day its status is unknown goes
 * to compliance (brief §9 ex. 25).
 */
import { describe, expect, it } from 'vitest';
import { Assistant } from '../../src/assistant/assistant.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Understander } from '../../src/nlu/understand.js';
import { msg, newAssistant, rules, understanding } from '../support/understanding.js';

describe('status of a rule named by its nickname', () => {
  it('escalates "is the extraterritorial rule active again?" after the suspension ran out', () => {
    const r = newAssistant().handle({ ...msg('Is the extraterritorial rule active again?', 'dm1'), asOf: '2026-11-24' });
    expect(r.verdict).toBe('escalate');
    expect(r.citations.map((c) => c.source)).toContain('CN-ANN-2025-61');
  });

  it('answers about the rule a turn names when the classifier reads the turn as off topic', () => {
    // The real understanding throughout, with only the classifier's guess overruled: the turn's intent is what the
    // assistant resolves from the rest of what was read.
    const offTopic: Understander = { ...understanding.understander, understand: (text) => ({ ...understanding.understander.understand(text), intent: 'out_of_scope' }) };
    const a = new Assistant({ rules, understander: offTopic, clock: fixedClock('2026-11-24T09:00:00Z') });
    const r = a.handle({ ...msg('Order to Peru ships 2 Dec. Is the 0.1% rule active again now?', 'dm2'), asOf: '2026-11-24' });
    expect(r.intent.name).toBe('regulation_info');
    expect(r.verdict).toBe('escalate');
  });
});
