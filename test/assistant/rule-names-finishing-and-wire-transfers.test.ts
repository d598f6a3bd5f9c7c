/**
 * Readings of the forty-third session, each on a phrasing written for these tests: a goods word that names a rule
 * through the trade it governs ("the magnet export ban"); "like" after a word of control status; a change of
 * material whose object stands between verb and "from"; "could you advise?"; know-how sent by wire; a purpose clause
 * that ends in "no licence needed"; the finishing steps of magnet making; precision-motor catalogue names; a short
 * statement after a decision; a consequence question about a supplier's unlicensed shipment; Chinese magnet-shape
 * words; an owner named in a parenthesis.
 */
import { describe, expect, it } from 'vitest';
import { readFrame } from '../../src/nlu/extract-facts.js';
import { msg, newAssistant, sourceIds, understanding } from '../support/understanding.js';

const read = (text: string) => understanding.understander.understand(text);
const frame = (text: string) => readFrame(text, understanding.lexicon, sourceIds).frame;

describe('goods words that name a rule', () => {
  it('reads "the magnet export ban" as the rule when products are the goods', () => {
    const a = newAssistant('2025-09-01T09:00:00Z');
    const r = a.handle(msg('We import magnetic car mounts and phone holders from Dongguan into Riyadh. Does the magnet export ban cover them?', 'rn-1'));
    expect(r.facts?.item?.form).not.toBe('magnet');
    expect(r.verdict).toBe('not_required');
  });

  it('still reads magnets asked about by name with the same words nearby', () => {
    expect(read('Does the magnet export ban cover our Dy magnets from Ningbo?').facts.item).toMatchObject({ form: 'magnet', elementsPresent: ['Dy'] });
  });
});

describe('what goods are compared with', () => {
  it('is not goods after "controlled like"', () => {
    const f = read('We plan to order thulium oxide from Jiangxi for fibre amplifiers. Is it restricted like terbium?').facts;
    expect(f.item?.elementsPresent).toEqual(['Tm']);
  });
});

describe('a change of material', () => {
  it('leaves the material changed from when the thing changed stands between the verb and "from"', () => {
    const f = read('We changed the magnets in our insulin pump motor from NdFeB to SmCo last year. Does the Chinese vendor still need a licence?').facts;
    expect(f.item?.magnetType).toBe('smco');
    expect(f.item?.elementsPresent).not.toContain('Nd');
  });
});

describe('requests to the reader', () => {
  it('reads "would you advise?" as a request, not consulting, so built-in magnets stay goods', () => {
    const r = newAssistant('2025-12-18T09:00:00Z').handle(msg('We purchase finished wall-clock movements from a maker in Shenzhen; the stepping motor rotor in each has a small SmCo magnet fixed inside. The maker asks whether they must apply for an export licence. Would you advise?', 'ra-1'));
    expect(r.facts?.collaboration?.kind).toBeUndefined();
    expect(r.verdict).toBe('not_required');
  });
});

describe('know-how sent by wire', () => {
  it('is know-how, however many goods words its object holds', () => {
    const r = newAssistant('2025-08-05T09:00:00Z').handle(msg('Our partner in Ganzhou will email us their complete NdFeB strip casting + sintering + Tb diffusion process spec (temperatures, times, atmosphere) so our Bilbao shop can make magnets. Fine to receive?', 'wire-1'));
    expect(r.facts?.collaboration?.kind).toBe('technology_transfer');
    expect(r.verdict).toBe('prohibited');
    // Spelt "e-mail", which the tokenizer splits at its hyphen.
    expect(read('Our partner in Ganzhou will e-mail us their complete NdFeB strip casting + sintering + Tb diffusion process spec. Fine to receive?').facts.collaboration?.kind).toBe('technology_transfer');
  });
});

describe('a purpose clause that ends in "no licence needed"', () => {
  it('says a plan to evade when goods are split into parcels', () => {
    const f = frame('Our agent recommends splitting the Tb magnet shipment into 25 small boxes so every box is under the customs attention level and no permit needed. Smart move?');
    expect(f.evasion).toBe(true);
  });

  it('says none without a word of splitting or disguise', () => {
    expect(frame('We ship the Tb magnets in one lot so the paperwork is simple and no extra fees apply.').evasion).toBeUndefined();
  });
});

