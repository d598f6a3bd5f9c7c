/**
 * Fiftieth session's readings: a participle right after a verb of sending describes the goods, so the place after it is
 * where they leave from; goods the asker glues, bonds or mounts at a site arrive there; electrical engineering's
 * "machines" (traction, synchronous, permanent-magnet machines) are motors; steel names no rare earth, and beside
 * rare-earth goods it is their carrier; "anything changed?" asks the answer given again; and goods compared with
 * ("the same problem as the loose magnets") are not the goods asked about. Then: a company whose name holds a
 * shorthand ("JL Mag") is no magnet; goods shipped on a route for a joint project are the question, not the project;
 * a precursor named with a rare earth is its compound; goods the asker makes something else of at a site arrive there;
 * a maker that "made <goods> in X" made them in X; magnets given as a share of a product's value are inside it; a
 * product made of bought magnets and then sent on is the goods, and where the magnets came from is its content.
 */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant, understanding } from '../support/understanding.js';

const facts = (text: string) => understanding.understander.understand(text).facts;
const ask = (text: string, asOf: string, conversation: string) => newAssistant().handle({ ...msg(text, conversation), asOf });
const conversation = (asOf: string, ...turns: string[]) => {
  const assistant = newAssistant();
  const id = `conv-${turns.join('|').length}-${turns.length}`;
  return turns.map((t) => assistant.handle({ ...msg(t, id), asOf })).at(-1);
};

describe('a participle after a verb of sending', () => {
  it('reads "export refined Dy oxide from Malaysia" as leaving Malaysia', () => {
    expect(facts('Our refinery will export refined dysprosium oxide from Malaysia to a Japanese magnet maker.').shipFrom).toBe('MY');
  });

  it('decides goods made abroad with licensed Chinese know-how, shipped from abroad during the suspension', () => {
    const reply = ask('Our extraction circuit runs on a process licensed from a Chinese institute. We export separated dysprosium oxide from Vietnam to a Japanese buyer. Does China\'s direct-product rule reach us?', '2026-03-02', 'mp1');
    expect(reply.verdict).toBe('not_required');
  });
});

describe('goods the asker fixes in place at a site', () => {
  it.each([
    ['We buy the Dy magnet blocks and glue them ourselves in Poland.', 'PL'],
    ['We would buy N52SH segments with Dy and bond them ourselves in Mexico.', 'MX'],
  ])('%s', (text, site) => {
    const read = facts(text);
    expect(read.shipFrom).toBeUndefined();
    expect(read.destination).toBe(site);
  });
});

describe('electric machines', () => {
  it.each([
    'gearless traction machines for lifts',
    'permanent magnet synchronous machines',
    '永磁同步曳引机',
  ])('reads "%s" as motors', (name) => {
    const item = facts(`We import ${name} with Dy magnets in the rotor from Shanghai.`).item;
    expect(item?.downstream).toBe('motor');
  });
});

// The last two pin what the steel entry must not break (they held before it): read as a magnet material of iron, steel
// turned magnets on a steel rim into an alloy and dropped the Dy named in an earlier turn.
describe('steel', () => {
  it('holds no rare earth by its name', () => {
    const reply = ask('Can we import stainless steel wire from Tianjin without any rare-earth licence?', '2026-02-10', 'st1');
    expect(reply.verdict).toBe('not_required');
  });

  it('is the carrier of magnets bonded onto it, not part of their make-up', () => {
    const item = facts('We buy rotor segments from China: Dy magnets bonded onto a steel rim.').item;
    expect(item?.elementsPresent).toEqual(['Dy']);
  });

  it('keeps a later turn about magnets on a steel base plate about the magnets named before', () => {
    const reply = conversation('2025-12-01',
      'Our Chinese supplier sells us spare NdFeB magnets with Dy and Tb for our generators, shipped from Tianjin to Hamburg.',
      'And the magnet modules they sell separately (magnets glued on a steel base plate, we mount them ourselves)?');
    expect(reply?.verdict).not.toBe('not_required');
  });
});

describe('"anything changed?"', () => {
  it('decides the goods under discussion again', () => {
    const reply = conversation('2026-11-20', 'Last spring we asked about Chinese holmium oxide for our lab.', 'Same order again now, anything changed?');
    expect(reply?.verdict).toBe('escalate');
    expect(reply?.citations.map((c) => c.source)).toContain('CN-ANN-2025-57');
  });
});

describe('goods compared with', () => {
  it('does not make "the same problem as the loose magnets" the goods', () => {
    const item = facts('We buy complete speaker drivers (magnet inside) from Dongguan. Is that the same licence problem as the loose magnets?').item;
    expect(item?.form).not.toBe('magnet');
  });
});

describe('a company name that holds a shorthand', () => {
  it('does not read "JL Mag" as magnets', () => {
    expect(facts('Our supplier JL Mag says it now holds a general licence. Are our orders covered?').item?.form).toBeUndefined();
  });

  it('still reads "mags" in chat as magnets', () => {
    expect(facts('need 200 mags with Dy from Ningbo, licence?').item?.form).toBe('magnet');
  });
});

describe('goods shipped for a joint project', () => {
  it('decides the goods, not the project', () => {
    const reply = ask('For our joint research project with a university in Canada, we want 10 kg of Chinese terbium oxide sent from Baotou to their lab. Licence?', '2026-04-14', 'jp1');
    expect(reply.intent.name).toBe('part_license');
    expect(reply.verdict).toBe('license_required');
  });

  it('keeps a co-authored paper a question about the cooperation', () => {
    const reply = ask('Our lab will co-author a basic research paper on Dy magnets with Chinese colleagues, results published openly. Any export issue from the China side?', '2026-04-14', 'jp2');
    expect(reply.intent.name).toBe('collaboration_license');
  });
});

