/**
 * Property (brief R23, R24): adding the name of a party on MOFCOM's control or watch list to any question about
 * Chinese goods or technology never yields `not_required`, and never a plain `license_required`: a licence for a
 * watch-listed party always carries the watch-list conditions. Names are drawn from rules/parties.yaml (names,
 * aliases, Chinese-script names), placed as buyer, end user or consignee, on any day after the last listing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msg, newAssistant, rules } from '../support/understanding.js';

const QUESTIONS = [
  'Do we need a licence to export sintered NdFeB magnets with 4 % Dy from Ningbo',
  'Can we ship 5 t of dysprosium oxide from Ganzhou',
  'Licence needed for SmCo magnets exported from our Suzhou plant',
  'Do we need an export licence for terbium metal from Baotou',
  'Can we export yttrium oxide powder from China',
  'We sell ferrite magnets from our Shenzhen factory; licence needed',
  'Can we export rotor assemblies with Dy magnets glued in from China',
  'Do we need a licence for NdFeB magnets without Dy or Tb (Nd, Pr, Fe, B) shipped from Ningbo',
  'Can our Chinese JV license its NdFeB sintering process',
  'Chinese engineers will train staff on magnet recycling; is a licence needed',
  'Can we resell Chinese-origin Tb oxide from our Dutch warehouse',
  'Gadolinium targets from China, licence?',
];

const PLACEMENTS = [
  (q: string, p: string) => `${q} to ${p}?`,
  (q: string, p: string) => `${q}? The buyer is ${p}.`,
  (q: string, p: string) => `${q}? End user: ${p}.`,
  (q: string, p: string) => `${p} asked us. ${q}?`,
  (q: string, p: string) => `${q} for ${p}?`,
  (q: string, p: string) => `${q}? Consignee is ${p}.`,
];

const NAMES = rules.parties.flatMap((p) => [p.name, ...p.aliases].map((written) => ({ written, party: p })));
/** Every listing in rules/lists.yaml is in force from 2026-07-24 (No. 30, the last). */
const DAYS = fc.integer({ min: Date.UTC(2026, 6, 24), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));

describe('a listed party in a licence question', () => {
  it('never yields not_required, nor a licence without the watch-list conditions', () => {
    fc.assert(fc.property(fc.constantFrom(...QUESTIONS), fc.constantFrom(...NAMES), fc.constantFrom(...PLACEMENTS), DAYS, (q, name, place, day) => {
      const text = place(q, name.written);
      const reply = newAssistant(`${day}T09:00:00Z`).handle(msg(text, `lp-${day}`));
      expect(reply.verdict, text).not.toBe('not_required');
      if (reply.verdict === 'license_required') {
        const said = reply.reasons.join(' ');
        expect(said, text).toMatch(/single licence only/);
        expect(said, text).toMatch(/risk-assessment report/);
        expect(said, text).toMatch(/written commitment/);
        expect(said, text).toMatch(/not bound by the 45-working-day limit/);
      }
    }), { numRuns: 300, seed: 17 });
  }, 120_000);

  it('reads "the watch list" said of a watch-listed party as that list, not as a control-list (military) end user', () => {
    const reply = newAssistant('2026-09-01T09:00:00Z').handle(msg('Our Ganzhou supplier ships Tb oxide to Nitto Denko in Osaka; we hear they are on a watch list now. What licence?', 'lp-watch'));
    expect(reply.verdict).toBe('license_required');
    expect(reply.reasons.join(' ')).toMatch(/single licence only/);
  });

  it('without the name, some of the same questions do give not_required (the property is not vacuous)', () => {
    const verdicts = QUESTIONS.map((q) => newAssistant('2026-08-01T09:00:00Z').handle(msg(`${q}?`, 'lp-plain')).verdict);
    expect(verdicts).toContain('not_required');
    expect(verdicts).toContain('license_required');
  });
});
