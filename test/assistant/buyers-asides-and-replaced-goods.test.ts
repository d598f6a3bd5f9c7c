/**
 * Readings of the forty-fifth session, on phrasings written for these tests: who buys (a unit of the asker's), an aside
 * that says where stock is now, goods named as replaced, a "supply chain", catalysts not yet calcined, the asker's own
 * refinery or smelter in a message with no rare-earth word, a short statement after a decision, and goods a first turn
 * named by a word the rules do not read; rare-earth minerals and leaching methods as a sign of rare-earth work.
 */
import { describe, expect, it } from 'vitest';
import { extractShipWhen, latestPastDate, resolveShipDate } from '../../src/nlu/extract-ship-date.js';
import { msg, newAssistant, understanding } from '../support/understanding.js';

const read = (text: string) => understanding.understander.understand(text);

describe('a unit of the asker that buys goods from China', () => {
  it('is where the goods go ("our Korean affiliate buys …")', () => {
    const f = read('Our Korean affiliate buys Dy-NdFeB blocks from China and machines them into rotor segments for a navy frigate programme.').facts;
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('KR');
  });

  it('is not one named before a comma that ends its own phrase', () => {
    const f = read('We keep Chinese-made SmCo magnets at our plant, bought from a licensed Chinese exporter, and a Thai customer wants some.').facts;
    expect(f.shipFrom).not.toBe('CN');
  });
});

describe('an aside in brackets after goods bought', () => {
  it('says where the stock is now, which is where it leaves from', () => {
    const f = read('We are selling Chinese-made Tb oxide that we purchased in 2024 (now in our Hamburg warehouse) to a buyer in Poland.').facts;
    expect(f.shipFrom).toBe('DE');
    expect(f.destination).toBe('PL');
  });
});

describe('goods named as replaced', () => {
  it('give none of their elements or grade to the goods asked about', () => {
    const item = read('The vendor proposes a Dy-free N40 grade (Nd, Pr, Fe, B only) rather than N40UH with Dy. Licence then?').facts.item;
    expect(item?.elementsPresent).not.toContain('Dy');
    expect(item?.heavyRareEarthLikely).toBeUndefined();
  });

  it('end at a comma: the goods after it are what is asked about', () => {
    const item = read('They offer magnet powder instead of finished magnets, NdFeB with Tb, for our own pressing in Spain.').facts.item;
    expect(item?.elementsPresent).toContain('Tb');
  });
});

describe('a "supply chain" after a place', () => {
  it('names where the end user is, not a place that supplies', () => {
    const f = read('A broker wants us to move Chinese Tb magnets via Rotterdam to a user in Korea\'s defence supply chain.').facts;
    expect(f.shipFrom).not.toBe('KR');
    expect(f.destination).toBe('KR');
  });
});

describe('catalysts', () => {
  it('are the FAQ\'s calcined catalyst only when said to be calcined, not "not calcined yet" nor a bare "catalyst powder"', () => {
    expect(read('We buy Y-containing catalyst powder from a Chinese maker; it is not calcined yet.').facts.item?.downstream).toBeUndefined();
    expect(read('We buy Y-containing catalyst powder from a Chinese maker.').facts.item?.downstream).toBeUndefined();
    expect(read('We buy calcined Y-containing catalyst powder from a Chinese maker.').facts.item?.downstream).toBe('calcined_catalyst');
  });

  it('not yet calcined, with yttrium, are not cleared by the FAQ', () => {
    const a = newAssistant('2026-03-02T09:00:00Z');
    const r = a.handle(msg('We import yttrium catalyst powder from China for our plant in Oman; it is not calcined yet, we calcine it there.', 'cat-1'));
    expect(r.verdict).not.toBe('not_required');
  });
});

describe('magnetic door and cabinet catches', () => {
  it('are magnetic consumer goods of the FAQ', () => {
    const item = read('Cabinet catches from a Shenzhen factory, each with a small NdFeB magnet with Dy pressed into the plastic body. Licence?').facts.item;
    expect(item?.downstream).toBe('consumer_magnetic_product');
  });
});

