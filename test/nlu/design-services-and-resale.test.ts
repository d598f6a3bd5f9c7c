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
