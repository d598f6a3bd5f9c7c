/** The extractors on phrasings written for these tests (not the eval scenarios): elements, forms, places, users. */
import { describe, expect, it } from 'vitest';
import { extractFacts, readFrame } from '../../src/nlu/extract-facts.js';
import { extractReferences } from '../../src/nlu/extract-references.js';
import { findPlaces } from '../../src/nlu/extract-places.js';
import { normaliseText, tokenize } from '../../src/nlu/text.js';
import { msg, newAssistant, sourceIds, understanding } from '../support/understanding.js';

const facts = (text: string) => extractFacts(text, understanding.lexicon, sourceIds).facts;
const findPlacesIn = (text: string) => findPlaces(tokenize(normaliseText(text)), understanding.lexicon);

describe('elements', () => {
  it('reads names, symbols in element case, formulas and trade names', () => {
    expect(facts('terbium metal').item?.elementsPresent).toEqual(['Tb']);
    expect(facts('Gd targets').item?.elementsPresent).toEqual(['Gd']);
    expect(facts('10 t of Dy2O3').item).toMatchObject({ elementsPresent: ['Dy'], form: 'oxide' });
    expect(facts('SmCo 2:17 magnets').item).toMatchObject({ magnetType: 'smco', form: 'magnet' });
    expect(facts('some yttria powder').item?.elementsPresent).toEqual(['Y']);
  });

  it('forgives one typo in a long name', () => {
    expect(facts('dysprosim oxide').item?.elementsPresent).toEqual(['Dy']);
    expect(facts('gadolinum metal').item?.elementsPresent).toEqual(['Gd']);
  });

  it('does not read "EU" as europium or "us" as a place', () => {
    expect(facts('magnets for an EU customer, can you help us').item?.elementsPresent ?? []).not.toContain('Eu');
    expect(facts('can you help us with oxide').destination).toBeUndefined();
  });

  it('reads elements said to be absent, and a complete composition', () => {
    expect(facts('neo magnets without any Dy or Tb').item).toMatchObject({ elementsAbsent: ['Dy', 'Tb'] });
    expect(facts('a Tb-free grade').item?.elementsAbsent).toEqual(['Tb']);
    expect(facts('a magnet made of only Nd, Fe and B').item?.compositionComplete).toBe(true);
  });

  it('reads elements denied before a magnet family as what the goods lack, not the family itself', () => {
    expect(facts('quote for no Dy NdFeB rings, grade N45').item).toMatchObject({ elementsPresent: ['Nd', 'Fe', 'B'], elementsAbsent: ['Dy'], form: 'magnet', magnetType: 'ndfeb' });
    expect(understanding.understander.understand('标准品是无镝铽钕铁硼磁钢').facts.item).toMatchObject({ elementsAbsent: ['Dy', 'Tb'], form: 'magnet', magnetType: 'ndfeb' });
    expect(facts('datasheet: no Tb, NdFeB 38SH').item?.elementsPresent).toEqual(['Nd', 'Fe', 'B']);
    // Denied on its own, the family is still denied.
    expect(facts('there is no SmCo in this sensor').item?.elementsAbsent).toEqual(['Sm', 'Co']);
  });
});

describe('forms and downstream goods', () => {
  it('reads "the magnets in the rotor" as magnets built into the product named, not magnets beside it', () => {
    expect(facts('We sell gearmotors to Austria. The magnets in the gearmotor rotor are Chinese NdFeB with Tb.').item).toMatchObject({ form: 'component' });
    expect(facts('We sell gearmotors to Austria, and the spare magnets in a separate box.').item?.form).toBe('magnet');
  });

  it('takes the head noun of the item, not a customer description', () => {
    expect(facts('samarium magnets for a pump maker').item?.form).toBe('magnet');
    expect(facts('gearmotors... no, servo motors with Dy magnets inside').item).toMatchObject({ form: 'finished_product', downstream: 'motor' });
    expect(facts('stator assemblies with bonded magnets').item).toMatchObject({ form: 'component', downstream: 'rotor_stator_assembly' });
  });

  it('marks an unnamed assembly so the rules can ask how far magnets are built in', () => {
    expect(facts('magnet assemblies with terbium from Xiamen').item?.downstream).toBe('other_assembly');
  });
});

describe('places and their roles', () => {
  it('reads origin and destination from cue words, cities and nationality words', () => {
    expect(facts('Tb oxide ex-Ganzhou to a buyer in Mexico')).toMatchObject({ shipFrom: 'CN', destination: 'MX' });
    expect(facts('Lu metal out of Shanghai going to Canada')).toMatchObject({ shipFrom: 'CN', destination: 'CA' });
    expect(facts('our Thai plant makes Sm magnets for a Korean customer')).toMatchObject({ madeIn: 'TH', destination: 'KR' });
  });

  it('reads a site the customer is said to be as where the goods go, not where they leave from', () => {
    const f = facts('Gd oxide, 500 kg, the customer is a Japanese magnet plant. Licence?');
    expect(f.destination).toBe('JP');
    expect(f.shipFrom).toBeUndefined();
    expect(facts('Sc oxide for sputtering targets; end user is a Taiwanese fab.').destination).toBe('TW');
  });

  it('reads an asker who signs as the buyer as where the goods go', () => {
    expect(facts('Brazilian importer here. Chinese Tb oxide for our phosphor line - licence?')).toMatchObject({ destination: 'BR' });
    expect(facts('Brazil buyer: Chinese Tb oxide for our phosphor line - licence?').shipFrom).toBeUndefined();
    // A subsidiary signing holds stock where it sits.
    expect(facts('Korean subsidiary here. We hold Chinese Tb oxide and sell to Japan. Licence?').shipFrom).toBe('KR');
  });

  it('reads a word right after "we" as its verb ("we export our pumps made in Italy"), so the place of making stands', () => {
    expect(facts('We export our pumps made in Italy to a utility in Chile.')).toMatchObject({ madeIn: 'IT', destination: 'CL' });
  });

  it('reads a nationality that describes a material fitted into the goods as content, not as where they go', () => {
    const f = facts('We ship our servo drives (made in Austria, they integrate rotors with Chinese terbium) to a robot maker in Korea.');
    expect(f.destination).toBe('KR');
    expect(f.item?.hasChineseContent).toBe(true);
  });

  it('reads a buyer said to be "with" goods as holding them where it is', () => {
    expect(facts('Antwerp customer with Chinese-made Dy metal, resale to Egypt. Licence?')).toMatchObject({ shipFrom: 'BE', destination: 'EG' });
    expect(facts('A Belgian customer with questions about Dy metal. Licence?').shipFrom).toBeUndefined();
  });

  it('reads where the shipment itself leaves from ahead of a supplier\'s nationality', () => {
    const f = facts('Our Thai distributor wants to sell us Gd oxide that they import from China. Actually the shipment goes directly from China to our site in Lyon.');
    expect(f).toMatchObject({ shipFrom: 'CN', destination: 'FR' });
  });

  it('reads a site of ours that wants, can or will buy or get the goods as where they go', () => {
    const f = facts('Our plant in Ohio wants to buy Tb oxide. Licence?');
    expect(f.destination).toBe('US');
    expect(f.shipFrom).toBeUndefined();
    expect(facts('Our test lab in Leeds can get Dy metal samples next month. Licence?').destination).toBe('GB');
    // Another subject's verb, or a licence got, says nothing of where the goods go.
    expect(facts('Supplier in Zhejiang says we can buy loose magnets or rotors.').destination).not.toBe('CN');
  });

  it('reads the team a message comes from as the asker, not as where the goods leave from', () => {
    expect(facts('A quick one from the Lyon optics team. Our supplier in Ganzhou ships us Tb oxide. Licence?').shipFrom).toBe('CN');
  });

  it('tells Chinese content from a Chinese place', () => {
    const f = facts('our Polish factory uses Chinese terbium worth 1.5% of the motor value, ships to Turkey');
    expect(f.madeIn).toBe('PL');
    expect(f.item?.chineseContentPercent).toBe(1.5);
    expect(f.item?.chinaOrigin).toBe(false);
  });
});

describe('end users and uses', () => {
  it('reads military users from words and from a list of defence companies', () => {
    expect(facts('Gd metal to Rheinmetall').endUser?.kind).toBe('military');
    expect(facts('Gd metal to Rheinmetall').destination).toBe('DE');
    expect(facts('for the navy').endUser?.kind).toBe('military');
    expect(facts('for a non-military customer').endUser?.kind).toBe('civil');
  });

  it('reads arms makers of the SIPRI Top 100 beyond the largest, with their countries', () => {
    expect(facts('SmCo sensors for a Roketsan test stand').endUser).toEqual({ kind: 'military', country: 'TR' });
    expect(facts('Tb magnets in actuators we sell to Navantia').endUser).toEqual({ kind: 'military', country: 'ES' });
    expect(facts('Gd parts, buyer Polska Grupa Zbrojeniowa').endUser?.kind).toBe('military');
  });

  it('reads advanced-chip nodes by their numbers', () => {
    expect(facts('targets for a 7 nm logic fab').endUses).toContain('advanced_logic_chips');
    expect(facts('targets for a 28 nm logic fab').endUses ?? []).not.toContain('advanced_logic_chips');
    expect(facts('for 232-layer NAND').endUses ?? []).not.toContain('advanced_memory_chips');
    expect(facts('for 400-layer NAND').endUses).toContain('advanced_memory_chips');
  });
});

describe('collaboration', () => {
  it('reads the kind, the technology and who provides it', () => {
    expect(facts('our Chinese partner wants to license its strip casting process to us').collaboration)
      .toMatchObject({ kind: 'licensing', area: 'magnet_preparation', chineseProvider: true });
    expect(facts('we will send our own CAD files to the Chinese supplier').collaboration)
      .toMatchObject({ kind: 'technology_transfer', chineseProvider: false });
  });
});

describe('references and dates', () => {
  it('resolves instrument numbers against the source IDs', () => {
    const e = extractFacts('is No. 62 still suspended? and what about the 2026 No. 1', understanding.lexicon, sourceIds);
    expect(e.signals.references.sources).toEqual(expect.arrayContaining(['CN-ANN-2025-62', 'CN-ANN-2026-01']));
  });

  it('reads an as-of date only when the question asks about a date', () => {
    expect(facts('what was the rule as of 20 October 2025 for Tb oxide').asOf).toBe('2025-10-20');
    expect(facts('we shipped in 2025 some Tb oxide').asOf).toBeUndefined();
  });
});

describe('codes', () => {
  it('reads a control code as its element, from rules/items.yaml', () => {
    expect(facts('is 1C904 material from China controlled').item?.elementsPresent).toContain('Tb');
  });

  it('reads a reference HS code that only one listed item uses as its element and form', () => {
    expect(facts('HS 2846901940 from China to Korea').item).toMatchObject({ hsCode: '2846901940', elementsPresent: ['Sm'], form: 'oxide' });
  });

  it('reads a reference HS code shared by two items as a form only', () => {
    const item = facts('HS 2805301910 from China to Korea').item;
    expect(item).toMatchObject({ hsCode: '2805301910', form: 'metal' });
    expect(item?.elementsPresent).toBeUndefined();
  });
});

describe('claims and activity in the frame', () => {
  const frame = (text: string) => extractFacts(text, understanding.lexicon, sourceIds).frame;

  it('keeps a supplier\'s legal claim as said, a fact to check', () => {
    expect(frame('Our supplier says anything under 0.1 % Dy ships without a licence. Ours tests at 0.05 %.').claims)
      .toEqual(['supplier says anything under 0.1 % Dy ships without a licence']);
    expect(frame('Dy magnets from Ningbo to Germany, licence?').claims).toEqual([]);
  });

  it('reads what is being done', () => {
    expect(frame('We ship Dy magnets from Ningbo to Germany').activity).toBe('ship');
    expect(frame('Our Dutch warehouse resells Chinese-origin Tb oxide to the UK').activity).toBe('resell_from_stock');
    expect(frame('Our engineer wants to hand-carry Tb magnet samples in her suitcase to a trade fair').activity).toBe('hand_carry');
    expect(frame('Our Chinese partner wants to license its strip casting process to us').activity).toBe('license');
  });
});

describe('compositions spelled out', () => {
  it('reads a hyphenated list of every element, or an analysis ending in "Fe balance", as the whole composition', () => {
    expect(facts('sintered magnets (La-Ce-Nd-Fe-B, no Dy or Tb)').item?.compositionComplete).toBe(true);
    expect(facts('the certificate lists Nd 29 %, Pr 3 %, B 1 %, Fe balance').item?.compositionComplete).toBe(true);
  });

  it('leaves the family name alone open: NdFeB may hold Dy', () => {
    expect(facts('Nd-Fe-B magnets').item?.compositionComplete).toBeUndefined();
  });

  it('reads a composition that "includes" some elements as open: the rest may be Dy or Tb', () => {
    expect(facts('the alloy composition includes neodymium and praseodymium').item?.compositionComplete).toBeUndefined();
    expect(facts('the alloy composition is neodymium, praseodymium, iron and boron').item?.compositionComplete).toBe(true);
  });
});

describe('several materials in one shipment', () => {
  it('decides on the rare-earth magnet family when a rare-earth-free one is named first', () => {
    expect(facts('a crate with 20 kg of ferrite segments and 2 kg of SmCo rings').item).toMatchObject({ magnetType: 'smco', form: 'magnet' });
  });

  it('does not take list markers for a parenthesis about the product', () => {
    expect(facts('we send (a) complete rotors and (b) loose NdFeB spare magnets with Dy').item).toMatchObject({ form: 'magnet', besideProduct: true });
  });
});

describe('sites that receive the goods', () => {
  it('reads "to a crystal grower in Germany" as where goods go, ahead of a site the purpose names', () => {
    expect(facts('Gd oxide 5N for phosphor trials, our plant in Ganzhou to a lamp maker in Spain. Licence?').destination).toBe('ES');
  });

  it('reads "to a line in a city, country" as the destination', () => {
    expect(facts('we ship Tb oxide from Tianjin to a phosphor line in Ulsan, Korea').destination).toBe('KR');
  });

  it('reads "for our line in X" as where the goods go', () => {
    expect(facts('we buy magnets from Ningbo for our motor line in Puebla').destination).toBe('MX');
  });

  it('does not read a making verb used as an adjective as the place of making', () => {
    const f = facts('PrNd metal from Baotou to our new sintered-magnet plant in Thailand');
    expect(f.madeIn).not.toBe('NL');
    expect(f.destination).toBe('TH');
  });
});

describe('whose rules are asked about', () => {
  const frame = (text: string) => extractFacts(text, understanding.lexicon, sourceIds).frame;
  it('reads "a Chinese export licence" as the regime, not a Chinese party', () => {
    const f = facts('We ship our used sintering furnace from Stuttgart to a magnet maker in Suzhou. Any Chinese export licence needed?');
    expect(f.shipFrom).toBe('DE');
    expect(f.collaboration?.chineseProvider).not.toBe(true);
    expect(frame('Is a Chinese licence needed?').parties).toEqual([]);
  });

  it('reads "does Malaysia (itself) restrict …" as that country\'s own rules, asked as a question', () => {
    const regime = (text: string) => extractFacts(text, understanding.lexicon, sourceIds).signals.foreignRegimeCountry;
    expect(regime('Does Malaysia itself restrict exports of rare-earth carbonate from Kuantan to Japan?')).toBe('MY');
    expect(regime('Does Malaysia restrict exports of rare-earth carbonate from Kuantan to Japan?')).toBe('MY');
    expect(regime('We ship rare-earth carbonate from Kuantan in Malaysia to Japan. Licence?')).toBeUndefined();
  });

  it('counts a Chinese partner in joint research as bringing know-how', () => {
    expect(facts('Our Dutch lab plans joint research on NdFeB magnet recycling with a university in Hefei.').collaboration?.chineseProvider).toBe(true);
  });
});

describe('equipment and the know-how that goes with it', () => {
  it('reads a production line sold with its process documents as a technology transfer', () => {
    const f = facts('We sell our used NdFeB line (jet mill, presses, sintering furnaces, with process docs) from our Anhui plant to a buyer in Malaysia.');
    expect(f.collaboration).toMatchObject({ kind: 'technology_transfer', area: 'magnet_preparation', chineseProvider: true });
  });

  it('does not read documents said not to go with the equipment as a transfer', () => {
    const f = facts('We move a used jet mill from our Baotou plant to our plant in Thailand. Machine only, no documents and no drawings.');
    expect(f.collaboration?.kind).toBeUndefined();
    expect(f.item?.form).toBe('equipment');
  });

  it('takes the cue before an unknown two-word place name in apposition', () => {
    expect(facts('magnets from Ningbo to our plant in Bac Ninh, Vietnam').destination).toBe('VN');
  });
});

describe('goods held abroad', () => {
  it('reads stock bought from China, or exported to us by a Chinese supplier, as Chinese-origin goods', () => {
    expect(facts('Our Antwerp warehouse holds Gd oxide our Chinese supplier shipped to us in 2025; a UK buyer wants some.').item?.chinaOrigin).toBe(true);
    expect(facts('Our Dubai trading arm holds yttrium metal it bought from China.').item?.chinaOrigin).toBe(true);
  });

  it('reads stock a Chinese supplier already sent to the asker as leaving the asker\'s site, not China', () => {
    const f = facts('Our Oslo HQ has a stock of Chinese-origin Tb magnets that the Chinese supplier exported to us under its licence. Can we resell some to Chile?');
    expect(f.shipFrom).toBe('NO');
    expect(f.item?.chinaOrigin).toBe(true);
    // Said of a shipment with no stock held, the supplier's sending is the export asked about.
    expect(facts('Our Chinese supplier shipped us Dy magnets in May without a licence. Is that a problem?').shipFrom).toBe('CN');
  });

  it('reads Chinese inputs of goods made abroad as content, not as the goods being Chinese', () => {
    expect(facts('We are a Polish magnet maker; our magnets contain Dy we bought from China, shipped to Norway.').item?.chinaOrigin).not.toBe(true);
  });

  it('does not take goods followed by a comma and a party noun for a description of the party', () => {
    expect(facts('Rotterdam stock of Chinese SmCo magnets, customer in Egypt wants them').item).toMatchObject({ form: 'magnet', chinaOrigin: true });
  });
});

describe('technology: who provides it, and when', () => {
  it('reads goods made with Chinese tech or know-how by a sender abroad as made where they leave from', () => {
    const f = facts('Our Thai rotor-magnet vendor runs Chinese tech for the pressing; they ship the magnets to our plant in Chennai.');
    expect(f.item?.madeWithChineseTechnology).toBe(true);
    expect(f.madeIn).toBe('TH');
    expect(facts('The Penang supplier sinters the rings with Chinese know-how, then ships them to Osaka.').item?.madeWithChineseTechnology).toBe(true);
  });

  it('reads "the Chinese technology controls" as China\'s rules, not Chinese know-how', () => {
    expect(facts('Our Brno line runs on our own process. The Chinese technology controls are on hold now, right?').item?.madeWithChineseTechnology).toBeUndefined();
  });

  it('reads a furnace shipped from a foreign site to a Chinese subsidiary as provided from abroad', () => {
    expect(facts('We will ship our used sintering furnace from our plant in Austria to our subsidiary in Zhejiang.').collaboration?.chineseProvider).toBe(false);
  });

  it('reads "our" know-how passed to a Chinese party as ours to give, unless our own site named is in China', () => {
    expect(facts('A Chinese institute has asked us to send our coating process sheets to them.').collaboration?.chineseProvider).toBe(false);
    expect(facts('Our Baotou factory wants to send our separation process sheets to a Canadian buyer.').collaboration?.chineseProvider).toBe(true);
  });

  it('reads Chinese know-how bought years ago and used abroad as goods made with Chinese technology, not a transfer now', () => {
    const f = facts('Our plant in Ohio sells NdFeB magnets to Canada; the process package and furnace settings were bought from a Chinese equipment maker in 2021.');
    expect(f.collaboration).toBeUndefined();
    expect(f.item?.madeWithChineseTechnology).toBe(true);
  });

  it('reads an input "from China" after "using" as content, not the route', () => {
    const f = facts('Our plant in Penang makes Dy magnets using Dy oxide from China and sells them to India.');
    expect(f.shipFrom).not.toBe('CN');
    expect(f.item?.chinaOrigin).not.toBe(true);
  });
});

describe('armed forces and claimants', () => {
  it('reads a country right before its armed forces as the (military) destination', () => {
    const f = facts('Our Xiamen plant has an order for SmCo magnets; the buyer is the US Navy depot in Norfolk.');
    expect(f.destination).toBe('US');
    expect(f.endUser?.kind).toBe('military');
  });

  it('does not read a consultant who makes a claim as a consulting cooperation', () => {
    expect(facts('Our consultant says Sm2Co17 blocks from Xiamen need no licence any more.').collaboration).toBeUndefined();
  });
});

describe('where the technology goes, and who gives it', () => {
  it('does not read Chinese persons alone as work done only in China', () => {
    const f = facts('We are building a new magnet line in Bavaria. The Chinese equipment vendor will send technicians to commission it and train our operators. Any Chinese export control issue?');
    expect(f.collaboration?.domesticOnly).toBeUndefined();
    expect(f.collaboration?.abroad).not.toBe(false);
  });

  it('does not take "nothing leaves China" for domestic: foreign visitors trained in China receive an export', () => {
    expect(facts('Three engineers from our Korean customer will be trained at our Ganzhou plant on solvent extraction; nothing leaves China.').collaboration?.domesticOnly).toBeUndefined();
  });

  it('does not take the asker\'s Chinese supplier for the asker\'s own unit in China', () => {
    const f = facts('Could you advise, please? Next month two of our buyers audit our Chinese magnet vendor in Baotou, and the vendor will walk us through its diffusion line and hand over the process specifications.');
    expect(f.collaboration?.chineseProvider).toBe(true);
    expect(f.collaboration?.domesticOnly).toBeUndefined();
  });

  it('still reads Chinese staff trained at a plant in China as domestic', () => {
    expect(facts('Chinese engineers will train Chinese operators at our plant in Baotou on NdFeB pressing.').collaboration?.domesticOnly).toBe(true);
  });

  it('reads "would give us the know-how" with a Chinese partner as the Chinese side providing', () => {
    expect(facts('We plan to buy 30 % of a magnet maker in Ganzhou; the JV contract would give us their process know-how for our plant in Osaka.').collaboration?.chineseProvider).toBe(true);
  });

  it('does not read an infinitive "to" as a destination', () => {
    expect(facts('We plan to sell our NdFeB line in Ningbo to a company in India.').destination).toBe('IN');
  });
});

describe('goods named as already dealt with (twenty-fourth session, own phrasing)', () => {
  it('reads the goods after "besides the catalyst" or "apart from the rotors" as the goods asked about', () => {
    expect(facts('Besides the FCC catalyst, our pilot unit now needs 20 kg of lanthanum oxide from Baotou. Licence?').item).toMatchObject({ form: 'oxide', elementsPresent: ['La'] });
    expect(facts('Apart from the finished rotors we also want 40 spare Dy magnets from Ningbo. Licence?').item).toMatchObject({ form: 'magnet', elementsPresent: ['Dy'] });
  });
});

describe('MRI systems by their plural and their apparatus name (twenty-fourth session, own phrasing)', () => {
  it('reads refurbished MRIs as devices, and MRI contrast not as a device', () => {
    expect(facts('We resell refurbished MRIs with Chinese Dy magnets to clinics in Switzerland.').item).toMatchObject({ form: 'finished_product', downstream: 'device' });
    expect(facts('We fill gadolinium MRI contrast from a Jiangsu API maker.').item?.downstream).toBeUndefined();
  });
});

describe("a group's own company in China (twenty-fourth session, own phrasing)", () => {
  it('reads a WFOE the asker\'s group owns as a site in China, and what it makes as the goods', () => {
    const f = facts('Our Swiss holding owns a WFOE in Suzhou that makes SmCo rings. We move them to our plant in Graz as an internal transfer. Licence needed?');
    expect(f.item).toMatchObject({ form: 'magnet', magnetType: 'smco' });
    expect(f).toMatchObject({ shipFrom: 'CN', destination: 'AT' });
    // What a customer's plant makes is still the customer's product.
    expect(facts('We sell Dy oxide to a customer with a plant in Penang that makes magnets.').item?.form).toBe('oxide');
  });
});

describe('magnets called loose where they are named (twenty-fourth session, own phrasing)', () => {
  it('reads "our pumps use loose Tb magnets from Ganzhou" as the magnets, not the pumps', () => {
    const f = facts('Our dosing pumps use loose Tb magnets from a Ganzhou vendor. Vendor says an export licence is needed now. Really?');
    expect(f.item).toMatchObject({ form: 'magnet', elementsPresent: ['Tb'] });
    expect(f.shipFrom).toBe('CN');
    expect(facts('The blower motors for our kiln controllers use loose SmCo magnets bought from Ningbo. Licence?').item?.form).toBe('magnet');
    // Magnets said to be used by a product someone ships, with nothing said loose, stay inside it.
    expect(facts('The blower motors for our kiln controllers use SmCo magnets; a Ningbo plant ships the motors to us. Licence?').item?.form).toBe('finished_product');
  });
});

describe('goods said to replace others, and a defence ministry by its abbreviation (twenty-third session, own phrasing)', () => {
  it('reads the goods after "instead of loose magnets" as the goods, and the loose magnets as none', () => {
    expect(facts('Rather than loose NdFeB magnets, our Suzhou vendor could deliver finished motor rotors with the shaft fitted.').item).toMatchObject({ form: 'component', downstream: 'rotor_stator_assembly' });
    expect(facts('Instead of loose magnets we would buy complete rotors from Ningbo.').item?.form).toBe('component');
  });

  it('reads an oxide by its own name ("lanthana", "ceria") as naming its whole composition, as "lanthanum oxide" does', () => {
    expect(facts('We sell lanthana powder to a glass works in Italy.').item).toMatchObject({ elementsPresent: ['La'], form: 'oxide', compositionComplete: true });
    expect(facts('Ceria polishing slurry for a lens maker in Korea.').item?.compositionComplete).toBe(true);
  });

  it('reads a ministry of defence written "MoD" as a military end user', () => {
    expect(facts('The stators go to a contractor whose only client is the UK MoD.').endUser?.kind).toBe('military');
  });
});

describe('sites that want goods, and signatures (twenty-third session, own phrasing)', () => {
  it('reads a country after a comma and a capitalised name as that party\'s, where goods for it go (twenty-third session)', () => {
    expect(facts('Our Xiamen plant sends Tb magnets for a sonar programme of Nordwind Akustik Systems, Norway.').destination).toBe('NO');
    expect(facts('We buy Dy oxide from Lynas Rare Earths, Malaysia.').destination).toBeUndefined();
  });

  it('reads "our Taiwan fabs want Lu targets" as the fabs receiving them', () => {
    expect(facts('Our Taiwan fabs want Lu targets from a Ningbo maker.').destination).toBe('TW');
  });

  it('reads "Hello all, distributor in Portugal here." as the asker signing, after a greeting, not as a destination', () => {
    expect(facts('Hello all, distributor in Portugal here. We hold Chinese-origin Tb magnets bought last year.').destination).toBeUndefined();
  });
});

describe('where stock came from, and orders', () => {
  it('reads "bought last year from a Chinese supplier" as where the stock came from, not the route', () => {
    const f = facts('Our Venlo (Netherlands) warehouse holds terbium oxide we bought last year from a Chinese supplier. A UK customer wants 100 kg.');
    expect(f.shipFrom).toBe('NL');
    expect(f.item?.chinaOrigin).toBe(true);
  });

  it('reads a store or stockroom as where stock is held, not where it was made (twenty-third session, own phrasing)', () => {
    const f = facts('We have some 300 kg of Chinese Dy-containing sintered magnets in our Chennai store. Plan is to sell part of it, loose, to our unit in Bangladesh.');
    expect(f.shipFrom).toBe('IN');
    expect(f.madeIn).toBeUndefined();
    expect(f.item?.chinaOrigin).toBe(true);
  });

  it('reads "a PO from a depot for SmCo magnets" as naming the item', () => {
    expect(facts('We got a PO from a depot in Norfolk for SmCo 2:17 magnets from our Shanghai plant.').item).toMatchObject({ form: 'magnet', magnetType: 'smco' });
  });
});

describe('two rare-earth-free families', () => {
  it('keeps the composition complete when every family named spells out its make-up', () => {
    expect(facts('Y30 ferrite arcs and cast AlNiCo 5 rods from Hangzhou to Brazil').item?.compositionComplete).toBe(true);
    expect(facts('ferrite and NdFeB magnets from Ningbo to Germany').item?.compositionComplete).toBeUndefined();
  });
});

describe('two rare-earth magnet families as lines of one order', () => {
  it('decides on the SmCo line, which No. 18 lists whatever its grade, not on a Dy-free NdFeB line', () => {
    const item = facts('Quote for two items from Xiamen: 1) N35 NdFeB blocks without any Dy or Tb, 2) Sm2Co17 discs for encoders.').item;
    expect(item).toMatchObject({ magnetType: 'smco' });
    expect(facts('Sintered NdFeB arcs with 2 % Dy from Ningbo to Spain').item).toMatchObject({ magnetType: 'ndfeb' });
  });
});

