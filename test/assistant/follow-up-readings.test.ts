/**
 * Turns that follow a decision and readings of a single message, on phrasings written for these tests: what a
 * follow-up adds (a use, a user in the possessive, an end user named on the original licence, a trace denied, loose
 * spares, goods made from a Chinese input an earlier turn brought in, a later day), and what a message names beside its goods (a
 * comparison, the asker's own place, a product the goods are for, a purpose of the asker's own).
 */
import { describe, expect, it } from 'vitest';
import { extractFacts, readFrame } from '../../src/nlu/extract-facts.js';
import { extractMentionedWhen, resolveShipDate } from '../../src/nlu/extract-ship-date.js';
import { asksForDecision } from '../../src/nlu/question-form.js';
import { msg, newAssistant, sourceIds, understanding } from '../support/understanding.js';

const facts = (text: string) => extractFacts(text, understanding.lexicon, sourceIds).facts;
const frame = (text: string) => readFrame(text, understanding.lexicon, sourceIds).frame;

describe('follow-ups after a decision', () => {
  it('keeps the question when a short statement says what each parcel is worth', () => {
    const a = newAssistant('2025-11-11T09:00:00Z');
    a.handle(msg('Could our Xiamen office courier the SmCo sample magnets to Turin in several small boxes so no licence is needed?', 'fu-parcel'));
    const r = a.handle(msg('Each parcel is worth under 300 EUR anyway.', 'fu-parcel'));
    expect(r.intent.name).toBe('part_license');
    expect(r.verdict).not.toBe('not_required');
    expect(r.verdict).not.toBe('none');
  });

  it('keeps the goods when a follow-up says whose work they are for ("for our magnet R&D", "our alloy lab")', () => {
    const a = newAssistant('2026-06-02T09:00:00Z');
    a.handle(msg('Could the Ganzhou vendor send 5 kg of terbium oxide to us in Izmir?', 'fu-rd'));
    const r = a.handle(msg('that is for our own magnet R&D, civil only', 'fu-rd'));
    expect(r.facts?.item).toMatchObject({ form: 'oxide', elementsPresent: ['Tb'] });
    expect(r.verdict).toBe('license_required');
    expect(facts('it goes to our alloy lab').item?.form).toBeUndefined();
  });

  it('keeps the goods question when a turn with a question mark says who uses them ("installed on naval bases. What now?")', () => {
    const a = newAssistant();
    a.handle(msg('A Chilean distributor wants 300 N45SH blocks with Dy from our Baotou plant for intercom speakers.', 'fu-1'));
    const r = a.handle(msg('Right, and those intercoms are installed on naval bases. What now?', 'fu-1'));
    expect(r.intent.name).toBe('part_license');
    expect(r.verdict).toBe('escalate');
  });

  it('keeps the goods question when a turn names a military user in the possessive ("the Jordanian air force\'s")', () => {
    const a = newAssistant('2026-03-02T09:00:00Z');
    a.handle({ ...msg('Our Lisbon stock holds Chinese-origin Tb magnets, bought last summer; a customer in Amman wants 400.', 'fu-poss'), asOf: '2026-03-02' });
    const r = a.handle({ ...msg('They are for the Jordanian air force\'s trainer jets.', 'fu-poss'), asOf: '2026-03-02' });
    expect(r.intent.name).not.toBe('out_of_scope');
    expect(r.verdict).toBe('escalate');
    expect(r.readAs?.text).toContain('military');
  });

  it('keeps the goods question when a turn says the asker was named end user on the original licence', () => {
    const a = newAssistant('2025-12-20T09:00:00Z');
    a.handle({ ...msg('We hold Chinese-origin dysprosium oxide in Rotterdam and want to move 2 t to our plant in Gdansk.', 'fu-euc'), asOf: '2025-12-20' });
    const r = a.handle({ ...msg('Someone told me No. 61 is on hold now. So no paperwork is needed for the move, correct? For the record, our firm was listed as end user in the original Chinese licence.', 'fu-euc'), asOf: '2025-12-20' });
    expect(['part_license', 'reexport_license']).toContain(r.intent.name);
    expect(r.verdict).toBe('escalate');
    expect(r.citations.some((c) => c.source === 'CN-DUR-2024')).toBe(true);
  });

  it('reads goods made from the Chinese input an earlier turn brought in as leaving from where it went', () => {
    const a = newAssistant('2026-05-11T09:00:00Z');
    a.handle({ ...msg('Our plant in Penang buys dysprosium oxide from China and sinters magnets with it.', 'fu-made'), asOf: '2026-05-11' });
    const r = a.handle({ ...msg('Some of the magnets go to a motor maker in Brazil; Chinese Dy is 2 % of the magnet value. Licence from China?', 'fu-made'), asOf: '2026-05-11' });
    expect(r.readAs?.text).toContain('from Malaysia');
    expect(r.readAs?.text).toContain('to Brazil');
  });

  it('reads loose spares ordered "for these motors" after the motors as goods of their own, not as the motors\' parts', () => {
    const a = newAssistant('2025-10-28T09:00:00Z');
    a.handle({ ...msg('Our boiler-feed pumps in Dammam run on Chinese PM motors.', 'fu-spares'), asOf: '2025-10-28' });
    const r = a.handle({ ...msg('For our stores we would order 50 spare magnet segments for these motors from the same Chinese supplier, same grade with Dy, packed loose. Fine without a licence like the motors?', 'fu-spares'), asOf: '2025-10-28' });
    expect(r.verdict).toBe('license_required');
    expect(r.readAs?.text).toContain('loose, not built into a product');
    expect(r.readAs?.text).not.toContain('built into a product (motor)');
  });

  it('reads what loose magnets are fitted into, here at the asker\'s site, as where they go, not as new goods', () => {
    const a = newAssistant();
    a.handle(msg('We buy SmCo ring magnets for our ion-source cathodes from a maker in Xiamen. Licence?', 'fu-into'));
    const r = a.handle(msg('They come as loose rings; we mount them into the cathode here in Penang.', 'fu-into'));
    expect(r.verdict).toBe('license_required');
    expect(r.readAs?.text).toContain('SmCo');
    expect(r.readAs?.text).not.toContain('from Malaysia');
  });

  it('decides loose spare magnets added to an order of finished assemblies: "that\'s fine too since …?" is a check', () => {
    expect(asksForDecision('We also want 500 loose spare magnets in that box. That is fine as well because it is one order?')).toBe(true);
    expect(asksForDecision("That's allowed too since they're spares?")).toBe(true);
    const a = newAssistant();
    const r1 = a.handle(msg('Our Xiamen factory ships pump rotors with the Dy NdFeB magnets glued in to our plant in Norway.', 'fu-2'));
    expect(r1.verdict).toBe('not_required');
    const r2 = a.handle(msg("They also want 300 spare rotor magnets, loose, in the same crate. That's fine too since it's one shipment?", 'fu-2'));
    expect(r2.intent.name).toBe('part_license');
    expect(r2.verdict).toBe('license_required');
  });

  it('reads a denied trace as an element added on purpose, and keeps the licence answer', () => {
    expect(frame('that dysprosium is no impurity, it is diffused on purpose').item?.traceImpurityOnly).not.toBe(true);
    const a = newAssistant();
    const r1 = a.handle(msg('Tb-diffused NdFeB segments from Ganzhou to our motor plant in Chile, about 0.2 % Tb.', 'fu-3'));
    expect(r1.verdict).toBe('license_required');
    const r2 = a.handle(msg('it is put in on purpose during diffusion, not an impurity', 'fu-3'));
    expect(r2.intent.name).toBe('part_license');
    expect(r2.verdict).toBe('license_required');
  });

  it('asks about the same goods on a later day: "what about after 10 November?"', () => {
    expect(extractMentionedWhen('And after 10 November?')).toEqual({ month: 11, day: 10, after: true });
    expect(resolveShipDate({ month: 11, day: 10, after: true }, '2026-10-06')).toBe('2026-11-11');
    expect(resolveShipDate({ month: 11, day: 30, after: true }, '2026-10-06')).toBe('2026-12-01');
    const a = newAssistant('2026-10-06T09:00:00Z');
    const r1 = a.handle(msg('Our Thai plant ships pumps built in Thailand with Chinese Dy magnets to a customer in France.', 'fu-4'));
    expect(r1.verdict).toBe('not_required');
    const r2 = a.handle(msg('And what about after 10 November?', 'fu-4'));
    expect(r2.verdict).toBe('escalate');
  });
});

