/**
 * Readings of where goods go and what already happened, on phrasings written for these tests: a route written "A to
 * B", a Chinese exhibitor's fair abroad, a capital city, goods bought from China said after a comma, loose magnets in
 * a kit, a line of magnet making to commission, a service said to touch no production, "no, only …", and listed goods
 * the asker's own side already shipped without a licence.
 */
import { describe, expect, it } from 'vitest';
import { readFrame } from '../../src/nlu/extract-facts.js';
import { msg, newAssistant, sourceIds, understanding } from '../support/understanding.js';

const frame = (text: string) => readFrame(text, understanding.lexicon, sourceIds).frame;

describe('where the goods go', () => {
  it('does not read goods an asker\'s line uses as made where the line is', () => {
    // A "line" named as a place of making made one sealed answer unsafe; goods it uses come from elsewhere.
    expect(frame('Our line in Penang uses Tb-containing NdFeB magnets. Any licence for the magnets?').places.madeIn).toBeUndefined();
  });

  it('reads a site still being set up as where goods bought for it go, not where they are made', () => {
    const f = frame('We are setting up a cathode plant in Hungary.');
    expect(f.places).toMatchObject({ shipTo: 'HU' });
    expect(f.places.madeIn).toBeUndefined();
    expect(f.places.shipFrom).toBeUndefined();
    expect(frame('We are setting up a cathode plant in Hungary and need NCM precursor from China for it.').places).toMatchObject({ shipFrom: 'CN', shipTo: 'HU' });
  });

  it('reads magnets said to be "from China" in goods made elsewhere as Chinese content, not the route', () => {
    const pumps = frame('We build pumps in Mexico. The rotor magnets are from China, about 3 % of the pump value. We sell the pumps to Canada.');
    expect(pumps.places).toMatchObject({ madeIn: 'MX', shipTo: 'CA' });
    expect(pumps.places.shipFrom).not.toBe('CN');
    const inverter = frame('Our Korean-made inverters go to Brazil. Inside are Dy magnets from China, under 1 % of the value.');
    expect(inverter.places).toMatchObject({ madeIn: 'KR', shipTo: 'BR' });
    expect(inverter.places.shipFrom).not.toBe('CN');
  });

  it('reads a route written "Baotou to Rotterdam" as from China to the Netherlands', () => {
    expect(frame('Urgent booking: Gd2O3 powder, Baotou to Rotterdam, 2 t.').places).toMatchObject({ shipFrom: 'CN', shipTo: 'NL' });
  });

  it('takes a Chinese exhibitor\'s goods from China to the fair\'s country, not from the fair', () => {
    const f = frame('A Chinese magnet maker will show SmCo samples at a trade fair in Milan next spring.');
    expect(f.places).toMatchObject({ shipFrom: 'CN', shipTo: 'IT' });
    expect(f.activity).toBe('exhibit');
  });

  it('reads a country\'s capital that smaller towns share as the capital ("our Dublin warehouse")', () => {
    const f = frame('Our Dublin warehouse holds Chinese-made SmCo magnets and a customer in Wales wants 100.');
    expect(f.places.shipFrom).toBe('IE');
  });

  it('reads goods "bought from China" after a comma as bought there, even with an element named between', () => {
    expect(frame('Our input is samarium-cobalt powder with some Gd, bought from China.').places.shipFrom).toBe('CN');
    // "bonded" names the magnets here, not a bonded warehouse the goods sit in.
    expect(frame('The goods are bonded NdFeB granules, purchased from Ningbo.').places.shipFrom).toBe('CN');
  });
});