describe('makers the asker buys from', () => {
  it('reads "a Korean magnet maker we buy from" as the seller, where the magnets are made', () => {
    const f = facts('A Korean magnet maker we buy from uses Chinese-licensed sintering technology. They ship magnets to our plant in Germany.');
    expect(f.shipFrom).toBe('KR');
    expect(f.madeIn).toBe('KR');
    expect(f.destination).toBe('DE');
  });

  it('reads bare magnets as the family the asker\'s own supplier is named for', () => {
    expect(facts('Can our Chinese SmCo vendor send the magnets directly to our gyro shop in Ohio?').item).toMatchObject({ form: 'magnet', magnetType: 'smco' });
    // Magnets named with their own make-up keep it.
    expect(facts('Our SmCo supplier in Ningbo also quoted NdFeB magnets with Dy for the pump.').item?.magnetType).toBe('ndfeb');
  });
});

describe('documents, purposes and buyers around the goods', () => {
  it('reads machines listed in what a photo must show as evidence asked for, not the goods', () => {
    expect(facts('The vendor wants photos of our production scenes (presses, machines, people). Our magnets are Tb grade.').item).toMatchObject({ form: 'magnet', elementsPresent: ['Tb'] });
  });

  it('reads "the mill certificate for the 48H blocks" as naming the goods, not an end use', () => {
    expect(facts('Attached is the certificate for the 48H blocks: Nd 29 %, Pr 2 %, Fe balance. Shipping Xiamen to Lyon.').item).toMatchObject({ form: 'magnet', magnetType: 'ndfeb', compositionComplete: true });
  });

  it('ends a purpose phrase at its verb: "a lab for missile guidance needs Tb4O7"', () => {
    const f = facts('A lab for missile guidance research needs Tb4O7 from our Baotou entity.');
    expect(f.item).toMatchObject({ elementsPresent: ['Tb'], form: 'oxide' });
  });

  it('reads a buyer named after a request as the destination: "an RFQ for Er2O3 from a fibre company in Jena"', () => {
    const f = facts('We have an RFQ for Er2O3 from a fibre company in Jena; it ships from Tianjin.');
    expect(f.destination).toBe('DE');
    expect(f.shipFrom).toBe('CN');
  });

  it('knows industrial towns beyond the large cities (a GeoNames gazetteer of towns over 30,000)', () => {
    expect(facts('Our depot in Venlo stocks Chinese-origin Gd oxide; a buyer in Darmstadt wants 50 kg.')).toMatchObject({ shipFrom: 'NL', destination: 'DE' });
  });
});

describe('magnets fixed into something, said actively', () => {
  it('reads "the supplier glues the Dy magnets into steel cups" as a component, not bare magnets', () => {
    expect(facts('Our Ningbo vendor glues Dy NdFeB discs into steel cups to make pot magnets.').item).toMatchObject({ form: 'component' });
  });

  it('keeps a customer who fixes them later as bare magnets', () => {
    expect(facts('We export Dy NdFeB magnets to Brno, where the customer bonds them into rotors.').item).toMatchObject({ form: 'magnet' });
  });
});

describe('requests to the reader and stated compositions', () => {
  it('does not read "please advise" as a consulting service', () => {
    expect(facts('Tb targets from our Chinese plant to a fab in Taiwan, please advise.').collaboration).toBeUndefined();
  });

  it('reads a stated composition list as complete', () => {
    expect(facts('sintered magnets, composition Nd, Pr, Fe, B, Cu from Ningbo').item?.compositionComplete).toBe(true);
  });

  it('reads hot-deformed grades and rare-earth plant equipment from the brief (No. 56: jet mills, HD furnaces)', () => {
    expect(facts('hot-deformed rings with 1 % Dy from Ningbo').item).toMatchObject({ form: 'magnet', magnetType: 'ndfeb' });
    expect(facts('a new jet mill from Shenyang to our plant in Hungary').item).toMatchObject({ form: 'equipment', sector: 'rare_earth' });
  });
});

describe('who provides a service or training, and where', () => {
  it('takes a foreign owner for no participant: Chinese trainers and Chinese trainees in China stay domestic', () => {
    const f = facts('In our Xiamen factory (a German-owned WFOE) Chinese senior technicians will train newly hired Chinese staff on strip casting.');
    expect(f.collaboration).toMatchObject({ abroad: false, domesticOnly: true });
  });

  it('reads foreign engineers sent to install equipment in China as a foreign provider', () => {
    const f = facts('Our Korean parent will ship a used sintering furnace from our Gumi plant to our Tianjin plant and send three Korean engineers to install it.');
    expect(f.collaboration).toMatchObject({ kind: 'services', chineseProvider: false });
  });

  // Shown in China, it is a visit: No. 62's display and inspection (suspended), where the Catalogue's reach is unsettled.
  it('reads foreigners being shown a Chinese process in China as a visit the Chinese side provides', () => {
    const f = facts('Our French process engineers will be shown the diffusion process step by step at the Ganzhou supplier.');
    expect(f.collaboration).toMatchObject({ kind: 'visit', chineseProvider: true, abroad: true });
  });
});

describe('magnet grades that spell out the make-up', () => {
  it('reads a hard-ferrite grade named apart from the family ("ferrite segments, grade Y35") as complete', () => {
    expect(facts('ferrite segments, grade Y35, from Xiamen to Brazil').item?.compositionComplete).toBe(true);
    expect(facts('Y25 ring magnets from Xiamen to Brazil').item).toMatchObject({ magnetType: 'ferrite', compositionComplete: true });
  });

  it('leaves it open when a rare-earth family is named beside it', () => {
    expect(facts('Y35 ferrite rings and N45SH blocks from Xiamen').item?.compositionComplete).toBeUndefined();
  });
});

describe('stock abroad from a Chinese supplier', () => {
  it('reads goods bought under a Chinese supplier\'s licence and held abroad as Chinese-origin', () => {
    const f = facts('Our Malaysian affiliate still holds 200 kg of Tb magnets delivered under our Chinese vendor\'s export licence and wants to sell them to a buyer in Singapore.');
    expect(f.item?.chinaOrigin).toBe(true);
    expect(f.shipFrom).toBe('MY');
  });
});

describe('a site noun ends its noun phrase', () => {
  it('reads "our Thai plant uses Chinese-licensed technology" as goods made and shipped in Thailand', () => {
    const f = facts('Our Thai plant uses GBD technology licensed from a Chinese firm; its Dy magnets go to a customer in Spain.');
    expect(f).toMatchObject({ shipFrom: 'TH', destination: 'ES' });
    expect(f.item?.madeWithChineseTechnology).toBe(true);
  });
});

describe('laser crystals and shape words', () => {
  it('reads a doped laser crystal with its dopant and its yttrium host (crystal makers\' catalogue names)', () => {
    expect(facts('Er:YAG slabs from Fuzhou to Lyon').item).toMatchObject({ elementsPresent: ['Er', 'Y', 'Al'], form: 'crystal' });
    expect(facts('Nd:YVO4 crystals from Fuzhou to Lyon').item).toMatchObject({ elementsPresent: ['Y'], form: 'crystal' });
  });

  it('reads rods of a named material as that material, and rods of an element as metal', () => {
    expect(facts('Tm:YAG rods from Fuzhou to Lyon').item?.form).toBe('crystal');
    expect(facts('SmCo rods from Ningbo to Lyon').item?.form).toBe('magnet');
    expect(facts('gadolinium rods from Baotou to Lyon').item?.form).toBe('metal');
  });
});

describe('an order placed with a supplier', () => {
  it('keeps "a standing order for Tm2O3 from a separator in Jiangxi" as goods from China', () => {
    expect(facts('We have a standing order for Ho2O3 from a refiner in Ganzhou for our crystal plant in Jena.').shipFrom).toBe('CN');
  });
});

describe('where an input came from is not where the goods leave from', () => {
  it('reads "only the Tb oxide comes from China" beside a foreign plant as Chinese content, not a route from China', () => {
    const f = facts('Our magnets are sintered in Poland; only the Tb oxide comes from China, about 2 % of the value.');
    expect(f.shipFrom).not.toBe('CN');
    expect(f.item?.chineseContentPercent).toBe(2);
  });

  it('keeps "the Dy magnets come from China" as goods leaving China', () => {
    expect(facts('The Dy magnets come from China and go to our plant in Ohio.').shipFrom).toBe('CN');
  });
});

describe('who sends and who receives', () => {
  it('reads goods bought "from a smelter in Sichuan" as leaving China', () => {
    expect(facts('Our lab in Osaka wants 2 kg of gadolinium metal from a smelter in Sichuan.').shipFrom).toBe('CN');
  });

  it('reads a place that wants to send goods on as where they leave from', () => {
    const f = facts('Tianjin now wants to forward 40 boxes of those Dy magnets to our site in Penang.');
    expect(f).toMatchObject({ shipFrom: 'CN', destination: 'MY' });
  });

  it('still reads a place that wants the goods as the buyer', () => {
    expect(facts('A Korean shipyard wants 300 SmCo magnets.').destination).toBe('KR');
  });

  it('reads goods a Chinese supplier sold to "our Chennai plant" as Chinese goods held there, not made there', () => {
    const f = facts("Our Chinese vendor's licence named our Chennai plant as end user; we now want to move 200 of the magnets to Vietnam.");
    expect(f.item?.chinaOrigin).toBe(true);
    expect(f.madeIn).not.toBe('NL');
    expect(f).toMatchObject({ shipFrom: 'IN', destination: 'VN' });
  });
});

describe('goods, not know-how, when a shipment of a named item is asked about', () => {
  it('reads "switched our 45SH grade to an erbium-modified recipe; first lot from Xiamen to Busan" as magnets on a route', () => {
    const f = facts('Our vendor switched our 45SH grade to an erbium-modified recipe (no Dy, no Tb). First lot goes from Xiamen to Busan in December.');
    expect(f.collaboration).toBeUndefined();
    expect(f).toMatchObject({ shipFrom: 'CN', destination: 'KR', item: { magnetType: 'ndfeb', elementsPresent: ['Er'] } });
  });

  it('keeps a recipe that is sent to someone as know-how', () => {
    expect(facts('Our Ningbo plant would e-mail the 45SH recipe to our plant in Busan.').collaboration?.kind).toBe('technology_transfer');
  });
});

describe('military platforms and forces as end users', () => {
  it('reads naval vessels and the Japanese self-defence force abbreviations as military', () => {
    expect(facts('SmCo magnets from Ganzhou for pumps on naval vessels in Italy').endUser?.kind).toBe('military');
    expect(facts('Tb oxide from China for a GSDF supplier in Japan').endUser?.kind).toBe('military');
  });
});

describe('a company introducing itself in a short opening line', () => {
  it('reads "Thai distributor. We hold ..." as the asker\'s own place, not a buyer', () => {
    const f = facts('Thai distributor. We hold Chinese-made Gd metal and a customer in Vietnam wants 50 kg.');
    expect(f).toMatchObject({ shipFrom: 'TH', destination: 'VN' });
  });
});

describe('a list named about the goods is not a listed end user', () => {
  it('reads "is any of this on the control list?" as a question about the goods, and "our customer is on the entity list" as a listed party', () => {
    expect(facts('Lu oxide from Baotou to Osaka. Is any of this on the control list?').endUser).toBeUndefined();
    expect(facts('Lu oxide from Baotou to Osaka; our customer there is on the control list.').endUser?.kind).toBe('control_list');
  });
});

describe('Chinese content in goods made abroad, share unsaid', () => {
  it('reads "we assemble pumps in Monterrey with Chinese Tb magnets" as holding Chinese content, and "only Korean material" as not', () => {
    const f = facts('We assemble pumps in Monterrey with Chinese Tb magnets and ship them to Texas.');
    expect(f.item).toMatchObject({ hasChineseContent: true, chinaOrigin: false });
    expect(facts('Our Ulsan plant makes magnets from Korean material only, 0 % Chinese content by value.').item?.hasChineseContent).toBe(false);
  });

  it('reads goods shipped from a third country that hold something Chinese as holding Chinese content', () => {
    expect(facts('The SmCo rings are shipped from Penang and use samarium refined in China.').item?.hasChineseContent).toBe(true);
  });
});

describe('setting up a joint venture', () => {
  it('reads "plans a JV" in any inflection as setting one up', () => {
    expect(facts('Our Danish group plans a JV with a Chinese magnet maker in Ganzhou; the partner brings its sintering process.').collaboration?.kind).toBe('jv_investment');
  });
});

describe('who provides know-how', () => {
  it('reads our own process data sent by a colleague in China as provided from China', () => {
    const f = facts('Our quality engineer in Ningbo plans to e-mail our NdFeB sintering recipe to the plant in Spain.');
    expect(f.collaboration).toMatchObject({ chineseProvider: true });
  });
});

describe('an item word that describes a company', () => {
  it('reads "magnet recycling company" as the asker, and didymium oxide by name as an oxide of Pr and Nd only', () => {
    expect(facts('Norwegian magnet recycling company. We buy didymium oxide from Baotou.').item).toMatchObject({ elementsPresent: ['Pr', 'Nd'], compositionComplete: true, form: 'oxide' });
  });

  it('reads "our laser-equipment group buys Lu oxide" as Lu oxide, not equipment', () => {
    expect(facts('Our laser-equipment group buys lutetium oxide from a refiner in Baotou.').item).toMatchObject({ elementsPresent: ['Lu'], form: 'oxide' });
  });

  it('reads a compound noun of two modifiers before a company noun as the asker: "loudspeaker cone tooling supplier"', () => {
    // Read as a loudspeaker (a finished device, outside the controls) before; the goods are the Dy oxide.
    expect(facts('Our loudspeaker cone tooling supplier uses dysprosium oxide powder from Jiangxi in the coatings at our plant in Wales.').item)
      .toMatchObject({ elementsPresent: ['Dy'], form: 'oxide' });
  });

  it('does not read goods followed by a preposition and a company noun as the asker: "Tb oxide for laser makers"', () => {
    expect(facts('We ship terbium oxide for laser makers in Korea.').item).toMatchObject({ elementsPresent: ['Tb'], form: 'oxide' });
    expect(facts('We bought Dy metal last year (supplier had a licence) and resell it now.').item).toMatchObject({ elementsPresent: ['Dy'], form: 'metal' });
  });

  it('still reads magnets followed by another clause as the goods', () => {
    expect(facts('Licence was granted for 300 kg Tb magnets but the buyer now wants 400 kg.').item).toMatchObject({ form: 'magnet', elementsPresent: ['Tb'] });
  });
});

describe('goods named with a participle of buying', () => {
  it('reads "sourced from China" after the goods as bought from there, to the asker; not stock held in a warehouse', () => {
    const f = facts('Dental lab in Lyon. Our milling discs are yttria-stabilised zirconia (3Y-TZP) imported from China.');
    expect(f).toMatchObject({ shipFrom: 'CN', destination: 'FR' });
    expect(facts('Our warehouse in Lyon holds Gd oxide imported from China in 2024.').destination).not.toBe('FR');
  });
});

describe('two places of making', () => {
  it('gives the goods the place said in their own clause, and reads "machined in" as made there', () => {
    expect(facts('We assemble gearmotors in Ohio. The Tb NdFeB arcs are machined in Ganzhou and sent to us. Do the arcs need a licence?').madeIn).toBe('CN');
    expect(facts('Our Dy magnets are magnetised in Malaysia.').madeIn).toBe('MY');
  });
});

describe('goods that come from a production site', () => {
  it('reads an offer said to be from a seller somewhere as coming from there (forty-eighth session)', () => {
    expect(facts('We need 3 kg of samarium oxide; the best quote is from a dealer in Jiangxi. Export permit needed to send it to Lisbon?').shipFrom).toBe('CN');
  });

  it('reads goods that come from a plant abroad as made there, and an order from a plant as naming a buyer', () => {
    expect(facts('Our ferrite segments are sourced from a factory in Chennai.').madeIn).toBe('IN');
    expect(facts('The order is from a motor plant in Chennai; we ship ferrite segments from Ningbo.').madeIn).not.toBe('IN');
  });
});

describe('first-level divisions from ISO 3166-2', () => {
  it('knows states and provinces beyond China\'s (Gujarat, Nuevo León, Ceará)', () => {
    expect(facts('Our Gujarat plant ships Dy magnets to Germany.').shipFrom).toBe('IN');
    expect(facts('Tb oxide from Baotou to our plant in Nuevo León').destination).toBe('MX');
    expect(facts('Gd metal from Ganzhou to a lab in Ceará').destination).toBe('BR');
  });
});

describe('an input named right before "from" in a clause that makes goods', () => {
  it('reads "our plant sinters magnets with Dy from Australia" as Australian content, not a route from Australia', () => {
    const f = facts('Our Gujarat plant sinters Dy NdFeB magnets with Dy from Australia and exports them to Germany.');
    expect(f.shipFrom).toBe('IN');
    expect(f.destination).toBe('DE');
  });

  it('keeps "Dy oxide from China to Germany" as a route', () => {
    expect(facts('Dy oxide from China to Germany').shipFrom).toBe('CN');
  });
});

describe('disclosure by talk or publication', () => {
  it('reads "will present his sintering results at a conference in Lyon" as know-how passing, with its research flag', () => {
    const f = facts('A researcher from a Chinese institute will present his NdFeB sintering results at a conference in Lyon; the paper is published.');
    expect(f.collaboration).toMatchObject({ kind: 'technology_transfer', area: 'magnet_preparation', publicOrBasicResearch: true });
  });

  it('does not read "Dy is present in the magnet" as a presentation', () => {
    expect(facts('Dy is present in the magnet we ship from Ningbo to Lyon.').collaboration).toBeUndefined();
  });
});

describe('who receives, holds and supplies (fifth session)', () => {
  it('reads a plant that glues or fits the goods in as where they go, not where they were made', () => {
    expect(facts('The Tb magnets arrive loose and our Polish plant bonds them onto the rotor.')).toMatchObject({ destination: 'PL' });
    expect(facts('The Tb magnets arrive loose and our Polish plant bonds them onto the rotor.').madeIn).toBeUndefined();
    // A plant that assembles the product it ships stays where that product is made.
    expect(facts('our Czech plant assembles pumps with Chinese magnets and ships them to Austria')).toMatchObject({ madeIn: 'CZ', destination: 'AT' });
  });

  it('reads a foreign distributor that wants to sell from stock as the holder, even when it is ours', () => {
    expect(facts('Our Belgian reseller wants to sell its Chinese-made SmCo stock to a Swiss pump maker.')).toMatchObject({ shipFrom: 'BE', destination: 'CH' });
  });

  it('reads "from our regular China source" and "our supplier (Jiangxi)" as where the goods leave', () => {
    expect(facts('Gd2O3 from our regular China source to Ohio').shipFrom).toBe('CN');
    expect(facts('Our vendor (Jiangxi) quotes Tb4O7, delivery to Osaka.').shipFrom).toBe('CN');
  });

  it('reads "application is ..." as the end use, not the item', () => {
    expect(facts('Sintered NdFeB blocks to Milan. Application is washing-machine motors.').item?.form).toBe('magnet');
  });

  it('keeps spare magnets shipped beside a product whose own magnets are described in parentheses', () => {
    expect(facts('We send pump rotors (SmCo magnets glued into the hub) and separately spare SmCo magnets.').item).toMatchObject({ form: 'magnet', besideProduct: true });
  });
});

describe('technology areas from what the know-how is about (fifth session)', () => {
  it('reads drawings of a product as design data, not magnet making', () => {
    expect(facts('Can our Suzhou office e-mail the gearbox and motor housing drawings to our team in Ohio? The magnets sit in the rotor.').collaboration?.area).toBe('product_design');
    expect(facts('Can our Suzhou office e-mail the sintering parameters for the magnets to Ohio?').collaboration?.area).toBe('magnet_preparation');
  });

  it('reads know-how about a material with no rare earth as outside the rare-earth areas', () => {
    expect(facts('A Chinese institute would train us on barium ferrite magnet pressing, no rare earths involved.').collaboration?.area).toBe('no_rare_earth');
  });

  it('reads buying a Chinese magnet maker as an investment that takes in magnet-making know-how', () => {
    expect(facts('We are looking to acquire a Chinese NdFeB magnet producer.').collaboration).toMatchObject({ kind: 'jv_investment', area: 'magnet_preparation' });
  });

  it('reads "a licence of the process" as licensing, and advice from a Chinese consultant as a Chinese provider', () => {
    expect(facts('Our partner in Inner Mongolia offered a licence of its separation process to our plant in Estonia.').collaboration).toMatchObject({ kind: 'licensing', area: 'extraction_separation', chineseProvider: true });
    expect(facts('A Chinese advisor could give our Finnish plant remote advice on strip casting.').collaboration).toMatchObject({ kind: 'consulting', chineseProvider: true });
  });

  it('reads magnet-making steps named for recycling scrap as recycling', () => {
    expect(facts('A Chinese specialist would advise our recycler in Ontario on jet milling of magnet scrap for recycling.').collaboration?.area).toBe('recycling');
  });
});

describe('know-how taken over from a Chinese party (fifth session)', () => {
  it('reads "licensed a … process from a Chinese firm" and "a process a Chinese firm licensed to us" as Chinese technology', () => {
    expect(facts('Back in 2019 our Slovak plant licensed a strip-casting process from a Chinese firm; it now ships magnets to Austria.').item?.madeWithChineseTechnology).toBe(true);
    const licensedToUs = facts('Our Thai plant runs a sintering process that a Chinese firm licensed to us in 2020 and sells magnets to Germany.');
    expect(licensedToUs.item?.madeWithChineseTechnology).toBe(true);
    expect(licensedToUs.destination).toBe('DE');
  });
});

describe('doubt, described magnets and who sends (fifth session)', () => {
  it('reads an element in doubt as neither present nor absent, but a conditional as the case asked about', () => {
    const doubt = facts('Sintered NdFeB arcs from Xiamen to Graz; not sure if the grade uses Tb.').item;
    expect(doubt?.elementsPresent ?? []).not.toContain('Tb');
    expect(doubt?.elementsAbsent ?? []).not.toContain('Tb');
    expect(facts('Bonded NdFeB rings, they may contain Dy, Xiamen to Graz').item?.elementsPresent ?? []).not.toContain('Dy');
    expect(facts('If the rings contain Dy, what do we need from Xiamen to Graz?').item?.elementsPresent).toContain('Dy');
  });

  it('reads "the magnets are …" after a product as that product\'s magnets, but spare magnets as goods of their own', () => {
    expect(facts('Magnetic cabinet latches from Foshan to Leeds. The magnets are N35.').item).toMatchObject({ form: 'finished_product' });
    expect(facts('Cabinet latches from Foshan to Leeds, plus a bag of spare N35 magnets.').item).toMatchObject({ form: 'magnet', besideProduct: true });
  });

  it('reads a partner or customer that will send goods as where they leave from, but not one that sent them before', () => {
    expect(facts('Our Korean partner will ship its old jet mill to our plant in Anhui.')).toMatchObject({ shipFrom: 'KR', destination: 'CN' });
    expect(facts('A Korean customer returned 50 SmCo rings to our plant in Anhui; can we send them back?').shipFrom).not.toBe('KR');
  });

  it('reads "in Vietnam, made there with Chinese Dy" as a place of making, and "anything needed from China" as no route', () => {
    expect(facts('They leave from our plant in Thailand, made there with Chinese Tb metal.').shipFrom).toBe('TH');
    expect(facts('Our warehouse in Antwerp holds Chinese SmCo magnets for a Swiss buyer. Anything needed from China?').shipFrom).toBe('BE');
  });
});

describe('know-how written with a hyphen, contributed, or carried by people (fifth session)', () => {
  it('reads "know-how" (split by the tokenizer) as know-how about the magnets named', () => {
    expect(facts('Could our Chinese partner pass its SmCo production know-how to our team in Ohio?').collaboration?.area).toBe('magnet_preparation');
  });

  it('reads a JV where a Chinese producer contributes know-how as a cooperation with a Chinese provider', () => {
    expect(facts('We are negotiating a JV in Egypt where a Chinese magnet producer contributes its sintering know-how.').collaboration)
      .toMatchObject({ kind: 'jv_investment', area: 'magnet_preparation', chineseProvider: true });
  });

  it('keeps who provides when Chinese engineers are named before what they will do', () => {
    expect(facts('Three Chinese engineers are coming to our site in Porto next month.').collaboration).toMatchObject({ chineseProvider: true });
    expect(facts('Can specialists from our Chinese supplier support our plant in Porto?').collaboration).toMatchObject({ chineseProvider: true });
  });
});

describe('signatures, compositions and who gives (fifth session, batch p)', () => {
  it('reads "Lyon buyer here." and colloquial demonyms as the asker\'s place', () => {
    expect(facts('Lisbon buyer here. We hold Chinese Tb metal in our warehouse and want to sell some to Morocco.')).toMatchObject({ shipFrom: 'PT', destination: 'MA' });
    expect(facts('Aussie importer: we hold Chinese Gd2O3 and want to send 50 kg to Fiji.').shipFrom).toBe('AU');
  });

  it('reads a list opened by a composition word and a colon as the whole composition', () => {
    expect(facts('Chemistry from the mill cert: Nd, Pr, Fe, B, Co, Ga.').item?.compositionComplete).toBe(true);
  });

  it('does not read a second-hand machine as hiring', () => {
    expect(facts('We sell a second-hand strip caster to a buyer in Pune.').collaboration?.kind).not.toBe('hiring');
  });

  it('reads a party there that wants to present or share know-how as the giver, not a receiving end', () => {
    const c = facts('Our partner lab in Ganzhou wants to present its separation flowsheet at a workshop in Vienna.');
    expect(c.destination).not.toBe('CN');
    expect(c.collaboration?.chineseProvider).toBe(true);
  });
});

describe('openings, requests and named customers (fifth session, batch p)', () => {
  it('reads a short opening before a comma as the asker\'s place', () => {
    expect(facts('Thai contract manufacturer, fan motors with Chinese Dy magnets, about 0.5 % of the value, for a Dutch brand.')).toMatchObject({ madeIn: 'TH', shipFrom: 'TH' });
  });

  it('reads "asks for 2 t of Gd2O3" as the item, not an end use', () => {
    expect(facts('A Polish glassworks asks for 2 t of Gd2O3, shipped from Baotou.').item).toMatchObject({ elementsPresent: ['Gd'], form: 'oxide' });
  });

  it('reads "for Acme Corp in Brazil" as where the goods go, and no verb of the next sentence as the place\'s', () => {
    expect(facts('Dy oxide, 20 kg, for Vale Metais in Brazil. We hold the stock in Ningbo.').destination).toBe('BR');
  });
});

describe('what a receiving party makes, and spares after a product (sixth session, batch q)', () => {
  it('does not take a receiving plant\'s magnets as the goods\' composition, and reads its magnet-making as the end use', () => {
    const f = facts('We would sell La-Ce mischmetal to a factory in Johor that produces cerium magnets.');
    expect(f.item).toMatchObject({ form: 'metal' });
    expect(f.item?.magnetType).toBeUndefined();
    expect(f.item?.elementsPresent ?? []).not.toContain('Fe');
    expect(f.endUses).toContain('rare_earth_processing');
  });

  it('reads magnet-making in a "where" clause about the place the goods go to as the end use (twenty-third session, own phrasing)', () => {
    expect(facts('A strip caster ships from Ningbo next month to our pilot hall in Aachen, where we want to start producing SmCo magnets.').endUses).toContain('rare_earth_processing');
    expect(facts('Our Ningbo plant, where we produce NdFeB magnets, ships them to Aachen.').endUses ?? []).not.toContain('rare_earth_processing');
  });

  it('keeps the goods\' own composition when the buyer makes something else', () => {
    expect(facts('Tb metal from Ganzhou to a customer who builds servo motors.').item).toMatchObject({ elementsPresent: ['Tb'], form: 'metal' });
  });

  it('reads loose spares after a product whose magnets are in a parenthesis and a colon as the goods', () => {
    const f = facts('About the pumps we export from Xiamen (SmCo magnets inside): we would add 50 spare SmCo magnets, loose, in the crate.');
    expect(f.item).toMatchObject({ form: 'magnet', besideProduct: true });
  });

  it('still reads a list after the product\'s own colon as its parts', () => {
    expect(facts('Encoder: housing, PCB, a NdFeB ring magnet. Exported from Suzhou.').item).toMatchObject({ form: 'component' });
  });
});

describe('transit', () => {
  it('reads a port the goods are transshipped through as transit, not where they go, and a negated "into" as no destination', () => {
    const f = facts('Our Japanese-made SmCo magnets get transhipped at Ningbo port, without import into China, then go on to Brazil.');
    expect(f).toMatchObject({ transitVia: 'CN', destination: 'BR' });
  });

  it('reads "in transit through" the same way, and leaves an ordinary "via" route alone', () => {
    expect(facts('Dy oxide from Germany, in transit through Shenzhen, to Vietnam.')).toMatchObject({ transitVia: 'CN', destination: 'VN' });
    expect(facts('Tb metal shipped from Baotou to Rotterdam via Tianjin.').transitVia).toBeUndefined();
  });
});

