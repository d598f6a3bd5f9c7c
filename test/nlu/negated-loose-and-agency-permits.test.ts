/**
 * Forty-sixth session, own phrasings: "nothing loose" after magnets said inside a product keeps them built in; an
 * agency's name opening the words for another country's permit ("a Singapore Customs strategic goods permit") names
 * that country's rules, which Lodestone leaves to the team there.
 */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant, understanding } from '../support/understanding.js';

const understand = (text: string) => understanding.understander.understand(text);

describe('looseness denied', () => {
  it('keeps magnets inside a product when the asker says nothing goes loose', () => {
    const item = understand('They are finished servo motors with resolvers, magnets inside, nothing loose; the buyer is a civil shipyard.').facts.item;
    expect(item?.form).toBe('finished_product');
    expect(item?.besideProduct).toBeUndefined();
  });

  it('still reads magnets said to go loose as bare magnets', () => {
    expect(understand('They are finished servo motors, and the spare magnets go loose in a box.').facts.item?.form).toBe('magnet');
  });
});

describe("another country's agency and its permit", () => {
  it('reads a Singapore Customs strategic goods permit as Singapore\'s own rules', () => {
    const u = understand('Is a Singapore Customs strategic goods permit needed to send our pump motors from Singapore to Laos?');
    expect(u.foreignRegime?.name).toContain('Singapore');
    const r = newAssistant().handle({ ...msg('Is a Singapore Customs strategic goods permit needed to send our pump motors from Singapore to Laos?', 'sg1'), asOf: '2026-05-04' });
    expect(r.verdict).not.toBe('not_required');
  });

  it('still reads "Singapore customs cleared the goods" as no rules of Singapore\'s', () => {
    expect(understand('Singapore customs cleared the goods last week. Do we need a Chinese licence for the next lot of Dy magnets?').foreignRegime).toBeUndefined();
  });
});
