/**
 * Fifty-first session's readings: a question that only weighs outcomes ("licence or ban?") asks for the decision; a
 * verb that moves goods ("send", "ship", "sell") with an object no list knows moves goods, not know-how, unless the
 * message names know-how, people or written work; drones built to carry weapons are a military end use; the US
 * Bureau of Industry and Security by its names is a foreign regime; a pronoun before "into" stands for the goods a
 * product is made of; a concentrate named by its chemical form is that compound; and goods a later turn has sent to
 * the asker do not leave from the asker's own site. Then: "an alternative to", "a substitute for" name what the goods
 * replace; a day named by its ordinal alone ("ship on the 6th") is in the month the sentence names; and a place of
 * making in an aside after a product, said of a part the aside names, is the product's content. Goods words before a
 * maker's or a buyer's noun describe that party. A yes/no question about rules or procedure, about goods the rules
 * cannot settle, goes to compliance with a case, as a decision question would.
 */
import { describe, expect, it } from 'vitest';
import { mergeFacts } from '../../src/assistant/merge-facts.js';
import { CaseService } from '../../src/cases/case-service.js';
import type { Facts } from '../../src/rules/facts.js';
import { extractShipWhen } from '../../src/nlu/extract-ship-date.js';
import { asksForDecision } from '../../src/nlu/question-form.js';
import { msg, newAssistant, understanding } from '../support/understanding.js';

const read = (text: string) => understanding.understander.understand(text);
const conversation = (asOf: string, ...turns: string[]) => {
  const assistant = newAssistant();
  const id = `sg-${turns.join('|').length}-${turns.length}`;
  return turns.map((t) => assistant.handle({ ...msg(t, id), asOf })).at(-1);
};

describe('a question that only weighs outcomes', () => {
  it.each([
    'Tb oxide for a Korean phosphor line. Licence or ban?',
    'so for the Dy grade: licence or not?',
    'Banned or just licensed?',
    'Allowed or not?',
  ])('asks for the decision: %s', (text) => {
    expect(asksForDecision(text)).toBe(true);
  });

  it.each([
    'What is the difference between the ban or the licence?',
    'Which documents or permits do we need?',
  ])('is not read into a question of another kind: %s', (text) => {
    expect(asksForDecision(text)).toBe(false);
  });

  it('answers a follow-up that weighs licence against ban with the licence the goods need', () => {
    const reply = conversation('2026-03-12', 'Our Chinese plant sells sintered NdFeB with Dy to a Korean appliance maker, washing-machine motors.', 'Nothing military at that customer. Licence or ban?');
    expect(reply?.verdict).toBe('license_required');
  });
});

describe('a verb that moves goods, with an object no list knows', () => {
  it.each([
    'Our Chinese vendor will send the stator laminations to Poland next week.',
    'Can the supplier ship the rotor cores and the Tb magnets to Slovakia in one crate?',
  ])('moves goods, not know-how: %s', (text) => {
    expect(read(text).frame.technology?.kind).toBeUndefined();
  });

  it('still reads know-how the message names as know-how', () => {
    expect(read('Our Chinese partner will send the diffusion parameters to our plant in Poland.').frame.technology?.kind).toBe('technology_transfer');
  });

  it('still reads a paper or a file sent as written work', () => {
    expect(read('A lecturer in Xi\'an offered to send us the PDF of her published article on magnet recycling.').frame.technology?.kind).toBe('technology_transfer');
  });

  it('answers loose Dy magnets sent beside rotor cores as the magnets they are', () => {
    const reply = conversation('2026-04-08', 'Idea from our vendor: send the rotor cores and the Dy magnets in one carton, we bond the magnets in Slovakia. Then it is a rotor set and no licence, right?');
    expect(reply?.verdict).toBe('license_required');
  });
});

describe('drones built to carry weapons', () => {
  it.each(['a weaponized drone', 'an armed UAV', 'a UCAV', 'a strike drone'])('are a military end use: %s', (platform) => {
    const facts = read(`The rotor assemblies from Suzhou go into the actuators of ${platform} we build.`).facts;
    expect(facts.endUses).toContain('military');
  });

  it('leaves a drone named alone undecided', () => {
    expect(read('The rotor assemblies from Suzhou go into the gimbal of a camera drone we build.').facts.endUses ?? []).not.toContain('military');
  });

  it('escalates rotor assemblies for an armed drone instead of clearing them', () => {
    const reply = conversation('2026-05-19', 'Our Chinese supplier delivers rotor assemblies, magnets bonded in, for the fin actuators of an armed UAV we build. Rotors are outside the rules, so we can go ahead?');
    expect(reply?.verdict).not.toBe('not_required');
  });
});

describe('the US Bureau of Industry and Security', () => {
  it.each([
    'Does this re-export of a US-made servo drive from Poland to Georgia need a US BIS (EAR) licence?',
    'Do we need a licence from the Bureau of Industry and Security for the inverter we send to Kazakhstan?',
  ])('is a foreign regime: %s', (text) => {
    expect(read(text).foreignRegime?.name).toBe('US export controls');
  });
});

describe('a pronoun before "into" stands for the goods', () => {
  it('makes the product the goods, made where the magnets were taken', () => {
    const reply = conversation('2025-12-03', 'We import Tb magnets from China into Poland, assemble them into e-bike hub motors and sell the motors to a Dutch brand. Do the motors need a Chinese licence?');
    expect(reply?.facts?.item?.form).toBe('finished_product');
    expect(reply?.verdict).toBe('not_required');
  });
});

