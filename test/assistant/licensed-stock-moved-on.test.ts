/**
 * Stock that came from China under a licence, moved on from where it sits (forty-sixth session, own phrasings): the
 * past clause saying how the goods came ("they were shipped from China", "we purchased … from a Chinese refinery")
 * names where they came from, not where they leave from now; the end user's undertaking then sends the move to
 * compliance (brief §9 ex. 12).
 */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant, understanding } from '../support/understanding.js';

const understand = (text: string) => understanding.understander.understand(text);

describe('licensed stock moved on from abroad', () => {
  it('reads a warehouse abroad as where stock shipped from China earlier leaves from', () => {
    const text = 'Our Penang warehouse holds 300 kg of Tb-grade NdFeB magnets. They were shipped from China last spring under the maker\'s licence, with our Penang plant named as end user. Can we transfer 100 kg to our plant in Hungary?';
    const facts = understand(text).facts;
    expect(facts.shipFrom).toBe('MY');
    expect(facts.item?.chinaOrigin).toBe(true);
    const r = newAssistant().handle({ ...msg(text, 'st1'), asOf: '2026-03-02' });
    expect(r.verdict).toBe('escalate');
  });

  it('reads oxide bought from a Chinese refinery in an earlier year and resold now as leaving from the buyer\'s plant', () => {
    const text = 'We purchased 500 kg of Dy oxide from a Chinese refinery in 2024; it sits at our Ulsan plant. A Japanese customer now wants 200 kg. May we resell it?';
    const facts = understand(text).facts;
    expect(facts.shipFrom).toBe('KR');
    expect(facts.item?.chinaOrigin).toBe(true);
    expect(newAssistant().handle({ ...msg(text, 'st2'), asOf: '2026-04-20' }).verdict).toBe('escalate');
  });

  it('still reads goods bought from China, with nothing moved on, as leaving China', () => {
    expect(understand('The magnets were shipped from China in March to our Penang plant. Did the maker need a licence for them?').facts.shipFrom).toBe('CN');
  });
});