describe('who sells, what comes from where, and where the work happens (sixth session, batch q)', () => {
  it('reads a foreign group\'s subsidiary in China that sells the goods as where they leave from', () => {
    const f = facts('A French-owned trading company in Ganzhou which exports Dy metal to customers in Turkey.');
    expect(f).toMatchObject({ shipFrom: 'CN', destination: 'TR' });
  });

  it('reads a part that "comes from China" as Chinese content once the goods are said to be made elsewhere', () => {
    const f = facts('We assemble pumps in Slovakia for customers in Norway; the SmCo magnets come from China.');
    expect(f.shipFrom).not.toBe('CN');
    expect(f.madeIn).toBe('SK');
  });

  it('reads Chinese staff in a Chinese city training Chinese staff, with no foreign place, as domestic', () => {
    expect(facts('Our Chinese process engineers in Baotou will coach new Chinese technicians on strip casting.').collaboration?.domesticOnly).toBe(true);
  });

  it('does not take magnets pressed into a carrier as built into the product the asker makes from them later', () => {
    const f = facts('The Dy magnets come clipped into a plastic tray; we then glue them into our rotors in Portugal.');
    expect(f.item?.downstream).not.toBe('rotor_stator_assembly');
  });
});

describe('negated families and the magnets of a product named before (sixth session, batch q)', () => {
  it('does not take a family said not to be the goods as their magnet type', () => {
    const item = facts('correction: these are AlNiCo 5 rods, not SmCo').item;
    expect(item?.magnetType).toBe('other');
    expect(item?.compositionComplete).toBe(true);
  });

  it('ends a negation at a new list item that says what is there', () => {
    expect(facts('Sintered NdFeB, no SmCo in the order, with Tb diffused in.').item?.elementsPresent).toContain('Tb');
  });

  it('reads "the magnets inside" without a product named as the magnets of a product named earlier', () => {
    expect(facts('The magnets inside are N52 with some Dy.').item).toMatchObject({ form: 'component', downstream: 'other_assembly' });
    expect(facts('We also pack 30 spare Dy magnets.').item).toMatchObject({ form: 'magnet' });
  });
});

describe('stock bought from China, and magnets put into a product (sixth session, batch q)', () => {
  it('reads stock of sintered magnets imported from China as Chinese-origin goods ("sintered" describes them)', () => {
    const f = facts('Our warehouse in Lyon holds sintered NdFeB with Tb, imported from China in 2025. We want to sell it to Spain.');
    expect(f.item?.chinaOrigin).toBe(true);
  });

  it('reads "from a licensed Chinese exporter" as where the goods came from, not a technology source', () => {
    const f = facts('Canadian stockist: we bought Dy oxide from a licensed Chinese exporter and want to resell it to Mexico.');
    expect(f.item?.chinaOrigin).toBe(true);
    expect(f.item?.madeWithChineseTechnology).toBeUndefined();
  });

  it('reads magnets put into a named product abroad as that product\'s content, and spares put in a bag as magnets', () => {
    expect(facts('We put Chinese SmCo magnets into actuators in Pune and export the actuators to Oman.').item).toMatchObject({ form: 'finished_product', hasChineseContent: true });
    expect(facts('With each pump we put 10 spare Dy magnets in a separate pouch.').item).toMatchObject({ form: 'magnet' });
  });
});

describe('licensing a patent (sixth session, batch q)', () => {
  it('reads licensing a patent on magnet processing as licensing magnet-making know-how', () => {
    const c = facts('A research institute in Xi\'an plans to license its patents on SmCo magnet processing to a firm in Austria.').collaboration;
    expect(c).toMatchObject({ kind: 'licensing', area: 'magnet_preparation' });
  });

  it('reads "license it to" as licensing when the message names what is licensed, and not otherwise', () => {
    expect(facts('Our Shenzhen lab owns a sintering process for NdFeB; can we license it out to a Korean maker?').collaboration)
      .toMatchObject({ kind: 'licensing' });
    expect(facts('Can we license it to our distributor?').collaboration?.kind).not.toBe('licensing');
  });
});

describe('setting off for a place', () => {
  it('reads "leaves X for Y", "sails from X for Y" and "bound for Y" as the route', () => {
    expect(facts('The Gd oxide lot leaves Xiamen for Antwerp on Friday.')).toMatchObject({ shipFrom: 'CN', destination: 'BE' });
    expect(facts('Two pallets of SmCo magnets, bound for Istanbul, are at the Shenzhen warehouse.').destination).toBe('TR');
  });

  it('does not read "a licence for Germany" as a route', () => {
    expect(facts('Is there a general licence for Germany?').destination).toBeUndefined();
  });
});

describe('shares of value and parentheses after a party (sixth session, batch r)', () => {
  it('does not read a share of value written after Dy magnets as their Dy content', () => {
    const item = facts('Our Izmir plant makes pumps with Chinese Dy magnets (about 6 % of the value).').item;
    expect(item?.heavyRareEarthPercent).toBeUndefined();
    expect(facts('NdFeB with Dy 1.2 %, Ningbo to Busan').item?.heavyRareEarthPercent).toBe(1.2);
  });

  it('ends a party\'s noun phrase at a parenthesis, so what the parenthesis says is not the party\'s kind', () => {
    const f = facts('We are buying a used sintering line from a Chinese magnet maker (used furnaces, plus their process manuals and two engineers to set it up in Bangkok).');
    expect(f.collaboration?.chineseProvider).toBe(true);
  });
});

describe('seventh session, batch s (own phrasings)', () => {
  it('reads magnets a purpose phrase is "for" as the goods when nothing else is named as goods', () => {
    expect(facts('We changed the coating spec for our 48SH motor magnets, shipping from Ningbo to Poland.').item)
      .toMatchObject({ form: 'magnet', magnetType: 'ndfeb' });
    // With goods named, the same phrase stays what they are for.
    expect(facts('We ship Dy oxide for our magnets from Baotou to Japan.').item).toMatchObject({ form: 'oxide', elementsPresent: ['Dy'] });
  });

  it('reads "for a start-up in X" as the receiving end, and a customer that makes a magnet family as magnet making', () => {
    const f = facts('Praseodymium oxide from Ganzhou for a start-up in Ohio that makes bonded NdFeB.');
    expect(f.destination).toBe('US');
    expect(f.madeIn).not.toBe('NL');
    expect(f.endUses).toContain('rare_earth_processing');
  });

  it('reads a whole production line as one, and single machines as equipment only', () => {
    expect(facts('We sell a complete NdFeB production line from Ningbo to a buyer in Turkey.').item).toMatchObject({ form: 'equipment', productionLine: true });
    expect(facts('We sell one jet mill from Ningbo to a buyer in Turkey.').item?.productionLine).toBeUndefined();
  });
});

describe('origin, stock and where foreign goods go (seventh session, own phrasings)', () => {
  it('reads "origin is China" and "country of origin: China" as where the goods were made', () => {
    expect(facts('Origin is China.').madeIn).toBe('CN');
    expect(facts('Gd oxide in our Antwerp store, country of origin: China.').madeIn).toBe('CN');
  });

  it('reads a share of "the motor value" as Chinese content, not as Dy content', () => {
    const f = facts('We build pumps in Brno with Chinese Dy magnets, about 3 % of the pump value, for a buyer in Chile.');
    expect(f.item?.heavyRareEarthPercent).toBeUndefined();
    expect(f.item?.chineseContentPercent).toBe(3);
  });

  it('reads magnets a plant bought from China, with nothing made, as Chinese-origin stock', () => {
    expect(facts('Our Chennai plant has leftover Tb magnets bought from China; we want to sell them to a firm in Egypt.').item?.chinaOrigin).toBe(true);
    expect(facts('Our Chennai plant has motors with Chinese Tb magnets; we sell them to a firm in Egypt.').item?.chinaOrigin).not.toBe(true);
  });

  it('prefers "to France" over a Chinese party read from its noun, and reads foreign goods as going into China only when said', () => {
    expect(facts('Our line in Tartu was designed by a Chinese firm. We export Tb oxide from Estonia to France.').destination).toBe('FR');
    expect(facts('Our Monterrey plant sends rejected Dy magnets back to the maker in Ningbo.').destination).toBe('CN');
    expect(facts('To cut costs in China we ship Dy magnets from our Polish plant.').destination).toBeUndefined();
  });
});

describe('technology named with item words, and negated lists of know-how (own phrasings)', () => {
  it('reads "magnet making" as the technology, not as magnets to ship', () => {
    expect(facts('Our partner wants advice on magnet making in Brazil.').item?.form).toBeUndefined();
  });

  it('reads product drawings sent with "no magnet-making or process parameters" as product design, never as magnet making', () => {
    const c = facts('Our Ningbo team sends the pump motor drawings to Mexico, no magnet-making or process parameters.').collaboration;
    expect(c?.area).toBe('product_design');
    expect(facts('Our Ningbo team sends the gearbox housing drawings to Mexico, no magnet-making or process parameters.').collaboration?.area).not.toBe('magnet_preparation');
  });
});

describe('research written together (own phrasings)', () => {
  it('reads co-authoring a paper, or collaborating with a Chinese lab, as joint research', () => {
    expect(facts('Our lab in Lyon will co-author a paper with a university in Xi\'an on SmCo coercivity; it will be published.').collaboration)
      .toMatchObject({ kind: 'joint_rnd', chineseProvider: true, publicOrBasicResearch: true });
    expect(facts('We want to collaborate with a Chinese institute on Nd-Fe-B phase diagrams.').collaboration?.kind).toBe('joint_rnd');
  });

  it('reads an EU research programme with a Chinese partner as joint research, and recovering e-waste magnets as recycling', () => {
    expect(facts('Our Horizon 2020 consortium includes a Baotou institute; we study getting Dy back out of end-of-life magnets.').collaboration)
      .toMatchObject({ kind: 'joint_rnd', area: 'recycling' });
  });

  it('reads the recycling literature\'s names for the feed and the process as recycling', () => {
    expect(facts('A Ganzhou institute offered to co-develop a process with us for getting Nd and Pr back from end-of-life EV motors.').collaboration?.area).toBe('recycling');
    expect(facts('Chinese engineers would teach our team hydrogen processing of magnet scrap (HPMS) at our plant in Ohio.').collaboration?.area).toBe('recycling');
    expect(facts('Could a Chinese consultant help our start-up with rare-earth recovery from spent magnets?').collaboration?.area).toBe('recycling');
  });
});

describe('servicing a rare-earth plant (own phrasings)', () => {
  it('reads maintenance or repair by a Chinese supplier at a magnet plant abroad as line services (1E902.b)', () => {
    expect(facts('Engineers from our Chinese press supplier will do the yearly maintenance at our magnet factory in Poland.').collaboration)
      .toMatchObject({ kind: 'services', area: 'production_line_services', chineseProvider: true });
  });

  it('does not read a repair shop buying powder as line services', () => {
    expect(facts('We buy yttria powder from a Chinese mill for our turbine repair shop in Ireland.').collaboration?.area).not.toBe('production_line_services');
  });
});

describe('a product made elsewhere, named after the magnets (own phrasings)', () => {
  it('reads "the pumps are assembled in Chile" after loose magnets as where the magnets go, not where they are made', () => {
    const f = facts('N45SH blocks with Dy for a pump maker in Santiago; the pumps are assembled in Chile.');
    expect(f.madeIn).not.toBe('NL');
    expect(f.destination).toBe('CL');
    expect(f.item).toMatchObject({ form: 'magnet' });
  });

  it('keeps the place of making when the clause is about the magnets themselves', () => {
    expect(facts('Motor plant: the Tb magnets inside our motors are made in Thailand.').madeIn).toBe('TH');
  });
});

describe('a composition said with "is" (own phrasing)', () => {
  it('reads "the composition is Nd, Pr, Fe, B" as the whole composition', () => {
    expect(facts('Bonded magnets, the composition is Nd, Pr, Fe, B, Co.').item).toMatchObject({ compositionComplete: true });
  });
});

describe('a place after its preposition with a verb after it (own phrasing)', () => {
  it('reads "our plant in Spain runs a process licensed from China" as our site, and China as the technology source', () => {
    const f = facts('Our magnet plant in Spain runs a pressing process we licensed from a Chinese firm in 2021. We sell the magnets to Italy.');
    expect(f.shipFrom).toBe('ES');
    expect(f.item?.madeWithChineseTechnology).toBe(true);
  });
});

describe('batch t, own phrasings: near-miss words and senders', () => {
  it('does not read "turnkey" as Turkey (a misspelt country is still written as a name)', () => {
    const f = facts('A machine builder in Hefei offers a turnkey sintering line to a customer in Malaysia.');
    expect(f.madeIn).not.toBe('TR');
    expect(f.shipFrom).not.toBe('TR');
    expect(facts('Dy magnets from Ningbo to Germnay.').destination).toBe('DE');
  });

  it('reads "our Chinese supplier would ship the magnets" as goods leaving China, ahead of the asker\'s own site', () => {
    expect(facts('Motor plant in Chonburi, Thailand. Our Chinese supplier would ship the Tb magnets loose in trays.').shipFrom).toBe('CN');
  });
});

describe('knowledge and grammar from the eighth session', () => {
  it('reads formulas named in a purchase ("an offtake for Gd2O3") as the goods, and "each shipment" as holding them', () => {
    expect(facts('We have a supply contract for Gd2O3 from a plant in Baotou; does every shipment need a licence?').item).toMatchObject({ form: 'oxide', elementsPresent: ['Gd'] });
  });

  it('reads magnets a product uses, or bare magnets opening their own clause after it, as inside that product', () => {
    expect(facts('Our speakers from Huizhou employ small NdFeB rings with Dy; shipping to Chile.').item).toMatchObject({ downstream: 'device' });
    expect(facts('We import servo motors made in Suzhou; magnets contain Tb.').item).toMatchObject({ downstream: 'motor' });
  });

  it('reads melt-spun NdFeB powder as magnet powder, not magnets', () => {
    expect(facts('2 t of MQP melt-spun powder with Dy from Tianjin to Brazil').item?.form).toBe('magnet_powder');
  });
});

describe('where the goods are, and who sends them (eighth session)', () => {
  it('reads a Chinese tier-1 that ships as where the goods leave from', () => {
    expect(facts('Our Chinese tier-1 ships stator assemblies with Tb magnets to our line in Hungary.').shipFrom).toBe('CN');
  });

  it('reads a party in a town that ships the goods as where they leave from', () => {
    expect(facts('Our partner in Xiamen ships Sm2Co17 rings to our workshop in Lyon.')).toMatchObject({ shipFrom: 'CN', destination: 'FR' });
  });

  it('reads goods shown at a fair abroad and brought back to China as exported to the fair', () => {
    expect(facts('We want to exhibit Dy magnets at a trade fair in Milan and bring them back to Ningbo after the show.')).toMatchObject({ shipFrom: 'CN', destination: 'IT' });
  });

  it('leaves the route of Chinese stock bought in and now resold to be asked, not read as an export from China', () => {
    const f = facts('We purchased Chinese-origin Tb oxide in 2024 and now want to resell some of the stock to a buyer in Peru.');
    expect(f.shipFrom).toBeUndefined();
    expect(f.madeIn).not.toBe('NL');
    expect(f.item?.chinaOrigin).toBe(true);
  });

  it('reads "<place> team here" as where the asker and its stock are', () => {
    expect(facts('Chile team here. We hold SmCo magnets of Chinese origin and a buyer in Peru wants them.').shipFrom).toBe('CL');
  });

  it('finds towns written without their suffix or in two syllables (Icheon-si, Haiphong)', () => {
    expect(facts('Our fab in Icheon holds Gd targets of Chinese origin; a fab in Japan wants some.').shipFrom).toBe('KR');
    expect(facts('Dy oxide from Bao Tou to Da Nang').destination).toBe('VN');
  });
});

describe('a verb of giving whose object is goods', () => {
  it('reads "send 3 kg of Tb oxide to a university for a sintering test" as goods, not technology', () => {
    expect(facts('We would send 3 kg terbium oxide to a university in Spain for a sintering test.').collaboration?.kind).toBeUndefined();
  });

  it('still reads "send the furnace control programs" as know-how', () => {
    expect(facts('The vendor would send updated furnace control programs to our magnet plant in Vietnam.').collaboration?.kind).toBe('technology_transfer');
  });
});

describe('a joint venture named as a company', () => {
  it('reads "consignee is our JV" beside named goods as a party to a shipment, not an investment', () => {
    expect(facts('2 t of Tb4O7 are at Ningbo port; the consignee is our motor JV in Thailand.').collaboration?.kind).toBeUndefined();
  });

  it('still reads setting up a JV as an investment', () => {
    expect(facts('We plan to set up a joint venture in Baotou with a Chinese partner to make NdFeB magnets.').collaboration?.kind).toBe('jv_investment');
  });
});

describe('a person noun ends the phrase a nationality heads', () => {
  it('reads "our Chinese engineers help a customer in Chile" as Chinese providers serving a customer abroad', () => {
    const f = facts('Can our Chinese engineers support a customer in Chile with their NdFeB sintering line?');
    expect(f.destination).toBe('CL');
    expect(f.collaboration?.chineseProvider).toBe(true);
  });
});

describe('batch v readings (eighth session)', () => {
  it('reads graphite anode material for a battery plant as graphite, which has controls of its own', () => {
    expect(facts('Battery cell maker: we buy artificial graphite anode powder from Heilongjiang for our plant in Poland.').item?.sector).toBe('graphite');
  });

  it('reads "nothing to do with defence" as a denied military end use, and a doubt about it as no denial', () => {
    expect(facts('Tb magnets from Baotou for a tram operator in Lisbon, nothing to do with defence.').endUser?.kind).toBe('civil');
    expect(facts('Tb magnets from Baotou to Lisbon; not sure whether the buyer supplies the army.').endUser?.kind).toBe('military');
  });

  it('reads a heading of machines or parts before a colon as the asker\'s trade, and the goods after it', () => {
    expect(facts('Wafer equipment parts: we need 4N Y2O3 powder from Jiangsu for chamber coatings in Taiwan.').item).toMatchObject({ form: 'oxide', elementsPresent: ['Y'] });
    expect(facts('Lift motor rotors: Dy magnets bonded onto the rotor, from Suzhou to Norway.').item?.downstream).toBe('rotor_stator_assembly');
  });
});

describe('more batch v readings (eighth session)', () => {
  it('reads "we (Dutch company)" as the asker\'s own place', () => {
    expect(facts('We (Belgian trader) bought Chinese Tb oxide in 2025 and want to resell it to Norway.').shipFrom).toBe('BE');
  });

  it('reads "<nationality> contract manufacturer here (<town>)" as the asker\'s site', () => {
    expect(facts('Thai contract manufacturer here (Rayong). We sinter NdFeB with Chinese Dy and ship to Canada.').shipFrom).toBe('TH');
  });

  it('reads goods "we need … sourced from China" as a purchase to come, not stock bought in', () => {
    expect(facts('We need Gd2O3 sourced from China for a utility in Spain.').item?.chinaOrigin).toBeUndefined();
  });

  it('reads machines shipped with "no drawings or documents" as goods, not a transfer of know-how', () => {
    expect(facts('A used jet mill and HD furnace from our plant in Ningbo to our affiliate in Malaysia, no drawings or documents.').collaboration?.kind).toBeUndefined();
  });

  it('reads commissioning a new NdFeB line as production-line services', () => {
    expect(facts('Chinese technicians from our furnace supplier would come to commission our new NdFeB line in Saxony.').collaboration?.area).toBe('production_line_services');
  });

  it('reads samarium-iron nitride as a samarium-iron alloy', () => {
    expect(facts('Sm2Fe17N3 powder from Baotou to Thailand').item).toMatchObject({ elementsPresent: ['Sm', 'Fe'] });
  });

  it('finds a Thai town written in one word or two (Chonburi, Chon Buri)', () => {
    expect(facts('Dy magnets from Ningbo to our plant in Chonburi').destination).toBe('TH');
  });
});

describe('doubts, self-corrections and Chinese negations (eighth session)', () => {
  it('reads "advise whether export of Dy oxide needs…" as Dy oxide named for sure, and "whether it contains Dy" as a doubt', () => {
    expect(facts('Kindly advise whether export of dysprosium oxide from Baotou to Osaka needs a permit.').item?.elementsPresent).toContain('Dy');
    expect(facts('We are not sure whether the magnets contain Dy.').item?.elementsPresent ?? []).not.toContain('Dy');
  });

  it('reads the goods named after "scratch that" in place of those before it', () => {
    expect(facts('We order N45SH blocks from Xiamen — scratch that, they are Y35 ferrite blocks. Licence?').item?.magnetType).toBe('ferrite');
  });

  it('reads 不含镝铽 as without Dy and Tb', () => {
    const r = newAssistant().handle({ ...msg('钕铁硼 N38, 不含镝铽, from Ningbo to Poland', 'zh-neg'), asOf: '2026-06-01' });
    expect(r.facts?.item?.elementsAbsent).toEqual(expect.arrayContaining(['Dy', 'Tb']));
    expect(r.verdict).toBe('not_required');
  });

  it('finds Wrocław written with its ł', () => {
    expect(facts('NdFeB blocks from Ningbo to Wrocław').destination).toBe('PL');
  });
});

describe('the asker\'s own trade and the goods it buys in (ninth session)', () => {
  it('reads an oxide named by its -a name as a material beside a product, and a parenthesised formula as the same goods', () => {
    const f = facts('We assemble control rods in Finland and want some samaria (Sm2O3) powder from a refinery in China.');
    expect(f.item).toMatchObject({ elementsPresent: ['Sm'], form: 'oxide' });
    expect(f.shipFrom).toBe('CN');
    // Not made at the asker's Finnish plant: made by the refinery it comes from (twentieth session: a producer's place).
    expect(f.madeIn).toBe('CN');
  });

  it('reads magnets a product uses as loose goods when the asker buys them ("magnets that we buy from a supplier in X")', () => {
    const f = facts('We build loudspeakers in Austria. Our drivers use SmCo rings (about 5 g each) that we buy from a vendor in Ningbo.');
    expect(f.item).toMatchObject({ form: 'magnet', magnetType: 'smco' });
    expect(f.shipFrom).toBe('CN');
  });

  it('keeps the product when the asker builds the bought magnets in and sells the product on', () => {
    const f = facts('We make pumps in Spain with Dy magnets that we buy from China, and sell the pumps to Morocco.');
    expect(f.item).toMatchObject({ form: 'finished_product', downstream: 'motor' });
  });

  it('takes goods the asker wants or buys over what it makes or supplies', () => {
    expect(facts('Our Kulim line makes laser ceramics. We want 200 kg of Lu2O3 from a Chinese producer.').item).toMatchObject({ elementsPresent: ['Lu'], form: 'oxide' });
    expect(facts('We supply mining equipment in Chile. We buy loose N45SH blocks from a supplier in Baotou for our own motors.').item).toMatchObject({ form: 'magnet', magnetType: 'ndfeb' });
  });

  it('reads where a maker or supplier is as where the goods leave from, before the asker\'s own site', () => {
    expect(facts('We are a pump maker in Izmir. Our Chinese magnet supplier ships NdFeB rings every month.').shipFrom).toBe('CN');
    expect(facts('We are a Belgian importer of magnets. Our supplier in Ganzhou says the Tb content is tiny.').shipFrom).toBe('CN');
    // Stock the asker holds stays where it is held.
    expect(facts('Our Antwerp warehouse holds Dy2O3 that our Chinese supplier shipped to us in May.').shipFrom).not.toBe('CN');
  });

  it('reads long-afterglow pigments (strontium aluminate, Super-LumiNova) as phosphors', () => {
    expect(facts('Super-LumiNova for watch dials').item?.form).toBe('phosphor');
    expect(facts('a strontium aluminate pigment doped with Eu and Dy').item?.form).toBe('phosphor');
  });
});

describe('workshops and joint ventures are places or things made, not courses (ninth session)', () => {
  it('reads goods bought from a cutting workshop as goods, not training', () => {
    expect(facts('We buy Tb-doped garnet crystals from a polishing workshop in Fuzhou.').collaboration?.kind).toBeUndefined();
  });
});

describe('verbs the grammar knows are no typos of item nouns (ninth session)', () => {
  it('does not read "assemble" as a misspelt "assembly"', () => {
    expect(facts('We assemble in Ohio.').item?.form).toBeUndefined();
    expect(facts('rotor asembly with Dy magnets').item?.form).toBe('component');
  });
});

describe('crystals, catalysts and places from batch y (ninth session)', () => {
  it('reads goods bought "from a <any noun> in <place>" as leaving from that place', () => {
    expect(facts('Can we buy Tm:YLF rods from a crystal grower in Anhui?').shipFrom).toBe('CN');
  });

  it('reads doped-crystal notation either way round as the host with its dopant', () => {
    expect(facts('GAGG:Ce crystals').item).toMatchObject({ elementsPresent: ['Gd', 'Al', 'Ga', 'Ce'], form: 'crystal' });
    expect(facts('Ce:LuAG plates').item?.elementsPresent).toEqual(['Lu', 'Al', 'Ce']);
    expect(facts('TGG crystals for Faraday isolators').item).toMatchObject({ elementsPresent: ['Tb', 'Ga'], form: 'crystal' });
  });

  it('reads a hyphenated mixed oxide as one run, and oxygen-storage powder as a (calcined) catalyst', () => {
    const f = facts('calcined CeO2-ZrO2-Pr6O11 oxygen storage material for washcoats');
    expect(f.item).toMatchObject({ form: 'catalyst', downstream: 'calcined_catalyst' });
    expect(facts('coated monoliths for exhaust systems').item?.form).toBe('catalyst');
  });

  it('reads graphitisation as the graphite sector', () => {
    expect(facts('a graphitization furnace for a plant in Spain').item?.sector).toBe('graphite');
  });
});

describe('licensing and hiring (ninth session)', () => {
  it('reads licensing "a Chinese company\'s process" as a licence still to be granted, provided by the Chinese party', () => {
    expect(facts('We would like to license a Chinese company\'s separation process for our plant in Norway.').collaboration).toMatchObject({ kind: 'licensing', chineseProvider: true });
  });

  it('reads "license us a process" as licensing provided by the Chinese party', () => {
    expect(facts('Our Chinese partner wants to license us a process.').collaboration).toMatchObject({ kind: 'licensing', chineseProvider: true });
  });

  it('answers hiring someone who ran magnet sintering in China as cooperation, whatever goods are named', () => {
    const r = newAssistant().handle({ ...msg('We make magnets in Texas and would hire an engineer who ran NdFeB sintering at a Chinese magnet plant.', 'hire-1'), asOf: '2026-05-13' });
    expect(r.intent.name).toBe('collaboration_license');
    expect(r.verdict).not.toBe('not_required');
  });
});

describe('Chinese inputs said to be absent (ninth session)', () => {
  it('reads "no Chinese material, equipment or technology" as no Chinese content and no Chinese technology', () => {
    const f = facts('Magnets sintered in Korea from Vietnamese NdPr, no Chinese material, equipment or technology used, shipped to Mexico.');
    expect(f.item).toMatchObject({ hasChineseContent: false, chineseContentPercent: 0, madeWithChineseTechnology: false });
  });

  it('reads "no Chinese material or Chinese technology" the same way, and leaves a Chinese input said present alone', () => {
    expect(facts('Rotors made in Spain, no Chinese material or Chinese technology involved.').item?.madeWithChineseTechnology).toBe(false);
    expect(facts('Rotors made in Spain with Chinese magnets.').item?.hasChineseContent).toBe(true);
  });
});

describe('where goods are, and inputs held by a product made elsewhere (ninth session)', () => {
  it('reads an opening line "<company noun> in <place>." as the asker\'s own place, and stock held "here" as there', () => {
    const f = facts('Freight forwarder in Rotterdam. Our client holds Chinese-origin Tb4O7 in a bonded warehouse here and wants to send it to Norway.');
    expect(f.shipFrom).toBe('NL');
    expect(f.destination).toBe('NO');
  });

  it('reads magnets a product made abroad holds, "from China", as Chinese content, not the product\'s route', () => {
    const f = facts('Tablets assembled in Thailand with Dy magnets from China, shipping to Chile.');
    expect(f.shipFrom).not.toBe('CN');
    expect(f.item).toMatchObject({ form: 'finished_product', hasChineseContent: true });
  });

  it('keeps "from our Chinese plant" as the route of a product not said made anywhere else', () => {
    expect(facts('complete gearmotors w/ Dy magnets, from our Chinese plant to Egypt').shipFrom).toBe('CN');
  });
});

describe('a formula spelled out with a symbol run as one part (ninth session)', () => {
  it('reads "PrNd-Fe-B + Al, Cu, Co" as the whole composition', () => {
    expect(facts('our grade is PrNd-Fe-B + Al, Cu, Co, no Dy no Tb').item).toMatchObject({ compositionComplete: true, elementsAbsent: ['Dy', 'Tb'] });
  });

  it('leaves a three-symbol family name open', () => {
    expect(facts('Ce-Fe-B magnets').item?.compositionComplete).toBeUndefined();
  });
});

describe('instruments named in a list or a range (ninth session)', () => {
  it('reads "Announcements 61 and 62" and "Nos. 55-58" as each instrument', () => {
    expect(extractReferences('Are Announcements 61 and 62 back?', sourceIds).sources).toEqual(['CN-ANN-2025-61', 'CN-ANN-2025-62']);
    expect(extractReferences('what about Nos. 55-58', sourceIds).sources).toEqual(['CN-ANN-2025-55', 'CN-ANN-2025-56', 'CN-ANN-2025-57', 'CN-ANN-2025-58']);
  });

  it('reads a list in parentheses after a word for instruments ("the autumn rules (56, 58)"), and nothing from other parentheses', () => {
    expect(extractReferences('Are the autumn rules (56, 58) in force again?', sourceIds).sources).toEqual(['CN-ANN-2025-56', 'CN-ANN-2025-58']);
    expect(extractReferences('Our magnets (58 pieces) ship in May.', sourceIds).sources).toEqual([]);
  });
});