describe('a procedure question about goods shipped from China for a military user', () => {
  it('is decided by the rules even when the goods are no words the rules read ("anything special?")', () => {
    const a = newAssistant('2026-05-12T09:00:00Z');
    const r = a.handle(msg('Our contract maker in Dongguan ships ultrasound scanners to our distributor in Sapporo. One new order is for a JGSDF field hospital. Anything special on the Chinese side?', 'mil-1'));
    expect(r.intent.name).toBe('part_license');
    expect(r.verdict).toBe('escalate');
  });
});

describe('what a message names beside its goods', () => {
  it('does not count an element the goods are only compared with ("is it like for Dy?")', () => {
    expect(facts('La-Ce oxide from Baotou to Spain. Is there a licence like for Dy?').item?.elementsPresent).not.toContain('Dy');
    expect(facts('Nd metal to Korea, is the licence the same as with Tb?').item?.elementsPresent).not.toContain('Tb');
    // An amount compared is still there.
    expect(facts('our N48 has less than 0.1 % Dy, ships from Ningbo').item?.elementsPresent).toContain('Dy');
  });

  it('reads no misspelt element into a name of capitalised words ("Semicon Europa"), but keeps one in title case goods', () => {
    expect(facts('Our samples of ferrite rings go to the Hannover Messe and Semicon Europa booths.').item?.elementsPresent ?? []).not.toContain('Eu');
    expect(facts('Please quote Dysprosim Oxide, 50 kg, from Baotou.').item?.elementsPresent).toContain('Dy');
    expect(facts('we need dysprosim oxide from Baotou').item?.elementsPresent).toContain('Dy');
  });

  it('reads "we are a pump maker from Spain" as where the asker is, not where the goods leave from', () => {
    const f = facts('We are a pump maker from Spain. Our supplier in Suzhou says the Dy magnets need a licence.');
    expect(f.shipFrom).toBe('CN');
  });

  it('reads a magnet a product contains "in the blower motor" as built in, even when the product is not a known word', () => {
    const f = facts('We export dehumidifiers made in Cork that contain a SmCo magnet in the fan motor to Egypt.');
    expect(f.item?.form).toBe('finished_product');
    expect(f.item?.magnetType).toBe('smco');
  });

  it('reads an aside in brackets as no subject of the verb after it ("our plant in China (Korean parent) wants to export")', () => {
    const f = facts('Our workshop in China (wholly foreign-owned, Korean parent) wants to export 5 kg of Gd metal to the Korean head office.');
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('KR');
  });

  it('reads "yttrium oxide green phosphor powder" as a phosphor made of the oxide, not as the oxide', () => {
    expect(facts('Terbium-doped yttrium oxide green phosphor powder from Jiangxi to Mexico, licence?').item).toMatchObject({ form: 'phosphor', downstream: 'phosphor' });
    expect(facts('Yttrium oxide powder from Jiangxi to Mexico, licence?').item?.form).toBe('oxide');
  });

  it('reads a party of ours that wants to buy goods as where they go ("our Peruvian mine wants to buy a Chinese …")', () => {
    const f = facts('Our Peruvian mine wants to buy a Chinese solvent extraction unit for a pilot circuit.');
    expect(f.destination).toBe('PE');
  });

  it('keeps a question naming a Chinese announcement in scope, whatever other licence the message names', () => {
    const a = newAssistant();
    a.handle(msg('Chinese-origin Tb oxide sits in our Rotterdam warehouse; a Czech buyer wants 20 kg.', 'fu-5'));
    const r = a.handle(msg('Our import licence paperwork named our Rotterdam company as end user. With No. 61 suspended, may we resell it?', 'fu-5'));
    expect(r.intent.name).toBe('reexport_license');
    expect(r.verdict).toBe('escalate');
  });

  it('reads "so our magnets ship without a licence now?" as asking for the decision', () => {
    expect(asksForDecision('So from next month our Tb magnets ship without a licence?')).toBe(true);
    expect(asksForDecision('What happens if we ship without a licence?')).toBe(false);
    expect(asksForDecision("what's the penalty if someone ships Tb oxide without a licence?")).toBe(false);
  });

  it('keeps a product named inside the end use as end use ("for drive motors in passenger cars")', () => {
    const f = facts('They hold Tb, for the electric traction motors in civil passenger cars.');
    expect(f.item?.form).toBeUndefined();
    expect(f.item?.elementsPresent).toEqual(['Tb']);
  });

  it('reads a service in a purpose clause of the asker\'s own as what the goods are for, not a cooperation', () => {
    const f = facts('The supplier can send the magnet blocks loose so our technicians can repair the old pumps in Peru.');
    expect(f.collaboration?.kind).toBeUndefined();
    expect(f.item?.form).toBe('magnet');
  });

  it('reads what a seller puts on its own website as published information (the unconfirmed carve-out, brief R26)', () => {
    expect(facts('Our Chinese supplier sends us PDF files from its website about its magnet grades. Is receiving them a technology export issue?').collaboration?.publicOrBasicResearch).toBe(true);
    expect(facts('Our Chinese supplier sends us PDF files about its magnet grades. Is receiving them a technology export issue?').collaboration?.publicOrBasicResearch).toBeUndefined();
  });
});

