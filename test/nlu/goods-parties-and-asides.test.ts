/**
 * Readings of goods and parties: an element replaced by another (by any of the verbs and phrases of replacing), goods
 * a claim is about beside the goods the asker buys, a party word in a parenthesis after the goods, a one-letter symbol
 * before a material's form, a long list of elements denied, goods packed in a
 * suitcase, a product catalogue's separators, a party's trade noun, an agency's acronym, a port the goods leave, a
 * request written "please to advise", and know-how that a Chinese consultancy or lab gives.
 */
import { describe, expect, it } from 'vitest';
import { understanding } from '../support/understanding.js';

const read = (text: string) => understanding.understander.understand(text);

describe('elements said not to be in the goods', () => {
  it('reads an element replaced by another as gone', () => {
    const item = read('For the 38UH grade the maker replaced Tb with cerium; report shows Ce 3 %, no Tb, no Dy.').facts.item;
    expect(item?.elementsAbsent).toEqual(expect.arrayContaining(['Tb', 'Dy']));
    expect(item?.elementsPresent).not.toContain('Tb');
  });

  it('reads the replaced element as gone in the passive too', () => {
    const item = read('In the new SmCo-free rotor magnets, Dy was replaced by holmium.').facts.item;
    expect(item?.elementsAbsent).toContain('Dy');
    expect(item?.elementsPresent).toContain('Ho');
  });

  it('reads the element a new one replaces, stands in place of or is substituted for as gone', () => {
    for (const text of [
      'Our grade 45SH now uses cerium, which replaces all the terbium.',
      'The maker quoted a 42UH with holmium in place of the Dy.',
      'Since June the plant has substituted cerium for terbium in the 38SH magnets.',
    ]) {
      const item = read(text).facts.item;
      expect(item?.elementsAbsent, text).toEqual(expect.arrayContaining([expect.stringMatching(/^(?:Tb|Dy)$/)]));
      expect(item?.elementsPresent, text).toEqual(expect.arrayContaining([expect.stringMatching(/^(?:Ce|Ho)$/)]));
      expect(item?.elementsPresent ?? [], text).not.toEqual(expect.arrayContaining([expect.stringMatching(/^(?:Tb|Dy)$/)]));
    }
  });

  it('keeps an element only partly replaced in the goods', () => {
    const item = read('In the 40SH grade, cerium partially replaces dysprosium.').facts.item;
    expect(item?.elementsPresent).toEqual(expect.arrayContaining(['Ce', 'Dy']));
    expect(item?.elementsAbsent ?? []).not.toContain('Dy');
  });

  it('reaches every element of a long denied list', () => {
    const item = read('We import lanthanum oxide and cerium carbonate; none of these is Sm, Gd, Tb, Dy, Lu or Sc.').facts.item;
    expect(item?.elementsAbsent).toEqual(expect.arrayContaining(['Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Sc']));
  });
});

describe('goods a claim is about, beside goods the asker buys', () => {
  it('reads the goods the asker buys, not the class a forum post says is licensed', () => {
    const item = read('A trade forum says China now licenses all neodymium magnets. We buy NdPr metal from Baotou for our alloy trials; licence needed?').facts.item;
    expect(item?.form).toBe('metal');
    expect(item?.magnetType).toBeUndefined();
    expect(item?.elementsPresent ?? []).not.toContain('Fe');
  });

  it('reads a claim written by a magnet trader\'s newsletter the same way, and goods a supplier sells to the asker', () => {
    const item = read('A magnet trader\'s newsletter writes that neodymium magnets need licences. Our Ganzhou supplier sells us lanthanum oxide. Do they need one?').facts.item;
    expect(item?.form).toBe('oxide');
    expect(item?.elementsPresent).toEqual(['La']);
  });
});

describe('a party word in a parenthesis after the goods', () => {
  it('makes no party of the goods ("stepper motors (brand in Changzhou)")', () => {
    const item = read('We buy stepper motors (brand in Changzhou) for our looms. Motors contain NdFeB magnets with Dy.').facts.item;
    expect(item?.downstream).toBe('motor');
    expect(item?.form).not.toBe('magnet');
  });
});

describe('a one-letter rare-earth symbol', () => {
  it('names its element right before the form of a pure material ("Y target", "Y metal")', () => {
    expect(read('Our fab wants a Y target, 4N purity, from Ningbo').facts.item).toMatchObject({ form: 'target', elementsPresent: ['Y'] });
    expect(read('Quote 20 kg of Y metal ex Baotou, please').facts.item).toMatchObject({ form: 'metal', elementsPresent: ['Y'] });
  });

  it('is no element before other words ("plan B parts")', () => {
    expect(read('Plan B parts from Ningbo, any licence?').facts.item?.elementsPresent ?? []).not.toContain('B');
  });
});

describe('goods packed, not built in', () => {
  it('keeps magnets put in a suitcase loose', () => {
    const item = read('May I put 15 SmCo test magnets in my luggage when I fly back from Shenzhen?').facts.item;
    expect(item?.form).toBe('magnet');
    expect(item?.downstream).toBeUndefined();
  });
});

describe('products and parties', () => {
  it('knows magnetic separation equipment from makers\' catalogues as products with magnets inside', () => {
    const item = read('We build overband magnets in Finland with NdFeB blocks from China and sell them to Chile.').facts.item;
    expect(item?.form).toBe('finished_product');
  });

  it('reads an item word before "partner" as describing the partner, not the goods', () => {
    const item = read('Our Chinese equipment partner will hand-carry loose Dy magnets to the Hannover fair.').facts.item;
    expect(item?.form).toBe('magnet');
  });
});

describe('foreign rules and routes', () => {
  it('reads a nationality and an agency acronym before "export permit" as that country\'s rules', () => {
    expect(read('Is an Israeli DECA export permit needed for our survey drones going to Cyprus?').signals.foreignRegimeCountry).toBe('IL');
  });

  it('does not read a company acronym after a nationality as an agency', () => {
    expect(read('Can our Chinese JV license its separation process to the Belgian parent?').signals.foreignRegimeCountry).toBeUndefined();
  });

  it('takes the port the goods leave over a place the asker introduces itself with', () => {
    expect(read('We are distributor of pump spares from Gdańsk. Our box of Tb magnets is leaving Xiamen port on Monday, licence?').facts.shipFrom).toBe('CN');
  });
});

describe('who gives know-how', () => {
  it('does not read "please to advise" as a consulting service', () => {
    expect(read('Our Dy magnets leave Ningbo next week. Please to advise if licence is needed.').facts.collaboration).toBeUndefined();
  });

  it('reads a Chinese consultancy offering support "for our" flowsheet as the provider', () => {
    const c = read('A Shanghai consultancy offers remote design support for our rare-earth separation flowsheet by video calls. Any issue?').facts.collaboration;
    expect(c?.chineseProvider).toBe(true);
  });

  it('reads a Chinese lab\'s deliverable, named in the next sentence, as its know-how', () => {
    const c = read('We shipped ore samples to a lab in Baotou for testwork. Their final report includes a leaching and separation flowsheet.').facts.collaboration;
    expect(c?.chineseProvider).toBe(true);
  });
});