describe('reagents, formulas with groups, and hydrates (batch z, ninth session)', () => {
  it('reads a bracketed formula and its hydrate as the metal\'s compound', () => {
    expect(facts('2 kg Gd(NO3)3·6H2O').item).toMatchObject({ elementsPresent: ['Gd'], form: 'compound' });
    expect(facts('Lu(OTf)3 for a coupling step').item).toMatchObject({ elementsPresent: ['Lu'], form: 'compound' });
  });

  it('reads a salt named by its anion (triflate, acetylacetonate) as a compound', () => {
    expect(facts('terbium acetylacetonate from Shanghai').item).toMatchObject({ elementsPresent: ['Tb'], form: 'compound' });
  });

  it('reads "supplier in X" after a comma as the supplier\'s place, and a consignee\'s place as the destination', () => {
    expect(facts('Destination is our factory in Austria.').destination).toBe('AT');
    const f = facts('100 g dysprosium chloride for a catalysis test, supplier in Hangzhou, consignee our lab in Lyon.');
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('FR');
  });
});

describe('end users, idioms and loose parts (batch z and ea, ninth session)', () => {
  it('reads an "end user is …" clause as who uses the goods: its products are no item, its place the destination', () => {
    const f = facts('End user is a carmaker\'s motor plant in Chennai, passenger cars only.');
    expect(f.item?.form).toBeUndefined();
    expect(f.destination).toBe('IN');
  });

  it('reads "on the phone" as no goods', () => {
    expect(facts('Finance here, on the phone: we ship terbium metal from Baotou to Texas.').item).toMatchObject({ form: 'metal', elementsPresent: ['Tb'] });
  });

  it('reads magnets shipped un-mounted beside a rotor as loose, fitted where they are shipped to', () => {
    const f = facts('We ship the generator rotor with the magnets un-mounted and fit them on site in Portugal.');
    expect(f.item?.form).toBe('magnet');
    expect(f.destination).toBe('PT');
  });

  it('takes a compound bought in over the asker\'s own material it goes into', () => {
    expect(facts('we coat our separator film with ceria. buying Ce(NO3)3 from a supplier in Baotou.').item).toMatchObject({ elementsPresent: ['Ce'], form: 'compound' });
  });
});

describe('"no Chinese anything" and symbol lists with ambiguous symbols (ninth session)', () => {
  it('reads "No Chinese anything" as no Chinese content and no Chinese technology', () => {
    expect(facts('No Chinese anything: pumps built in Texas with magnets made in Korea, shipped to Peru.').item).toMatchObject({ chineseContentPercent: 0, madeWithChineseTechnology: false });
  });

  it('keeps "no Chinese content" silent about technology', () => {
    expect(facts('Rotors made in Spain, no Chinese content, shipped to Chile.').item?.madeWithChineseTechnology).toBeUndefined();
  });

  it('reads "Nd, Pr, Fe, B, Co only" as a whole composition, cobalt included', () => {
    expect(facts('shim magnets, ICP: Nd, Pr, Fe, B, Co only').item).toMatchObject({ compositionComplete: true, elementsPresent: expect.arrayContaining(['Co']) });
  });
});

describe('regime words and country codes (ninth session)', () => {
  it('reads "the Chinese suspension" as whose rules, not a Chinese site', () => {
    expect(facts('Now that the Chinese suspension has expired, do we need a licence for the Dy magnets we ship from Osaka?').shipFrom).toBe('JP');
  });

  it('reads country codes written in capitals as places ("here in NL")', () => {
    expect(facts('Rotors are assembled here in NL and shipped to KR.')).toMatchObject({ madeIn: 'NL', destination: 'KR' });
  });

  it('does not assume goods made with Chinese technology leave China', () => {
    const r = newAssistant().handle({ ...msg('We sinter Dy magnets with a process we licensed from a Chinese company and sell them to Germany. Licence?', 'tech-origin-1'), asOf: '2026-11-16' });
    expect(r.facts?.shipFrom).toBeUndefined();
    expect(r.verdict).not.toBe('not_required');
  });
});

describe('magnets inside a product "came from China" (ninth session)', () => {
  it('reads where the magnets inside came from as content, not the product\'s route', () => {
    expect(facts('The speaker magnets inside came from China and contain Dy.').shipFrom).toBeUndefined();
  });
});

describe('lab analyses and YSZ grades (ninth session)', () => {
  it('reads an ICP or XRF list as the whole composition', () => {
    expect(facts('N45 blocks, ICP report: Nd, Pr, Fe, B, no Dy or Tb').item?.compositionComplete).toBe(true);
    expect(facts('XRF analysis: La, Ce, O').item?.compositionComplete).toBe(true);
  });

  it('reads 8YSZ and 3YSZ as yttria-stabilised zirconia', () => {
    expect(facts('8YSZ powder').item?.elementsPresent).toEqual(['Y', 'Zr']);
  });
});

describe('magnets sent on their own to the asker (ninth session)', () => {
  it('reads magnets a product uses, "from a Chinese maker, shipped to our plant", as the goods shipped', () => {
    const f = facts('Our pumps use SmCo rings from a Chinese maker, shipped to our plant in Brno.');
    expect(f.item).toMatchObject({ form: 'magnet', magnetType: 'smco' });
    expect(f.shipFrom).toBe('CN');
  });
});

describe('know-how goods were made with, and Chinese parties said absent (ninth session)', () => {
  it('reads "made in Japan with Japanese process know-how, no Chinese material or technology" as no cooperation', () => {
    const f = facts('Magnets made in Japan with Japanese process know-how, no Chinese material or technology, shipped to Spain.');
    expect(f.collaboration?.kind).toBeUndefined();
    expect(f.collaboration?.chineseProvider).not.toBe(true);
  });
});

describe('a composition head a few words before its copula (ninth session)', () => {
  it('reads "composition per their test report is Nd, Pr, Fe, B" as the whole composition', () => {
    expect(facts('the composition per the mill certificate is Nd, Pr, Fe, B, Cu').item?.compositionComplete).toBe(true);
  });

  it('reads a parent company that ships as where goods leave from', () => {
    expect(facts('We are a plant in Penang. Our parent in Ganzhou ships us Tb magnet blocks.').shipFrom).toBe('CN');
  });
});

describe('tenth session readings (own phrasings)', () => {
  it('reads foreign visitors touring or auditing a Chinese plant as a visit, provided by the Chinese side', () => {
    expect(facts('Inspectors from our Dutch customer will tour our Baotou sintering plant and be shown the furnace settings.').collaboration)
      .toMatchObject({ kind: 'visit', area: 'magnet_preparation', chineseProvider: true });
    expect(facts('Our buyers from Osaka will audit a Ganzhou magnet maker and look at its sintering process sheets.').collaboration?.kind).toBe('visit');
  });

  it('keeps a transfer a transfer when papers are sent after a visit, and consulting consulting when visits are part of it', () => {
    expect(facts('After the plant tour in Ningbo we will email the Italian team our full NdFeB sintering recipe.').collaboration?.kind).toBe('technology_transfer');
    expect(facts('Our Ganzhou engineers will advise a separation plant in Chile, with two site visits.').collaboration?.kind).toBe('consulting');
  });

  it('does not read traceability that was audited as a visit', () => {
    expect(facts('Magnets made in Korea, audited supply chain, no Chinese material.').collaboration?.kind).toBeUndefined();
  });

  it('reads advice on our own flowsheet from a Chinese firm as provided by the Chinese firm', () => {
    expect(facts('A Chinese consultancy will advise on our flowsheet for a separation plant in Chile.').collaboration)
      .toMatchObject({ kind: 'consulting', chineseProvider: true });
  });

  it('reads an exchange of our drafts and their process data as running both ways', () => {
    expect(facts('We write a paper with a lab in Hefei and will be sharing our drafts and their NdFeB sintering process data.').collaboration?.chineseProvider).toBe(true);
  });

  it('reads a material the asker needs from China as the goods, not its own product', () => {
    const f = facts('We make titanium bike frames in Italy and need scandium oxide from China.');
    expect(f.item).toMatchObject({ elementsPresent: ['Sc'], form: 'oxide' });
    expect(f.shipFrom).toBe('CN');
  });

  it('reads a purity or an alloy content as such, not as the Chinese share of value', () => {
    expect(facts('Our 99.9 % gadolinium oxide comes from a Chinese refinery.').item?.chineseContentPercent).toBeUndefined();
    expect(facts('We need Mg-10%Gd alloy from China.').item?.chineseContentPercent).toBeUndefined();
    expect(facts('Chinese magnets are about 6 % of the motor value, motors made in Mexico.').item?.chineseContentPercent).toBe(6);
  });

  it('reads "Chinese-made" magnets inside a product as Chinese parts in it, and "Chinese-made" goods as made in China', () => {
    const f = facts('We build pumps in Brno with motors containing Chinese-made SmCo magnets, for a buyer in Chile.');
    expect(f.madeIn).toBe('CZ');
    expect(f.item).toMatchObject({ chinaOrigin: false, hasChineseContent: true, chineseMadeParts: true });
    const g = facts('Our Ohio plant keeps buying Chinese-made sintered NdFeB magnets for its servo drives.');
    expect(g.madeIn).toBe('CN');
    expect(g.item?.chineseMadeParts).toBeUndefined();
  });

  it('reads a content figure as a composition even with a word of value nearby, unless the figure says "of the value"', () => {
    const f = facts('Our rotor maker in Slovakia buys magnets with about 4 % terbium from China. Is the price going up?');
    expect(f.item?.heavyRareEarthPercent).toBe(4);
    expect(f.item?.chineseContentPercent).toBeUndefined();
    expect(facts('Our rotors from Slovakia hold Chinese magnets, 4 % terbium by weight and 5 % of the rotor value.').item?.chineseContentPercent).toBe(5);
  });

  it('negates only the element a negation written after it follows', () => {
    expect(facts('The lab report on the magnets: Dy not detected, Tb 0.4 %.').item).toMatchObject({ elementsPresent: ['Tb'], elementsAbsent: ['Dy'] });
  });

  it('reads "this lot from China controlled?" as where the goods leave from', () => {
    expect(facts('Is this lot of SmCo magnets from China controlled or not?').shipFrom).toBe('CN');
  });

  it('reads stock bought in China some time ago as Chinese-origin stock held where the asker is', () => {
    const f = facts('We are a Hamburg trader. We bought it last year from a Chinese refinery: 30 kg of dysprosium oxide, now to sell to Austria.');
    expect(f.shipFrom).toBe('DE');
    expect(f.item?.chinaOrigin).toBe(true);
  });
});

describe('visits and the asker introducing itself (own phrasings)', () => {
  it('reads "send a team to tour our line in P" as our site visited, not a destination', () => {
    const f = facts('A Danish customer will send a team to tour our NdFeB pressing line in Ningbo.');
    expect(f.destination).toBeUndefined();
    expect(f.collaboration).toMatchObject({ kind: 'visit', chineseProvider: true });
  });

  it('still reads engineers sent abroad to set up a plant as a transfer of know-how', () => {
    expect(facts('Our Chinese supplier will send engineers to Chile to set up our NdFeB sintering plant, furnace settings included.').collaboration?.kind)
      .toBe('technology_transfer');
  });

  it('reads "Licensing office, a university in Hunan." as the asker, so licensing our process abroad is Chinese know-how', () => {
    expect(facts('Licensing office, a university in Hunan. A Canadian firm wants a licence to our patented rare-earth separation process.').collaboration)
      .toMatchObject({ kind: 'licensing', chineseProvider: true });
  });
});

describe('buyers abbreviated or written in Chinese, and materials the asker buys (own phrasings)', () => {
  it('reads "cust in france wants …" as a customer there, not the asker\'s plant', () => {
    const f = facts('cust in france wants N42SH with Tb, we sinter them. licence?');
    expect(f.destination).toBe('FR');
    expect(f.madeIn).not.toBe('NL');
  });

  it('reads 客户 (customer) and 卖 (sell) in a mixed message', () => {
    // The glossary is applied by the understander, before extraction.
    expect(understanding.understander.understand('我们卖 Dy magnets, 客户 in Brazil makes pumps').facts.destination).toBe('BR');
  });

  it('reads "our gadolinium chloride comes from a Chinese supplier" as goods shipped from China when nothing else is named', () => {
    expect(facts('Lab in Lyon. Our gadolinium chloride comes from a Chinese supplier. Controlled?').shipFrom).toBe('CN');
    // Once the motors are said to be sold on, the magnets are their Chinese content; with nothing shipped or sold, the
    // magnets coming from China are the only goods that move, so they are what is asked about.
    expect(facts('Our motors are built in Spain and sold to France; our Dy magnets come from a Chinese supplier.').item?.hasChineseContent).toBe(true);
    expect(facts('Our motors are built in Spain; our Dy magnets come from a Chinese supplier.')).toMatchObject({ shipFrom: 'CN', destination: 'ES' });
  });
});

describe('a long noun phrase after "to" (own phrasings)', () => {
  it('reads "to a new rare earth separation plant in P" and "to our group\'s new magnet start-up in P" as where the goods go', () => {
    expect(facts('We ship mixer-settlers to a large new rare earth separation plant in Laos.').destination).toBe('LA');
    expect(facts('A vendor in Ningbo ships a strip caster to our group\'s new magnet start-up in Busan.').destination).toBe('KR');
  });
});

describe('papers for a licence application (own phrasings)', () => {
  it('does not read drawings asked for a supplier\'s licence application as know-how passing', () => {
    expect(facts('The Ningbo factory wants our pump drawings and an end-use statement for its licence application.').collaboration?.kind).toBeUndefined();
    expect(facts('The Ningbo factory will send us its NdFeB sintering drawings.').collaboration?.kind).toBe('technology_transfer');
  });
});

describe('a goods question is not a request for a person (own phrasings)', () => {
  it('reads samples offered at a fair for a suitcase home as a goods question, and "connect me to an officer" as a request', () => {
    expect(understanding.understander.understand('At a trade fair in Ningbo a vendor wants to give me five Tb magnet samples to carry home to Lyon. ok?').intent).toBe('part_license');
    expect(understanding.understander.understand('Please connect me to a compliance officer about 50 kg Tb oxide to Japan.').intent).toBe('talk_to_human');
  });
});

describe('trains the vehicles (own phrasings)', () => {
  it('does not read "motors for regional trains" or "trains and trams" as training, and still reads "to train our operators" and "will train in Ningbo"', () => {
    expect(facts('A Chinese maker offers Dy-magnet traction motors for high-speed trains.').collaboration?.kind).not.toBe('training');
    expect(facts('Magnet motors from China for trains and trams in Poland.').collaboration?.kind).not.toBe('training');
    expect(facts('Our Baotou engineers want to train our Czech operators on NdFeB sintering.').collaboration?.kind).toBe('training');
    expect(facts('Our Mexican engineers will train in Ningbo on NdFeB sintering.').collaboration?.kind).toBe('training');
  });

  it('reads a kind of train before "trains" as the vehicle ("civil trains only", "freight trains"), so goods for them are no training', () => {
    const u = understanding.understander.understand('A Korean rolling-stock maker (civil trains only) asks us to deliver Tb magnets from our Ningbo factory. Licence?');
    expect(u.facts.collaboration?.kind).not.toBe('training');
    expect(u.intent).toBe('part_license');
    expect(facts('Brake magnets from China for freight trains in Slovakia.').collaboration?.kind).not.toBe('training');
    expect(facts('Our Ganzhou experts will train Polish operators on NdFeB sintering.').collaboration?.kind).toBe('training');
  });
});

describe('a department signing with its place (own phrasings)', () => {
  it('reads "Purchasing Ningbo:" as the asker\'s place, so the goods leave from there', () => {
    const f = facts('Purchasing Ningbo: a customer in Italy wants SmCo rings. Licence?');
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('IT');
  });
});

describe('scrap that came from Chinese-made magnets (own phrasings)', () => {
  it('does not read goods that "came from Chinese-made magnets" as made in China', () => {
    const f = facts('Some of that scrap came from Chinese-made magnets, about 40 % by value.');
    expect(f.madeIn).not.toBe('CN');
    expect(f.item?.chinaOrigin).not.toBe(true);
  });
});

describe('the asker saying where they are from (own phrasings)', () => {
  it('reads "I am from a Thai trading company" as the asker, and "the magnets are from China" as the goods\' origin', () => {
    const f = facts('Hello, I am from a Thai trading company. We buy Dy2O3 from Baotou and send it to a customer in Italy.');
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('IT');
    expect(facts('The SmCo magnets are from China and go to Brazil.').shipFrom).toBe('CN');
  });
});

describe('fibre-amplifier shorthand (own phrasings)', () => {
  it('reads EDF and YDF as erbium- and ytterbium-doped fibre', () => {
    expect(understanding.understander.understand('10 km of EDF from Wuhan to Lyon, licence?').facts.item?.elementsPresent).toContain('Er');
    expect(understanding.understander.understand('YDF spools from Shenzhen for our laser plant in Jena').facts.item?.elementsPresent).toContain('Yb');
  });
});

describe('sensor modules and kits (own phrasings)', () => {
  it('reads "Hall sensor modules" as formed sensors and "injection-molded … from P" as leaving P', () => {
    const f = facts('We export overmolded speed sensor modules (NdFeB pellet, ASIC, pins) from Ningbo to Brazil.');
    expect(f.item).toMatchObject({ form: 'component', downstream: 'formed_sensor' });
    expect(facts('We export injection-molded encoder modules from Wuxi to Spain.').shipFrom).toBe('CN');
  });

  it('keeps a "rotor magnet kit" of loose magnets out of the rotor assemblies', () => {
    expect(facts('a rotor magnet kit: 12 loose Dy NdFeB arcs per kit, not fitted').item?.downstream).not.toBe('rotor_stator_assembly');
  });
});

describe('know-how a foreign-named party owns (own phrasings)', () => {
  it('reads "license a Chinese company\'s separation flowsheet" as Chinese know-how, and "a Japanese shipyard\'s naval division" as the buyer', () => {
    expect(facts('A plant in Laos wants to license a Chinese company\'s rare-earth separation flowsheet.').collaboration)
      .toMatchObject({ chineseProvider: true, area: 'extraction_separation' });
    expect(facts('Our Dutch stock of Dy magnets: a Japanese shipyard\'s naval division wants them.').destination).toBe('JP');
  });
});

describe('eleventh session readings (own phrasings)', () => {
  it('reads a parenthesis after a buyer as describing that buyer, not as the goods', () => {
    const f = facts('We provide a German tool maker (power drills and laptops, nothing military) with Tb magnets produced in Baotou.');
    expect(f.item?.form).toBe('magnet');
    // A parenthesis closed before the goods describes nothing after it.
    expect(facts('Our sintered magnets come from our Osaka plant (Japan). They contain terbium bought in China.').item?.elementsPresent).toContain('Tb');
  });

  it('reads "we glue them in at our plant in P" after a shipment as where the goods go', () => {
    const f = facts('The vendor ships the stator stacks and the Tb magnets together, magnets in their own boxes, and we press them in at our plant in Poland.');
    expect(f.destination).toBe('PL');
    expect(f.madeIn).not.toBe('PL');
    // An -ing word far before the place is an adjective, not a verb of fitting.
    expect(facts('we import magnetic building blocks for toddlers made in Dongguan').madeIn).toBe('CN');
  });

  it('reads goods the asker buys from a Chinese maker as leaving China, beside the asker\'s own product', () => {
    const f = facts('We build SAW filters in Arizona and buy ScAl sputtering targets from a Chinese supplier.');
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('US');
    const grown = facts('We make gamma cameras in Belgium and buy LSO crystals (lutetium oxyorthosilicate) grown in China.');
    expect(grown.madeIn).toBe('CN');
    expect(grown.destination).toBe('BE');
  });

  it('reads foreign engineers trained at the asker\'s Chinese plant as a Chinese provider inside China', () => {
    const c = facts('We plan furnace maintenance training for the Czech technicians at our Baotou magnet plant.').collaboration;
    expect(c).toMatchObject({ chineseProvider: true, abroad: false });
  });
});

describe('a joint venture named as a party, and "license it for" (own phrasings)', () => {
  it('reads licensing by an existing JV as licensing, and setting up a JV as the JV', () => {
    expect(facts('Our Chinese joint venture owns a rare-earth separation process; our Canadian parent wants to license it for a refinery in Quebec.').collaboration?.kind).toBe('licensing');
    expect(facts('The parent wants our JV in Ganzhou to license its separation process to us, so we can build a refinery in Finland.').collaboration?.kind).toBe('licensing');
    expect(facts('We are planning to set up a JV in Baotou and share our sintering know-how with it.').collaboration?.kind).toBe('jv_investment');
  });
});

describe('goods said not to be in an assembly (own phrasing)', () => {
  it('reads "not in any assembly" as no assembly', () => {
    const item = facts('Tb grade arc magnets from Ningbo to Spain, spares in boxes, not in any assembly.').item;
    expect(item?.form).toBe('magnet');
    expect(item?.downstream).toBeUndefined();
  });
});

describe('first-level divisions by their English names (own phrasings)', () => {
  it('reads Bavaria, Ontario and Lombardy as Germany, Canada and Italy', () => {
    expect(facts('Dy magnets from Ningbo to our plant in Bavaria, licence?').destination).toBe('DE');
    expect(facts('Tb oxide from Baotou to a customer in Ontario').destination).toBe('CA');
    expect(facts('We ship Sm metal from Ganzhou to a foundry in Lombardy.').destination).toBe('IT');
  });
});

describe('a party that wants to bring the goods sends them (own phrasing)', () => {
  it('reads "our Chinese affiliate wants to bring Dy magnets to our stand" as leaving China', () => {
    expect(facts('Our Chinese affiliate wants to bring Dy magnet samples to our stand at a trade fair in Milan.').shipFrom).toBe('CN');
  });
});

describe('a plan to evade licensing (own phrasings)', () => {
  it('reads declaring listed goods as something else to avoid the licence as evasion, and a plain customs declaration not', () => {
    expect(facts('Could we invoice the Dy magnets as steel fittings so customs won\'t check them?').evasionProposed).toBe(true);
    expect(facts('The agent wants to split the Tb oxide into small parcels to avoid the licence.').evasionProposed).toBe(true);
    expect(facts('Our broker declared the magnets under HS 8505.11 with the licence attached.').evasionProposed).toBeUndefined();
  });
});

describe('parts of a product, a product made just before its name, a customer\'s long product name (own phrasings)', () => {
  it('reads "pump components" as unnamed parts, not as pumps', () => {
    const item = facts('Our supplier of pump components in Ningbo says the next lot needs an export licence.').item;
    expect(item?.downstream).toBeUndefined();
  });

  it('reads "Japanese-built gearmotors containing NdFeB magnets from China, shipped from Japan" as leaving Japan', () => {
    const f = facts('Japanese-built gearmotors containing NdFeB magnets from China, shipped from Japan to Vietnam.');
    expect(f.shipFrom).toBe('JP');
    expect(f.item?.hasChineseContent).toBe(true);
  });

  it('reads "they make fan and compressor motors" as the customer\'s product, not the goods', () => {
    const a = newAssistant('2026-03-01T09:00:00Z');
    a.handle(msg('We sell dysprosium oxide from our Baotou plant to a customer in Osaka.', 'long-product'));
    const r = a.handle(msg('They make cooling-fan and scroll-compressor motors for home appliances only. Can we keep shipping?', 'long-product'));
    expect(r.facts?.item?.form).toBe('oxide');
  });
});

describe('what "they" make, by whom "they" stand for (own phrasing)', () => {
  it('reads what a supplier named just before makes as the goods offered', () => {
    const f = facts('Our vendor sits in Baotou. They produce Sm2Co17 rings for our encoders and want to send 800 pieces to Pune.');
    expect(f.item).toMatchObject({ form: 'magnet', magnetType: 'smco' });
    expect(f.endUses ?? []).not.toContain('rare_earth_processing');
  });

  it('still reads what a customer named just before makes as its product, not the goods', () => {
    const f = facts('Our client is in Ohio. They produce SmCo rings; we sell them samarium metal from Baotou.');
    expect(f.item).toMatchObject({ form: 'metal', elementsPresent: ['Sm'] });
  });
});

describe('magnets in a product the asker exports (own phrasing)', () => {
  it('reads the product as the goods, with the magnets as its parts', () => {
    const f = facts('Our Leeds workshop uses Chinese NdFeB magnets in refurbished open MRI systems that we sell to Kenya.');
    expect(f.item).toMatchObject({ form: 'finished_product', downstream: 'device' });
  });

  it('leaves magnets put in a product the asker does not say it exports as the goods', () => {
    expect(facts('We use Chinese NdFeB magnets in our open MRI systems.').item?.form).toBe('magnet');
  });
});

describe('loose magnets beside a product, said so (own phrasing)', () => {
  it('reads "magnets loose plus stator stacks" as magnets beside the stacks, not one part', () => {
    const item = facts('The buyer now wants magnets loose plus stator stacks, they bond them in Izmir.').item;
    expect(item).toMatchObject({ form: 'magnet', besideProduct: true });
  });

  it('reads a magnet said not to be potted in as loose beside the sensor', () => {
    const item = facts('Our third encoder type from Wuxi: the SmCo disc is not potted in; it travels in its own pouch in the box.').item;
    expect(item?.form).toBe('magnet');
  });
});

describe('a past export to the asker, said in a later turn (own phrasing)', () => {
  it('reads "they were shipped from China to us" as how the goods came, not where they leave from now', () => {
    const f = facts('They were shipped from China to us under a MOFCOM licence that names us as end user.');
    expect(f.shipFrom).toBeUndefined();
    expect(f.madeIn).toBe('CN');
  });
});

describe('the end user of the goods, named before the copula (own phrasing)', () => {
  it('reads "the end user of the Dy oxide is our Brno lab" as where the goods go', () => {
    const f = facts('Our supplier knows the end user of the Dy oxide is our Brno lab. Next lots should go straight to our partner in Graz instead.');
    expect(f.shipFrom).not.toBe('CZ');
  });
});

describe('a company named by its legal-form abbreviation (own phrasing)', () => {
  it('reads "Dutch scooter co." as the asker\'s company, not the goods', () => {
    const f = facts('Hi, Dutch scooter co. Our display vendor uses terbium phosphor in backlights; they want to sell loose phosphor powder to a firm in Brno.');
    expect(f.item).toMatchObject({ form: 'phosphor', elementsPresent: ['Tb'] });
  });
});

describe('a maker\'s site the goods are then sent to (own phrasing)', () => {
  it('reads the Chinese supplier that ships as where the goods leave from, the subcontractor\'s site as where they go', () => {
    const f = facts('Our subcontractor in Bursa will wind the motors. Can our Chinese vendor send the Tb magnets directly to Turkey?');
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('TR');
  });
});

describe('a greeting "from" a place (own phrasing)', () => {
  it('reads "hello again from Izmir" as the asker\'s own place, not where the goods leave from', () => {
    const f = facts('Hello again from Izmir. Our Baotou supplier still waits for the licence for our Tb magnets; can they ship now?');
    expect(f.shipFrom).not.toBe('TR');
  });

  it('still reads "hi, magnets from Ningbo" as goods leaving Ningbo', () => {
    expect(facts('Hi, magnets from Ningbo to Busan, licence?').shipFrom).toBe('CN');
  });
});

describe('a product the asker buys in beside the one it makes (own phrasing)', () => {
  it('reads the bought-in product as the goods, the asker\'s own as its trade', () => {
    const f = facts('We build e-scooters in Lodz. We import complete BLDC hub motors from Jinhua. Do those motors need a Chinese export licence?');
    expect(f.item).toMatchObject({ form: 'finished_product', downstream: 'motor' });
    expect(f.shipFrom).toBe('CN');
  });
});

describe('Chinese content said to be none (own phrasing)', () => {
  it('reads a plain zero as no Chinese content, 0 % of value', () => {
    const item = facts('Our Thai plant makes SmCo magnets and exports them to Canada; Chinese content is zero.').item;
    expect(item).toMatchObject({ chineseContentPercent: 0, hasChineseContent: false });
  });

  it('reads "almost zero" as no figure, and the Chinese share as no Chinese source of the goods', () => {
    const item = facts('The Chinese content is almost zero; they buy the Sm in Laos.').item;
    expect(item?.chinaOrigin).not.toBe(true);
    expect(item?.chineseContentPercent).toBeUndefined();
  });
});

describe('wind-turbine and permanent-magnet machine names (own phrasing)', () => {
  it('reads a nacelle and a PMSG as products with magnets built in', () => {
    expect(facts('We ship complete nacelles from Tianjin to Denmark; the generators inside have Tb magnets.').item).toMatchObject({ form: 'finished_product', downstream: 'device' });
    expect(facts('We export PMSGs with Dy magnets from Nanjing to Chile.').item).toMatchObject({ form: 'finished_product', downstream: 'motor' });
  });
});

