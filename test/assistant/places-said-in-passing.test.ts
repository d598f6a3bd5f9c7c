/**
 * Where the asker sits and where the goods leave from, said in passing, on phrasings written for these tests: a
 * salutation before the asker introduces itself, chat's "quick one from …", a place that is itself the sender, goods
 * sent to the asker's own contract manufacturer, and a material said mined abroad.
 */
import { describe, expect, it } from 'vitest';
import { findPlaces } from '../../src/nlu/extract-places.js';
import { normaliseText, tokenize } from '../../src/nlu/text.js';
import { msg, newAssistant, understanding } from '../support/understanding.js';

const places = (text: string) => findPlaces(tokenize(normaliseText(text)), understanding.lexicon);

describe('the asker\'s own place', () => {
  it('reads "Dear all, we are a Japanese trading office in Ningbo." as the asker sitting in China', () => {
    const found = places('Dear all, we are a Japanese trading office in Ningbo. A buyer in Osaka wants Tb magnets.');
    expect(found.find((p) => p.country === 'CN')?.asker).toBe(true);
  });

  it('answers goods asked about by an office in China, after a salutation, as leaving China', () => {
    const r = newAssistant('2025-09-01T09:00:00Z').handle(msg('Dear all, we are a Japanese trading office in Ningbo. A buyer in Osaka wants sintered NdFeB with 1% Tb for fan motors. Licence needed?', 'ps-1'));
    expect(r.facts?.shipFrom).toBe('CN');
    expect(r.verdict).toBe('license_required');
  });

  it('reads "quick one from the pump plant in Brno" as the asker\'s site, so a supplier in China is where goods come from', () => {
    expect(places('Quick one from the pump plant in Brno. Our supplier in Xiamen ships the magnets.')[0]).toMatchObject({ country: 'CZ', asker: true });
    const r = newAssistant('2025-09-01T09:00:00Z').handle(msg('Quick one from the pump plant in Brno. Our magnet supplier in Xiamen says the 45SH rings now need an export licence, Dy about 3%. Is that true?', 'ps-2'));
    expect(r.facts?.shipFrom).toBe('CN');
    expect(r.verdict).toBe('license_required');
  });

  it('keeps "one" that is goods as goods ("we bought one from the factory in Ningbo")', () => {
    expect(places('We bought one from the factory in Ningbo.')[0]?.asker).toBeUndefined();
  });
});

describe('a place that sends', () => {
  it('reads a place as the subject of a relative clause\'s verb of sending as where goods leave from', () => {
    const r = newAssistant('2026-05-06T09:00:00Z').handle(msg('What about the spare SmCo rings that Suzhou ships to Penang every month?', 'ps-3'));
    expect(r.facts?.shipFrom).toBe('CN');
    expect(r.verdict).toBe('license_required');
  });

  it('does not read a stop on the way as the sender ("ship the lot to Singapore, and Singapore delivers to Oslo")', () => {
    const sender = places('We ship the lot to our distributor in Singapore, and Singapore delivers to Oslo.').find((p) => p.sends === true);
    expect(sender).toBeUndefined();
  });
});

describe('a seller that opens a sentence', () => {
  it('reads "Vendor datasheet says …" as goods coming from the vendor to the asker, not leaving the asker\'s country', () => {
    const r = newAssistant('2026-03-02T09:00:00Z').handle(msg('Vendor datasheet says Dy < 0.05 %, so no MOFCOM licence needed. We are a pump builder in Slovenia. Can we trust that?', 'ps-7'));
    expect(r.facts?.shipFrom).not.toBe('SI');
    expect(r.facts?.destination).toBe('SI');
    expect(r.verdict).not.toBe('not_required');
  });

  it('does not read the seller opening the next sentence as the noun of the asker\'s place ("… in Poland. Vendor says …")', () => {
    const r = newAssistant('2026-03-02T09:00:00Z').handle(msg('It is a stator plus a box of loose Tb segments; we bond them on ourselves in Poland. Vendor wants to ship the lot as motor parts with no licence. Fine?', 'ps-9'));
    expect(r.facts?.shipFrom).not.toBe('PL');
    expect(r.facts?.destination).toBe('PL');
  });

  it('does not send the vendor\'s goods to the Chinese city the asker is visiting', () => {
    const found = newAssistant('2026-03-02T09:00:00Z').handle(msg('our buyer is at a plant in Ningbo this week. Vendor wants to hand her 50 Tb magnets to carry home to Lisbon.', 'ps-8'));
    expect(found.facts?.destination).not.toBe('CN');
  });
});

describe('goods sent to the asker\'s own maker', () => {
  it('reads "ship to our Mexican contract manufacturer" as where the goods go, not where they leave from', () => {
    const found = places('The supplier cannot ship to our Mexican contract manufacturer.');
    expect(found[0]).toMatchObject({ country: 'MX', role: 'destination' });
    const r = newAssistant('2025-08-01T09:00:00Z').handle(msg('The supplier cannot ship to our Mexican contract manufacturer, they say Mexico is not approved. Magnets are NdFeB with Tb. What is the rule?', 'ps-4'));
    expect(r.facts?.destination).toBe('MX');
    expect(r.verdict).toBe('license_required');
  });
});

describe('a material made where it is mined', () => {
  it('reads "Australian-mined" concentrate as made in Australia, and names no Chinese provider when the asker says no Chinese technology is involved', () => {
    const r = newAssistant('2026-07-01T09:00:00Z').handle(msg('We sell our Australian-mined rare-earth concentrate to USA Rare Earth. No Chinese material or Chinese technology is involved. Does any Chinese export control apply?', 'ps-5'));
    expect(r.facts?.madeIn).toBe('AU');
    expect(r.verdict).toBe('not_required');
  });
});
