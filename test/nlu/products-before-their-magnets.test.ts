/**
 * Goods read from a product named before its magnets (forty-sixth session, own phrasings): "the magnets in them" after
 * a product named earlier in the message are that product's magnets; a participle after the goods ("tablets assembled
 * in Vietnam to a retailer in Chile") says where they were made; ISO 8373's kinds of robot ("manipulator arms",
 * "SCARA robots") are machines, not weapons.
 */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant, understanding } from '../support/understanding.js';

const understand = (text: string) => understanding.understander.understand(text);

describe('magnets said to sit in a product named before them', () => {
  it('reads the product as the goods, with the magnets built in', () => {
    const item = understand('Our Lisbon office resells smartwatches made in Vietnam. The magnets in them carry Chinese terbium. Licence?').facts.item;
    expect(item?.form).toBe('finished_product');
    expect(item?.downstream).toBe('device');
    expect(item?.besideProduct).toBeUndefined();
  });

  it('keeps a magnetic consumer product one when its magnets are described after it', () => {
    const r = newAssistant().handle({ ...msg('We import magnetic charging pads from a Shenzhen factory. The magnets inside hold some dysprosium. Does the factory need a licence?', 'pm1'), asOf: '2026-02-10' });
    expect(r.verdict).toBe('not_required');
    expect(r.citations.map((c) => c.source)).toContain('CN-FAQ-RE');
  });

  it('still reads magnets said to travel loose as bare magnets', () => {
    const item = understand('We import magnetic charging pads from Shenzhen. The magnets inside ship loose in a bag and hold dysprosium.').facts.item;
    expect(item?.form).toBe('magnet');
  });
});

describe('a participle after the goods', () => {
  it('reads "assembled in" or "built in" before a "to" as where the goods were made', () => {
    for (const [text, made, to] of [
      ['We sell tablets assembled in Vietnam to a retailer in Chile.', 'VN', 'CL'],
      ['We ship e-bikes built in Portugal to dealers in Norway.', 'PT', 'NO'],
    ] as const) {
      const facts = understand(text).facts;
      expect(facts.madeIn, text).toBe(made);
      expect(facts.destination, text).toBe(to);
    }
  });

  it('still reads goods assembled after shipping as going to where they are assembled', () => {
    expect(understand('We ship the rotors and the magnets loose, the magnets get assembled in Mexico.').facts.destination).toBe('MX');
  });
});

describe("ISO 8373's kinds of robot", () => {
  it('does not read "arms" of a manipulator or robot as weapons', () => {
    for (const text of [
      'Injection-molded encoder sensors with a small magnet from Suzhou for our manipulator arms. Licence?',
      'Tb-grade magnets from Ganzhou for the joints of our robotic arms.',
    ]) expect(understand(text).frame.endUses, text).not.toContain('military');
  });
});
