/**
 * Messages that name several goods, and goods the readers used to fold into others, on phrasings written for these
 * tests: each loose line is decided and the strictest answer given; a material that says what other goods are made
 * of is no line of its own; an alloy of a magnet family is magnet material; lithium cells and packs are No. 58 goods.
 */
import { describe, expect, it } from 'vitest';
import { readFrame } from '../../src/nlu/extract-facts.js';
import { msg, newAssistant, sourceIds, understanding } from '../support/understanding.js';

const frame = (text: string) => readFrame(text, understanding.lexicon, sourceIds).frame;

describe('several goods in one message', () => {
  it('decides each loose line and answers for the strictest ("lanthanum metal and a few Nd:YAG laser crystals")', () => {
    const text = 'We would like to order lanthanum metal and a few Nd:YAG laser crystals from a Chinese supplier for our lab in Austria. Licence?';
    const f = frame(text);
    expect(f.item?.form).toBe('metal');
    expect(f.otherItems?.map((o) => [o.words, o.form])).toEqual([['Nd:YAG laser crystals', 'crystal']]);
    const r = newAssistant('2026-03-02T09:00:00Z').handle(msg(text, 'sg-1'));
    // A YAG crystal's classification under No. 18 is unconfirmed (brief §9 example 23): the order goes to compliance.
    expect(r.verdict).toBe('escalate');
    expect(r.reasons[0]).toMatch(/several goods.*strictest.*Nd:YAG laser crystals/);
  });

  it('reads goods a partner offers to sell beside others, in another clause, as a line of the order', () => {
    const text = 'Our Baotou partner ships us lanthanum carbonate for our catalyst line, and has now offered to sell us some terbium oxide as well. Do we need anything?';
    expect(frame(text).otherItems?.some((o) => o.elementsPresent?.includes('Tb') && o.form === 'oxide')).toBe(true);
    const r = newAssistant('2026-03-02T09:00:00Z').handle(msg(text, 'sg-2'));
    expect(r.verdict).toBe('license_required');
  });

  it('takes no material that says what the goods are made of, or what kind they are, as a line of its own', () => {
    expect(frame('Red phosphor powder doped with europium oxide from Xiamen to Mexico. Licence?').otherItems).toBeUndefined();
    expect(frame('YAG:Ce yellow phosphor powder and a red nitride phosphor from Xiamen to our LED plant in Tangier.').otherItems).toBeUndefined();
    expect(frame('Our Vietnam plant sinters NdFeB magnets using terbium oxide from China.').otherItems).toBeUndefined();
  });

  it('takes the same goods named again by grade as one line ("NdFeB magnets, grade N42, no Dy or Tb")', () => {
    const text = 'Loose NdFeB magnets from Ningbo to Spain, grade N42 per the datasheet, no Dy or Tb. Licence?';
    expect(frame(text).otherItems).toBeUndefined();
    expect(newAssistant('2025-09-02T09:00:00Z').handle(msg(text, 'sg-3')).verdict).toBe('not_required');
  });

  it('carries an element said absent to every line ("no yttrium" holds for the crystals too)', () => {
    const f = frame('We order thulium-doped fibre and two holmium laser crystals from Wuhan. The crystal host has no yttrium.');
    expect(f.otherItems?.[0]?.elementsAbsent).toContain('Y');
  });
});

