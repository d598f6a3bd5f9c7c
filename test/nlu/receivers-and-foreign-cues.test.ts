/** Who receives know-how (the asker's own sites and staff, however described) and a German or Spanish "from". */
import { describe, expect, it } from 'vitest';
import { understanding } from '../support/understanding.js';

const read = (text: string) => understanding.understander.understand(text);

describe('know-how passed to the asker', () => {
  it('does not read a transfer to "our other plants" as Chinese staff teaching Chinese staff', () => {
    const c = read('We plan a 60% JV sintering plant in Baotou and then want to roll the Chinese partner\'s process out to our other plants.').facts.collaboration;
    expect(c?.domesticOnly).toBeUndefined();
  });

  it('keeps a plant of ours in China a place in China (the transfer stays domestic there)', () => {
    const c = read('Our Chinese engineers will teach the sintering process to the Chinese staff of our plant in Suzhou. No foreigners attend.').facts.collaboration;
    expect(c?.domesticOnly).toBe(true);
  });

  it('reads engineers described by their nationality, sent to tour a Chinese line, as a visit', () => {
    const c = read('Can we send our Italian engineers to our vendor\'s magnet factory in Ningbo for a three-day process audit?').facts.collaboration;
    expect(c?.kind).toBe('visit');
    expect(c?.chineseProvider).toBe(true);
  });
});

describe('"from" in German and Spanish', () => {
  it('reads "aus China" and "desde China" as shipped from China', () => {
    expect(read('Wir kaufen NdFeB-Magnete mit Dysprosium aus China, licence needed?').facts.shipFrom).toBe('CN');
    expect(read('Compramos imanes de SmCo desde China for our plant in Monterrey, licence?').facts.shipFrom).toBe('CN');
  });
});

describe('the asker as receiver or provider, said before the work', () => {
  it('does not read a Chinese vendor training "our service technicians" in China as Chinese staff only', () => {
    const c = read('A Chinese supplier offers our service technicians a two-week training in Baotou on how they press and sinter NdFeB blocks.').facts.collaboration;
    expect(c?.domesticOnly).toBeUndefined();
  });

  it('reads a department signing for a plant in China as the asker there, so its process goes abroad from China', () => {
    const f = read('Export sales for a sintering plant in Ningbo. A Thai customer wants us to license our sintering process to their new factory in Rayong. Allowed?').facts;
    expect(f.collaboration?.chineseProvider).toBe(true);
    expect(f.destination).toBe('TH');
  });
});

describe('a foreigner hired to work in China', () => {
  it('is given the know-how there: the Chinese side provides it, even when the process is called ours', () => {
    const c = read('We want to hire a Dutch process engineer to work on site in Ganzhou. He will improve our strip-casting process.').facts.collaboration;
    expect(c).toMatchObject({ kind: 'hiring', chineseProvider: true });
  });
});