describe('goods made abroad from Chinese parts, and a group of the asker\'s (forty-first session, own phrasing)', () => {
  it('reads products a maker abroad builds with Chinese-made parts as made and sent from there, once their Chinese share is given', () => {
    const a = newAssistant('2026-11-20T09:00:00Z');
    a.handle(msg('Hi, we have a Thai contract manufacturer who builds the fan motors using Chinese Tb magnets.', 'fu-cm'));
    const r = a.handle(msg('They ship the motors to a distributor in Brazil; Chinese content is about 0.08% of the value. Anything needed from MOFCOM?', 'fu-cm'));
    expect(r.facts).toMatchObject({ madeIn: 'TH', shipFrom: 'TH', destination: 'BR' });
    expect(r.verdict).not.toBe('not_required');
  });

  it('reads a site of "our German group\'s" in China as the asker\'s own, where the goods are made and leave from', () => {
    const f = facts("Our German group's subsidiary in Ningbo makes Dy magnets and sends them to our Stuttgart plant.");
    expect(f).toMatchObject({ shipFrom: 'CN', destination: 'DE' });
    expect(f.madeIn).not.toBe('DE');
  });
});

describe('a statement of what the work concerns after a cooperation question (forty-first session, own phrasing)', () => {
  it('keeps the cooperation when "they are SmCo magnets" says what the line under discussion makes', () => {
    const a = newAssistant('2026-04-14T09:00:00Z');
    a.handle(msg('Our Polish plant wants Chinese technicians from the furnace vendor to commission its new magnet line.', 'fu-line'));
    const r = a.handle(msg('They are SmCo magnets, the line makes parts for our pumps', 'fu-line'));
    expect(r.intent.name).toBe('collaboration_license');
    expect(r.verdict).not.toBe('not_required');
  });

  it('still reads a pronoun statement that sends goods somewhere as a goods question', () => {
    const a = newAssistant('2026-04-14T09:00:00Z');
    a.handle(msg('Our Polish plant wants Chinese technicians from the furnace vendor to commission its new magnet line.', 'fu-line2'));
    const r = a.handle(msg('It is also 200 kg of Tb oxide from Baotou to our Gdansk plant', 'fu-line2'));
    expect(r.intent.name).toBe('part_license');
  });
});

describe('an element of the goods under discussion named alone in a follow-up (forty-first session, own phrasing)', () => {
  it('keeps the goods question when a follow-up argues an element of the goods is suspended and asks to go ahead', () => {
    const a = newAssistant('2026-02-10T09:00:00Z');
    a.handle(msg('Our Lyon lab buys Dy oxide from a Baotou trader.', 'fu-elem'));
    const r = a.handle(msg('Dysprosium was in the same October announcement as holmium, so it is also suspended and we can order without licence?', 'fu-elem'));
    expect(r.intent.name).toBe('part_license');
    expect(r.verdict).toBe('license_required');
  });
});