describe('what the goods are', () => {
  it('reads magnets named bare beside a maker of one family as magnets of that family', () => {
    const r = newAssistant('2026-09-01T09:00:00Z').handle(msg('A Chinese SmCo maker wants to exhibit magnets at a fair in Milan. Licence?', 'fam-1'));
    expect(r.facts?.item?.magnetType).toBe('smco');
    expect(r.verdict).toBe('license_required');
  });

  it('takes goods the asker uses, said to come from a supplier, as bought in loose, not as the product they go into', () => {
    const r = newAssistant('2026-03-01T09:00:00Z').handle(msg('In our servo motors we use SmCo magnets from a supplier in Xiamen. Licence for the magnets?', 'use-1'));
    expect(r.facts?.item?.form).toBe('magnet');
    expect(r.verdict).toBe('license_required');
    // A shape noun and an aside in brackets may stand between the goods and "from".
    const powder = newAssistant('2025-11-12T09:00:00Z').handle(msg('In our small DC motors we use Sm-Fe-N powder (samarium iron nitride) from a Chinese supplier. Licence?', 'use-2'));
    expect(powder.facts?.item?.form).toBe('alloy');
    expect(powder.verdict).toBe('license_required');
  });

  it('knows the large Chinese magnet makers by name as parties in China', () => {
    const u = understanding.understander.understand('Can Zhenghai send us their coating process documents?');
    expect(u.facts.collaboration?.chineseProvider).toBe(true);
  });

  it('reads "our Chinese equipment seller" as the party that provides a line service, not as equipment shipped', () => {
    const u = understanding.understander.understand('Our Chinese equipment seller will send technicians to commission our SmCo magnet line in Mexico. Do we need anything?');
    expect(u.facts.collaboration).toMatchObject({ area: 'production_line_services', chineseProvider: true });
    expect(u.facts.item?.form).not.toBe('equipment');
  });

  it('takes a machine the asker buys for its own operation as the goods, not the operation', () => {
    const f = frame('We plan our own battery pack assembly in Poland and want to buy a cell stacking machine from a Chinese vendor. Licence?');
    expect(f.item?.form).toBe('equipment');
    expect(f.item?.sector).toBe('battery');
  });

  it('reads magnets said loose in a kit\'s list of parts as bare magnets', () => {
    const r = newAssistant('2025-09-15T09:00:00Z').handle(msg('The Xiamen supplier will send the pump rotor unassembled: shaft, sleeve and the Tb-NdFeB magnets loose in a bag. Still like an assembled rotor?', 'rp-1'));
    expect(r.facts?.item?.form).toBe('magnet');
    expect(r.verdict).toBe('license_required');
  });

  it('drops goods the asker takes back with "no, only …"', () => {
    const text = 'We want some Yb:YAG crystals and erbium oxide? no, only the erbium oxide, from a supplier in Ganzhou to Korea.';
    expect(frame(text).item?.elementsPresent).toEqual(['Er']);
    // Erbium items are No. 57's, suspended on this day; a YAG crystal would have gone to compliance.
    expect(newAssistant('2026-03-02T09:00:00Z').handle(msg(text, 'rp-2')).verdict).toBe('not_required');
  });
});

describe('services to a line', () => {
  it('reads helping commission a line that will make magnets as production-line services', () => {
    const f = frame('Once we start making our own SmCo magnets in Texas, our Jiangxi partner will send two technicians to help commission the line.');
    expect(f.technology?.area).toBe('production_line_services');
  });

  it('reads a service said to touch no rare-earth production as no rare-earth technology, but not one on a magnet line', () => {
    expect(frame('A Chinese OEM sends engineers to Norway to replace a gearbox on our hydro turbine; no magnet production is involved.').technology?.area).toBe('no_rare_earth');
    expect(frame('Chinese engineers will repair our magnet coating line in Thailand (no sintering there).').technology?.area).not.toBe('no_rare_earth');
    // ("magnet manufacturing" is magnet production by its other name, forty-eighth session.)
    expect(frame('Our Chinese supplier will coach our Dublin staff on repairing the CT scanner (no magnet manufacturing).').technology?.area).toBe('no_rare_earth');
  });
});

describe('listed goods already exported without a licence', () => {
  it('sends a shipment the asker\'s own side already made without a licence to compliance', () => {
    const r = newAssistant('2025-08-20T09:00:00Z').handle(msg('Our Shenzhen warehouse sent 200 kg of Tb magnets to Malaysia in June without any licence; we only noticed now. What do we do?', 'rp-3'));
    expect(r.facts?.exportedWithoutLicence).toBe(true);
    expect(r.verdict).toBe('escalate');
    expect(r.fired.some((f) => f.ruleId === 'unlicensed-export-made')).toBe(true);
  });

  it('escalates such a shipment however procedural the question ("how do we apply now, which documents?")', () => {
    const r = newAssistant('2025-09-10T09:00:00Z').handle(msg('Our Tianjin branch exported 300 kg of Dy magnets to Korea in June without a licence. How do we apply now, and which documents does MOFCOM want?', 'rp-3b'));
    expect(r.intent.name).toBe('part_license');
    expect(r.verdict).toBe('escalate');
  });

  it('does not read a plan, or another company\'s shipment, as the asker\'s own past export', () => {
    expect(frame('Could we get the Tb magnets shipped without a licence if the order is small?').exportedWithoutLicence).toBeUndefined();
    expect(frame('Our supplier shipped Tb magnets to Malaysia without a licence last year. What penalty could they face?').exportedWithoutLicence).toBeUndefined();
  });
});

