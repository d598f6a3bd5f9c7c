/** Exports the Dual-Use Regulations name besides a sale: gifts and free samples (art. 2), returns after repair (art. 19). */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant, understanding } from '../support/understanding.js';

const occasion = (text: string) => understanding.understander.understand(text).facts.exportOccasion;

describe('export occasions read from the message', () => {
  it('reads a gift or a free sample', () => {
    expect(occasion('Our Xiamen plant will give 30 SmCo discs to a German institute as a gift.')).toBe('gift');
    expect(occasion('They want 100 g of gadolinium oxide, free of charge, for an evaluation in Osaka.')).toBe('gift');
  });

  it('reads goods going back after repair or testing, only when both the repair and the return are said', () => {
    expect(occasion('The Dy magnets came to our Ganzhou site for recoating; now they go back to the client in Lille.')).toBe('return_after_repair');
    expect(occasion('Our Ganzhou site does recoating of Dy magnets for clients in Lille.')).toBeUndefined();
  });

  it('reads neither in an ordinary sale', () => {
    expect(occasion('We sell 2 t of yttrium oxide from Baotou to a coater in Ohio.')).toBeUndefined();
  });
});

describe('the answer on a gift of a listed item', () => {
  it('says a gift is an export (art. 2) and cites the Dual-Use Regulations beside No. 18', () => {
    const r = newAssistant().handle({ ...msg('Our Baotou lab would send 20 g of terbium metal to a university in Delft as a gift. Licence?', 'gift-1'), asOf: '2026-05-01' });
    expect(r.verdict).toBe('license_required');
    expect(r.reasons.join(' ')).toMatch(/gifts or free samples/);
    expect(r.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-ANN-2025-18', 'CN-DUR-2024']));
  });
});