describe('the asker\'s own refinery or smelter, in a message with no rare-earth word', () => {
  it('is no rare-earth technology area', () => {
    expect(read('Chinese technicians will service the converter at our copper smelter in Zambia next month.').facts.collaboration?.area).toBeUndefined();
    expect(read('We need hydrotreating catalyst for our refinery from China.').facts.collaboration?.area).toBeUndefined();
  });

  it('still is one when the message names rare earths, or a rare-earth mineral', () => {
    expect(read('Chinese engineers will tune the Dy/Tb solvent-extraction line at our refinery in Malaysia.').facts.collaboration?.area).toBeDefined();
    expect(read('A Chinese geologist will advise on the xenotime at our mine in Malawi.').facts.collaboration?.area).toBe('mining_beneficiation');
  });

  it('is work on no rare earth when the message says so, whatever base metal it names', () => {
    expect(read('Chinese fitters will reline the kiln at our cobalt refinery next month, nothing to do with rare earths.').facts.collaboration?.area).toBe('no_rare_earth');
  });
});

describe('ion-adsorption clay mining', () => {
  it('is mining and beneficiation, by its leaching methods', () => {
    expect(read('Two Chinese consultants will design a heap leach for the ion-adsorption clay deposit we hold in Laos.').facts.collaboration?.area).toBe('mining_beneficiation');
  });
});

describe('after a decision', () => {
  it('a short statement with no question and no word of procedure tells more about the goods', () => {
    const a = newAssistant('2025-12-01T09:00:00Z');
    const first = a.handle(msg('An engineer from our Suzhou office will hand-carry Dy magnet samples to Lyon next week.', 'fu-s45'));
    const r = a.handle(msg('Roughly 300 g, for a bench trial.', 'fu-s45'));
    expect(r.intent.name).toBe(first.intent.name);
    expect(r.verdict).toBe('license_required');
  });

  it('a later turn naming the goods a first turn left unnamed keeps the route that turn said', () => {
    const a = newAssistant('2026-03-02T09:00:00Z');
    a.handle(msg('Our Chinese magnet supplier says buyers in Brazil cannot apply for the licence any more.', 'route-2'));
    const r = a.handle(msg('We are a Brazilian-owned company in Chile, but the end user of the Tb magnets is our factory in Manaus. Is that banned?', 'route-2'));
    expect(r.facts?.shipFrom).toBe('CN');
    expect(r.verdict).toBe('license_required');
  });
});

describe('a shipment said to have left on a day named without its year', () => {
  it('is decided, in a question about the past, under the rules of that day', () => {
    const a = newAssistant('2025-04-15T09:00:00Z');
    const r = a.handle(msg('Our Ningbo vendor shipped the Tb magnets on 1 April, and the new rule started on 4 April. Was that shipment legal?', 'past-1'));
    expect(r.verdict).toBe('not_required');
  });

  it('is that day in the year asked, or the year before when the day is still to come', () => {
    expect(latestPastDate({ month: 4, day: 2 }, '2025-04-10')).toBe('2025-04-02');
    expect(latestPastDate({ month: 4, day: 2 }, '2025-03-01')).toBe('2024-04-02');
    expect(latestPastDate({ month: 4 }, '2025-04-10')).toBeUndefined();
  });
});

describe('a reply to Lodestone\'s questions', () => {
  it('that settles none of them goes to a compliance officer instead of the same questions again', () => {
    const a = newAssistant('2026-03-02T09:00:00Z');
    const first = a.handle(msg('We need magnets from China for our repair shop in Lagos.', 'again-1'));
    expect(first.verdict).toBe('need_info');
    const r = a.handle(msg('They are for old motors, about 40 pieces.', 'again-1'));
    expect(r.verdict).toBe('escalate');
    expect(r.reasons.some((reason) => reason.includes('did not settle'))).toBe(true);
  });

  it('that settles some of them is asked about the rest', () => {
    const a = newAssistant('2026-03-02T09:00:00Z');
    a.handle(msg('We need magnets from China for our repair shop in Lagos.', 'again-2'));
    expect(a.handle(msg('NdFeB, loose.', 'again-2')).verdict).toBe('need_info');
  });
});

describe('a place named with "for" after where goods come from', () => {
  it('is where they go', () => {
    expect(read('i want buy Dy magnets for rewinding from china, for Nairobi').facts.destination).toBe('KE');
  });
});