describe('goods readings', () => {
  it('reads a scandium-aluminium alloy powder as an alloy, and an NdFeB alloy powder as magnet material', () => {
    expect(frame('Sc-Al (scandium aluminium) alloy powder for additive manufacturing, from a Chinese mill.').item).toMatchObject({ form: 'alloy', elementsPresent: expect.arrayContaining(['Sc']) });
    expect(frame('Strip-cast NdFeB alloy powder with 3 % Dy from Baotou.').item).toMatchObject({ form: 'magnet_powder', magnetType: 'ndfeb' });
    // An NdFeB alloy leaves open whether it holds Dy or Tb.
    expect(frame('NdFeB alloy from Baotou to Osaka, no Dy.').item?.compositionComplete).toBeUndefined();
  });

  it('reads a material bought from China that goes into magnets made abroad as content, not as the magnets\' route', () => {
    const f = frame('Our Thai plant sinters NdFeB magnets using terbium oxide bought from China, about 2 % of the magnet value.');
    expect(f.places.shipFrom).not.toBe('CN');
    expect(f.chineseContent.percentOfValue).toBe(2);
  });

  it('decides lithium cells and battery packs by No. 58, suspended until 10 November 2026, without asking for rare earths', () => {
    const text = 'Can our Shenzhen supplier export LFP battery packs to our warehouse in Chile, or does the battery control stop them?';
    expect(frame(text).item?.form).toBe('battery');
    const before = newAssistant('2026-03-02T09:00:00Z').handle(msg(text, 'sg-4'));
    expect(before.verdict).toBe('not_required');
    expect(before.citations.map((c) => c.source)).toContain('CN-ANN-2025-58');
    const after = newAssistant('2026-11-20T09:00:00Z').handle(msg(text, 'sg-5'));
    expect(after.verdict).toBe('escalate');
  });

  it('reads a magnetic charging pad as a consumer product with its magnets inside (MOFCOM FAQ No. 5)', () => {
    const r = newAssistant('2026-03-02T09:00:00Z').handle(msg('Magnetic charging pads for phones, small magnets inside, made in Dongguan and shipped to Canada. Licence?', 'sg-6'));
    expect(r.facts?.item?.downstream).toBe('consumer_magnetic_product');
    expect(r.verdict).toBe('not_required');
  });

  it('reads yttria-stabilised zirconia by its other trade names (3Y-TZP, yttrium-stabilised, 钇稳定氧化锆) as the ceramic the brief leaves open', () => {
    for (const text of ['Dental 3Y-TZP blanks from a mill in Shenzhen.', 'yttrium-stabilized zirconia powder from Zibo', '我们出口钇稳定氧化锆粉 to Italy']) {
      // (The whole understanding, which glosses Chinese terms before reading.)
      expect(understanding.understander.understand(text).frame.item).toMatchObject({ form: 'ceramic', elementsPresent: expect.arrayContaining(['Y', 'Zr']) });
    }
  });

  it('reads goods declared under another name "because the licence takes too long" as a plan to evade', () => {
    expect(frame("The seller wants to invoice the Tb targets as 'metal discs' because the licence takes months.").evasion).toBe(true);
    expect(frame("We list the Tb targets as 'metal discs' in our catalogue because customers search for that.").evasion).toBeUndefined();
  });

  it('reads "the magnet rules" after a product as the rules\' subject, not loose magnets beside it', () => {
    const r = newAssistant('2025-10-07T09:00:00Z').handle(msg('We buy magnetic tablet stands and phone mounts from a Shenzhen factory for our shop in Oslo. Are they hit by the magnet rules?', 'sg-7'));
    expect(r.facts?.item?.downstream).toBe('consumer_magnetic_product');
    expect(r.facts?.item?.besideProduct).toBeUndefined();
    expect(r.verdict).toBe('not_required');
  });

  it('reads a Dy or Tb content in per cent, with the goods unnamed, as a magnet grade, and says so', () => {
    const r = newAssistant('2026-03-18T09:00:00Z').handle(msg("Our Jiangxi vendor's new low-HRE grade tests at 0.09 % Dy and they want to ship it to Turin without a licence. Fine?", 'sg-8'));
    expect(r.verdict).not.toBe('need_info');
    expect(r.verdict).not.toBe('not_required');
    expect(r.reasons[0]).toMatch(/magnet grade/);
    // A share above any magnet grade's is no magnet: the question stays.
    const other = newAssistant('2026-03-18T09:00:00Z').handle(msg('Our Jiangxi vendor offers a material with 35 % Dy for Turin. Licence?', 'sg-9'));
    expect(other.reasons.join(' ')).not.toMatch(/magnet grade/);
  });

  it('keeps magnets named with their element before a licence or rules noun as the goods ("Dy magnet licences")', () => {
    const a = newAssistant('2026-02-01T09:00:00Z');
    a.handle(msg('We buy Dy NdFeB magnets from Ningbo for the steering motors we make in Japan.', 'sg-10'));
    const r = a.handle(msg('Passenger cars only, nothing military. Our supplier says Dy magnet licences for Japan are on hold and the Dy magnet rules changed. Do we still need one?', 'sg-10'));
    expect(r.verdict).toBe('license_required');
  });
});


describe('goods a follow-up adds and asks of together (forty-second session, own phrasing)', () => {
  it('decides the earlier goods too when the follow-up asks "which of these" after naming more', () => {
    const a = newAssistant('2026-05-20T09:00:00Z');
    a.handle(msg('We want a few Gd2O3-doped YAG ceramic discs from a Shanghai maker for our optics lab in Lyon.', 'jg-1'));
    const r = a.handle(msg('Plus some thulium-doped fibre from the same maker. Which of them needs a licence?', 'jg-1'));
    expect(r.verdict).not.toBe('not_required');
    expect(r.reasons.join(' ')).toMatch(/several goods.*strictest/);
  });

  it('answers a follow-up that only asks about other goods for those goods alone', () => {
    const a = newAssistant('2026-05-20T09:00:00Z');
    a.handle(msg('Do Dy-containing NdFeB magnets from Ningbo to Lyon need a licence?', 'jg-2'));
    expect(a.handle(msg('What about ferrite rings from the same supplier?', 'jg-2')).verdict).toBe('not_required');
  });
});
