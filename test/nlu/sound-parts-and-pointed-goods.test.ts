/**
 * Hearing and audio parts by their catalogue names, and magnets that goods pointed back to are said to hold
 * (forty-seventh session, own phrasings).
 */
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/nlu/extract-facts.js';
import { msg, newAssistant, sourceIds, understanding } from '../support/understanding.js';

const facts = (text: string) => extractFacts(text, understanding.lexicon, sourceIds).facts;

describe('sound parts named as hearing-component makers name them', () => {
  it.each([
    ['We import balanced-armature receivers from Xiamen for our earpieces.', 'device'],
    ['Micro-speakers from a Dongguan vendor, NdFeB inside. Licence?', 'device'],
    ['Telecoils from Suzhou for our hearing instruments.', 'device'],
    ['Pressure transducers from a Shanghai plant.', 'formed_sensor'],
  ])('reads "%s" as a product with its parts built in', (text, downstream) => {
    expect(facts(text).item?.downstream).toBe(downstream);
  });

  it('answers a sealed receiver with its magnet inside as a downstream part, not loose magnets', () => {
    const reply = newAssistant().handle({ ...msg('Our Ningbo vendor sends us balanced armature receivers; the magnet is sealed in the housing with the coil. Do these need a licence?', 'sp1'), asOf: '2025-09-01' });
    expect(reply.verdict).toBe('not_required');
    expect(reply.citations.map((c) => c.source)).toContain('CN-FAQ-RE');
  });
});

describe('magnets held by goods a pronoun points back to', () => {
  it('reads "They contain an NdFeB magnet with Dy" as the magnet inside the goods, named before or after', () => {
    const after = facts('They contain a SmCo magnet potted with a small board. Can the vendor ship the pickups and telecoils to Oslo?').item;
    expect(after?.downstream).toBe('device');
    expect(after?.besideProduct).not.toBe(true);
    const before = facts('We buy door sensors from Wuxi. They hold two small NdFeB magnets with Tb.').item;
    expect(before?.downstream).toBe('formed_sensor');
  });

  it('keeps magnets said to travel loose, and a carton that holds magnets, as bare magnets', () => {
    expect(facts('They contain 300 loose NdFeB magnets with Dy, packed separately.').item?.form).toBe('magnet');
    expect(facts('The cartons contain bare SmCo blocks for our pumps.').item?.form).toBe('magnet');
  });

  it('decides the follow-up "They contain…" about parts named before as those parts', () => {
    const a = newAssistant();
    a.handle({ ...msg('Our Zhuhai supplier makes bone conduction transducers for our headsets.', 'sp2'), asOf: '2026-01-15' });
    const reply = a.handle({ ...msg('They contain an NdFeB magnet with Tb, moulded in with the coil. Do they need a licence to ship them to Lyon?', 'sp2'), asOf: '2026-01-15' });
    expect(reply.verdict).toBe('not_required');
  });
});

describe('magnets named with the part they are in, after a product made somewhere (own phrasings)', () => {
  it('reads "with NdFeB hubs from China" after "we build e-bikes in Portugal" as where the part came from, not the route', () => {
    const f = facts('We build e-bikes in Portugal with NdFeB hubs from China and sell them in France.');
    expect(f.shipFrom).not.toBe('CN');
    expect(f.madeIn).toBe('PT');
  });

  it('reads the country goods are sold in as where they go', () => {
    expect(facts('We build e-bikes in Portugal with NdFeB hubs from China and sell them in France.').destination).toBe('FR');
    expect(facts('Our Tb-magnet pumps are sold in Canada.').destination).toBe('CA');
  });

  it('still reads "(with Dy magnets inside) from our Czech warehouse" as where the goods leave from', () => {
    expect(facts('We sell Chinese e-scooter motors (with Dy magnets inside) from our Czech warehouse to Austria.').shipFrom).toBe('CZ');
  });
});