describe('another country\'s own rules', () => {
  it('asked of two governments joined by "or" are that country\'s, which Lodestone points to', () => {
    const a = newAssistant('2026-03-02T09:00:00Z');
    const r = a.handle(msg('Does Finland or the EU require an export licence when we ship our hearing aids from Helsinki to Brazil?', 'regime-1'));
    expect(r.verdict).toBe('none');
    expect(r.intent.name).toBe('out_of_scope');
  });

  it('include a surtax, a duty by another name', () => {
    const a = newAssistant('2026-03-02T09:00:00Z');
    const r = a.handle(msg('Does Mexico\'s 35% surtax on Chinese steel apply to the motor housings we import from China?', 'regime-2'));
    expect(r.verdict).toBe('none');
    expect(r.reasons.join(' ')).toContain('Duties and taxes');
  });
});

describe('a place name that holds a country\'s name', () => {
  it('is the longer name the gazetteer has ("Lao Cai" is in Vietnam, not Laos)', () => {
    expect(read('A buyer in Japan wants our Dy oxide from Lao Cai.').facts.shipFrom).toBe('VN');
  });
});

describe('subsidies', () => {
  it('are another government\'s incentives, which Lodestone points to', () => {
    const a = newAssistant('2026-03-02T09:00:00Z');
    const r = a.handle(msg('Does the state subsidy for e-buses still apply if the traction motor has a rotor with magnets fitted in China?', 'subsidy-1'));
    expect(r.verdict).toBe('none');
    expect(r.intent.name).toBe('out_of_scope');
  });
});

describe('another country\'s licence named with several modifiers', () => {
  it('is that country\'s export controls, named as people name it', () => {
    const a = newAssistant('2026-03-02T09:00:00Z');
    const r = a.handle(msg('Do we need a Korean strategic goods permit to export our camera modules to Uzbekistan?', 'regime-3'));
    expect(r.verdict).toBe('none');
    expect(r.headline).toContain('South Korea');
    const czech = a.handle(msg('Do we need a Czech dual-use export licence to send our drones to Moldova?', 'regime-4'));
    expect(czech.verdict).toBe('none');
  });
});

describe('goods whose Chinese content is a share of their value', () => {
  it('are not themselves of Chinese origin, so with No. 61 suspended nothing is needed (brief §9 example 13)', () => {
    const a = newAssistant('2026-02-10T09:00:00Z');
    const r = a.handle(msg('Magnets from our Malaysian supplier hold Chinese Tb worth about 3 % of their value; they ship to Poland in March. Anything needed from MOFCOM?', 'share-1'));
    expect(r.facts?.item?.chinaOrigin).toBe(false);
    expect(r.verdict).toBe('not_required');
  });

  it('keep a larger figure, as likely a purity read as a share, from saying anything of origin', () => {
    expect(read('Sc2O3 from a Chinese trader, purity below 99.9%. Licence?').facts.item?.chinaOrigin).not.toBe(false);
  });
});

describe('a year said alone for a shipment', () => {
  it('is read from its first day ("orders for 2027", "next year")', () => {
    expect(resolveShipDate(extractShipWhen('We have orders for 2027 to Korea.'), '2026-10-20')).toBe('2027-01-01');
    expect(resolveShipDate(extractShipWhen('We sell them to Brazil next year.'), '2026-10-20')).toBe('2027-01-01');
  });

  it('decides goods with Chinese content under the rules of that year, which may be unknown', () => {
    const a = newAssistant('2026-10-20T09:00:00Z');
    const r = a.handle(msg('Our Thai plant makes servo motors with Chinese Tb magnets (about 4 % of value); shipments for 2027 to Canada. Licence then?', 'share-2'));
    expect(r.verdict).toBe('escalate');
  });
});

describe('a magnet family named after "any restriction like" or "controls like"', () => {
  it('is what the goods are compared with, not what they are', () => {
    const a = newAssistant('2026-03-02T09:00:00Z');
    const r = a.handle(msg('We import AlNiCo bar magnets for guitar pickups from a Ningbo maker. Any controls like SmCo?', 'like-1'));
    expect(r.facts?.item?.magnetType).not.toBe('smco');
    expect(r.verdict).toBe('not_required');
  });
});
