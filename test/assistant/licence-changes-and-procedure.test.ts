/**
 * A change from what a licence held names (Regs art. 18), and questions about procedure that name goods the rules
 * decide, on phrasings written for these tests: another end user or destination, more than the licensed quantity,
 * goods swapped for other goods (no change of a licence), and procedure or rules questions with and without a verdict.
 */
import { describe, expect, it } from 'vitest';
import { readFrame } from '../../src/nlu/extract-facts.js';
import { msg, newAssistant, sourceIds, understanding } from '../support/understanding.js';

const frame = (text: string) => readFrame(text, understanding.lexicon, sourceIds).frame;
const ask = (text: string, id: string, when = '2026-05-20T09:00:00Z') => newAssistant(when).handle(msg(text, id));

describe('a change from what a licence held names', () => {
  it('reads a new end customer "after the licence", with the application papers named, as a change needing a new application', () => {
    const r = ask('Our supplier sent back the application documents asking for more detail. If we switch the end customer from our Lyon site to a partner in Vietnam after the licence, can they simply amend it?', 'lc-after');
    expect(r.facts?.licenceChange).toBe('recipient');
    expect(r.verdict).toBe('license_required');
    expect(r.intent.name).toBe('license_process');
  });

  it('does not read a licence still to be applied for ("after the licence application") as held', () => {
    expect(frame('What documents do we file, and how long after the licence application does MOFCOM decide?').licenceChange).toBeUndefined();
  });

  it('reads goods for another end user under the licence held as a change of recipient', () => {
    expect(frame('Our supplier holds a licence naming our Graz plant. Could the same lot go to our sister company in Slovenia?').licenceChange).toBe('recipient');
    expect(frame('The licence was issued for our Lyon site; we want them redirected to Porto.').licenceChange).toBe('recipient');
  });

  it('reads another use for licensed goods as a change of end use', () => {
    expect(frame('Our licence covers Dy oxide for phosphor production; could the same lot be used for a different end use, polishing powder?').licenceChange).toBe('end_use');
  });

  it('answers that a new application is needed, citing art. 18, even when the goods are not described', () => {
    const r = ask('That licence names our Brno plant as end user. Can the supplier deliver half the lot to our new plant in Poland instead?', 'lc-1');
    expect(r.verdict).toBe('license_required');
    expect(r.fired.map((f) => f.ruleId)).toContain('licence-change-new-application');
    expect(r.citations.some((c) => c.source === 'CN-DUR-2024' && (c.article ?? '').includes('art. 18'))).toBe(true);
  });

  it('reads more than the licensed quantity as a change MOFCOM must approve', () => {
    const f = frame('Licence says 2 t of Tb oxide. The refinery produced 2.3 t; can they ship 15 % over with the rest?');
    expect(f.licenceChange).toBe('quantity');
    const r = ask('Licence says 2 t of Tb oxide. The refinery produced 2.3 t; can they ship 15 % over with the rest?', 'lc-2');
    expect(r.verdict).toBe('license_required');
    expect(r.fired.map((f) => f.ruleId)).toContain('licence-change-approval');
  });

  it('does not read a content "over 1 %" as a quantity beyond the licence', () => {
    expect(frame('The licence covers our N45SH blocks with Dy over 1 %. Can we ship next week?').licenceChange).toBeUndefined();
  });

  it('does not read goods swapped for other goods, or a licence still needed, as a change of a licence', () => {
    expect(frame('Instead of loose Dy magnets we would buy finished rotors from Suzhou. Is the export licence still needed?').licenceChange).toBeUndefined();
    expect(frame('We moved to a new Ce-rich grade with no Dy. Do they still need the dual-use licence for it?').licenceChange).toBeUndefined();
    expect(frame('Can we get one general licence instead of applying for each shipment?').licenceChange).toBeUndefined();
  });

  it('reads a site a licence names as where the goods are received, not where they ship from', () => {
    const f = frame('The general licence that names our Kaohsiung fab was granted in March. Our new Tainan fab wants the same Sc targets.');
    expect(f.places.shipFrom).toBeUndefined();
    expect(f.licenceChange).toBe('recipient');
  });
});

describe('goods received under a licence to the asker', () => {
  it('escalates passing on goods the supplier\'s licence sent "to our plant" (the end-user commitment binds the consignee)', () => {
    const r = newAssistant().handle({ ...msg('Good news, the Chinese vendor got the licence for the Dy magnets to our plant in Brno. Now Brno wants to sell a third of the lot on to a Polish lift installer. OK?', 'lc-to-us'), asOf: '2026-02-25' });
    expect(r.facts?.endUserCommitment).toBe(true);
    expect(r.facts?.destination).toBe('PL');
    expect(r.verdict).toBe('escalate');
  });
});

describe('questions about procedure that name goods', () => {
  it('keeps a plain procedure answer for "how long does it take" about goods that need a licence', () => {
    const r = ask('How many working days does MOFCOM need to decide on a licence for our Tb oxide order to Spain?', 'pq-1');
    expect(r.verdict).toBe('none');
    expect(r.intent.name).toBe('license_process');
  });

  it('adds the licence verdict to a yes/no question about applying for goods the rules decide', () => {
    const r = ask('Since the truce, is Gd oxide from Baotou to our Osaka lab still under licence?', 'pq-2');
    expect(r.verdict).toBe('license_required');
    expect(r.citations.some((c) => c.source === 'CN-ANN-2025-18')).toBe(true);
  });

  it('answers a procedure question about a banned export with the ban, not only the procedure', () => {
    const a = newAssistant('2026-05-20T09:00:00Z');
    a.handle(msg('Tb magnets from Ningbo for a radar maker in Japan that supplies the Self-Defense Forces.', 'pq-3'));
    const r = a.handle(msg('Delivery is planned for June. Can our subsidiary still file the normal application?', 'pq-3'));
    expect(r.intent.name).toBe('license_process');
    expect(r.verdict).toBe('prohibited');
    expect(r.citations.some((c) => c.source === 'CN-ANN-2026-01')).toBe(true);
  });
});