describe('a concentrate named by its chemical form', () => {
  it('is a compound, not an ore', () => {
    expect(read('A refiner in Jiangxi offers a mixed rare earth oxalate concentrate, mostly Gd and Tb.').facts.item?.form).toBe('compound');
  });

  it('leaves an ore concentrate an ore', () => {
    expect(read('A trader in Baotou offers bastnaesite ore concentrate.').facts.item?.form).toBe('ore');
  });

  it('needs the licence No. 18 gives a terbium compound', () => {
    const reply = conversation('2026-03-04', 'Our toll refiner in Jiangxi would ship us back a mixed rare earth carbonate concentrate, mainly Tb with some Gd, from our scrap phosphor. Licence needed?');
    expect(reply?.verdict).toBe('license_required');
  });
});

describe('goods a later turn has sent to the asker', () => {
  it('are read as sent to the asker when the turn names no place', () => {
    expect(read('and later they would send us fresh magnets made out of the recovered material').frame.places.sentToAsker).toBe(true);
    expect(read('they would send us fresh magnets from Ningbo').frame.places.sentToAsker).toBeUndefined();
  });

  it('arrive where the earlier goods left from, from a place not said', () => {
    const scrapSent: Facts = { shipFrom: 'US', madeIn: 'US', item: { form: 'magnet', elementsPresent: ['Dy'], chinaOrigin: false } };
    const merged = mergeFacts(scrapSent, { item: { form: 'magnet' } }, { sentToAsker: true });
    expect(merged.destination).toBe('US');
    expect(merged.shipFrom).toBeUndefined();
    expect(merged.madeIn).toBeUndefined();
    expect(merged.item?.chinaOrigin).toBeUndefined();
    expect(merged.item?.elementsPresent).toEqual(['Dy']);
  });

  it('leave the route alone when the turn does not send them to the asker', () => {
    const scrapSent: Facts = { shipFrom: 'US', madeIn: 'US', item: { form: 'magnet', elementsPresent: ['Dy'] } };
    expect(mergeFacts(scrapSent, { item: { form: 'magnet' } }).shipFrom).toBe('US');
  });
});

describe('goods or elements named as what the goods replace', () => {
  it.each([
    ['The vendor proposes cerium-rich magnets as a substitute for our Tb grades.', 'Tb'],
    ['Our supplier now quotes holmium-doped blocks as an alternative to Dy magnets.', 'Dy'],
    ['They suggest La-Ce magnets as a replacement for the Dy grade.', 'Dy'],
  ])('are not in the goods: %s', (text, replaced) => {
    expect(read(text).facts.item?.elementsPresent ?? []).not.toContain(replaced);
  });

  it('leaves an element the goods are said to hold in them', () => {
    expect(read('The vendor proposes Tb-doped magnets as a substitute for ferrite.').facts.item?.elementsPresent).toContain('Tb');
  });
});

describe('a day named by its ordinal alone', () => {
  it('is in the month the sentence names for another day', () => {
    expect(extractShipWhen('The new list starts 8 Nov, so the forwarder will ship on the 5th.')).toEqual({ day: 5, month: 11 });
  });

  it('is no day when it counts things', () => {
    expect(extractShipWhen('In May we ship the 3rd batch of magnets.')).toEqual({ month: 5 });
  });

  it('dates a shipment before a rule that starts later that month', () => {
    const reply = conversation('2025-11-03', 'We bought electrode winding machines from a Chinese maker for our Thai cell plant.',
      'They say No. 58 starts 8 Nov, so they ship on the 5th. Licence needed for that?');
    expect(reply?.verdict).toBe('not_required');
  });
});

describe('a place of making in an aside after a product', () => {
  it('is where a part the aside names was made: the product\'s content', () => {
    const facts = read('We export our Austrian-built scooters (hub motors made in China) to a retailer in Slovenia.').facts;
    expect(facts.madeIn).toBe('AT');
    expect(facts.item?.hasChineseContent).toBe(true);
  });

  it('is where the goods were made when the aside names no part', () => {
    expect(read('We buy servo drives (made in China) for our plant in Brazil.').facts.madeIn).toBe('CN');
  });

  it('leaves the place after the aside to the product', () => {
    const facts = read('we ship our scooters (motors made in China w/ Tb magnets) from Austria to a shop in Slovenia.').facts;
    expect(facts.shipFrom).toBe('AT');
  });
});

describe('goods words before a maker\'s or a buyer\'s noun', () => {
  it('describe the party, not the goods', () => {
    expect(read('We want to sell them to a Polish machine tool builder for civil lathes.').facts.item?.form).toBeUndefined();
  });

  it('leave the magnets named before as the goods', () => {
    const reply = conversation('2025-10-28', 'We keep Chinese SmCo magnets in stock at our warehouse in Antwerp.', 'A Polish machine tool builder wants to buy them, civil use. Chinese licence needed?');
    expect(reply?.facts?.item?.form).toBe('magnet');
    expect(reply?.verdict).toBe('license_required');
  });
});

describe('a yes/no question about the rules, about goods the rules cannot settle', () => {
  it('escalates with a case instead of answering with information alone', () => {
    const service = new CaseService({ db: ':memory:', officers: { slack: [], teams: [], web: ['console'] } });
    const assistant = newAssistant('2026-04-16T09:00:00Z', service);
    const turns = ['Our affiliate in Suzhou sends rotor assemblies to our plant in Izmir - magnets glued in the stack, shaft pressed in.',
      'New customer for those motors is the Turkish army\'s vehicle programme (military trucks). Does that change anything?'];
    const [first, second] = turns.map((t) => assistant.handle({ ...msg(t, 'unsettled-1'), asOf: '2026-04-16' }));
    expect(first?.verdict).toBe('not_required');
    expect(second?.intent.name).toBe('regulation_info');
    expect(second?.verdict).toBe('escalate');
    expect(second?.escalation.state).toBe('opened');
    expect(service.list({ state: 'open' })).toHaveLength(1);
  });
});
