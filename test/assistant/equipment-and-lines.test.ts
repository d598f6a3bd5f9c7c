/**
 * Machines and whole lines leaving China (own phrasings): named machines with no cooperation around them are goods
 * (No. 56 equipment), and a whole rare-earth line is escalated as a carrier of the process it was built for, even
 * while No. 56 is suspended.
 */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant } from '../support/understanding.js';

const ask = (text: string, asOf: string, id: string) => newAssistant().handle({ ...msg(text, id), asOf });

describe('machines and production lines from China', () => {
  it('answers machines bought from a Chinese vendor as goods, not as cooperation', () => {
    const reply = ask('Two strip casters and an HD furnace for our plant in Thailand, purchased from a Chinese vendor in Baotou. Any export licence?', '2026-11-20', 'eq1');
    expect(reply.intent.name).toBe('part_license');
    expect(reply.citations.map((c) => c.source)).toContain('CN-ANN-2025-56');
  });

  it('never clears a whole magnet line leaving China while No. 56 is suspended', () => {
    const reply = ask('Can we sell our complete sintered-magnet production line from Ningbo to a buyer in Indonesia?', '2026-04-01', 'eq2');
    expect(reply.verdict).toBe('escalate');
    expect(reply.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-TECHCAT-2023', 'CN-ANN-2025-62']));
  });

  it('still answers a single machine under No. 56 alone', () => {
    const reply = ask('Can we sell one used jet mill from Ningbo to a buyer in Indonesia?', '2026-04-01', 'eq3');
    expect(reply.verdict).toBe('not_required');
    expect(reply.citations.map((c) => c.source)).toContain('CN-ANN-2025-56');
  });
});

describe('a machine for magnet-making abroad, and process data sent by e-mail (eighteenth session, own phrasings)', () => {
  it('escalates an unlisted furnace "for sintering NdFeB magnets" abroad while No. 62 was in force', () => {
    const r = ask('We make vacuum furnaces in Shenyang; a buyer in Thailand will use one for sintering NdFeB magnets. Do we need to apply?', '2025-10-25', 'eq-a');
    expect(r.facts?.endUses).toContain('rare_earth_processing');
    expect(r.verdict).toBe('escalate');
  });

  it('does not read "a quote for sintered magnets" as making magnets', () => {
    const r = ask('Please send a quote for sintered NdFeB magnets with Dy from Ningbo to our plant in Austria.', '2025-10-25', 'eq-b');
    expect(r.facts?.endUses ?? []).not.toContain('rare_earth_processing');
  });

  it('reads know-how anywhere in what is e-mailed, before where it goes ("the quench curves and the mill settings")', () => {
    const r = ask('Our Ganzhou plant will e-mail the aging quench curves and the hydrogen mill settings for the 48H grade to our magnet works in Texas.', '2026-05-01', 'eq-c');
    expect(r.verdict).toBe('prohibited');
  });
});