describe('the finishing steps of magnet making', () => {
  it('escalate training by a Chinese magnet maker on magnetising, which the Catalogue may or may not cover', () => {
    const r = newAssistant('2025-10-25T09:00:00Z').handle(msg('Our assembly team will get a short course at the supplier\'s Baotou site on magnetising and gluing finished magnets into rotor cores. It is not about making magnets. Is No. 62 relevant?', 'fin-1'));
    expect(r.facts?.collaboration).toMatchObject({ kind: 'training', area: 'magnet_finishing' });
    expect(r.verdict).toBe('escalate');
  });

  it('read a repair that redoes a step ("sent back for re-magnetising") as goods, not know-how', () => {
    const f = read('We sent loose SmCo rings back to the Chinese maker for re-magnetising and re-coating. Do they need anything to return them?').facts;
    expect(f.collaboration?.area).toBeUndefined();
    expect(f.item).toMatchObject({ form: 'magnet', magnetType: 'smco' });
  });
});

describe('precision-motor catalogue names', () => {
  it('read "DC micromotors" with a magnet inside as a motor, not loose magnets', () => {
    const r = newAssistant('2025-09-18T09:00:00Z').handle(msg('Our Shenzhen contract maker builds complete coreless DC micromotors with an SmCo magnet inside and ships them to our plant in Lyon for civil dental handpieces. Licence?', 'mm-1'));
    expect(r.facts?.item).toMatchObject({ downstream: 'motor', magnetType: 'smco' });
    expect(r.verdict).toBe('not_required');
  });
});

describe('a short statement after a decision', () => {
  it('answers the question under discussion again when nothing in it is read', () => {
    const a = newAssistant('2026-01-27T09:00:00Z');
    a.handle(msg('Our Suzhou plant has 200 kg of spare terbium magnets; we want to move them to our plant in Penang, no sale.', 'st-1'));
    const r = a.handle(msg('Invoice value is tiny, about USD 18k.', 'st-1'));
    expect(r.intent.name).toBe('part_license');
    expect(r.verdict).toBe('license_required');
  });

  it('answers again when the statement says when the goods move ("the truck is booked")', () => {
    const a = newAssistant('2025-10-20T09:00:00Z');
    a.handle(msg('Our Hamburg store has 500 kg of Chinese-origin dysprosium oxide bought in 2024; a Polish alloy maker wants it. Any Chinese rule?', 'st-3'));
    const r = a.handle(msg('Freight is booked for the last week of October.', 'st-3'));
    expect(r.intent.name).toBe('reexport_license');
    expect(r.verdict).not.toBe('none');
  });

  it('answers its own question again when the reply reads as nothing ("no idea, the vendor never told us")', () => {
    const a = newAssistant('2025-12-10T09:00:00Z');
    const first = a.handle(msg('magnets from China for our crane motors, licence needed?', 'st-4'));
    expect(first.verdict).toBe('need_info');
    const r = a.handle(msg('no idea, the vendor never told us', 'st-4'));
    expect(r.verdict).not.toBe('none');
  });

  it('leaves small talk alone', () => {
    const a = newAssistant('2026-01-27T09:00:00Z');
    a.handle(msg('Our Suzhou plant has 200 kg of spare terbium magnets; we want to move them to our plant in Penang, no sale.', 'st-5'));
    expect(a.handle(msg('weather is awful here today', 'st-5')).verdict).toBe('none');
  });

  it('does not repeat "no licence needed" over what it could not read', () => {
    const a = newAssistant('2026-03-19T09:00:00Z');
    const first = a.handle(msg('can we buy complete BLDC motors from a chinese vendor for our drones', 'st-2'));
    expect(first.verdict).toBe('not_required');
    const r = a.handle(msg('mainly crop spraying clients, plus a tender from the Xyzzy office', 'st-2'));
    expect(r.verdict).not.toBe('not_required');
  });

  it('reads DIU, the US Defense Innovation Unit, as a military end user', () => {
    expect(read('Half the order is for a prototype the DIU is funding.').facts.endUses).toContain('military');
  });
});

describe('a consequence question about a supplier\'s unlicensed shipment', () => {
  it('gets the penalties page ("what can happen to us?")', () => {
    const r = newAssistant('2025-12-01T09:00:00Z').handle(msg('Our vendor in Jiangxi has now told us it sent our Tb magnets out last May with no licence. What can happen to us as the buyer?', 'pen-1'));
    expect(r.intent.name).toBe('license_process');
    expect(r.headline).toContain('Penalties');
  });
});

describe('Chinese magnet-shape words', () => {
  it('read 磁环 and 磁瓦 (ring, arc tile) as magnets, whatever product they are for', () => {
    expect(read('We import encoder 磁环 from a Xiamen vendor to Kaohsiung. Licence?').facts.item?.form).toBe('magnet');
    expect(read('钕铁硼磁瓦 from Ningbo to our motor plant in Hungary').facts.item).toMatchObject({ form: 'magnet', magnetType: 'ndfeb' });
  });
});

