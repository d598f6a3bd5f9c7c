/**
 * Forty-ninth session's readings: rare-earth mixed oxides named by their oxoanion or formula are compounds; a
 * shipment dated by its departure ("left", "sailed") is decided for that day, and the day a question gives its own
 * shipment wins over other dated lots; stock said to be "from China" (or of Chinese origin) at a plant abroad leaves
 * from that plant; a participle describing the goods says nothing of where they were made; licensing may name a
 * slash-joined process; "Is <country> banned?" is said of the country, not by its government. Then: lasers are
 * finished instruments; magnets ending a list of parts after "with", or in a clause opening on "inside", are built in;
 * a product a later turn names after described material is what the material goes into; foundry ferroalloys are
 * alloys; know-how said to be absent names no cooperation; a department's bracketed place is the asker's, and a
 * supplier that buys goods in is where they leave from.
 */
import { describe, expect, it } from 'vitest';
import { extractShipWhen } from '../../src/nlu/extract-ship-date.js';
import { msg, newAssistant, understanding } from '../support/understanding.js';

const understand = (text: string) => understanding.understander.understand(text);
const facts = (text: string) => understand(text).facts;
const ask = (text: string, asOf: string, conversation: string) => newAssistant().handle({ ...msg(text, conversation), asOf });

describe('mixed oxides of a rare earth', () => {
  it.each([
    ['lanthanum zirconate', 'La'],
    ['europium vanadate', 'Eu'],
    ['yttrium silicate', 'Y'],
    ['Gd2Zr2O7', 'Gd'],
    ['LaCoO3', 'La'],
  ])('reads "%s" as a compound of %s', (name, element) => {
    const item = facts(`We buy ${name} powder for our coating line.`).item;
    expect(item?.form).toBe('compound');
    expect(item?.elementsPresent).toContain(element);
  });

  it('does not read a crystal acronym without numbers (GdCOB) as a formula of a compound', () => {
    expect(facts('We grow GdCOB crystals in our lab.').item?.form).not.toBe('compound');
  });

  it('does not make a compound of an iron garnet formula', () => {
    expect(facts('Y3Fe5O12 spheres for our microwave filters.').item?.form).not.toBe('compound');
  });

  it('answers a No. 18 element in such a compound as a listed compound', () => {
    const reply = ask('Our Madrid coating shop buys gadolinium zirconate from a Chinese maker. Do they need an export licence?', '2026-05-04', 'mx1');
    expect(reply.verdict).toBe('license_required');
    expect(reply.citations.map((c) => c.source)).toContain('CN-ANN-2025-18');
  });
});

describe('a shipment dated by its departure', () => {
  it.each([
    ['The Tb oxide departed Tianjin on 1 April 2025.', { year: 2025, month: 4, day: 1 }],
    ['Our container sailed from Qingdao on 30 March.', { month: 3, day: 30 }],
    ['The lot was loaded at Shanghai on 2 April, arriving in Genoa in May.', { month: 4, day: 2 }],
  ])('%s', (text, expected) => {
    expect(extractShipWhen(text)).toEqual(expected);
  });

  it('decides goods that left before No. 18 began for that day', () => {
    expect(ask('Our Dy oxide left Shanghai on 3 April. Was a licence needed for it?', '2025-04-15', 'mx2').verdict).toBe('not_required');
  });

  it('takes the day the question gives its own shipment, of several dated lots', () => {
    expect(extractShipWhen('The first lot shipped on 1 April, the second was declared 8 April. Did the 8 April shipment need a licence?'))
      .toEqual({ month: 4, day: 8 });
  });

  it('keeps the shipment date when the question names another date of something else', () => {
    expect(extractShipWhen('Deliveries of Eu oxide start in December 2025. Given the notice of 9 October, what happens to these deliveries?'))
      .toEqual({ year: 2025, month: 12 });
  });
});

describe('stock held abroad that came from China', () => {
  it('reads "from China in stock" as where the goods came from, not where they leave from', () => {
    const f = facts('Our Antwerp warehouse has Tb oxide from China in stock. Can we sell it to a buyer in Norway?');
    expect(f.shipFrom).toBe('BE');
    expect(f.item?.chinaOrigin).toBe(true);
  });

  it('reads a holder\'s goods "from China" as stock held where the holder is', () => {
    const f = facts('Our Penang plant holds 2,000 SmCo rings from China; can it pass them to our Vietnam plant?');
    expect(f.shipFrom).toBe('MY');
    expect(f.destination).toBe('VN');
    expect(f.item?.chinaOrigin).toBe(true);
  });

  it('keeps "from <place> stock" as where the goods leave from', () => {
    expect(facts('A trader sells Chinese SmCo magnets from Hamburg stock to our plant in Chile.').shipFrom).toBe('DE');
  });

  it('does not read a plant as where goods were made when they are said to be of Chinese origin', () => {
    const f = facts('Our Monterrey plant resells 800 loose Tb-NdFeB magnets (China origin) to a pump maker in Ohio.');
    expect(f.madeIn).toBeUndefined();
    expect(f.item?.chinaOrigin).toBe(true);
  });

  it('keeps a Chinese origin said of the scrap an oxide came from off the oxide', () => {
    expect(facts('We sell recycled Tb oxide (from scrap of Chinese origin) to Japan.').item?.chinaOrigin).not.toBe(true);
  });
});

