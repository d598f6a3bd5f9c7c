/** Missile and air defence named by its own words and systems is a military end use (forty-seventh session, own phrasings). */
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/nlu/extract-facts.js';
import { msg, newAssistant, sourceIds, understanding } from '../support/understanding.js';

const facts = (text: string) => extractFacts(text, understanding.lexicon, sourceIds).facts;

describe('missile and air defence as a military end use', () => {
  it.each([
    'SmCo magnets from Ningbo for fin actuators of an interceptor.',
    'Tb magnets from China for an air-defence radar upgrade in Poland.',
    'Our gimbal motors go into the NASAMS launcher programme; the magnets come from Xiamen.',
  ])('reads "%s" as military', (text) => {
    expect(facts(text).endUses).toContain('military');
  });

  it('does not read air filters as air defence', () => {
    expect(facts('NdFeB magnets from China for air filters in Lyon.').endUses ?? []).not.toContain('military');
  });

  it('escalates SmCo magnets for interceptors instead of clearing them', () => {
    const reply = newAssistant().handle({ ...msg('Our Chinese distributor holds SmCo 2:17 stock; we want 30 kg for interceptor actuators. Possible?', 'md1'), asOf: '2025-08-05' });
    expect(['escalate', 'prohibited']).toContain(reply.verdict);
  });
});
