/**
 * Designing a plant for someone as an engineering service, and resale words said with a hyphen or as a noun
 * (forty-seventh session, own phrasings).
 */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant, understanding } from '../support/understanding.js';

describe('designing a plant, a line or a flowsheet for someone', () => {
  it('reads Chinese engineers designing a separation plant abroad as a Chinese service on separation technology', () => {
    const u = understanding.understander.understand('Our Namibian mine has monazite. A team of Chinese engineers would design an ion-exchange separation plant for us near Walvis Bay. Is that OK from the Chinese side?');
    expect(u.intent).toBe('collaboration_license');
    expect(u.facts.collaboration).toMatchObject({ kind: 'consulting', area: 'extraction_separation', chineseProvider: true });
  });

  it('answers it as prohibited by the 2023 Catalogue', () => {
    const reply = newAssistant().handle({ ...msg('A Chinese institute offered to design the solvent extraction flowsheet for our refinery in Estonia. Allowed?', 'ds1'), asOf: '2026-06-01' });
    expect(reply.verdict).toBe('prohibited');
    expect(reply.citations.map((c) => c.source)).toContain('CN-TECHCAT-2023');
  });

  it('does not read a product the asker designs as a service', () => {
    expect(understanding.understander.understand('We design NdFeB motors in Lyon and buy the magnets from Ningbo. Licence?').facts.collaboration?.kind).toBeUndefined();
  });
});

describe('resale said with a hyphen or as a noun', () => {
  it('reads "re-sell" and "resale" of Chinese magnets held abroad as goods already outside China', () => {
    const reply = newAssistant().handle({ ...msg('Rotterdam resale of Chinese Tb magnet blocks to Norway, is that still fine after the pause ended?', 'ds2'), asOf: '2026-11-20' });
    expect(reply.verdict).toBe('escalate');
    expect(understanding.understander.understand('Can we re-sell the Chinese Dy magnets from our Lodz warehouse to Ukraine?').frame.activity).toBe('resell_from_stock');
  });
});

describe('a place said of the input a sentence is about', () => {
  it('reads "the feedstock … was made in China" as where the input came from, not where the goods were made', () => {
    const a = newAssistant();
    a.handle({ ...msg('We make Tb oxide in Perth from recycled e-waste and sell it to a civil Korean motor maker.', 'ds3'), asOf: '2026-04-02' });
    const reply = a.handle({ ...msg('The feedstock is old hard-drive magnets originally produced in China. Any Chinese licence for us?', 'ds3'), asOf: '2026-04-02' });
    expect(reply.verdict).toBe('not_required');
    expect(understanding.understander.understand('Our raw materials come from Ganzhou.').facts.shipFrom).toBeUndefined();
  });

  it('still reads "the material is Dy oxide made in China" as the goods made in China', () => {
    expect(understanding.understander.understand('The material is Dy oxide made in China; we ship it from Rotterdam to Oslo.').facts.madeIn).toBe('CN');
  });
});

describe('the last steps of separation named as hydrometallurgy names them', () => {
  it('reads oxalate precipitation and calcination parameters sent by a Chinese engineer as separation technology', () => {
    const u = understanding.understander.understand('A Chinese engineer at our Ganzhou partner would send us the Tb oxalate precipitation settings so we can copy it in Texas. OK?');
    expect(u.facts.collaboration?.area).toBe('extraction_separation');
    expect(understanding.understander.understand('Our Longnan supplier shares its Dy oxide calcination recipe with our Malaysian plant. Fine?').facts.collaboration?.area).toBe('extraction_separation');
  });
});

describe('a count of the goods named before, sent on', () => {
  it('reads "send 2,000 of them" as goods sent, not know-how', () => {
    const a = newAssistant();
    a.handle({ ...msg('We hold loose Chinese-made Tb magnets in our Antwerp warehouse.', 'ds4'), asOf: '2025-10-20' });
    const reply = a.handle({ ...msg('We plan to send 2,000 of them to our Mexican subsidiary for a new product line. Any Chinese licence?', 'ds4'), asOf: '2025-10-20' });
    expect(reply.intent?.name).toBe('reexport_license');
    expect(reply.verdict).toBe('license_required');
  });

  it('reads "send 5 kg to …" after goods held abroad as those goods sent, not know-how (forty-eighth session)', () => {
    const a = newAssistant();
    a.handle({ ...msg('Our Lyon depot keeps some Chinese-origin terbium oxide for calibration work.', 'ds5'), asOf: '2026-10-06' });
    const reply = a.handle({ ...msg('May we send 5 kg to the Japan Ground Self-Defense Force lab in Tokyo, our partner?', 'ds5'), asOf: '2026-10-06' });
    expect(reply.facts?.collaboration).toBeUndefined();
    expect(reply.verdict).toBe('prohibited');
  });
});

describe('licensing a process named with "an" (forty-eighth session, own phrasing)', () => {
  it('reads "license an NdFeB recycling process from a Chinese institute" as licensing', () => {
    const u = understanding.understander.understand('We hope to license an NdFeB scrap recycling process from a Chinese institute for our plant in Finland. Does China need to approve?');
    expect(u.facts.collaboration).toMatchObject({ kind: 'licensing', area: 'recycling', chineseProvider: true });
  });
});