describe('a participle describing the goods', () => {
  it('says nothing of where they were made', () => {
    expect(facts('The sintered NdFeB magnets for our pumps, 38SH with Dy, are held at customs. We are in Lyon.').madeIn).toBeUndefined();
  });
});

describe('licensing a slash-joined process', () => {
  it('reads the licence of a leaching/separation process as licensing', () => {
    expect(facts('The Chinese partner will license their leaching/separation process to our plant in Brazil.').collaboration?.kind).toBe('licensing');
  });
});

describe('a country said to be banned', () => {
  it('is asked about as where goods go, not as that government\'s own rules', () => {
    expect(understand('Our Osaka plant makes servo motors with Chinese Dy magnets for Japanese robot makers. Is Japan banned now?').foreignRegime).toBeUndefined();
  });
});

describe('lasers as finished instruments', () => {
  it.each([
    'We export diode-pumped lasers with SmCo magnets in the scanner head to Canada.',
    'Our fiber lasers have small NdFeB magnets inside; they go to Brazil.',
  ])('reads "%s" as a device with its magnets built in', (text) => {
    const item = facts(text).item;
    expect(item?.form).toBe('finished_product');
    expect(item?.downstream).toBe('device');
  });

  it('keeps the gain media materials: a laser crystal and a doped fibre', () => {
    expect(facts('Nd:YAG laser crystals from a grower in Fujian.').item?.form).toBe('crystal');
    expect(facts('We buy Yb-doped fibre for our fibre lasers from Wuhan.').item?.form).toBe('optical_fibre');
  });
});

describe('magnets inside a product, said in a list or in a clause of their own', () => {
  it('reads the last of a list of parts after "with" as inside', () => {
    const item = facts('Our Shenzhen vendor ships encoders moulded with shaft, bearing, PCB and a small NdFeB magnet.').item;
    expect(item?.downstream).toBe('formed_sensor');
  });

  it('does not read a second clause joined by "and" as part of the list', () => {
    expect(facts('A Korean shipyard equips the navy with sonar winches and wants SmCo magnets from our Chinese source.').item?.form).toBe('magnet');
  });

  it('reads magnets a clause opens "inside" on as inside the product named before', () => {
    const item = facts('We resell servo drives made in Italy; inside there are two Tb-NdFeB magnets.').item;
    expect(item?.form).toBe('finished_product');
  });

  it('keeps a crystal said to be inside a product as the crystal, whose classification is open', () => {
    expect(facts('We buy optical isolators from Fujian. Inside is a TGG crystal and two ring magnets.').item?.form).toBe('crystal');
  });
});

describe('a product named in a later turn after described material', () => {
  it('is what the material goes into, not new goods', () => {
    const assistant = newAssistant();
    assistant.handle({ ...msg('Can we buy Gd oxide from a refiner in Ganzhou without them needing a licence?', 'mx3'), asOf: '2026-04-01' });
    const reply = assistant.handle({ ...msg('It goes to our plant in Austria, civil MRI scanners.', 'mx3'), asOf: '2026-04-01' });
    expect(reply.verdict).toBe('license_required');
  });
});

describe('foundry ferroalloys', () => {
  it('reads a rare-earth nodulariser as an alloy', () => {
    const item = facts('We buy a magnesium ferrosilicon nodulariser with 2 % Ce and La from Henan.').item;
    expect(item?.form).toBe('alloy');
  });
});

describe('know-how said not to be there', () => {
  it('reads no cooperation from "no Chinese inputs or know-how" beside goods sold', () => {
    const f = facts('Our refinery in Estonia runs its own solvent-extraction line, no Chinese feed or know-how. We sell Tb oxide to Japan.');
    expect(f.collaboration).toBeUndefined();
    expect(f.item?.form).toBe('oxide');
  });

  it('keeps know-how a preposition ties to what was negated ("no Dy in the recipe")', () => {
    expect(facts('The supplier will email us their recipe, no Tb or Dy in the alloy spec sheet.').collaboration).toBeDefined();
  });
});

describe('who the goods leave from', () => {
  it('reads a place in brackets after "<name> from <department>" as the asker\'s, not where goods come from', () => {
    const f = facts('Hello, Piotr from procurement (Gdańsk, pump motors). Our Xiamen magnet vendor says the 45SH tiles we order now need an export licence.');
    expect(f.shipFrom).toBe('CN');
  });

  it('keeps a supplier that buys goods in as where they leave from', () => {
    const f = facts('Our coil supplier in Suzhou buys small SmCo discs and ships them loose to our plant in Austria.');
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('AT');
  });

  it('still reads a plant that buys goods as where they go', () => {
    expect(facts('A foundry in Ohio buys Y oxide from us.').destination).toBe('US');
  });
});