describe('who takes part', () => {
  it('reads a Chinese university, or "the Chinese side" that shares something, as a Chinese party providing it', () => {
    expect(frame('Joint research with Fudan University on recycling magnet scrap into new powder; results to be published.').technology?.chineseProvider).toBe(true);
    expect(frame('Joint project on magnet recycling, EU-funded; the Chinese side shares its lab protocols.').technology?.chineseProvider).toBe(true);
  });

  it('reads a Taiwanese city the gazetteer knows exactly, not a Chinese name it nearly spells ("Taoyuan", not Taiyuan)', () => {
    expect(frame('Our Taoyuan plant sinters NdFeB magnets from Australian oxide.').places.madeIn).toBe('TW');
  });

  it('takes "is that a controlled technology?" as the question, not as technology handed over', () => {
    const f = frame('Our Chinese partner drew the stator winding and housing drawings for our pump motor and will send them to us in Turkey. Is that a controlled technology?');
    expect(f.technology?.area).toBe('product_design');
  });

  it('sends goods made abroad with Chinese magnets to compliance when the buyer is on MOFCOM\'s control list', () => {
    const a = newAssistant('2026-05-10T09:00:00Z');
    a.handle(msg('Our Penang plant builds encoder modules with Chinese Dy NdFeB magnets and sells them to Japan.', 'rp-4'));
    const r = a.handle(msg('The buyer is Mitsubishi Heavy Industries, their aero engine unit.', 'rp-4'));
    expect(r.verdict).toBe('escalate');
    expect(r.fired.some((f) => f.ruleId === 'listed-party-chinese-content')).toBe(true);
  });

  // Thirty-eighth session, own phrasing: goods for a civil Japanese user need their No. 18 licence, and 2026 No. 1 is
  // said and cited from its date (brief §9 example 22), never as a ban.
  it('cites 2026 No. 1 for goods from China to a civil Japanese buyer, with the No. 18 licence answer, not a ban', () => {
    const text = 'Tb sputtering targets from our Ningbo supplier to a camera maker in Osaka, civil products only. Licence?';
    const after = newAssistant('2026-03-02T09:00:00Z').handle(msg(text, 'rp-6'));
    expect(after.verdict).toBe('license_required');
    expect(after.citations.map((c) => c.source)).toContain('CN-ANN-2026-01');
    expect(after.reasons.join(' ')).toMatch(/civil users are not banned/);
    // The licence procedure the next steps give (documents, 45 working days) is the Dual-Use Regulations'.
    expect(after.citations.map((c) => c.source)).toContain('CN-DUR-2024');
  });

  // Thirty-eighth session, own phrasing: between 2026 No. 1 (6 Jan 2026) and the listing of Japanese defence units
  // (24 Feb 2026), such a unit is a Japanese military user under No. 1, not a buyer the lists do not yet reach.
  it('sends goods for a listed Japanese defence unit to compliance under 2026 No. 1 before its listing is in force', () => {
    const reply = newAssistant('2026-02-02T09:00:00Z').handle(msg('Our Tianjin plant wants to ship servo drives with Dy magnets to Kawasaki Heavy Industries Aerospace in Gifu. Fine, since drives are downstream?', 'rp-5'));
    expect(reply.verdict).toBe('escalate');
    expect(reply.citations.map((c) => c.source)).toContain('CN-ANN-2026-01');
  });
});

describe('goods already outside China', () => {
  it('reads Chinese-origin stock resold by the asker as held abroad, wherever the stock is (brief §9 example 12)', () => {
    const text = 'Our depot keeps Chinese-origin dysprosium oxide in stock, and a buyer in Morocco wants 50 kg of it. Anything needed from China?';
    const r = newAssistant('2026-03-02T09:00:00Z').handle(msg(text, 'rp-5'));
    expect(r.facts?.heldAbroad).toBe(true);
    // The original No. 18 licence's end-user promise (Regs art. 24) is for compliance to check.
    expect(r.verdict).toBe('escalate');
    expect(r.readAs?.text).toMatch(/already outside China/);
    // In No. 61's window (9 Oct to 6 Nov 2025) the re-export itself needed a licence.
    expect(newAssistant('2025-10-20T09:00:00Z').handle(msg(text, 'rp-6')).verdict).toBe('license_required');
  });

  it('does not read goods a Chinese plant sells from its own stock as held abroad', () => {
    const r = newAssistant('2026-03-02T09:00:00Z').handle(msg('Our Ganzhou plant resells dysprosium oxide from stock to a buyer in Morocco. Licence?', 'rp-7'));
    expect(r.facts?.heldAbroad).toBeUndefined();
    expect(r.verdict).toBe('license_required');
  });
});

