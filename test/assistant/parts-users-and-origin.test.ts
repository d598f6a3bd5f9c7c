/**
 * Goods and users read from names that overlap or come back (thirty-seventh session, own phrasings): a user word inside
 * a longer name of goods ("industrial robot arms"), Japan's Self-Defense Forces as Japanese without "Japan", a part
 * named again with "the" after it was listed inside a product, and goods brought from China then passed on from abroad.
 */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant, understanding } from '../support/understanding.js';

const understand = (text: string) => understanding.understander.understand(text);

describe('user words inside names of goods', () => {
  it('does not read "arms" in "industrial robot arms" as weapons', () => {
    const u = understand('Sm2Co17 rings for the joint encoders of our industrial robot arms, Czech plant, civil automotive work. Licence?');
    expect(u.frame.endUses).not.toContain('military');
  });

  it('still reads arms named as such ("arms and ammunition") as military', () => {
    const u = understand('Sm2Co17 rings for a maker of arms and ammunition in Brno. Licence?');
    expect(u.frame.endUses).toContain('military');
  });
});

describe("Japan's Self-Defense Forces", () => {
  it('reaches 2026 No. 1 for a JSDF user without "Japan" said', () => {
    const r = newAssistant().handle({ ...msg('A JMSDF repair yard wants Tb-grade magnets from our Chinese supplier for its winches. Can we order?', 'sdf1'), asOf: '2026-05-10' });
    expect(r.verdict).toBe('prohibited');
    expect(r.citations.map((c) => c.source)).toContain('CN-ANN-2026-01');
  });
});

describe('a part named again', () => {
  it('takes "the SmCo" after a list of a sensor\'s parts as that part, not loose magnets', () => {
    const u = understand('Gear-tooth sensor units: overmolded body, ASIC, PCB and a tiny SmCo pellet. Built in Huizhou, sold to Korea. Is a licence needed for the SmCo?');
    expect(u.facts.item?.downstream).toBe('formed_sensor');
  });

  it('still takes magnets named again and said to ship loose as loose', () => {
    const u = understand('Gear-tooth sensor units: overmolded body, ASIC, PCB and a tiny SmCo pellet. Built in Huizhou, sold to Korea. We also send the SmCo pellets loose as spares. Licence?');
    expect(u.facts.item?.form).toBe('magnet');
  });
});

describe('loose magnets said not to come', () => {
  it('reads "we never get loose magnets" as no loose magnets, so the rotor is the goods', () => {
    expect(understand('Ours come already glued into the rotor stack, we never get loose magnets.').facts.item?.downstream).toBe('rotor_stator_assembly');
  });

  it('still reads loose magnets that do come as loose', () => {
    expect(understand('The rotors come assembled, and we also get loose magnets as spares.').facts.item?.form).toBe('magnet');
  });
});

describe('where magnets are pressed is no product they go into', () => {
  it('reads SmCo magnets pressed "in China" as bare magnets, and never clears them', () => {
    const u = understand('Our supplier will press the SmCo magnets in China and ship them to Hamburg. Licence?');
    expect(u.facts.item?.form).toBe('magnet');
    const r = newAssistant().handle({ ...msg('Our supplier will press the SmCo magnets in China and ship them to Hamburg. Licence?', 'pr1'), asOf: '2026-05-10' });
    expect(r.verdict).toBe('license_required');
  });

  it('still reads magnets pressed "into the rotor cores" as built in', () => {
    const u = understand('Our supplier will press the SmCo magnets into the rotor cores and ship them to Hamburg. Licence?');
    expect(u.facts.item?.downstream).toBe('rotor_stator_assembly');
  });
});

describe('goods brought from China, passed on from abroad', () => {
  it('reads stock brought "from Ganzhou" and shipped on from Germany as Chinese-origin', () => {
    const a = newAssistant();
    a.handle({ ...msg('We hold 120 kg Tb4O7 from Ganzhou at our Hamburg site.', 'lc1'), asOf: '2025-10-22' });
    const r = a.handle({ ...msg('A Polish buyer wants 30 kg of it next month. Fine to ship from Germany?', 'lc1'), asOf: '2025-10-22' });
    expect(r.facts?.item?.chinaOrigin).toBe(true);
    expect(r.verdict).not.toBe('not_required');
    expect(r.citations.map((c) => c.source)).toContain('CN-ANN-2025-61');
  });
});

describe('formulas typed in lower case', () => {
  it('reads "dy2o3" and "sm2co17" as the oxide and the SmCo material', () => {
    expect(understand('need 20 kg dy2o3 from baotou to our lab in lyon. licence?').facts.item).toMatchObject({ elementsPresent: ['Dy'], form: 'oxide' });
    expect(understand('sm2co17 rings from xiamen to stuttgart, licence?').facts.item?.magnetType).toBe('smco');
  });

  it('answers a lower-case oxide from China as the listed oxide it is', () => {
    const r = newAssistant().handle({ ...msg('tb4o7 from china to our penang lab, 2 kg, civil. licence?', 'lf1'), asOf: '2026-08-05' });
    expect(r.verdict).toBe('license_required');
  });

  it('does not read "eu27" as europium', () => {
    expect(understand('we sell ferrite magnets from ningbo into the eu27 markets. licence?').facts.item?.elementsPresent ?? []).not.toContain('Eu');
  });
});

describe('where goods a verb of making makes are made', () => {
  it('reads "we make a UK actuator with Chinese magnets inside" as made in the UK with Chinese content', () => {
    const u = understand('We build a Dutch gearbox with Chinese SmCo magnets inside.');
    expect(u.facts.madeIn).toBe('NL');
    expect(u.facts.item?.hasChineseContent).toBe(true);
  });
});

describe('a participle describing the goods is no source', () => {
  it('reads "our own separated Tb oxide from Vietnam to Korea" as leaving Vietnam', () => {
    expect(understand('We ship our own separated Tb oxide from Vietnam to a buyer in Korea. Licence?').facts.shipFrom).toBe('VN');
  });

  it('still reads oxide "separated from Chinese concentrate" as Chinese content, not the route', () => {
    expect(understand('Our Dy oxide, separated from Chinese concentrate, goes to Japan. Licence?').facts.shipFrom).not.toBe('CN');
  });
});
