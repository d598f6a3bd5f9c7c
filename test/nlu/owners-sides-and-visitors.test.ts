/**
 * A company's nationality against where its site is, goods that would otherwise go from the asker's home to the same
 * country, a side of a deal against a country's rules, a colon inside a
 * sentence, and visitors who come to China and ask for know-how there.
 */
import { describe, expect, it } from 'vitest';
import { understanding } from '../support/understanding.js';

const read = (text: string) => understanding.understander.understand(text);

describe('a site named with its owner\'s nationality and its own place', () => {
  it('ships from the place the site is in, not the owner\'s country', () => {
    const f = read('Our German subsidiary in Tianjin (German-owned) sinters dysprosium magnets; we ship the N42SH ones to Germany.').facts;
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('DE');
  });

  it('reads "Korean" and "British" as nationalities, as every other one is', () => {
    const f = read('Our Korean subsidiary in Baotou produces dysprosium oxide for a British distributor.').facts;
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('GB');
  });
});

describe('goods that would go from the asker\'s home to the same country', () => {
  it('leave from the asker\'s other site abroad, which the message names', () => {
    const f = read('We are a Danish firm; our fully owned affiliate in Xiamen presses housings. It now plans to export terbium oxide to our Aarhus lab. Does that need a licence?').facts;
    expect(f.shipFrom).toBe('CN');
    expect(f.destination).toBe('DK');
    expect(f.madeIn).not.toBe('DK');
  });
});

describe('a side of a deal', () => {
  it('is a party when a licence from China is asked about "on" its side', () => {
    const u = read('Our Polish plant presses magnets from Chinese Dy alloy and sells them to Ukraine. Any licence from China needed on the Polish side?');
    expect(u.intent).not.toBe('out_of_scope');
    expect(u.signals.foreignRegimeCountry).toBeUndefined();
  });

  it('is its country\'s rules when the question is seen "from" it', () => {
    expect(read('We export bonded NdFeB from Ohio to Toronto. Is that allowed from the American side?').signals.foreignRegimeCountry).toBe('US');
  });
});

describe('a colon inside a sentence', () => {
  it('does not cut the shipping verb off from the place the goods are put together', () => {
    const f = read('The vendor wants to send a kit: loose terbium magnets, a hub and screws, and our team puts it together in Mexico.').facts;
    expect(f.destination).toBe('MX');
    expect(f.madeIn).toBeUndefined();
  });
});

describe('visitors who come to China and ask for know-how', () => {
  it('receive it from the Chinese side', () => {
    const c = read('Four engineers from our French parent come to the Ningbo JV next month. They want the full coating process sheet of our diffusion line.').facts.collaboration;
    expect(c?.chineseProvider).toBe(true);
  });

  it('do not when they come to teach', () => {
    const c = read('Two of our German engineers travel to our Ganzhou plant to train the operators on the new furnace.').facts.collaboration;
    expect(c?.chineseProvider).toBe(false);
  });
});

describe('"they" who open the next clause with their own know-how', () => {
  it('reads the Chinese party named before as providing "their" process, offered after a semicolon', () => {
    const f = read('Our buyers met our magnet supplier at its Ganzhou plant; they offered to go through their grain boundary diffusion process with us. OK?').facts;
    expect(f.collaboration?.chineseProvider).toBe(true);
  });
});

describe('know-how given to a joint venture the asker is part of', () => {
  it('does not read it as passing only between Chinese parties in China', () => {
    const f = read('We set up a JV in Suzhou with a Chinese magnet maker. They will transfer their NdFeB process to the JV, 60 % of which is ours. Does this need approval from the Chinese authorities?').facts;
    expect(f.collaboration?.chineseProvider).toBe(true);
    expect(f.collaboration?.domesticOnly).toBeUndefined();
  });
});

describe('know-how asked of a Chinese party', () => {
  it('reads the party asked for the process data as its provider, passing know-how', () => {
    const f = read('For PPAP our quality team asked the Chinese magnet supplier for the sintering temperature profile and ageing parameters. Supplier hesitates. Why?').facts;
    expect(f.collaboration).toMatchObject({ kind: 'technology_transfer', area: 'magnet_preparation', chineseProvider: true });
  });

  it('does not read a request for a lot\'s test report as know-how', () => {
    expect(read('We asked our Chinese magnet supplier for the test report of the N48H lot. Any problem?').facts.collaboration?.kind).toBeUndefined();
  });
});