describe('an owner named in a parenthesis', () => {
  it('is not where the goods leave from', () => {
    const f = read('Our trading arm in Tianjin (wholly owned by our parent in Austria) plans to ship 20 kg of terbium metal to our Graz lab. Licence?').facts;
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('AT');
  });
});

describe('a buyer named after a comma', () => {
  it('is where the goods go, not where they were made ("Chinese origin, Korean buyer")', () => {
    const f = read('Gd oxide in our Hamburg store, Chinese origin, Turkish buyer. Any licence?').facts;
    expect(f.destination).toBe('TR');
    expect(f.item?.chinaOrigin).toBe(true);
  });

  it('is not an input of a verb in the clause before ("bought in 2023, US buyer")', () => {
    expect(read('Tb metal stock in Genoa, bought in 2023, US buyer. Licence?').facts.destination).toBe('US');
  });
});

describe('our contract manufacturer abroad that goods are sent to', () => {
  it('receives them; it does not make them', () => {
    const f = read('Our vendor in Ningbo says it cannot ship the Tb magnets to our contract manufacturer in Chennai any more.').facts;
    expect(f.destination).toBe('IN');
    expect(f.madeIn).not.toBe('IN');
    expect(f.item?.chinaOrigin).not.toBe(false);
  });

  it('still makes them when it is the subject ("our contract manufacturer in Penang builds the rotors")', () => {
    expect(read('Our contract manufacturer in Penang builds the rotors with Dy magnets.').facts.destination).not.toBe('MY');
  });
});

describe('other countries\' export controls by their own names', () => {
  it('point a question about BIS\'s Affiliates Rule or the UAE\'s EOCN elsewhere', () => {
    const a = newAssistant('2025-11-20T09:00:00Z');
    expect(a.handle(msg('Is our Ganzhou supplier caught by the BIS affiliates rule now that it is paused?', 'fr-1')).intent.name).toBe('out_of_scope');
    expect(a.handle(msg('Does our Jebel Ali hub need an EOCN permit to re-export GPUs to Baku?', 'fr-2')).intent.name).toBe('out_of_scope');
  });

  it('keep China\'s own unreliable entity list in scope', () => {
    const r = newAssistant('2025-11-20T09:00:00Z').handle(msg('Our buyer in Texas may be on the unreliable entity list. We ship Tb magnets from Ningbo to them.', 'fr-3'));
    expect(r.intent.name).toBe('part_license');
  });
});

describe('magnets fixed into a product, said in the past', () => {
  it('are inside it ("the shop glued fresh SmCo segments into our pump rotor")', () => {
    const f = read('The Changzhou shop glued fresh SmCo segments into our pump rotor and will return the rotor to Brno. Licence?').facts;
    expect(f.item).toMatchObject({ downstream: 'rotor_stator_assembly', magnetType: 'smco' });
    expect(f.item?.besideProduct).not.toBe(true);
  });

  it('leave "bonded magnets" a kind of magnet, not a verb of fixing', () => {
    const f = read('The vendor can send bonded NdFeB magnet rings with Dy on their own, not in any module, to our plant in Osaka.').facts;
    expect(f.item?.form).toBe('magnet');
  });
});

describe('container ports and free zones the city gazetteer lacks', () => {
  it('read stock in a Jebel Ali warehouse as held in the UAE, and a port goods are shipped to as their destination', () => {
    expect(read('Chinese-origin Gd oxide stored in our Jebel Ali warehouse; a buyer in Egypt wants 100 kg. Licence?').facts.shipFrom).toBe('AE');
    expect(read('Dy magnets shipped from Ningbo to Laem Chabang for our motor plant.').facts.destination).toBe('TH');
  });

  it('add no everyday word to the known words ("from a Chinese port" is still where goods leave)', () => {
    expect(read('The Dy oxide is re-shipped from a Chinese port to Australia.').facts.shipFrom).toBe('CN');
  });
});

describe('a provider named Chinese in an earlier turn', () => {
  it('stays the Chinese provider when this turn alone reads the know-how as coming into China', () => {
    const a = newAssistant('2026-06-22T09:00:00Z');
    a.handle(msg('Our joint venture in Wuxi has a Chinese partner that produces sintered magnets.', 'dp-1'));
    const r = a.handle(msg('The partner would contribute its NdFeB sintering know-how to the joint venture so it can produce magnets in Wuxi. We in Korea only hold shares. Is that an export?', 'dp-1'));
    expect(r.facts?.collaboration?.chineseProvider).toBe(true);
    expect(r.verdict).not.toBe('not_required');
  });
});