describe('a precursor', () => {
  it.each([
    ['gadolinium contrast-agent precursor', 'Gd'],
    ['Lu precursor for our Lu-177 line', 'Lu'],
  ])('reads "%s" as a compound of %s', (name, element) => {
    const item = facts(`We buy ${name} from a Chinese supplier.`).item;
    expect(item?.form).toBe('compound');
    expect(item?.elementsPresent).toContain(element);
  });

  it('keeps the battery trade\'s cathode precursor a battery material', () => {
    expect(facts('We buy NCM hydroxide precursor from China for our cathode plant.').item?.form).toBe('battery_material');
  });

  it('answers Chinese-origin Gd precursor re-exported while No. 61 applied as more than "no licence"', () => {
    const reply = ask('We want to donate Chinese-origin gadolinium contrast-agent precursor from our stock in Brisbane to a hospital in Fiji. Humanitarian, so no licence?', '2025-10-20', 'pr1');
    expect(reply.verdict).not.toBe('not_required');
  });
});

describe('goods the asker makes something else of at a site', () => {
  it('reads the site as where the goods arrive', () => {
    const read = facts('Is bonded NdFeB powder with terbium controlled? We would like to make our own small magnets in Norway.');
    expect(read.shipFrom).toBeUndefined();
    expect(read.destination).toBe('NO');
  });

  it('does not answer Dy magnets bought in for motors assembled abroad with "no licence"', () => {
    const reply = ask('We buy Dy magnets and assemble the motors in Finland. Do we need a licence?', '2026-03-10', 'mg1');
    expect(reply.verdict).not.toBe('not_required');
  });

  it('keeps a site that makes the goods themselves where they are made', () => {
    expect(facts('We licensed magnet know-how from a Chinese partner and now sinter magnets in our Taoyuan plant.').madeIn).toBe('TW');
  });
});

describe('a maker that made the goods at a place', () => {
  it('reads "made NdFeB magnets in Korea" after a maker as where they were made', () => {
    expect(facts('A Korean magnet maker made NdFeB magnets in Korea with sintering know-how licensed from China. They ship them to us in Thailand.').madeIn).toBe('KR');
  });

  it('does not read a participle describing stock as making there', () => {
    expect(facts('We have Chinese Dy-containing sintered magnets in our Pune store and want to sell some to Sri Lanka.').madeIn).not.toBe('IN');
  });
});

describe('magnets given as a share of a product\'s value', () => {
  it('makes the product the goods', () => {
    const item = facts('Our customer runs a pump plant in Lodz using Chinese Dy magnets (about 3% of pump value) and ships pumps to Norway.').item;
    expect(item?.downstream).toBe('motor');
    expect(item?.chineseContentPercent).toBe(3);
  });

  it('answers the product during the suspension of No. 61 as needing no licence', () => {
    const reply = ask('Our Czech line uses Chinese Dy magnets, 0.5 % of the pump value, in the pumps we export to Norway. Chinese licence?', '2026-02-02', 'pv1');
    expect(reply.verdict).toBe('not_required');
  });

  it('keeps magnets given a share of their own value the goods', () => {
    expect(facts('Our Vietnamese plant makes Dy magnets with Chinese Dy oxide, about 3 % of the magnet value, and sells the magnets to Mexico.').item?.form).toBe('magnet');
  });

  it('keeps a later turn about where a product\'s magnets come from about the product\'s content', () => {
    const reply = conversation('2026-11-12', 'We assemble traction motors in Chennai and export them to Canada. Chinese licence?',
      'The magnets come from Ganzhou and contain Dy, roughly 4% of the motor value.');
    expect(reply?.verdict).not.toBe('not_required');
  });
});

describe('a product made of bought magnets and sent on', () => {
  it('is the goods, shipped from where it is made, with the magnets\' origin as its content', () => {
    const read = facts('Our supplier in Thailand buys Dy magnets from China, assembles the pumps and ships them to us in Spain.');
    expect(read.item?.downstream).toBe('motor');
    expect(read.shipFrom).toBe('TH');
    expect(read.item?.hasChineseContent).toBe(true);
  });

  it('escalates it once the No. 61 suspension has run out', () => {
    const reply = ask('Our supplier in Thailand buys Dy magnets from China, assembles the pumps and ships them to us in Spain. Licence?', '2026-11-20', 'mt1');
    expect(reply.verdict).toBe('escalate');
  });

  it('is the goods when the magnets are put into it and it is sold on', () => {
    const reply = ask('A Mexican customer puts our Chinese Dy magnets into water pumps in Monterrey and sells the pumps to Canada. Do they need a Chinese licence?', '2026-03-03', 'mt2');
    expect(reply.facts?.item?.downstream).toBe('motor');
    expect(reply.verdict).toBe('not_required');
  });

  it('leaves magnet samples shown on a stand and taken back the goods', () => {
    expect(facts('The Chinese supplier wants to show Dy magnet samples on our stand in Hamburg and take them back to China.').item?.form).toBe('magnet');
  });

  it('leaves a customer\'s product made elsewhere a product of the customer\'s', () => {
    expect(facts('Our Dy magnets go to Vietnam, where the customer assembles drones and ships them to Russia.').item?.form).toBe('magnet');
  });
});