describe('plural product names (own phrasing)', () => {
  it('reads "MRI scanners" and "washing machines" as devices with magnets built in', () => {
    expect(facts('We resell permanent-magnet MRI scanners made in Shenzhen to hospitals in Chile.').item?.downstream).toBe('device');
    expect(facts('Washing machines with BLDC motors from Hefei to Poland.').item?.form).toBe('finished_product');
  });
});

describe('headings closed by a parenthesis, machines named as a source, process documents (own phrasings)', () => {
  it('reads the goods after "Coating shop (Ohio):", not the heading', () => {
    expect(facts('Vacuum equipment service (Ohio): we need 5N yttria powder from a Chinese refiner.').item?.form).toBe('oxide');
  });

  it('does not take a machine that a trace came from for the goods', () => {
    expect(facts('The lab found Dy 0.03 % in our magnets; the maker says it is carry-over from the sintering furnace.').item?.form).not.toBe('equipment');
  });

  it('reads work instructions and process control sheets as documents passing know-how', () => {
    expect(facts('Our Chinese plant would send its work instructions for the strip-casting line to the buyer in Spain.').collaboration?.kind).toBe('technology_transfer');
  });
});

describe('twelfth session: an asker introducing itself, goods "ours" that come from China, a government\'s measure (own phrasings)', () => {
  it('reads the goods after "We are a fab equipment reseller in Texas.", not the heading\'s machines', () => {
    expect(facts('We are a vacuum equipment reseller in Texas. We need Gd2O3 powder from China for a customer.').item).toMatchObject({ form: 'oxide', elementsPresent: ['Gd'] });
  });

  it('reads "We\'re a new customer in Portugal" as where the goods go', () => {
    expect(facts("We're a new customer in Portugal - can the vendor in Ganzhou send Tb oxide to us?").destination).toBe('PT');
  });

  it('reads "our scandium oxide comes from China" as bought from China into the asker\'s place', () => {
    expect(facts('We coat turbine parts in Sheffield. Our scandium oxide comes from China. Licence needed?')).toMatchObject({ shipFrom: 'CN', destination: 'GB' });
  });

  it('keeps "our magnets come from China" as the parts of a product the asker makes', () => {
    expect(facts('We build fans in Austria and sell them to Italy. Our magnets come from China.').shipFrom).not.toBe('CN');
  });

  it('reads "Indonesia restricts nickel exports – can our plant there export …" as Indonesia\'s rules, and the same said before a Chinese question not', () => {
    expect(understanding.understander.understand('Indonesia restricts raw ore exports now - can our Indonesian smelter still export rare earth concentrate to Korea?').foreignRegime).toBeDefined();
    expect(understanding.understander.understand('Indonesia restricts raw ore exports, so we buy Tb oxide from China for our plant in Jakarta. Licence?').foreignRegime).toBeUndefined();
  });

  it('reads "the factory in Brazil fits them" after a shipment as where the goods go', () => {
    expect(facts('The vendor sends the Dy magnets and the rotor cores in two boxes and our factory in Brazil fits them together.').destination).toBe('BR');
  });

  it('reads a signed end-user certificate as a commitment, and "we never signed an end-user certificate" not', () => {
    expect(facts('We signed the end-user certificate for the Dy oxide and now want to resell part of it to Poland.').endUserCommitment).toBe(true);
    expect(facts('We never signed an end-user certificate for that Dy oxide.').endUserCommitment).toBeUndefined();
  });
});

describe('English words near a vocabulary word are read as themselves (knowledge/not-typos.json)', () => {
  it('does not read a shipyard\'s "ferries" as ferrite or "compression" as a compressor, and still forgives real typos', () => {
    expect(facts('We are a shipyard building ferries; can we buy Tb magnets from Ningbo?').item?.magnetType).not.toBe('ferrite');
    expect(facts('Compression-moulded NdFeB parts from Xiamen').item?.downstream).toBeUndefined();
    expect(facts('samarim cobalt magnts from Ningbo').item).toMatchObject({ form: 'magnet' });
    expect(facts('two compressors with Dy magnets inside').item?.downstream).toBe('motor');
  });
});

describe('military end users by plural and by name; who provides know-how (own phrasings)', () => {
  it('reads "a maker of armoured vehicles", "for the Bundeswehr" and "for the Rafale programme" as military', () => {
    expect(facts('Stator kits with Tb magnets from Ningbo for a Czech maker of armoured vehicles.').endUser?.kind).toBe('military');
    expect(facts('Servo motors from Suzhou for periscope drives of the Bundeswehr.').endUser?.kind).toBe('military');
    expect(facts('The actuators go into the Rafale programme.').endUser?.kind).toBe('military');
  });

  it('reads "they bring the process package" after a Chinese firm as the Chinese firm providing it', () => {
    expect(facts('A Chinese design institute asked us to be its local partner for a separation plant in Oman; they bring the process package.').collaboration?.chineseProvider).toBe(true);
  });

  it('reads foreign engineers who come to a Chinese plant for training as receiving it, and ours who go to teach as providing', () => {
    expect(facts('Four technicians from our Brazil plant come to our Chinese magnet factory for a week of training on the sintering line.').collaboration?.chineseProvider).toBe(true);
    expect(facts('Two of our German engineers travel to our Ganzhou plant to train the operators on our sintering process.').collaboration?.chineseProvider).toBe(false);
  });

  it('does not take the kiln a trace came from for the goods', () => {
    expect(facts('The new grade has no Dy by design, but the lab found 0.03% Dy from carry-over in the kiln.').item?.form).not.toBe('equipment');
  });
});

describe('a material used as an input beside magnets shipped (own phrasing)', () => {
  it('reads "a Dutch magnet maker using Chinese Dy metal … to ship magnets to Canada" as magnets with Chinese content', () => {
    const f = facts('We are a Dutch magnet maker using Chinese Dy metal. A customer asks if we need a licence to ship magnets to Canada.');
    expect(f.item).toMatchObject({ form: 'magnet', hasChineseContent: true });
    expect(f.shipFrom).not.toBe('CN');
  });
});

describe('know-how that comes to the asker from China, and a Chinese owner named far from its process (own phrasings)', () => {
  it('does not read "Chinese researchers would send their test protocols to us" as work inside China only', () => {
    const c = facts('Our institute plans a joint study on magnet recycling with a university in Baotou; Chinese researchers would send their test protocols to us.').collaboration;
    expect(c?.domesticOnly).not.toBe(true);
    expect(c?.chineseProvider).toBe(true);
  });

  it('reads a Chinese client disclosing its own magnet process to counsel abroad as the Chinese client providing it', () => {
    expect(facts('A Chinese client asks us to prepare a PCT filing and later national-phase filings in Japan and Korea, disclosing in full its sintering process for NdFeB magnets.').collaboration?.chineseProvider).toBe(true);
  });
});

describe('thirteenth session: where goods are used, who introduces itself, who is asked about (own phrasings)', () => {
  it('reads a country named in Chinese (CLDR names) as that country', () => {
    expect(understanding.understander.understand('氧化铽 出口到巴西 for our motor plant, licence?').facts.destination).toBe('BR');
  });

  it('reads everyday Chinese words of a mixed question by their dictionary senses (licence, below, training, visit)', () => {
    const gloss = (t: string) => understanding.lexicon.knowledge.gloss(t).replace(/\s+/g, ' ').trim();
    expect(gloss('代理商 says 低于1%不用证')).toMatch(/says below 1% no need licence/);
    expect(gloss('我司 技术员 去 Chile 培训')).toMatch(/our company technicians .*Chile training/);
    // 证书 (a certificate) is not read as 证 (a licence).
    expect(gloss('需要 原产地证书 吗')).toMatch(/certificate/);
    expect(gloss('需要 原产地证书 吗')).not.toMatch(/licence/);
    const u = understanding.understander.understand('海外客户 want to 参观 our 分离厂 and see the 萃取 line. 可以吗?');
    expect(u.facts.collaboration?.kind).toBe('visit');
  });

  it('reads "to make our own X in <place>" after bare goods as where the goods go to be made into X, not where they were made', () => {
    const f = facts('What if we bought the gadolinium oxide itself, to produce our own scintillator crystals in Finland?');
    expect(f.madeIn).toBeUndefined();
    expect(f.shipFrom).not.toBe('FI');
    expect(f.destination).toBe('FI');
  });

  it('reads "we bring our process, they bring theirs" with a Chinese partner as know-how passing both ways', () => {
    const c = facts('Planning a JV in Inner Mongolia with a Chinese refiner: we would contribute our flowsheet, they would contribute theirs. Can that work?').collaboration;
    expect(c?.chineseProvider).toBe(true);
  });

  it('reads goods named after a correction inside one message as the goods, and "Y instead of X" as Y', () => {
    expect(facts('Yttrium phosphor? Sorry, to be exact: yttrium oxide powder for our own phosphor line, 50 kg from Ganzhou to Eindhoven.').item).toMatchObject({ form: 'oxide', elementsPresent: ['Y'] });
    expect(facts('We could buy Dy-grade rotor assemblies instead of loose magnets from our Suzhou supplier.').item?.form).toBe('component');
  });

  it('reads a writer who says "we" in Chinese as the Chinese side of a technology question, unless the know-how comes to them', () => {
    const gives = understanding.understander.understand('我司 engineers will go to Thailand to set up the customer\'s NdFeB sintering line. OK?');
    expect(gives.facts.collaboration?.chineseProvider).toBe(true);
    const learns = understanding.understander.understand('我们 want to learn NdFeB sintering from a German consultant.');
    expect(learns.facts.collaboration?.chineseProvider).not.toBe(true);
    const english = understanding.understander.understand('Our engineers will go to Thailand to set up the customer\'s NdFeB sintering line. OK?');
    expect(english.facts.collaboration?.chineseProvider).toBeUndefined();
  });

  it('reads a quantity\'s "of" as opening the goods given: "send 10 g of Tb metal … for a joint paper" ships goods', () => {
    const u = understanding.understander.understand('Could we send 5 kg of gadolinium oxide powder to a partner institute in Austria for a joint paper? Research only.');
    expect(u.intent).not.toBe('collaboration_license');
    expect(u.facts.collaboration?.kind).toBeUndefined();
  });

  it('reads a name glossed in brackets after its own English once ("our plant in Ningbo (宁波)")', () => {
    expect(understanding.lexicon.knowledge.gloss('our plant in Ningbo (宁波) ships terbium oxide (氧化铽)')).toBe('our plant in Ningbo ships terbium oxide');
  });

  it('reads a site of ours that the goods are for, or that a purpose clause names, as where they go', () => {
    const f = facts('We ship Tb magnets to Hungary for encoders at our Debrecen plant. Licence needed?');
    expect(f.destination).toBe('HU');
    expect(f.shipFrom).not.toBe('HU');
    expect(facts('The supplier will add a carton of loose spare magnets, so our service crew in Queensland can swap failed ones.').destination).toBe('AU');
  });

  it('keeps "So our plant …" opening a sentence and a supplier after "so" where they are', () => {
    expect(facts('So our Thai plant making Tb magnets can keep selling to Austria without a licence?').destination).toBe('AT');
    expect(facts('The truce was signed, so our Shandong supplier can ship Dy oxide now?').destination).not.toBe('CN');
  });

  it('reads a short opening sentence introducing the asker as where the asker is', () => {
    const c = facts("I'm a postdoc at an institute in Xiamen. We want to share our Dy diffusion results with a lab in Kyoto. Any approval needed?").collaboration;
    expect(c?.chineseProvider).toBe(true);
  });

  it('reads the party a licence question is about as the exporter', () => {
    expect(facts('We import magnetic knife holders made in Ningbo. Is there a licence problem for the Chinese vendor?').destination).not.toBe('CN');
    expect(facts('We import massage guns with small magnets. Does the Chinese manufacturer need an export licence?').shipFrom).toBe('CN');
  });

  it('knows every country adjective, not only the hand-kept ones (world-countries data)', () => {
    expect(facts('A Danish wind-turbine service firm wants 20 kg of Tb magnets from Baotou.').destination).toBe('DK');
    expect(facts('Our Romanian customer wants Dy oxide from Ganzhou.').destination).toBe('RO');
  });

  it('sends goods the asker imports from a named place to the asker\'s own place', () => {
    expect(facts('Finnish pump maker here. We import small motors with magnets, complete units shipped from Qingdao. Licence?').destination).toBe('FI');
  });

  it('reads "magnets probably have Dy" after products with magnets as the products\' magnets', () => {
    expect(facts('We import magnetic knife racks and magnetic door stops from Yiwu. Magnets probably have some Dy.').item?.form).not.toBe('magnet');
  });
});

describe('know-how named after a material word is still know-how (thirteenth session, own phrasing)', () => {
  it('reads "e-mail the grain boundary diffusion settings to our plant abroad" as passing technology', () => {
    const c = facts('Our engineer in Ganzhou wants to e-mail the Tb grain boundary diffusion settings to our new factory in Mexico.').collaboration;
    expect(c).toMatchObject({ kind: 'technology_transfer', chineseProvider: true });
  });
});

describe('goods our supplier sends come to us, and "send them" sends goods (thirteenth session, own phrasings)', () => {
  it('does not read the asker\'s own place as where a supplier\'s goods leave from or were made', () => {
    const f = facts('We are a crane maker in Gdansk. Our supplier writes that Tb magnets now need an export licence. Is that right?');
    expect(f.shipFrom).not.toBe('PL');
    expect(f.madeIn).not.toBe('PL');
    expect(f.destination).toBe('PL');
  });

  it('keeps a supplier\'s own place as where its goods come from', () => {
    expect(facts('We import rotors from our supplier in Suzhou.').shipFrom).toBe('CN');
  });

  it('reads "we send them to France" with no know-how named as goods, not a technology transfer', () => {
    expect(facts('We send them to France every quarter.').collaboration?.kind).toBeUndefined();
    expect(facts('We send them the sintering recipe every quarter.').collaboration?.kind).toBe('technology_transfer');
  });
});

describe('owners, makers we found, buyers described, know-how sent to us (thirteenth session, own phrasings)', () => {
  it('reads "subsidiary of a Korean group" as the owner, not a buyer', () => {
    expect(facts('We are the Texas subsidiary of a Korean battery group. Can we buy Tb magnets from Ningbo?').destination).not.toBe('KR');
  });

  it('reads a Chinese maker the asker found as who the goods come from', () => {
    const f = facts('We are a coatings shop in Porto; we found a Chinese manufacturer of yttria powder. Licence needed?');
    expect(f.destination).not.toBe('CN');
    expect(f.shipFrom).not.toBe('PT');
  });

  it('keeps magnets as the goods when a later sentence says the buyer is a maker, with its products in apposition', () => {
    const a = newAssistant('2026-02-01T09:00:00Z');
    a.handle(msg('We plan to send Tb NdFeB magnets from our Ningbo plant to Korea.', 'buyer-described'));
    const r = a.handle(msg('Customer is an appliance maker, motors for washing machines, civil use only.', 'buyer-described'));
    expect(r.facts?.item?.form).toBe('magnet');
    expect(r.verdict).toBe('license_required');
  });

  it('reads a lab in China that will send us a flowsheet as a Chinese provider', () => {
    const c = facts('We ship ore samples to a laboratory in Ganzhou for separation tests; the laboratory will send us the results and a suggested flowsheet.').collaboration;
    expect(c?.chineseProvider).toBe(true);
  });

  it('reads a loitering munition as a military end use', () => {
    expect(facts('Complete BLDC motors with Dy magnets from Shenzhen for a loitering munition.').endUses).toContain('military');
  });
});

describe('verbs that look like nouns, machines beside bought magnets, routes through a country (sixteenth session, own phrasings)', () => {
  it('reads "we machine" as a verb, so the blocks machined are the goods, not a machine', () => {
    const f = facts('In our Graz shop we machine Tb-grade NdFeB blocks into arcs; the blocks come from Baotou.');
    expect(f.item?.form).toBe('magnet');
  });

  it('keeps "this machine" a machine: a determiner is no subject', () => {
    const f = facts('Can we export this machine from Suzhou to Brazil? It is a jet mill.');
    expect(f.item?.form).toBe('equipment');
  });

  it('decides on the magnets an equipment dealer is asked to buy, not on the equipment it deals in', () => {
    const a = newAssistant('2025-10-01T09:00:00Z');
    const r = a.handle(msg('We are a distributor of crushing equipment in Lima. A customer wants us to purchase SmCo magnet rings from a factory in Xiamen for him. Licence?', 'machine-beside-magnets'));
    expect(r.facts?.item?.form).toBe('magnet');
    expect(r.verdict).not.toBe('not_required');
  });

  it('keeps a machine the goods when the magnets are only what it will make', () => {
    expect(facts('We want to buy a hydrogen decrepitation furnace from Ningbo for making NdFeB magnets in Mexico.').item?.form).toBe('equipment');
  });

  it('reads "e-mail" as a verb of passing know-how on, so a Chinese sender provides it', () => {
    const c = facts('Our partner in Baotou wants to e-mail the NdFeB sintering process parameters to our engineers in Ohio.').collaboration;
    expect(c?.chineseProvider).toBe(true);
  });

  it('reads "by truck through China to a port and then to Korea" as transit through China, going to Korea', () => {
    const f = facts('Our Kazakh terbium oxide goes by truck through China to Lianyungang port and then by ship to Korea.');
    expect(f.transitVia).toBe('CN');
    expect(f.destination).toBe('KR');
  });

  it('keeps a plain destination after "through" when nothing follows: "sold through our office in Hamburg"', () => {
    expect(facts('We sell Dy magnets from Ningbo through our office in Hamburg.').transitVia).toBeUndefined();
  });
});

describe('whose supplier, and a government acting (sixteenth session, own phrasings)', () => {
  it('reads "our Taiwanese plant\'s supplier" as selling to Taiwan, not shipping from it', () => {
    const f = facts("Can our Taiwanese plant's supplier send scandium oxide without a licence?");
    expect(f.destination).toBe('TW');
    expect(f.shipFrom).not.toBe('TW');
  });

  it('keeps "a customer\'s supplier in Ningbo" shipping from China to the customer', () => {
    const f = facts("Our Czech customer's supplier in Ningbo ships Dy oxide.");
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('CZ');
  });

  it('reads "China will grant general licences" as the government acting, not as where goods go', () => {
    expect(facts('China would grant general licences soon, they said. Can we now buy terbium metal without a licence?').destination).toBeUndefined();
  });
});

describe('a plan to evade licensing, said with a verb of getting past a control (sixteenth session, own phrasings)', () => {
  it('reads goods sent under another name or in pieces to skip or bypass the licence as evasion', () => {
    expect(facts('The vendor will book the Tb blocks as \'steel hardware\' to skip the export licence.').evasionProposed).toBe(true);
    expect(facts('They could send the Sm oxide in many small parcels to bypass the licensing.').evasionProposed).toBe(true);
    expect(facts('Our agent wants to declare them as motor spares, so no licence needed.').evasionProposed).toBe(true);
  });

  it('keeps an order split for other reasons, or a wait avoided by applying early, no evasion', () => {
    expect(facts('We split the Dy magnet order into two batches because our warehouse is small.').evasionProposed).toBeUndefined();
    expect(facts('Should we apply early to avoid a long licence review for the Tb oxide?').evasionProposed).toBeUndefined();
  });

  it('answers a disguise plan "licence required", citing the Dual-Use Regulations article on evasion', () => {
    const a = newAssistant('2026-04-01T09:00:00Z');
    const r = a.handle(msg('Our Ningbo supplier wants to invoice the Dy NdFeB magnets to Poland as \'iron parts\' to skip the export licence. OK?', 'evasion-plan'));
    expect(r.verdict).toBe('license_required');
    expect(r.citations.map((c) => c.source)).toContain('CN-DUR-2024');
  });
});

describe('exhibitions and hand-carried goods as exports (sixteenth session, own phrasings)', () => {
  it('reads a trade-fair display and samples in a suitcase as export occasions, and a plain shipment as none', () => {
    expect(facts('We will display Dy magnets on our booth at the Husum wind fair and ship them back to Ningbo after.').exportOccasion).toBe('exhibition');
    expect(facts('Can our engineer hand-carry five SmCo samples from Xiamen to Turin?').exportOccasion).toBe('hand_carry');
    expect(facts('We ship SmCo rings from Xiamen to Turin every month.').exportOccasion).toBeUndefined();
  });

  it('answers a listed item shown at a fair "licence required", citing the Regulations on exhibitions', () => {
    const a = newAssistant('2026-04-01T09:00:00Z');
    const r = a.handle(msg('Our Baotou subsidiary wants to exhibit terbium metal samples at a fair in Chicago and take them home afterwards. Licence needed?', 'exhibition-export'));
    expect(r.verdict).toBe('license_required');
    expect(r.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-DUR-2024', 'CN-ANN-2025-18']));
  });
});

describe('a licence already held for the goods (sixteenth session, own phrasings)', () => {
  it('reads a granted licence and a supplier\'s general licence as held, and "without a licence" as none', () => {
    expect(facts('The licence for our Sm metal order was granted last month; can the supplier add 20 kg more?').licenceHeld).toBe('single');
    expect(facts('Our supplier in Ganzhou holds a general licence. Can they send our Dy oxide under it?').licenceHeld).toBe('general');
    expect(facts('Can they send our Dy oxide without a licence?').licenceHeld).toBeUndefined();
    expect(facts('How long does a licence for Tb metal take?').licenceHeld).toBeUndefined();
  });

  it('answers a change to a held licence "licence required", citing the Regulations on its scope and changes', () => {
    const a = newAssistant('2026-04-01T09:00:00Z');
    const r = a.handle(msg('Our licence names our Lyon plant as end user for the Tb oxide from Baotou. Can we send half of it to our Milan plant instead?', 'held-licence'));
    expect(r.verdict).toBe('license_required');
    expect(r.citations.map((c) => c.source)).toContain('CN-DUR-2024');
  });
});

describe('"无" on a Chinese datasheet (sixteenth session, own phrasings)', () => {
  it('reads 无镝 as no dysprosium, and keeps 无人机 a drone', () => {
    // Through the understander, which glosses Chinese before the extractors read it.
    const read = (text: string) => understanding.understander.understand(text).facts;
    const item = read('烧结钕铁硼 N42, 无镝, 从宁波 to Izmir').item;
    expect(item?.elementsAbsent).toContain('Dy');
    expect(item?.elementsPresent ?? []).not.toContain('Dy');
    expect(read('无人机 motors with Dy magnets from Shenzhen to Poland').item?.downstream).toBe('motor');
  });
});

describe('a held licence named after a sentence break (sixteenth session, own phrasing)', () => {
  it('reads "Thanks. Our licence names…" as held', () => {
    expect(facts('Thanks for the help. Our licence names the Graz plant for the Dy oxide; can part go to Linz?').licenceHeld).toBe('single');
    expect(facts('Do we have to get a licence for Dy oxide from Baotou?').licenceHeld).toBeUndefined();
  });
});

describe('who holds, who sends, whose workshop (seventeenth session, own phrasings)', () => {
  const frameOf = (text: string) => extractFacts(text, understanding.lexicon, sourceIds).frame;

  it('reads a party after "for" as the one the goods are for, not as the subject of "has"', () => {
    const f = facts('From our Xiamen plant: our SmCo rings for a Spanish pump customer have 25 % Sm. Do we need a licence?');
    expect(f.destination).toBe('ES');
    expect(f.shipFrom).toBe('CN');
    expect(facts('Our Dy NdFeB stock for an Austrian customer has 0.5 % Dy. Licence needed to ship it from Ganzhou?').destination).toBe('AT');
  });

  it('reads a repair or motor workshop as a place of work, and a workshop that is held or has a topic as training', () => {
    expect(facts('Lagos scooter workshop here. We buy Dy magnets from a Ningbo maker. Licence?').collaboration?.kind).toBeUndefined();
    expect(facts('Our Chinese supplier will run a two-day workshop on magnet sintering for our engineers in Ohio.').collaboration?.kind).toBe('training');
    expect(facts('A Baotou refinery invited us to a workshop on solvent extraction in Baotou.').collaboration?.kind).toBe('training');
  });

  it('keeps "the same Wuxi company" the seller: "same" leaves the role of "from" alone', () => {
    const f = facts('We would buy Tb-containing NdFeB arcs from the same Suzhou company as last year. Licence?');
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBeUndefined();
  });

  it('reads the asker\'s own input that "comes from" China as the goods when nothing is shipped or sold', () => {
    expect(facts('We make Er:YAG dental lasers in Finland. Our Er:YAG rods come from Shanghai. No licence needed, right?').shipFrom).toBe('CN');
    // Selling the product keeps the product the goods and the rods its Chinese content.
    const sold = facts('We make Er:YAG dental lasers in Finland. Our Er:YAG rods come from Shanghai. We sell the lasers to Norway; licence?');
    expect(sold.shipFrom).not.toBe('CN');
    expect(sold.madeIn).toBe('FI');
  });

  it('reads training of the asker\'s own staff in China as provision to foreigners, not a domestic matter', () => {
    expect(facts('A refinery in Jiangxi offers to train two of our metallurgists in China on its separation process.').collaboration?.domesticOnly).toBeUndefined();
    expect(facts('Our engineers in Ningbo will train our Chinese operators in Ningbo on sintering.').collaboration?.domesticOnly).toBe(true);
  });

  it('reads a later party that ships as where the goods leave from, ahead of the asker\'s own place', () => {
    const f = facts('Belgian distributor: our Chinese partner ships germanium ingots to a US optics maker. Licence?');
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('US');
  });

  it('reads a vendor\'s place, said with "in", as where its goods come from', () => {
    expect(facts('We are a pump workshop in Tunis. Our magnet vendor in Jiangsu says their N48H has 0.05 % Tb. Licence?').shipFrom).toBe('CN');
  });

  it('reads "a motor and cable workshop" as the asker\'s trade, and "furnaces and jet mills" as goods', () => {
    expect(frameOf('We are a small pump and valve workshop in Izmir. Our vendor in Ningbo sells us N42 magnets with Dy.').item?.form).toBe('magnet');
    expect(frameOf('We sell HD furnaces and jet mills from Ningbo to a magnet plant in Thailand.').item?.form).toBe('equipment');
  });

  it('reads goods named by a nationality other than Chinese as made there: "our Thai fan motors"', () => {
    expect(facts('Our Thai fan motors with Chinese Dy magnets go to Chile. Licence?')).toMatchObject({ madeIn: 'TH', destination: 'CL' });
    expect(facts('Chinese NdFeB blocks to Chile. Licence?').madeIn).toBe('CN');
  });

  it('reads what the asker\'s own supplier sells as the goods when nothing else is named, and a bare "magnet supplier" as a party', () => {
    expect(facts('Our gadolinium oxide powder supplier in Baotou says a licence is still needed. Really?').item).toMatchObject({ elementsPresent: ['Gd'], form: 'oxide' });
    expect(facts('Our Ningbo magnet supplier says their N48 grade has 0.05 % Tb, so no licence. Fine?').item).toMatchObject({ form: 'magnet', elementsPresent: expect.arrayContaining(['Tb']) });
    expect(facts('Our Chinese magnet supplier says it has a general licence. What does that cover for us?').item?.form).toBeUndefined();
  });

  it('reads "we order from Ningbo" as buying from there, and "an order from a US depot" as the buyer', () => {
    expect(facts('The SmCo rings we order from Ningbo go into our pumps in Lyon. Licence?').shipFrom).toBe('CN');
    expect(facts('We have an order from a US depot for SmCo rings from our Ningbo plant.').destination).toBe('US');
  });

  it('reads printed circuit board assemblies as assemblies made where the asker builds them', () => {
    const boards = facts('Our Penang line builds PCBAs with tiny SmCo magnets from Ningbo; the boards go to a customer in Texas. China licence?');
    expect(boards.item).toMatchObject({ form: 'component', downstream: 'other_assembly' });
    expect(boards.madeIn).toBe('MY');
  });

  it('reads bare goods in what someone else says as the class a claim is about when the asker names a product it makes', () => {
    const told = facts('A newsletter said buyers abroad now need approval for magnets with Chinese Tb. We build pump motors in Ohio with Chinese Tb magnets and export them to Canada. Anything to do?');
    expect(told.item).toMatchObject({ form: 'finished_product', downstream: 'motor' });
    expect(told.madeIn).toBe('US');
    // A claim about the goods themselves, named with a determiner, still names them.
    expect(facts('Our supplier in Ganzhou says their N50 magnets have under 0.1 % Tb, so no licence. We build pump motors in Ohio. Can we rely on that?').item?.form).toBe('magnet');
  });

  it('reads a quote or offer from a maker, or an order from a vendor, as where goods leave from; a request from a maker as the buyer', () => {
    const quoted = facts('Got a quotation from a Chinese furnace maker for two sintering furnaces for our plant in Gujarat. Licence?');
    expect(quoted).toMatchObject({ shipFrom: 'CN', destination: 'IN' });
    expect(facts('An offer from a Jiangxi supplier: 500 kg Dy-NdFeB blocks to our Porto site. Licence?')).toMatchObject({ shipFrom: 'CN', destination: 'PT' });
    expect(facts('We have an order from our Ningbo vendor for SmCo rings going to Lyon. Licence?')).toMatchObject({ shipFrom: 'CN', destination: 'FR' });
    expect(facts('We have an enquiry from a Canadian pump maker for Dy magnets from our Ganzhou plant.').destination).toBe('CA');
    expect(facts('We have a quote from a Canadian customer for Dy magnets from our Ganzhou plant.').destination).toBe('CA');
  });

  it('reads "permanent-magnet traction motors" as motors, and "magnets for motors" as magnets', () => {
    expect(facts('We buy permanent-magnet traction motors from Zhuzhou for our trams. Licence?').item).toMatchObject({ form: 'finished_product', downstream: 'motor' });
    expect(facts('We buy Dy magnets for traction motors from Zhuzhou. Licence?').item?.form).toBe('magnet');
  });

  it('reads "imported to Lisbon" as where the goods go, and "imported from Xiamen" as where they come from', () => {
    expect(facts('SmCo rings made in Xiamen, imported to Lisbon by us. Licence?').destination).toBe('PT');
    expect(facts('We imported SmCo rings from Xiamen last year.').destination).not.toBe('CN');
  });

  it('reads "China-origin Tb-containing SmCo rings" as Chinese-origin goods, and "Chinese Tb-diffused magnets" in motors as content', () => {
    expect(facts('Our Rotterdam stock of China-origin Tb-containing NdFeB rings goes to a buyer in Norway. Licence?').item?.chinaOrigin).toBe(true);
    expect(facts('Our Polish plant uses Chinese Tb-diffused magnets in pump motors and sells the motors to Norway. Licence?').item?.chinaOrigin).not.toBe(true);
  });

  it('reads 防衛省 and 自卫队 as military end users', () => {
    expect(understanding.understander.understand('customer in Japan supplies 防衛省, wants Tb oxide 5 kg from Baotou').facts.endUser?.kind).toBe('military');
    expect(understanding.understander.understand('日本客户 for 自卫队 radar, Dy magnets from Ningbo').facts.endUser?.kind).toBe('military');
  });

  it('reads fuel-cell ceramics by their abbreviations: ScSZ, GDC, SDC', () => {
    expect(facts('10 kg ScSZ powder from China').item).toMatchObject({ elementsPresent: expect.arrayContaining(['Sc', 'Zr']), form: 'ceramic' });
    expect(facts('GDC interlayer paste').item?.elementsPresent).toEqual(expect.arrayContaining(['Gd', 'Ce']));
    expect(facts('SDC electrolyte powder').item?.elementsPresent).toEqual(expect.arrayContaining(['Sm', 'Ce']));
  });

  it('escalates a battery material said to hold a No. 18 element, and leaves NCM precursor to No. 58', () => {
    const a = newAssistant('2026-03-30T09:00:00Z');
    expect(a.handle(msg('We buy yttrium-doped cathode material from a Hunan supplier for our cell plant in Poland. Licence?', 'battery-y')).verdict).toBe('escalate');
    expect(a.handle(msg('We buy NCM622 cathode material from a Hunan supplier for our cell plant in Poland. Licence?', 'battery-ncm')).verdict).not.toBe('escalate');
  });
});

describe('numbers, licence end users and what "they" go into (eighteenth session, own phrasings)', () => {
  it('reads "2,000 pcs of the loose magnets" after a product heading as the loose magnets, not a list of its parts', () => {
    const f = facts('About the generator job: the site team also wants 1,500 pcs of loose N42SH segments with Dy as spares.');
    expect(f.item).toMatchObject({ form: 'magnet', magnetType: 'ndfeb' });
  });

  it('still reads a list of parts after a product\'s colon as what it holds', () => {
    expect(facts('Speed sensor, parts: housing, PCB, a SmCo pellet; from Wuxi to Italy.').item?.form).not.toBe('magnet');
  });

  it('reads the asker\'s plant named on a supplier\'s licence "as end user" as where goods are received, not made', () => {
    const f = facts('Our supplier\'s licence lists our Lyon plant as end user; can the magnets go to our Turin plant instead?');
    expect(f.madeIn).not.toBe('NL');
    expect(f.item?.chinaOrigin).not.toBe(false);
    expect(facts('Our Lyon plant makes the magnets and ships them to Turin.').madeIn).toBe('FR');
  });

  it('reads "they go into pumps" as where goods named before go, naming no new goods', () => {
    expect(facts('They go into booster pumps for water utilities.').item).toEqual({ besideProduct: true });
    expect(facts('We ship booster pumps with NdFeB rotors to Peru.').item?.form).not.toBeUndefined();
  });
});

describe('inputs of goods a site makes, and the buyer a clause opens on (eighteenth session, own phrasings)', () => {
  it('reads "comes as … from China" after "our Thai plant makes" as an input, the goods made in Thailand', () => {
    const f = facts('Our Thai plant makes bonded magnets. The terbium comes as Tb4O7 from China.');
    expect(f.madeIn).toBe('TH');
    expect(f.shipFrom).not.toBe('CN');
  });

  it('reads a material bought from China after "magnets with" as the input, not the magnets', () => {
    const f = facts('Our Polish plant produces arc magnets with Tb oxide bought from China.');
    expect(f.shipFrom).not.toBe('CN');
    expect(f.item?.hasChineseContent).toBe(true);
  });

  it('reads "Customer is a pump factory in Izmir" as where goods go', () => {
    expect(facts('Dy magnets from Ningbo. Customer is a pump factory in Izmir.').destination).toBe('TR');
    expect(facts('Our customer is in Porto but the Tb oxide ships from Baotou.').shipFrom).toBe('CN');
  });
});

describe('the machines No. 56 and No. 58 name, and a negation before a sentence end (eighteenth session, own phrasings)', () => {
  it('reads plural and named machines as equipment', () => {
    expect(facts('Two centrifugal extractors and four roasting kilns from Jiangxi to Laos.').item?.form).toBe('equipment');
    expect(facts('We sell hot presses and stacking machines from Shenzhen to Hungary.').item?.form).toBe('equipment');
  });

  it('does not carry a negation across a sentence end: "(… not deliberate). Magnets go …" names magnets', () => {
    const f = facts('Lab found Tb 0.01 % (a carry-over, not deliberate). Magnets ship from Xiamen to Brno.');
    expect(f.item?.form).toBe('magnet');
  });
});

describe('products in the plural, and what a "magnetic assembly" is (eighteenth session, own phrasings)', () => {
  it('reads plural product words as the products ("magnetic tablet stands", "speed sensors")', () => {
    expect(facts('We import magnetic tablet stands from Dongguan to Lisbon.').item?.downstream).toBe('consumer_magnetic_product');
    expect(facts('Wheel speed sensors with SmCo pellets from Wuxi to Graz.').item?.downstream).toBe('formed_sensor');
  });

  it('reads "magnetic assemblies" as an assembly the FAQ does not name, never as rotors', () => {
    expect(facts('We buy magnetic assemblies with Dy NdFeB blocks from Ningbo.').item?.downstream).not.toBe('rotor_stator_assembly');
  });

  it('reads "phosphor powders: YAG:Ce yellow phosphor" as the phosphor powders themselves', () => {
    expect(facts('Phosphor powders from Ganzhou to Osaka: LuAG:Ce green phosphor and a nitride red phosphor.').item?.downstream).toBe('phosphor');
  });
});

describe('goods a party of a nationality makes (eighteenth session, own phrasings)', () => {
  it('reads "magnets that our Chinese partner makes" and "made by a Chinese vendor" as made in China', () => {
    expect(facts('Our client needs SmCo rings that our Chinese partner makes.').madeIn).toBe('CN');
    expect(facts('We stock Dy magnets made by a Chinese vendor in our Ohio warehouse.').madeIn).toBe('CN');
  });

  it('keeps "a Japanese company that builds radar modules" a buyer, not where the goods are made', () => {
    expect(facts('SmCo magnets from Xiamen for a Japanese company that builds radar modules.').madeIn).not.toBe('JP');
  });
});

describe('goods the asker wants from a place (eighteenth session, own phrasings)', () => {
  it('reads "We want Dy magnets from China" after the asker\'s own place as goods coming to it', () => {
    expect(facts('We are a Korean sensor maker. We need Tb oxide from Baotou.').destination).toBe('KR');
  });

  it('keeps "we want to sell magnets from China" the asker selling, not receiving', () => {
    expect(facts('We are a trading house in Hamburg. We want to sell Dy magnets from China.').destination).toBeUndefined();
  });
});

describe('oxides named with a multiplying prefix (eighteenth session, own phrasings)', () => {
  it('reads "antimony trioxide" and "germanium dioxide" as oxides', () => {
    expect(facts('antimony trioxide from Guangxi').item?.form).toBe('oxide');
    expect(facts('germanium dioxide to Belgium').item?.form).toBe('oxide');
  });
});

describe('review of the eighteenth session\'s place readings (own phrasings)', () => {
  it('keeps an input named before "made in X" Chinese content', () => {
    const f = facts('The terbium comes from China, and the magnets are made in Thailand.');
    expect(f.madeIn).toBe('TH');
    expect(f.shipFrom).not.toBe('CN');
  });

  it('does not read "we would ship" as the asker buying', () => {
    expect(facts('We are a trading firm in Rotterdam. We would ship Dy magnets from China.').destination).toBeUndefined();
  });
});

describe('a party put on the control list, named a few words before it (eighteenth session, own phrasing)', () => {
  it('reads "whose parent company was put on the Chinese export control list" as a listed end user', () => {
    expect(facts('Tb magnets from Ganzhou to a Danish firm whose parent company was put on the Chinese export control list.').endUser?.kind).toBe('control_list');
  });

  it('keeps "is any of this on the control list?" about the goods', () => {
    expect(facts('We ship NdFeB blocks from Ningbo to Lyon. Is any of this on the control list?').endUser?.kind).not.toBe('control_list');
  });
});

describe('who sends goods to the asker, and where the asker sits (nineteenth session, own phrasings)', () => {
  it('reads "We are the Thai motor plant of a Japanese group" as a Thai asker owned by a Japanese group, not a buyer in Japan', () => {
    const f = facts('We are the Thai motor plant of a Japanese group. Our Chinese distributor sends us NdPr metal.');
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('TH');
    expect(f.madeIn).not.toBe('NL');
  });

  it('reads "We\'re a Korean-owned WFOE in Suzhou" style introductions as sitting where the "in" says', () => {
    const f = facts("We're a French WFOE in Ningbo. We sinter Tb magnets and ship them to our parent in Lyon.");
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('FR');
  });

  it('keeps "a Chinese magnet maker\'s agent in Milan" from making the asker Italian-owned', () => {
    expect(facts("We are a Chinese magnet maker's agent in Milan. Our Italian customer needs SmCo blocks.").destination).toBe('IT');
  });

  it('reads "Pump question from our service shop in Lille: we buy Gd oxide made in China" as goods bought from China', () => {
    const f = facts('Pump question from our service shop in Lille: we buy Gd oxide made in China for a coating line.');
    expect(f.madeIn).toBe('CN');
    expect(f.shipFrom).not.toBe('FR');
    expect(f.destination).toBe('FR');
  });

  it('reads "a contract for X from A to B" as a route from A, not an order placed by a buyer in A', () => {
    const f = facts('Trading desk here. We have a contract for 500 kg terbium oxide from Ganzhou to Busan.');
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('KR');
  });

  it('reads "a question from the compressor plant in Győr" as the asker\'s own site, not where the goods come from', () => {
    const f = facts('A question from the compressor plant in Győr: our rotor supplier in Suzhou now wants a licence for the SmCo magnets it sends us.');
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('HU');
  });

  it('does not read a customer\'s request as the asker\'s site ("a question from our customer in Porto")', () => {
    expect(facts('A question from our customer in Porto: can we ship Dy magnets from Ningbo to them?').shipFrom).toBe('CN');
  });

  it('reads a verb-first "Need 20 kg of La oxide from Baotou" after the asker\'s place as goods coming to it', () => {
    expect(facts('We are a glass maker in Ontario. Need 20 kg of lanthanum oxide from Baotou for polishing trials.').destination).toBe('CA');
  });

  it('reads "my old lab in Xi\'an wants to mail me Gd metal" as goods sent to the asker', () => {
    const f = facts("I'm a Chinese postdoc in Leiden. My old lab in Xi'an wants to mail me 20 g of gadolinium metal.");
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('NL');
  });

  it('does not read "We\'re sourcing oxide from a refiner in Malaysia" as the asker sitting in Malaysia', () => {
    expect(facts("We're sourcing NdPr oxide from a refiner in Malaysia for our plant in Texas.").shipFrom).toBe('MY');
  });
});

describe('licences pending, rules named by a figure, and a country in the possessive (nineteenth session, own phrasings)', () => {
  it('does not read a licence "pending" or "rejected" as held', () => {
    expect(facts('Our Tb oxide licence has been pending since March.').licenceHeld).toBeUndefined();
    expect(facts('The supplier said our licence was rejected last week for the Dy magnets.').licenceHeld).toBeUndefined();
    expect(facts('Our licence was granted in May for the Dy magnets.').licenceHeld).toBe('single');
  });

  it('does not read goods said to be "still under licence" in a question as a licence held (forty-eighth session)', () => {
    expect(facts('Our Graz affiliate buys ytterbium oxide from Baotou. Are those still under licence after the truce?').licenceHeld).toBeUndefined();
    expect(facts('Our Graz affiliate buys ytterbium oxide from Baotou. Are those still under licence after the truce?').licenceChange).toBeUndefined();
    expect(facts('The Yb oxide was shipped under licence to our Graz plant.').licenceHeld).toBe('single');
  });

  it('does not read "the magnets for our motors need a licence" as a licence held', () => {
    expect(facts('Do the Dy magnets for our motors need a licence?').licenceHeld).toBeUndefined();
  });

  it('does not read "the 0.1 % rule" as the Chinese share of the goods', () => {
    expect(facts('We build inverters in Poland with Chinese magnets inside. Does the 0.1 % rule apply to us?').item?.chineseContentPercent).toBeUndefined();
    expect(facts('We build inverters in Poland; Chinese magnets are 2 % of the value.').item?.chineseContentPercent).toBe(2);
  });

  it('reads "India\'s ban on …" and "China\'s technology control" as those countries\' rules, not places of the goods', () => {
    const places = findPlacesIn("Does India's ban on monazite exports matter? And China's technology control?");
    expect(places.map((p) => [p.country, p.role])).toEqual([['IN', 'regime'], ['CN', 'regime']]);
  });

  it('reads a city in the possessive as the city', () => {
    expect(facts("Dy magnets from Ningbo's free trade zone to Hamburg").shipFrom).toBe('CN');
  });
});

describe('assemblies that name their magnet, and products made with magnets from China (nineteenth session, own phrasings)', () => {
  it('reads "actuator magnet assemblies" as a magnet assembly, not an actuator', () => {
    expect(facts('We buy actuator magnet assemblies from Ningbo.').item).toMatchObject({ form: 'component', downstream: 'other_assembly' });
  });

  it('keeps "encoder assemblies" the encoder', () => {
    expect(facts('We buy encoder assemblies from Ningbo.').item?.downstream).not.toBe('other_assembly');
  });

  it('reads "our plant builds pumps with SmCo magnets from China" as Chinese content of pumps made there', () => {
    const f = facts('Our Czech plant builds pumps with SmCo magnets from China and ships them to Austria.');
    expect(f.shipFrom).toBe('CZ');
    expect(f.item?.hasChineseContent).toBe(true);
  });

  it('reads "they would deliver the process flowsheet back to us" as know-how sent from the Chinese lab', () => {
    const f = facts('We ship ore samples to a lab in Ganzhou; they would deliver a full separation flowsheet back to us in Chile.');
    expect(f.collaboration?.chineseProvider).toBe(true);
  });
});

describe('"naval" as a navy\'s (nineteenth session, own phrasing)', () => {
  it('reads SmCo magnets for naval patrol vessels\' pumps as a military end use', () => {
    expect(facts('SmCo magnets from Ningbo for the bilge pumps of naval patrol vessels in Spain').endUses).toContain('military');
  });
});

describe('a machine named as the source of a trace (nineteenth session, own phrasing)', () => {
  it('does not read "mill carry-over" or "furnace contamination" as the goods', () => {
    expect(facts('The lab found 0.02 % Tb in the batch, likely mill carry-over, from Baotou to Osaka.').item?.form).not.toBe('equipment');
    expect(facts('Our NdFeB rings show Dy 0.04 %, furnace contamination they say. Ningbo to Lyon.').item?.form).toBe('magnet');
  });

  it('still reads a furnace shipped as equipment', () => {
    expect(facts('We ship a vacuum sintering furnace from Ningbo to Lyon.').item?.form).toBe('equipment');
  });
});

describe('magnets shipped unmagnetised or as blanks (nineteenth session, own phrasing)', () => {
  it('reads "unmagnetised Dy blocks" and "magnet blanks" as magnets', () => {
    expect(facts('unmagnetised Dy blocks from Ganzhou to Brno').item?.form).toBe('magnet');
    expect(facts('NdFeB magnet blanks with Tb, Ningbo to Pune').item?.form).toBe('magnet');
  });
});

describe('know-how of a sector with its own technology controls, and a licence naming its end user (nineteenth session, own phrasings)', () => {
  it('reads licensing NCM precursor process know-how from a Chinese firm as battery technology', () => {
    expect(facts('We want to license NCM precursor process know-how from a Chinese company for our plant in Finland.').collaboration?.area).toBe('battery');
  });

  it('reads "the licence was granted with our Lyon site as end user" as goods under an end-user commitment', () => {
    expect(facts('The licence was granted to the supplier with our Lyon site as end user. Can we move some to Spain?').endUserCommitment).toBe(true);
    expect(facts('Do we need a licence naming the end user for Tb magnets to Spain?').endUserCommitment).toBeUndefined();
  });

  it('keeps magnets a Chinese plant would ship "for those motors" the goods, not the motors\' parts', () => {
    const frame = (text: string) => readFrame(text, understanding.lexicon, sourceIds).frame;
    expect(frame('Can our Chinese plant ship Dy magnets for those motors?').item?.refersBack).toBeUndefined();
    expect(frame('We buy Tb metal from China for it.').item?.refersBack).toBe(true);
  });
});

describe('producers, requests and employers (twentieth session, own phrasings)', () => {
  it('reads goods bought from a maker, or sold by the asker\'s plant, as made where it is', () => {
    expect(facts('We buy NdFeB rings from a Thai manufacturer that uses Chinese furnaces.').madeIn).toBe('TH');
    expect(facts('Our motor plant in Bavaria sells servo motors to a customer in Spain.').madeIn).toBe('DE');
  });

  it('reads the buyer, not the seller, after an order the asker has', () => {
    expect(facts('Our Shenzhen plant has an order for Tb targets from a Taiwanese fab.')).toMatchObject({ shipFrom: 'CN', destination: 'TW' });
    expect(facts('We make furnaces in Wuxi. The order is from a new magnet plant in Mexico.').destination).toBe('MX');
    // A refiner named after "from" still supplies the goods.
    expect(facts('We have an order for Ho2O3 from a Chinese refiner for our laser plant in Jena.').shipFrom).toBe('CN');
  });

  it('reads the company the asker works at as the asker\'s, and a subsidiary with an order as the seller', () => {
    const places = findPlacesIn('I am an export manager at a Dutch group. Our Chinese subsidiary got an RFQ for SmCo rings from a French firm.');
    expect(places.find((p) => p.country === 'NL')).toMatchObject({ role: 'site', asker: true });
    expect(places.find((p) => p.country === 'CN')).toMatchObject({ role: 'site', sends: true });
    expect(facts('I am an export manager at a Dutch group. Our Chinese subsidiary got an RFQ for SmCo rings from a French firm.')).toMatchObject({ shipFrom: 'CN', destination: 'FR' });
    expect(findPlacesIn('I work for a Korean shipbuilder.')[0]).toMatchObject({ role: 'site', asker: true });
    expect(findPlacesIn('We are shipping to a German customer.')[0]?.role).toBe('destination');
  });

  it('does not read "research with military applications" as joint research, but "research with a university" is', () => {
    expect(facts('They do laser research with military applications.').collaboration?.kind).toBeUndefined();
    expect(facts('We do research with a Chinese university on Dy diffusion.').collaboration?.kind).toBe('joint_rnd');
  });

  it('reads what "the customer is a supplier making …" makes as the buyer\'s product, not the goods', () => {
    expect(facts('Tb magnets from Suzhou to Japan. The customer is a tier-1 supplier making seat motors.').item).toMatchObject({ form: 'magnet', elementsPresent: ['Tb'] });
  });
});

describe('greetings, making nouns, own makers and consignments (twentieth session, own phrasings)', () => {
  it('places the asker from a greeting or a question about its own plant', () => {
    expect(findPlacesIn('Hello from a Finnish gearbox maker. We buy SmCo rings.')[0]).toMatchObject({ role: 'site', asker: true });
    expect(findPlacesIn('Quick question for our Polish motor plant.')[0]).toMatchObject({ role: 'site', asker: true });
  });

  it('reads "final assembly in Morocco" as where goods are made, but not assembly the goods are for', () => {
    expect(facts('We are a drone maker in Lisbon, final assembly in Morocco.').madeIn).toBe('MA');
    expect(facts('We import Tb magnets from China for our pack assembly in Hungary.').madeIn).toBeUndefined();
  });

  it('reads goods the asker\'s own Chinese contract maker makes as made in China', () => {
    expect(facts('Our Chinese contract manufacturer makes magnetic toys with NdFeB magnets for us.').madeIn).toBe('CN');
    expect(findPlacesIn('Our Japanese customer makes actuators.')[0]?.role).toBe('destination');
  });

  it('reads "contain Chinese Tb" as Chinese content', () => {
    expect(findPlacesIn('The speaker magnets contain Chinese Tb.')[0]?.role).toBe('content');
  });

  it('counts goods said to be of rare earths as goods, and does not make them at the buyer\'s plant', () => {
    const u = understanding.understander.understand('Czech glass plant. We buy rare-earth polishing phosphors from a Baotou supplier. Licence on their side?');
    expect(u.suggested).toBe('part_license');
    expect(facts('Czech catalyst plant. We buy calcined rare-earth catalyst from a Baotou supplier.')).toMatchObject({ shipFrom: 'CN' });
    expect(facts('Czech catalyst plant. We buy calcined rare-earth catalyst from a Baotou supplier.').madeIn).toBeUndefined();
  });

  it('reads Chinese material said as a share of the goods\' value as content, not as Chinese goods', () => {
    const item = facts('The Chinese Dy is about 3 % of the magnet value; magnets ship from Thailand to Italy.').item;
    // (Goods whose Chinese content is a share of their value are themselves not of Chinese origin.)
    expect(item?.chinaOrigin).toBe(false);
    expect(item?.chineseContentPercent).toBe(3);
  });

  it('reads "a new order for Chile" as going to Chile', () => {
    expect(facts('Tb magnets from our Ningbo plant, a new order for Chile.').destination).toBe('CL');
  });
});

describe('sites that want goods, metal-making know-how, defence agencies (twentieth session, own phrasings)', () => {
  it('reads a site that needs or asks for goods as receiving them, not a site that needs a licence', () => {
    expect(facts('Our sister plant in Pune needs Dy magnets.').destination).toBe('IN');
    expect(facts('A magnet plant in Ohio asks for 3 t of Tb oxide.').destination).toBe('US');
    expect(facts('Do servo motors made in China need an export licence?')).toMatchObject({ madeIn: 'CN' });
    expect(facts('Do servo motors made in China need an export licence?').destination).toBeUndefined();
  });

  it('reads goods wanted for use at the asker\'s site some words later as going there', () => {
    expect(facts('We need yttrium oxide for thermal-spray chamber coatings at our Korean fab.').destination).toBe('KR');
  });

  it('reads calciothermic reduction as rare-earth metal production, provided by a Chinese smelter the asker works for', () => {
    const c = facts('I am export manager for a Baotou rare earth smelter. A Thai customer wants us to e-mail our Tb metal calciothermic reduction process sheet.').collaboration;
    expect(c).toMatchObject({ area: 'metal_alloy_production', chineseProvider: true });
  });

  it('reads India\'s defence research agency as a military end user, in the possessive too', () => {
    expect(facts('These drives are for DRDO\'s radar programme.').endUser).toMatchObject({ kind: 'military', country: 'IN' });
  });
});

describe('the goods\' own magnets named as the reason for asking (twentieth session, own phrasing)', () => {
  it('keeps magnetic toys the goods when the question ends "because of the magnets?"', () => {
    expect(facts('Magnetic building toys from Dongguan to our store in Leeds. Licence needed because of the magnets?').item).toMatchObject({ form: 'finished_product' });
    expect(facts('Loose SmCo magnets from Xiamen to Leeds. Licence needed?').item?.form).toBe('magnet');
  });
});

describe('a trace\'s machine and a hyphenated company noun (twentieth session, own phrasings)', () => {
  it('does not take the furnace of "contamination in the furnace" for the goods', () => {
    expect(facts('The XRF shows Tb 0.03 % (contamination in the sintering furnace, they say). Can the lot go to Chile?').item?.form).not.toBe('equipment');
  });

  it('reads "a Czech motor start-up" as the asker\'s trade, not motors as the goods', () => {
    expect(facts('We are a Czech motor start-up buying monthly.').item).toBeUndefined();
    expect(facts('We buy servo motors from a start-up in Brno.').item?.downstream).toBe('motor');
  });
});

describe('finished products from the HS nomenclature, and the words around them (twenty-first session, own phrasings)', () => {
  it('reads a product the HS chapters name (fans, refrigerators, sewing machines) as goods with the magnets built in', () => {
    expect(facts('Our plant buys ceiling fans with small NdFeB motors from Foshan for our shops in Lyon.').item).toMatchObject({ downstream: 'device' });
    expect(facts('We import refrigerators with Chinese Dy magnets in the compressors.').item).toMatchObject({ downstream: 'device' });
    expect(facts('Sewing machines from Ningbo to Izmir: the servo has a SmCo magnet. Licence?').item?.form).toBe('finished_product');
  });

  it('leaves a hand-kept name its own kind: compressors stay motors', () => {
    expect(facts('Compressors from Shanghai to Rayong.').item?.downstream).toBe('motor');
  });

  it('takes a product right before an acronym for that noun\'s modifier: "refrigerator LED strips" are no refrigerators', () => {
    expect(facts('Our refrigerator LED strips use a europium-doped phosphor powder bought in Xiamen.').item?.downstream).toBe('phosphor');
    expect(facts('Refrigerators (LED lighting, Dy magnets in the fan) from Qingdao to Oslo.').item?.downstream).toBe('device');
  });

  it('takes an HS product before a noun no list knows for its modifier: magnets for "camera lenses" stay the goods', () => {
    expect(facts('We make camera lenses in Osaka; the focus motor uses a Dy NdFeB magnet we buy from Ningbo.').item?.form).toBe('magnet');
    expect(facts('Our cameras contain small Dy magnets; we ship them from Shenzhen to Rome.').item?.downstream).toBe('device');
  });

  it('does not read "robot arms" as arms, a weapon', () => {
    expect(facts('Our plant in Turin makes robot arms with Dy servo magnets and sells them to Mexico.').endUser?.kind).not.toBe('military');
    expect(facts('The magnets are for an arms maker in Mexico.').endUser?.kind).toBe('military');
  });

  it('reads a magnet "from China inside" a product as Chinese content, not as where the product ships from', () => {
    const f = facts('Our Geneva workshop ships clocks to Boston. Each has a small SmCo magnet from China inside.');
    expect(f.shipFrom).not.toBe('CN');
    expect(f.item?.hasChineseContent).toBe(true);
    expect(facts('We ship SmCo magnets from China to Boston.').shipFrom).toBe('CN');
  });
});

describe('a denied nationality and a separation company (twenty-first session, own phrasings)', () => {
  it('reads "a non-Chinese separator" as no Chinese party', () => {
    const f = facts('Our Thai plant sinters NdFeB with Dy from a non-Chinese separator and sells the magnets to Germany.');
    expect(f.shipFrom).toBe('TH');
    expect(f.item?.hasChineseContent).not.toBe(true);
  });

  it('reads "a Chinese toll separator" as a company the goods go to, not Chinese content', () => {
    expect(facts('We send our concentrate to a Chinese toll separator, who sends back Dy oxide.').shipFrom).toBe('CN');
  });
});

describe('an asker who calls the other side foreign (twenty-first session, own phrasings)', () => {
  it('reads the asker as the Chinese side that provides the know-how', () => {
    expect(facts('A foreign customer wants a tour of our NdFeB strip-casting line with our process engineer explaining the settings.').collaboration?.chineseProvider).toBe(true);
  });

  it('does not when the foreign side brings the know-how to the asker', () => {
    expect(facts('A foreign consultant will teach us a new separation process.').collaboration?.chineseProvider).not.toBe(true);
  });
});

describe('magnets of a kind named in words, held by a product (twenty-first session, own phrasing)', () => {
  it('reads "makes drives with voice coil magnets from China" as content, not where the drives leave from', () => {
    const f = facts('Our Penang plant makes hard drives with voice coil magnets from China and ships them to Texas.');
    expect(f.shipFrom).toBe('MY');
    expect(f.item?.hasChineseContent).toBe(true);
  });
});

describe('goods joined by a plus, goods after a possessive, and the host of a course (twenty-second session, own phrasings)', () => {
  it('reads "Tb magnet tiles + rotor core, shipped separately" as loose magnets, not the core they will go into', () => {
    const f = facts('Option B from our Ningbo vendor: Tb magnet tiles + rotor core shipped separately, and we bond them ourselves in Lyon.');
    expect(f.item?.form).toBe('magnet');
    expect(f.item?.downstream).toBeUndefined();
  });

  it('reads the goods named after a possessive as the goods ("the EDFA modules\' gain fibre")', () => {
    expect(facts('We only need the amplifiers\' gain fibre, erbium-doped, from Wuhan.').item?.form).toBe('optical_fibre');
  });

  it('reads a Chinese party that holds a seminar abroad on its process as the provider', () => {
    const c = facts('Our Chinese supplier will run a two-day seminar in Turin on their sintering process for NdFeB magnets.').collaboration;
    expect(c).toMatchObject({ chineseProvider: true, abroad: true, area: 'magnet_preparation' });
  });

  it('still reads foreign engineers who attend a course in China as receiving it', () => {
    expect(facts('Our Italian engineers attend a seminar at the Baotou plant on NdFeB sintering.').collaboration?.chineseProvider).toBe(true);
  });
});

describe('material given as a share of value, and the functional materials No. 57 names (twenty-second session, own phrasings)', () => {
  it('reads the magnets sold as the goods when the Chinese material is given as a share of their value', () => {
    const f = facts('Thai sintering plant: Chinese Tb metal (about 1.5 % of value), magnets shipped to Poland.');
    expect(f.item?.form).toBe('magnet');
    expect(f.item?.chineseContentPercent).toBe(1.5);
  });

  it('reads magnetostrictive, magnetocaloric and hydrogen-storage materials as alloys', () => {
    expect(facts('Tb-Dy magnetostrictive material for sonar transducers').item?.form).toBe('alloy');
    expect(facts('gadolinium magnetocaloric materials for a fridge prototype').item?.form).toBe('alloy');
    expect(facts('lanthanum hydrogen-storage alloys for a fuel-cell bus').item?.form).toBe('alloy');
  });
});

describe('people hired, an own lab, a second verb of giving and a product\'s machine (twenty-second session, own phrasings)', () => {
  it('reads a Chinese sintering specialist hired by a plant abroad as the Chinese side providing', () => {
    const c = facts('A Chinese sintering specialist has been recruited by our magnet plant in Mexico.').collaboration;
    expect(c).toMatchObject({ kind: 'hiring', chineseProvider: true, abroad: true });
  });

  it('reads "our research lab in Ganzhou" as the asker\'s own site, not a buyer there', () => {
    expect(findPlacesIn('Our research lab in Ganzhou plans a study with a group in Leeds.').find((p) => p.country === 'CN')?.role).toBe('site');
  });

  it('reads know-how the Chinese side sends back in a later sentence as flowing both ways', () => {
    const c = facts('We will mail our coating drawings to our Chinese magnet vendor. In return their QA lead sends us their sintering process sheet.').collaboration;
    expect(c?.chineseProvider).toBe(true);
  });

  it('reads "escalator machines" as the escalator\'s machine, a product, not production equipment', () => {
    expect(facts('escalator machines made in Italy with Chinese Tb magnets').item).toMatchObject({ form: 'finished_product', downstream: 'device' });
  });
});

describe('goods sent to a named company\'s unit in a place (twenty-second session, own phrasing)', () => {
  it('reads "to Kawasaki Heavy Industries rolling stock unit in Kobe" as where the goods go, not where they leave', () => {
    const f = facts('Tb magnets to Kawasaki Heavy Industries rolling stock unit in Kobe, ok?');
    expect(f.destination).toBe('JP');
    expect(f.shipFrom).not.toBe('JP');
  });
});

describe('a site of ours that needs goods, and battery cell lines (twenty-second session, own phrasings)', () => {
  it('reads "our Spanish plant needs SmCo rings … supplier in Xiamen" as goods going to Spain from China', () => {
    const f = facts('Our Spanish plant needs SmCo rings for gyro sensors. The supplier sits in Xiamen.');
    expect(f.destination).toBe('ES');
    expect(f.shipFrom).toBe('CN');
  });

  it('still reads "our Thai factory buys SmCo magnets and resells some" as goods held in Thailand', () => {
    expect(facts('Our Thai factory buys SmCo magnets and resells some to Vietnam.').shipFrom).toBe('TH');
  });

  it('reads a sputtering cathode as a device with magnets, and its "cathode" as no battery word', () => {
    const f = facts('Our Hsinchu coater line buys rotatable sputtering cathodes from a Suzhou vendor. Licence needed?');
    expect(f.item).toMatchObject({ form: 'finished_product', downstream: 'device' });
    expect(f.item?.sector).toBeUndefined();
    expect(facts('We need SmCo magnets from Xiamen for our magnetron sputter cathodes.').item?.sector).toBeUndefined();
    expect(facts('We buy NCM cathode material from Ningde for our cell plant in Hungary.').item?.sector).toBe('battery');
  });

  it('reads formation systems for a cell line as battery equipment', () => {
    expect(facts('formation systems from Shenzhen for our pilot cell line in Chile').item).toMatchObject({ form: 'equipment', sector: 'battery' });
  });

  it('reads machines named for a cell-making step or a cell format as battery equipment, but not a bare winding machine', () => {
    expect(facts('Quote for pouch cell stacking machines from a Shenzhen maker, delivery to our Porto site.').item).toMatchObject({ form: 'equipment', sector: 'battery' });
    expect(facts('We buy electrolyte filling machines from Wuxi for our plant in Hungary.').item).toMatchObject({ form: 'equipment', sector: 'battery' });
    expect(facts('We buy coil winding machines from Wuxi for our motor plant in Hungary.').item?.sector).toBeUndefined();
  });

  it('reads a machine named for the goods it works on as the machine, and one that works on magnets as rare-earth equipment', () => {
    expect(facts('We buy anode mixing equipment from Wuxi for our plant in Hungary.').item?.form).toBe('equipment');
    expect(facts('Two magnet grinding machines from a Ningbo maker for our line in Slovakia. Licence?').item).toMatchObject({ form: 'equipment', sector: 'rare_earth' });
    // Goods and a machine joined by "and" stay two things, the goods first.
    expect(facts('We buy Dy magnets and grinding machines from Ningbo.').item?.form).toBe('magnet');
  });
});

describe('a heavy-rare-earth-free grade (twenty-second session, own phrasing)', () => {
  it('reads an "HRE-free" grade as NdFeB magnets, with no element said absent', () => {
    const item = facts('Their HRE-free grade shows Tb 0.03 % on our XRF.').item;
    expect(item).toMatchObject({ form: 'magnet', magnetType: 'ndfeb' });
    expect(item?.elementsAbsent ?? []).not.toContain('Tb');
  });
});

describe('a buyer that asks a partner for goods, and goods one gets back from China (twenty-second session, own phrasings)', () => {
  it('reads "a Korean foundry asks our Chinese partner for yttrium targets" as goods going to Korea', () => {
    const f = facts('A Korean memory foundry asks our Chinese partner for yttrium targets.');
    expect(f.destination).toBe('KR');
    expect(f.shipFrom).not.toBe('KR');
  });

  it('still reads "our Chinese supplier asks if they can ship" as the seller', () => {
    expect(findPlacesIn('Our Chinese SmCo supplier asks if they can ship the rings to Ohio.').find((p) => p.country === 'CN')?.role).not.toBe('destination');
  });

  it('reads "get the separated Tb oxide back to our plant in Norway" after toll separation as the oxide leaving China', () => {
    const f = facts('We send our concentrate to a toll refiner in Sichuan and get the separated Tb oxide back to our plant in Norway.');
    expect(f).toMatchObject({ shipFrom: 'CN', destination: 'NO' });
    expect(f.item?.form).toBe('oxide');
  });
});

describe('know-how still to be licensed from a Chinese party (twenty-second session, own phrasings)', () => {
  it('reads "we will run a separation process licensed from a Chinese university" as a licence from the Chinese side', () => {
    const c = facts('Our Kenyan pilot plant will run a solvent-extraction process licensed from a Chinese university.').collaboration;
    expect(c).toMatchObject({ kind: 'licensing', chineseProvider: true, area: 'extraction_separation' });
  });

  it('keeps a process licensed years ago and in use as technology the goods are made with', () => {
    const f = facts('Our Thai plant uses a sintering process licensed from a Chinese maker in 2018 and sells magnets to India.');
    expect(f.collaboration?.kind).not.toBe('licensing');
  });
});

describe('twenty-sixth session readings (own phrasings)', () => {
  it('reads a form noun in the third person between a party and a determiner as its verb', () => {
    const item = facts('The Ningbo supplier machines the SmCo blocks into rings before they leave').item;
    expect(item?.magnetType).toBe('smco');
    expect(item?.form).not.toBe('equipment');
  });

  it('takes people sent to commission a line and to train operators as passing know-how', () => {
    const c = facts('Our Hungarian subsidiary is setting up an NdFeB sintering line near Győr. The Chinese equipment vendor offers to send three of its technicians to assemble and commission the line and train our staff.').collaboration;
    expect(c).toMatchObject({ chineseProvider: true, area: 'production_line_services' });
  });

  it('reads work a Chinese firm does "for us" as provided to us, with the know-how it produces handed over', () => {
    const c = facts('A Chinese design institute could work out the leaching flowsheet for our mine in Namibia; is it fine for them to prepare it for us?').collaboration;
    expect(c).toMatchObject({ chineseProvider: true, kind: 'technology_transfer' });
  });

  it('does not take the one asked to send ("asks me to email") for the one who receives', () => {
    const c = facts('My director in Ningbo asks me to email our sintering process parameters to the new plant in Spain.').collaboration;
    expect(c?.chineseProvider).toBe(true);
  });

  it('reads goods received under a MOFCOM licence as bound by the end user\'s promise, not made at the receiving plant', () => {
    const f = facts('In March we received a licensed shipment of Tb magnets at our plant in Chennai.');
    expect(f.endUserCommitment).toBe(true);
    expect(f.madeIn).toBeUndefined();
    expect(facts('We never got a licensed batch of magnets from them.').endUserCommitment).toBeUndefined();
  });

  it('reads a site the goods are then sent to as where they go, the other site as where they leave from', () => {
    const f = facts('We finish the pump motors in Monterrey. The rotors get their magnets in our Suzhou plant and are then shipped to Monterrey.');
    expect(f).toMatchObject({ shipFrom: 'CN', destination: 'MX' });
  });

  it('reads a country\'s possessed rules three content words on as its regime', () => {
    const { signals } = extractFacts('Does Zimbabwe\'s lithium ore export ban matter for our shipment?', understanding.lexicon, sourceIds);
    expect(signals.foreignRegimeCountry).toBe('ZW');
    expect(extractFacts('Does Vietnam\'s plant and the licence matter?', understanding.lexicon, sourceIds).signals.foreignRegimeCountry).toBeUndefined();
  });

  it('reads a separation facility or pilot as rare-earth processing', () => {
    expect(facts('Refractory bricks from Henan for the rare earth separation facility we are building in Malaysia').endUses).toContain('rare_earth_processing');
  });

  it('does not take what goods are compared with for the goods', () => {
    const item = facts('We buy stator assemblies with the magnets already glued in from Tianjin. Is that the same licence as loose magnets?').item;
    expect(item).toMatchObject({ downstream: 'rotor_stator_assembly' });
    expect(item?.besideProduct).toBeUndefined();
  });

  it('reads a kind word hyphen-joined to the word before as part of a compound modifier', () => {
    expect(facts('We want to buy rotor assemblies from our contractor in Wuxi for the wafer-transfer robots we build in Lyon.').collaboration?.kind).toBeUndefined();
  });
});

describe('asides, change-overs and Romance names of compounds (twenty-sixth session, own phrasings)', () => {
  it('reaches past an aside in brackets to the verb that fixes magnets into something', () => {
    expect(facts('We buy display panels from Xiamen with small NdFeB magnets (grade N45, some of them possibly with a bit of Dy) glued into the back plate.').item)
      .toMatchObject({ form: 'component' });
  });

  it('ends a run of goods words at a spaced dash, which opens an aside', () => {
    expect(facts('We import SmCo speed sensors - magnet and chip potted into the housing - from Ningbo to Turin.').item)
      .toMatchObject({ downstream: 'formed_sensor' });
  });

  it('leaves the goods changed over from, with their elements', () => {
    const item = facts('The vendor wants to move us from SmCo to a ferrite-free NdFeB grade without Dy or Tb. Licence?').item;
    expect(item?.magnetType).toBe('ndfeb');
    expect(item?.elementsPresent ?? []).not.toContain('Sm');
  });

  it('reads "oxide of" an element as naming the whole composition', () => {
    expect(facts('We import oxide of gadolinium from Baotou.').item).toMatchObject({ elementsPresent: ['Gd'], form: 'oxide', compositionComplete: true });
  });

  it('does not carry a negation into an aside in brackets', () => {
    const item = facts('Ce-NdFeB magnets with no Dy or Tb (Ce, La, Nd, Fe, B) from Baotou').item;
    expect(item?.elementsAbsent).toEqual(['Dy', 'Tb']);
    expect(item?.elementsPresent).toContain('La');
  });
});

describe('what "for" after a question names (twenty-sixth session, own phrasing)', () => {
  it('reads goods after "a question … for" as the goods, not their end use', () => {
    expect(facts('Quick question again for our Vietnamese pump motors with Chinese Tb magnets going to Manila').item)
      .toMatchObject({ downstream: 'motor' });
  });
});


describe('twenty-seventh session readings (own phrasings)', () => {
  const frameOf = (text: string) => readFrame(text, understanding.lexicon, sourceIds).frame;

  it('reads an armed service named by its branch ("land forces", "national guard") as a military end user', () => {
    expect(facts('The gimbals go to the Hellenic Land Forces.').endUses).toContain('military');
    expect(facts('Our customer is a state national guard unit.').endUses).toContain('military');
  });

  it('reads co-publishing with a Chinese institute as joint research', () => {
    expect(facts('We plan to co-publish our results on Tb extraction chemistry with a Chinese academy.').collaboration?.kind).toBe('joint_rnd');
  });

  it('reads a licence "to use" a process as a technology licence', () => {
    expect(facts('Our Baotou affiliate would grant us a license to use its Dy separation process in Texas.').collaboration?.kind).toBe('licensing');
  });

  it('takes no magnet know-how from magnets said to be left out ("nothing about how magnets are made")', () => {
    const c = facts('A Chinese consultancy will send two engineers to our Leeds plant to advise on gearbox cooling. Nothing about how magnets are made.').collaboration;
    expect(c?.area).not.toBe('magnet_preparation');
  });

  it('does not read goods that "carry" parts as goods carried by hand', () => {
    expect(frameOf('Our PCB assemblies carry tiny SmCo magnets from Xiamen.').activity).not.toBe('hand_carry');
    expect(frameOf('Can my colleague carry ten Tb magnets in her suitcase from Ningbo?').activity).toBe('hand_carry');
  });

  it('reads a product with magnets said to be inside as rare-earth goods', () => {
    expect(facts('We import rapier looms from Zhejiang; their servo motors have magnets inside.').item).toMatchObject({ form: 'finished_product', sector: 'rare_earth' });
  });
});

describe('twenty-seventh session: what the goods are (own phrasings)', () => {
  it('reads "ceramic (barium ferrite) magnets" as ferrite magnets with no rare earth', () => {
    expect(facts('ceramic (barium ferrite) magnets for door catches from Dongguan').item).toMatchObject({ form: 'magnet', magnetType: 'ferrite', compositionComplete: true });
  });

  it('reads a magnet a housing is moulded around as inside the part', () => {
    const item = facts('Our encoder caps are plastic bodies overmoulded around a tiny SmCo disc magnet.').item;
    expect(item?.form).toBe('component');
  });

  it('reads "permanent-magnet" before another noun as what the goods have, when a product is named', () => {
    const item = facts('A permanent-magnet azimuth pod (motor, magnets inside, gearbox) from a Chinese yard.').item;
    expect(item?.downstream).toBe('motor');
  });

  it('keeps a grade before "sintered ring magnets" as the magnets themselves', () => {
    expect(facts('Our gimbal motors use YXG-28 sintered ring magnets from Hangzhou.').item?.form).toBe('magnet');
  });
});

describe('twenty-seventh session: know-how passed in the past (own phrasings)', () => {
  it('reads know-how a foreign plant licensed from a Chinese maker years ago as how its goods are made, not a transfer now', () => {
    const f = facts('We buy SmCo rings from a Korean plant that once licensed its sintering process from a Chinese magnet company. Any Chinese licence needed because of the Chinese technology?');
    expect(f.collaboration).toBeUndefined();
    expect(f.item?.madeWithChineseTechnology).toBe(true);
  });

  it('still reads know-how a Chinese maker sends now as a transfer', () => {
    const f = facts('A Chinese magnet company will send its sintering process sheets to our Korean plant next month.');
    expect(f.collaboration?.chineseProvider).toBe(true);
  });
});

describe('twenty-seventh session: formulas, signs and licences held (own phrasings)', () => {
  it('reads metal symbols joined by hyphens as an alloy ("Al-Mg-Sc powder", "Tb-Fe")', () => {
    expect(facts('Quote for 40 kg of Al-Mg-Sc powder from Hunan, please.').item).toMatchObject({ form: 'alloy' });
    expect(facts('Can we buy some Tb-Fe from a Baotou refinery?').item?.form).toBe('alloy');
  });

  it('does not read a formula with a non-metal ("Nd-Fe-B") as an alloy by itself', () => {
    expect(facts('Nd-Fe-B from Ningbo, what do we need?').item?.form).not.toBe('alloy');
  });

  it('ends a clause after a percent sign, so "under 1 %. Licence?" holds no licence', () => {
    expect(facts('Sc content is under 2%. Licence?').licenceHeld).toBeUndefined();
    expect(tokenize(normaliseText('under 2%. Next')).find((t) => t.raw === '2')?.clauseEnd).toBe(true);
  });
});

describe('twenty-seventh session: where the goods go (own phrasing)', () => {
  it('reads "to us in Singapore" as where the goods go, over a partner\'s place named before', () => {
    expect(facts('Our Suzhou partner produces Gd oxide. Can they send 10 kg to us in Singapore?').destination).toBe('SG');
  });
});

describe('twenty-seventh session: a verb with its subject left out (own phrasing)', () => {
  it('reads "Need 2 t of yttrium oxide" after the asker\'s trade as the goods wanted', () => {
    const item = facts('We run a hard-chrome plating shop in Durban (marine equipment). Need 1 t of yttrium oxide from China. No licence now?').item;
    expect(item?.form).toBe('oxide');
  });
});

describe('twenty-seventh session: another party\'s making (own phrasing)', () => {
  it('keeps stock bought from China Chinese-origin when the buyer is "a firm that builds" something', () => {
    const f = facts('Our Lisbon warehouse holds SmCo rings we bought from Xiamen. A Korean company that builds sonar domes wants them.');
    expect(f.item?.chinaOrigin).toBe(true);
    expect(f.madeIn).not.toBe('PT');
  });
});

describe('twenty-seventh session: the Chinese side of a deal (own phrasing)', () => {
  it('reads "does the Chinese side need an export licence?" as asking about the exporter, not goods going to China', () => {
    const f = facts('We order SmCo discs from a Xiamen workshop. Does the Chinese side need an export licence?');
    expect(f.destination).not.toBe('CN');
    expect(f.shipFrom).toBe('CN');
  });
});

describe('Chinese as Hong Kong and Taiwan write it', () => {
  const read = (text: string) => understanding.understander.understand(text);

  it('reads traditional characters as their simplified terms, with cities and provinces by name', () => {
    const f = read('客戶要買 氧化鏑 500 kg, 由寧波出口到德國').facts;
    expect(f.item?.elementsPresent).toContain('Dy');
    expect(f.item?.form).toBe('oxide');
    expect(f).toMatchObject({ shipFrom: 'CN', destination: 'DE' });
    expect(read('Injection-molded Hall sensors with SmCo magnets, 由東莞出 to a US customer').facts.shipFrom).toBe('CN');
    expect(read('Tb metal from a smelter in 江西省 to Osaka').facts.shipFrom).toBe('CN');
    expect(read('Gd 靶 from Suzhou to Hsinchu, licence?').facts.item?.form).toBe('target');
  });

  it('reads 有没有 ("is there … or not") as a question, not as a denial of the element', () => {
    expect(read('这批钐钴磁铁有没有钆? 从厦门出口到韩国').facts.item?.elementsAbsent ?? []).not.toContain('Gd');
    expect(read('这批钐钴磁铁没有钆, 从厦门出口到韩国').facts.item?.elementsAbsent).toContain('Gd');
  });

  it('takes a question asked with Chinese sentence words as asked from the Chinese side', () => {
    const f = read('听说 No. 62 暂停了. Can we license our NdFeB sintering process to a Thai magnet maker now?').facts;
    expect(f.collaboration?.chineseProvider).toBe(true);
    expect(read('Can we license our NdFeB sintering process to a Thai magnet maker now?').facts.collaboration?.chineseProvider).not.toBe(true);
  });

  it('takes "I" written in Chinese, or a Chinese greeting to the assistant, as the Chinese side asking (forty-second session)', () => {
    expect(read('我是磁材厂的工程师. A Czech client wants our Tb diffusion settings by e-mail. Can I send them?').facts.collaboration?.chineseProvider).toBe(true);
    expect(read('您好! Our lab would teach its SmCo sintering recipe to visiting students from Chile. Is that allowed?').facts.collaboration?.chineseProvider).toBe(true);
  });
});

describe('what a message names besides the goods', () => {
  it('leaves out an element the goods are compared with after the licence ("need the licence like Dy?")', () => {
    const f = facts('Cerium-lanthanum oxide from Baotou for polishing slurry - does it need the licence like Dy?');
    expect(f.item?.elementsPresent).toEqual(expect.arrayContaining(['Ce', 'La']));
    expect(f.item?.elementsPresent).not.toContain('Dy');
    // "Rare earths like Dy" gives an example of the goods, no comparison.
    expect(facts('Do rare earths like Dy need a licence from China?').item?.elementsPresent).toContain('Dy');
  });

  it('reads goods named by their make-up, not a bare "crystal" (a watch glass, lead crystal), as the goods', () => {
    const f = facts('We lap our sapphire watch crystals with a ceria slurry made of cerium oxide from Baotou.');
    expect(f.item?.form).toBe('oxide');
    expect(f.item?.elementsPresent).toContain('Ce');
    // A laser crystal named by its make-up stays a crystal.
    expect(facts('Nd:YAG crystals from Fujian to our laser plant in Jena.').item?.form).toBe('crystal');
  });

  it('reads grain-boundary diffusion named by its element ("Tb diffusion") as magnet preparation', () => {
    expect(facts('Our Chinese co-author wants to e-mail the final paper on Tb diffusion in sintered magnets to our Munich group.').collaboration?.area)
      .toBe('magnet_preparation');
  });

  it('reads a paper written together with a Chinese partner as joint research', () => {
    // A paper written together with a Chinese partner is joint research, whatever words describe it; samples sent for
    // one are goods.
    expect(facts('Our lab in Graz and a partner in Ningbo will publish a joint peer-reviewed paper on SmCo sintering.').collaboration)
      .toMatchObject({ kind: 'joint_rnd', chineseProvider: true });
    expect(facts('Can we send 20 g of Tb metal to a partner in Seoul for a joint paper?').collaboration?.kind).not.toBe('joint_rnd');
  });

  it('reads a joint venture that a Chinese maker proposes or offers as one being set up, not as a party', () => {
    expect(facts('A Chinese magnet maker offers a JV to build an SmCo plant near Brno, bringing its process.').collaboration)
      .toMatchObject({ kind: 'jv_investment', area: 'magnet_preparation', chineseProvider: true });
  });

  it('reads goods sent back after processing, named by their elements\' symbols, as goods, not as know-how sent', () => {
    const f = facts('A Chinese toll refiner separates our concentrate and will send back the Tb and Dy oxide to us.');
    expect(f.collaboration?.kind).not.toBe('technology_transfer');
    expect(f.item?.elementsPresent).toEqual(expect.arrayContaining(['Tb', 'Dy']));
  });
});

describe('what a party makes, said in a parenthesis (thirty-eighth session, own phrasings)', () => {
  it('reads the goods named after a closed parenthesis about what the buyer makes as the goods', () => {
    expect(facts('A distributor in Korea (they build drones) wants Dy magnets through us.').item).toMatchObject({ form: 'magnet', elementsPresent: ['Dy'] });
    expect(facts('Our client in Penang (they produce power modules) orders yttrium oxide from Baotou.').item).toMatchObject({ form: 'oxide', elementsPresent: ['Y'] });
  });
});

describe('where the asker made a material, said in the past (thirty-eighth session, own phrasings)', () => {
  it('reads "we refined X in Malaysia" as made there, not as where an input was sourced', () => {
    expect(facts('We refined the terbium oxide in Malaysia from imported concentrate and sell it to Korea.')).toMatchObject({ madeIn: 'MY', destination: 'KR' });
  });

  it('reads a material recycled or purified in a country as made there', () => {
    expect(facts('Terbium oxide recycled in Estonia, shipped to France. Licence?').madeIn).toBe('EE');
    expect(facts('Scandium oxide purified in Norway goes to Spain. Licence?').madeIn).toBe('NO');
  });

  it('still reads a material bought in a country as sourced there', () => {
    expect(facts('We bought the terbium oxide in Singapore and sell it to Korea.').madeIn).toBeUndefined();
  });
});

describe('an adjective after the product name (thirty-eighth session, own phrasings)', () => {
  it('keeps "electric motors complete" as the product, with the magnets inside it', () => {
    const item = facts('Our Suzhou plant ships electric motors complete (SmCo magnets inside) to Chile.').item;
    expect(item).toMatchObject({ form: 'finished_product', downstream: 'device', magnetType: 'smco' });
  });
});

describe('goods named by the asker\'s supplier (thirty-eighth session, own phrasings)', () => {
  it('reads "our Chinese Tb magnet vendor" as selling Tb magnets, a nationality and a symbol between', () => {
    expect(facts('Our Chinese Tb magnet vendor says their general licence covers us now.').item).toMatchObject({ form: 'magnet', elementsPresent: ['Tb'] });
  });
});

describe('work with finished magnets a Chinese supplier advises on (thirty-eighth session, own phrasings)', () => {
  it('reads advice on storing and mounting magnets as product work, not magnet making', () => {
    expect(facts('Our Chinese magnet vendor will send an engineer to advise our Lyon staff on storing magnets safely and mounting magnets in actuator housings. Licence?').collaboration)
      .toMatchObject({ kind: 'consulting', area: 'product_design', chineseProvider: true });
  });
});

describe('a chemical class after a battery-material word (thirty-eighth session, own phrasings)', () => {
  it('reads "NCA precursor carbonate" as battery material, not a rare-earth compound', () => {
    expect(facts('Our Busan plant imports NCA precursor carbonate from Guangxi. Licence?').item).toMatchObject({ form: 'battery_material', sector: 'battery' });
  });
});

describe('a joint venture as a site of the asker (thirty-eighth session, own phrasings)', () => {
  it('reads "our Shandong joint venture" as where the goods are made and leave from', () => {
    expect(facts('Our Shandong joint venture makes SmCo magnets and ships them to Brazil.')).toMatchObject({ shipFrom: 'CN', destination: 'BR' });
  });

  it('reads know-how a Chinese joint venture licenses abroad as provided by a Chinese party', () => {
    expect(facts('Our Chinese joint venture would like to license its solvent extraction process to a Finnish start-up. Allowed?').collaboration)
      .toMatchObject({ kind: 'licensing', area: 'extraction_separation', chineseProvider: true });
  });
});

describe('a possessive in another clause (thirty-eighth session, own phrasings)', () => {
  it('reads "… for our prototype; supplier is in Ningbo" as goods leaving from the supplier\'s place', () => {
    expect(facts('We need Dy magnet samples for our prototype; supplier is in Ningbo.').shipFrom).toBe('CN');
  });
});

describe('a verb of making whose object is a licence (thirty-eighth session, own phrasings)', () => {
  it('reads the goods after "makes licences unnecessary for" as the goods, not a party\'s product', () => {
    expect(facts('Our vendor says a new MOFCOM status for EU buyers makes licences unnecessary for SmCo rings. True?').item).toMatchObject({ form: 'magnet', magnetType: 'smco' });
  });
});

describe('a nationality and a participle of making without the hyphen (thirty-eighth session, own phrasings)', () => {
  it('reads "(Swedish made, …)" and "Swedish made rotors" as made in Sweden', () => {
    expect(facts('Our SmCo rotors (Swedish made, with partly Chinese inputs) go to Austria next month.').madeIn).toBe('SE');
    expect(facts('Swedish made SmCo rotors go to Austria next month.').madeIn).toBe('SE');
  });

  it('does not read "the Chinese made it clear" as a place of making', () => {
    expect(facts('The Chinese made it clear: no Dy magnets to Austria without a licence.').madeIn).toBeUndefined();
  });
});

describe('naval mine warfare (thirty-ninth session, own phrasing)', () => {
  it('reads a mine countermeasure squadron as a military end user, not as cooperation on mining', () => {
    const f = facts("Our customer is the Finnish Navy's mine countermeasure squadron.");
    expect(f.endUser?.kind).toBe('military');
    expect(f.collaboration?.area).toBeUndefined();
  });

  it('still reads a mine for ore as mining', () => {
    expect(facts('A Chinese team would design the flotation circuit for our mine in Western Australia.').collaboration?.area).toBe('mining_beneficiation');
  });
});

describe('electronic warfare (fortieth session, own phrasing)', () => {
  it('reads an EW pod, an ECM pod or a SIGINT payload as a military end use', () => {
    for (const text of ['The SmCo magnets go into actuators for an EW pod our customer integrates.', 'Sintered NdFeB from Ningbo for the cooling fans of an ECM pod.', 'Tb magnets for gimbal motors on a SIGINT payload.']) {
      expect(facts(text).endUser?.kind).toBe('military');
    }
  });
});

describe('magnets named as the reason for asking (thirty-ninth session, own phrasing)', () => {
  it('reads "because of the tiny rare earth magnets" as the product\'s own magnets, not loose ones', () => {
    const item = facts('Our shop imports magnetic car mounts made in Foshan. Is a licence needed because of the tiny rare earth magnets?').item;
    expect(item?.form).toBe('finished_product');
    expect(item?.besideProduct).toBeUndefined();
  });

  it('still reads spare magnets shipped beside the product as loose goods', () => {
    expect(facts('Our shop imports magnetic car mounts made in Foshan, plus a box of spare rare earth magnets. Licence?').item?.besideProduct).toBe(true);
  });
});

describe('work said to have nothing to do with magnets (thirty-ninth session, own phrasing)', () => {
  it('reads "nothing to do with the magnets" as work on no rare-earth technology', () => {
    expect(facts('A Chinese service firm will train our crew in Gdansk on gearbox maintenance - nothing to do with the magnets. Permission needed?').collaboration?.area).toBe('no_rare_earth');
  });

  it('keeps the area the work names when something else is said unrelated', () => {
    expect(facts('A Chinese firm will train our crew in Gdansk on magnet sintering, nothing to do with the gearbox. Permission needed?').collaboration?.area).toBe('magnet_preparation');
  });
});

describe('a service named as what goods are for (thirty-ninth session, own phrasing)', () => {
  it('reads "30 loose pieces for repair" as the goods\' use, not a service anyone provides', () => {
    expect(facts('A workshop in Tunis wants 30 loose pieces for repair, shipping next week.').collaboration).toBeUndefined();
  });

  it('still reads engineers sent for maintenance as a service', () => {
    expect(facts('A Chinese firm will send engineers for maintenance of our magnet line in Serbia.').collaboration?.kind).toBe('services');
  });
});

describe('work the asker does itself (thirty-ninth session, own phrasing)', () => {
  it('reads "we commission it ourselves" as no service provided by anyone', () => {
    expect(facts('A Chinese maker ships us a strip caster for our Ohio site; we commission it ourselves.').collaboration?.kind).toBeUndefined();
  });

  it('still reads the maker\'s engineers commissioning it as a service, and "we cannot do it ourselves" too', () => {
    expect(facts("The Chinese maker's engineers will commission the strip caster at our Ohio site.").collaboration?.kind).toBe('services');
    expect(facts("We cannot commission it ourselves, so the Chinese maker's engineers will do it at our Ohio site.").collaboration?.kind).toBe('services');
  });
});

describe('a named compound before a phosphor, a colour between (thirty-ninth session, own phrasing)', () => {
  it('reads "YAG:Ce amber phosphor powder" and "Gd2O2S:Tb green phosphor film" as phosphors made of them', () => {
    expect(facts('Our lamp plant in Brno buys YAG:Ce amber phosphor powder from Jiangxi.').item?.form).toBe('phosphor');
    expect(facts('We import Gd2O2S:Tb green phosphor film from Xiamen for detector panels.').item?.form).toBe('phosphor');
  });

  it('still reads a YAG rod as the crystal', () => {
    expect(facts('We import Nd:YAG laser rods from Fujian.').item?.form).toBe('crystal');
  });
});

describe('a party that offers goods, and a site a purpose clause names (own phrasings)', () => {
  it('reads a foreign maker or OEM that offers or quotes goods as the seller, not a buyer', () => {
    expect(facts('A Chinese OEM quoted us spare SmCo segments for the generators.')).toMatchObject({ shipFrom: 'CN' });
    expect(facts('A Chinese OEM quoted us spare SmCo segments for the generators.').destination).not.toBe('CN');
    expect(facts('The Chinese motor maker also offers loose Dy magnets as spares.')).toMatchObject({ shipFrom: 'CN' });
    expect(facts('A Chinese customer offers to buy our SmCo magnets.').destination).toBe('CN');
  });

  it('reads a site of ours named in a purpose clause as where the goods go', () => {
    const f = facts('We want to buy spare SmCo segments so our Rotterdam workshop can re-magnet the pump rotors.');
    expect(f.destination).toBe('NL');
    expect(f.shipFrom).toBeUndefined();
    expect(f.item?.chinaOrigin).toBeUndefined();
  });

  it('still reads a site of ours after a "So" that opens the sentence as where it is', () => {
    expect(facts('So our Vietnam plant making Tb magnets from Chinese Tb can keep shipping them to Korea?')).toMatchObject({ shipFrom: 'VN', destination: 'KR' });
  });
});

describe('a verb of giving inside a hyphenated compound (own phrasings)', () => {
  it('reads trade-show give-aways as gifts of goods, not know-how given', () => {
    const f = readFrame('Sales wants 500 magnetic bottle openers from a Ningbo factory as give-aways at the Hannover fair.', understanding.lexicon, sourceIds).frame;
    expect(f.technology?.kind).toBeUndefined();
    expect(f.gift).toBe(true);
  });

  it('still reads a verb of giving that stands alone', () => {
    expect(facts('Our Chinese partner will give us their sintering recipe.').collaboration?.kind).toBe('technology_transfer');
  });
});

describe('what a company says it does, in a parenthesis after where it is (own phrasings)', () => {
  it('reads the goods offered, not the trade in the parenthesis, as the item', () => {
    expect(facts('We are a start-up in Estonia (magnet recycling via hydrogen decrepitation). A Chinese supplier offers us a jet mill.').item)
      .toMatchObject({ form: 'equipment', sector: 'rare_earth' });
  });

  it('still reads goods in a parenthesis after a buyer and where it is', () => {
    expect(facts('We ship to a customer in Japan (NdFeB magnets, 5 kg).').item?.form).toBe('magnet');
  });
});

describe('what a processor recovers, said of it in a relative clause (own phrasings)', () => {
  it('reads the oxides a refinery or recycler recovers or extracts as its product, not the goods', () => {
    const f = facts('It goes to a refinery in Estonia that extracts the rare-earth oxides.');
    expect(f.destination).toBe('EE');
    expect(f.item?.form).toBeUndefined();
    expect(facts('The scrap goes to a recycler in Vietnam which recovers Nd and Dy oxides from it.').item?.form).not.toBe('oxide');
  });

  it('still reads oxide sold to a recycler as the goods', () => {
    expect(facts('We sell Dy oxide to a recycler in Vietnam that recovers magnets.').item).toMatchObject({ form: 'oxide' });
  });
});

describe('know-how about finished magnets (own phrasings)', () => {
  it('reads training on handling and fitting finished magnets as product know-how, not magnet making', () => {
    expect(facts('Our NdFeB vendor in Suzhou will send an engineer to teach our line how to glue and balance the finished magnets in our fan rotors.').collaboration?.area).toBe('product_design');
    expect(facts('The Chinese supplier offers a webinar on storing and handling purchased SmCo magnets safely.').collaboration?.area).toBe('product_design');
  });

  it('still reads know-how about magnets not said to be finished as magnet making', () => {
    expect(facts('A Chinese engineer will train our staff on NdFeB magnets.').collaboration?.area).toBe('magnet_preparation');
  });
});

describe('goods said to have magnets in one of their parts (own phrasings)', () => {
  it('reads magnets sitting in a part of the goods as built in', () => {
    expect(facts('Leather bracelets with two NdFeB magnets in the clasp, made in Shenzhen, to Paris.').item).toMatchObject({ form: 'component', downstream: 'other_assembly' });
    expect(facts('Gift boxes with small magnets inside the lid, made in Dongguan, to Milan.').item?.form).not.toBe('magnet');
  });

  it('still reads magnets packed in a container beside the goods as loose', () => {
    expect(facts('We ship the rotors with 20 spare magnets in a separate bag.').item?.form).toBe('magnet');
  });
});

describe('a product word naming a person\'s trade (own phrasings)', () => {
  it('reads "our assembly site" or "the rotor facility" as a place, and the goods it ships as the item', () => {
    expect(facts('Our assembly site in Dongguan ships finished e-bike controllers to Milan.').item?.downstream).not.toBe('other_assembly');
    expect(facts('The rotor facility in Ningbo also ships loose Tb magnets to Ohio.').item?.form).toBe('magnet');
  });

  it('reads "our motor engineer" or "our sensor designer" as a person, and the goods they name as the item', () => {
    const powder = facts('Our pump engineer proposes SmFeN bonded powder from China as a Dy-free option.').item;
    expect(powder?.downstream).toBeUndefined();
    expect(powder?.form).not.toBe('finished_product');
    expect(facts('Our sensor designer asks if Tb-doped NdFeB magnets from Baotou need a licence.').item).toMatchObject({ form: 'magnet' });
  });
});

describe('papers a licensing authority asks for (fortieth session, own phrasing)', () => {
  it('reads drawings or photos MOFCOM or customs ask for as the licence file, not know-how passed on', () => {
    for (const text of ['Our supplier says MOFCOM requested the drawings and photos showing where the NdFeB magnets sit in our pump.', 'Shanghai customs asked for: technical drawings, the BOM and photos of the motor line.']) {
      expect(facts(text).collaboration?.kind).toBeUndefined();
    }
  });

  it('still reads drawings a supplier sends as know-how passed on', () => {
    expect(facts('Our Chinese supplier will send us the drawings of their NdFeB magnet process.').collaboration?.kind).toBe('technology_transfer');
  });
});

describe('trade papers named as such (forty-first session, own phrasing)', () => {
  it('reads end-use, end-user or customs documents a supplier asks for as the export\'s paperwork, not know-how', () => {
    for (const text of ['Our Chinese supplier wants end user documents from us before it ships the Tb oxide.', 'The Baotou trader asks for our end-use docs for the Dy metal order.', 'Ganzhou vendor needs the KYC documents again for the Gd oxide.']) {
      expect(facts(text).collaboration?.kind).toBeUndefined();
      expect(facts(text).item?.form).toBe(text.includes('metal') ? 'metal' : 'oxide');
    }
  });

  it('still reads process or design documents a supplier sends as know-how passed on', () => {
    expect(facts('Our Chinese partner will send us their process documents for Tb grain-boundary diffusion.').collaboration?.kind).toBe('technology_transfer');
  });
});

describe('presenting a paper with words before it (fortieth session, own phrasing)', () => {
  it('reads presenting "an already published" or "a recently accepted" paper as passing the work on', () => {
    expect(facts('A researcher from our Baotou lab will present a recently accepted article on Dy diffusion at a conference in Munich.').collaboration?.kind).toBe('technology_transfer');
    expect(facts('Our Ningbo engineer wants to present the already published SmCo study at a workshop in Lyon, with extra process slides.').collaboration?.kind).toBe('technology_transfer');
  });
});

describe('know-how a foreign company owns, named after hyphenated words (fortieth session, own phrasing)', () => {
  it('reads "a Chinese company\'s patented Dy-free high-coercivity sintering process" as the Chinese party\'s know-how', () => {
    expect(facts('We plan to license a Chinese company\'s patented Dy-free high-coercivity grain-refining sintering process for our plant in Spain.').collaboration?.chineseProvider).toBe(true);
  });
});

describe('goods bought and said where they were made (fortieth session, own phrasing)', () => {
  it('reads "we bought X made in Y" as made in Y, not as Y-sourced content', () => {
    expect(facts('Last year we purchased SmCo rings made in Vietnam for our sensors.').madeIn).toBe('VN');
  });

  it('still reads a material bought somewhere as where it was sourced', () => {
    expect(facts('Our Dy oxide was bought in China and goes into magnets we make in Korea.').madeIn).not.toBe('CN');
  });
});

describe('MOFCOM\'s end-user form by its Chinese name (fortieth session, own phrasing)', () => {
  it('reads 最终用户和最终用途说明 as the end-user and end-use certificate, not as "end user and end use says"', () => {
    const gloss = (t: string) => understanding.lexicon.knowledge.gloss(t).replace(/\s+/g, ' ').trim();
    expect(gloss('供应商要我们签 最终用户和最终用途说明')).toMatch(/end-user and end-use certificate/);
    expect(understanding.understander.understand('Our Ningbo supplier wants the 最终用户和最终用途说明 signed before it ships the Dy magnets.').facts.endUserCommitment).toBe(true);
  });
});

describe('an element measured at nothing (fortieth session, own phrasing)', () => {
  it('reads "0 Dy/Tb", "Tb: 0.00 %" or "0 % Dy" in a test report as absent, not present', () => {
    for (const text of ['The ICP report for our N42 blocks from Xiamen shows 0 Dy/Tb.', 'Lab result for the N45 lot from Ganzhou: Dy: 0.00 %, Tb: 0.00 %.', 'Certificate says 0 % Dy for the sintered NdFeB from Ningbo.']) {
      const item = facts(text).item;
      expect(item?.elementsPresent ?? []).not.toContain('Dy');
      expect(item?.elementsAbsent).toContain('Dy');
    }
  });

  it('still reads a trace, however small, as present', () => {
    expect(facts('The ICP report for our N42 blocks from Xiamen shows Dy 0.02 %.').item?.elementsPresent).toContain('Dy');
  });
});

describe('a party abroad that makes goods and sends them on (fortieth session, own phrasing)', () => {
  it('reads "our client in Vietnam makes NdFeB magnets … and sells them to Mexico" as made in Vietnam, not goods going there', () => {
    const f = facts('Our client in Vietnam makes NdFeB magnets with Chinese Dy oxide and sells them to a motor maker in Mexico.');
    expect(f.madeIn).toBe('VN');
    expect(f.destination).toBe('MX');
  });

  it('still reads a customer there that makes products as where goods go, when another party ships them', () => {
    expect(facts('Our customer in Poland makes pumps and we ship them Dy magnets from Ningbo.').destination).toBe('PL');
  });
});

describe('goods in an opening reason clause (forty-first session, own phrasing)', () => {
  it('reads the goods of the main clause, not those the reason clause names, as what is asked about', () => {
    const f = facts('Because SmCo blocks are on hold at customs, our buyer wants to order finished servo motors from Suzhou instead. Licence for the motors?');
    expect(f.item).toMatchObject({ form: 'finished_product', downstream: 'motor' });
  });

  it('keeps goods after a prepositional "as a …" opening, and goods a reason clause alone names', () => {
    expect(facts('As a trial we send our stator stacks to Ningbo, where Dy magnets are fitted, and they come back to Poland.').item?.form).not.toBe('finished_product');
    expect(facts('Since the Tb oxide is for a lab in Osaka, do we need a licence?').item).toMatchObject({ form: 'oxide', elementsPresent: ['Tb'] });
  });
});

describe('"paper" that qualifies a noun, and a seller\'s catalogue (forty-first session, own phrasing)', () => {
  it('reads "a paper contract" or "a paper company" as on paper only, not a research paper', () => {
    expect(facts('Our Baotou subsidiary would transfer its NdFeB sintering process to our Dutch parent by a paper contract only, nobody travels.').collaboration?.publicOrBasicResearch).toBeUndefined();
    expect(facts('The buyer is a paper company in Dubai that wants our Chinese SmCo process documents.').collaboration?.publicOrBasicResearch).toBeUndefined();
  });

  it('still reads a paper written or presented as research, and a seller\'s product catalogue as published', () => {
    expect(facts('Our Ganzhou lab and a Spanish university co-write a paper on Tb diffusion.').collaboration?.publicOrBasicResearch).toBe(true);
    expect(facts('A Chinese magnet maker mailed us the grade tables from its online catalogue. Is receiving this a technology export?').collaboration?.publicOrBasicResearch).toBe(true);
  });
});

describe('the FAQ\'s "sensor parts already formed" and learning how goods are made (forty-first session, own phrasing)', () => {
  it('reads overmolded sensor parts with a magnet inside as a formed sensor, as FAQ No. 5 names them', () => {
    expect(facts('Can our Shenzhen vendor ship encoder sensor parts (overmolded, magnet and PCB inside) with Tb magnets to Korea?').item).toMatchObject({ form: 'component', downstream: 'formed_sensor' });
  });

  it('reads "light rare earth magnets" as NdFeB made without medium or heavy rare earths, a claim that sets none absent', () => {
    const item = facts('Our Hangzhou vendor offers light rare-earth magnets for the fan motors we buy. Licence to ship them to Chile?').item;
    expect(item).toMatchObject({ magnetType: 'ndfeb' });
    expect(item?.elementsAbsent).toBeUndefined();
  });

  it('reads students or interns who come to learn how a plant makes magnets as training', () => {
    expect(facts('Two Brazilian interns will spend a summer at our Baotou plant to learn how we make SmCo rings.').collaboration?.kind).toBe('training');
    expect(facts('A Chinese refinery offers internships in Ganzhou for our metallurgy graduates.').collaboration?.kind).toBe('training');
  });
});

describe('a returning asker\'s "again" closing its introduction (forty-first session, own phrasing)', () => {
  it('reads "Baotou separator again - …" as the asker\'s own place, not where goods go', () => {
    const text = 'Baotou separator again - can we send 2 t of Tb oxide to a magnet maker in Slovakia this month?';
    expect(findPlacesIn(text)[0]).toMatchObject({ country: 'CN', role: 'site', asker: true });
    expect(facts(text)).toMatchObject({ shipFrom: 'CN', destination: 'SK' });
  });
});

describe('where a bill comes from (forty-first session, own phrasing)', () => {
  it('reads "we invoice from Singapore" as billing, not where goods leave from', () => {
    const f = facts('Our Xiamen vendor ships the Tb oxide straight to the customer in Osaka; we invoice from Singapore.');
    expect(f.shipFrom).not.toBe('SG');
    expect(f.destination).toBe('JP');
  });
});

describe('a know-how word that names a department (forty-first session, own phrasing)', () => {
  it('reads "Design team wants to test Gd oxide" as goods for the asker\'s own design department, not a cooperation', () => {
    const f = facts('Design team wants to test a few kilos of gadolinium oxide from a Ganzhou supplier as a coating on our pump motors.');
    expect(f.collaboration).toBeUndefined();
    expect(f.item).toMatchObject({ form: 'oxide', elementsPresent: ['Gd'] });
  });
});

describe('the asker\'s own product after a seller\'s "for" (forty-first session, own phrasing)', () => {
  it('reads "rare earth parts from a Chinese vendor for our e-bikes" as parts for the e-bikes, not e-bikes bought', () => {
    expect(facts('We plan to buy some rare earth parts from a Chinese vendor for our e-bikes. Any licence?').item?.form).not.toBe('finished_product');
  });

  it('still reads "a customer for our Tb oxide" as the buyer of the oxide named', () => {
    expect(facts('A new customer for our Tb oxide sits in Busan. Licence?').item).toMatchObject({ form: 'oxide', elementsPresent: ['Tb'] });
  });
});

describe('showing goods to someone, not at a show (forty-first session, own phrasing)', () => {
  it('reads goods sent back from China "so we can show them to investors" as the way back out of China, not an exhibition', () => {
    const text = 'We shipped monazite concentrate to a refinery in Jiangxi for trial separation. They will send back 500 g of Tb oxide to our Vancouver office so we can show them to investors. Licence?';
    expect(facts(text)).toMatchObject({ shipFrom: 'CN', destination: 'CA' });
    expect(readFrame(text, understanding.lexicon, sourceIds).frame.activity).not.toBe('exhibit');
  });

  it('still reads goods shown at a trade show as exhibited', () => {
    expect(readFrame('Our Ningbo office wants to show SmCo samples at the trade show in Chicago.', understanding.lexicon, sourceIds).frame.activity).toBe('exhibit');
  });
});

describe('material made into other goods abroad (forty-second session, own phrasing)', () => {
  it('reads what Chinese oxide is reduced to, where that is done, as the goods, with the oxide as Chinese content', () => {
    const f = facts('We buy Chinese terbium oxide, convert it into Tb metal at our plant in Sweden and ship the metal to a customer in Austria. Licence needed?');
    expect(f.item).toMatchObject({ form: 'metal', elementsPresent: ['Tb'], hasChineseContent: true });
    expect(f).toMatchObject({ madeIn: 'SE', destination: 'AT' });
  });

  it('decides alloy made in Estonia from Chinese oxide as goods with Chinese content: no licence while No. 61 is suspended', () => {
    const text = 'We import Chinese dysprosium oxide and turn it into Dy-Fe alloy in Estonia, then sell the alloy to a magnet maker in Slovenia. Licence needed?';
    expect(facts(text)).toMatchObject({ madeIn: 'EE', destination: 'SI', item: { form: 'alloy' } });
    expect(newAssistant('2026-07-15T09:00:00Z').handle(msg(text, 'mi-1')).verdict).toBe('not_required');
  });

  it('keeps the oxide as the goods when the making is done in China', () => {
    const f = facts('Our toll refiner in Baotou will reduce the Dy oxide to metal and ship it to us in Ohio. Licence?');
    expect(f.shipFrom ?? f.madeIn).toBe('CN');
  });

  it('reads no making in a process sent on to someone ("transfer the process to a refinery in Spain")', () => {
    expect(findPlacesIn('Our partner will transfer the separation process to a refinery in Spain.').find((p) => p.country === 'ES')?.role).toBe('destination');
  });
});

describe('a product the asker builds, leaving from its own country (forty-second session, own phrasing)', () => {
  it('reads a sensor "we build" in a town the gazetteer lacks and export from Sweden as not of Chinese origin', () => {
    const text = 'We build a level sensor in Gnosjö with a tiny Chinese SmCo magnet inside, well under 1% of value, and export it from Sweden to Denmark for a civil brewery. Any MOFCOM licence?';
    expect(facts(text).item?.chinaOrigin).toBe(false);
    expect(newAssistant('2026-02-10T09:00:00Z').handle(msg(text, 'ab-1')).verdict).toBe('not_required');
  });

  it('still asks about goods bought in, not made, by the asker', () => {
    expect(facts('We buy level sensors with SmCo magnets and export them from Sweden to Denmark.').item?.chinaOrigin).not.toBe(false);
  });
});

describe('an end-user label opens its own sentence (forty-second session, own phrasing)', () => {
  it('reads a route after "… named us as end user." as a route, not the end user\'s place', () => {
    const places = findPlacesIn('The Chinese seller named our firm as end user. Now a buyer in Korea wants some, sent from Surabaya to Busan.');
    expect(places.find((p) => p.country === 'ID')?.role).toBe('origin');
  });

  it('still reads "End user: …" as the end user\'s place', () => {
    expect(findPlacesIn('End user: a motor plant in Aichi. Dy magnets from Ningbo.').find((p) => p.country === 'JP')?.role).toBe('destination');
  });
});

describe('products and materials by their trade names (forty-second session)', () => {
  it('reads MRI contrast media by generic and brand names as gadolinium compounds', () => {
    for (const name of ['gadoxetate', 'MultiHance', 'contrast medium', 'Gadovist']) {
      expect(facts(`Chinese-made ${name} vials to Peru. Licence?`).item).toMatchObject({ form: 'compound', elementsPresent: ['Gd'] });
    }
  });

  it('reads magnetic charging cables as a consumer magnetic product the FAQ leaves outside No. 18', () => {
    const text = 'Can a Dongguan factory send us 500 magnetic USB cables (NdFeB with Dy in the connector) for a trade fair in Leeds?';
    expect(facts(text).item?.downstream).toBe('consumer_magnetic_product');
    expect(newAssistant('2025-09-02T09:00:00Z').handle(msg(text, 'mc-1')).verdict).toBe('not_required');
  });
});

describe('words that name no rare-earth goods here (forty-second session, own phrasing)', () => {
  it('reads chips a chip word or a process node describes as semiconductors, not metal chips', () => {
    expect(facts('The end use is burn-in boards for 5nm GPU chips at a fab in Arizona.').item?.form).toBeUndefined();
    expect(facts('They are for AI accelerator chips made by a customer in Taiwan.').item?.form).toBeUndefined();
  });

  it('still reads a metal\'s chips as metal', () => {
    expect(facts('Can we buy 3 kg of terbium chips from Baotou?').item).toMatchObject({ form: 'metal', elementsPresent: ['Tb'] });
  });

  it('reads magnets carried in a carry-on or hand luggage as loose magnets, not built into anything', () => {
    expect(facts('My colleague flies back from Ningbo with 15 Dy magnet samples in her carry-on for tests. OK?').item).toMatchObject({ form: 'magnet' });
    expect(facts('Our buyer returns from Xi\'an with six SmCo magnet samples in his hand luggage for the lab.').item).toMatchObject({ form: 'magnet' });
  });

  it('reads a portable or low-field MRI as a finished device', () => {
    expect(facts('We ship a portable MRI built in Texas, with Chinese NdFeB magnets inside, to Kenya.').item).toMatchObject({ form: 'finished_product', downstream: 'device' });
  });
});

describe('a technology package is know-how passed on (forty-second session, own phrasing)', () => {
  it('reads buying a Chinese refiner\'s separation "process package" as a transfer the Catalogue prohibits', () => {
    const text = 'A Chinese refiner offers to sell us its complete separation process package for our plant in Chile. Is buying this technology a problem?';
    expect(facts(text).collaboration).toMatchObject({ kind: 'technology_transfer', area: 'extraction_separation' });
    expect(newAssistant('2026-04-02T09:00:00Z').handle(msg(text, 'tp-1')).verdict).toBe('prohibited');
  });
});

describe('"want" before a verb of sending without "to" (forty-second session, own phrasing)', () => {
  it('reads "our stock … in Manila, we want sell to a Thai buyer" as goods leaving the stock\'s place', () => {
    const places = findPlacesIn('Our stock of Chinese terbium oxide in Manila, we want sell to a Thai magnet maker next week.');
    expect(places.find((p) => p.country === 'PH')?.role).toBe('site');
    expect(facts('Our stock of Chinese terbium oxide in Manila, we want sell to a Thai magnet maker next week.')).toMatchObject({ shipFrom: 'PH', destination: 'TH' });
  });

  it('still reads a party there that wants goods as receiving them', () => {
    expect(findPlacesIn('Our sister plant in Pune needs Dy magnets from Ningbo.').find((p) => p.country === 'IN')?.role).toBe('destination');
  });
});

describe('a contrasting clause has its own subject (forty-second session, own phrasing)', () => {
  it('reads "our magnets are made in Thailand but Nd came from a Chinese mine" as Chinese content, not Chinese goods', () => {
    const places = findPlacesIn('Our magnets are made in Thailand but Nd came from a Chinese mine.');
    expect(places.find((p) => p.country === 'CN')?.role).toBe('content');
    expect(facts('Our magnets are made in Thailand but Nd came from a Chinese mine. They go to a US Army depot.').shipFrom).not.toBe('CN');
  });

  it('still reads "our Tb oxide comes from China" as the asker\'s own goods\' source', () => {
    expect(findPlacesIn('Our Tb oxide comes from China and we sell it to Spain.').find((p) => p.country === 'CN')?.role).not.toBe('content');
  });
});

describe('country codes in capitals and goods a product includes (forty-second session, own phrasing)', () => {
  it('reads further ISO codes written in capitals as places ("from PH to US", "ship to NZ")', () => {
    expect(facts('Can we ship the Dy magnets from PH to NZ next week?')).toMatchObject({ shipFrom: 'PH', destination: 'NZ' });
    expect(facts('Our plant in TR sells Tb oxide to a buyer in EG.')).toMatchObject({ destination: 'EG' });
  });

  it('reads no place in office abbreviations written in capitals ("HR", "QA", "IR here")', () => {
    expect(findPlacesIn('IR here. HR and QA ask whether our SmCo magnets from Ningbo need a licence.').map((p) => p.country)).toEqual(['CN']);
  });

  it('reads magnets a product "includes", though the asker bought them, as inside it', () => {
    const f = facts('We make PCB assemblies in Davao that include tiny NdFeB magnets we bought from Ningbo, and ship the boards from PH to Canada.');
    expect(f.item).toMatchObject({ form: 'component' });
    expect(f.item?.besideProduct).not.toBe(true);
  });

  it('still reads bare magnets a carton contains as loose magnets', () => {
    expect(facts('The cartons contain bare SmCo blocks exported from Ningbo to Hamburg.').item).toMatchObject({ form: 'magnet' });
  });
});

describe('a party that offers or agrees to send (own phrasings)', () => {
  it('reads "a Chinese recycler has offered to sell us" as goods leaving China, as "wants to sell" is', () => {
    const u = understanding.understander.understand('Startup in Adelaide. A Chinese magnet recycler has offered to sell us 200 kg of Dy oxide recovered from scrap. Any licence?');
    expect(u.facts.shipFrom).toBe('CN');
    expect(u.intent).toBe('part_license');
    expect(facts('We run a foundry in Porto. A Chinese smelter proposed to supply us Tb metal every quarter.').shipFrom).toBe('CN');
  });

  it('still reads a party that offers to buy as the buyer', () => {
    const f = facts('We make Dy oxide in Perth. A Japanese trader offered to buy 2 t of it.');
    expect(f.destination).toBe('JP');
    expect(f.shipFrom).not.toBe('JP');
  });
});
