/**
 * A shipment on a later day is decided for that day with what was published by the day asked: an announced rule
 * that will be in force by then counts, a suspension published later does not, and the stricter answer is given.
 */
import { describe, expect, it } from 'vitest';
import { extractShipWhen, resolveShipDate, resolveShipSpanEnd } from '../../src/nlu/extract-ship-date.js';
import { evaluate } from '../../src/rules/engine.js';
import { ruleStatus } from '../../src/rules/rule-status.js';
import { msg, newAssistant, rules } from '../support/understanding.js';

describe('reading when goods move', () => {
  it.each([
    ['We ship the order in mid-December.', { month: 12, day: 15 }],
    ['Delivery is planned on 3 March 2026.', { year: 2026, month: 3, day: 3 }],
    ['The shipment leaves on 2026-01-20 from Ningbo.', { year: 2026, month: 1, day: 20 }],
    ['ETD Jan 5th, from Shanghai', { month: 1, day: 5 }],
    ['Our contract says delivery by end of March 2027.', { year: 2027, month: 3, day: 28 }],
    ['The goods are due to ship next month.', { monthsAhead: 1 }],
    ['We will export them in three months.', { monthsAhead: 3 }],
    ['Monthly deliveries starting February 2027 under the new contract.', { year: 2027, month: 2 }],
    ['Our supplier says the consignment leaves next week.', { daysAhead: 7 }],
    ['We have to deliver within 10 days.', { daysAhead: 10 }],
    ['The order ships in two weeks from Xiamen.', { daysAhead: 14 }],
    ['Can we send it tomorrow?', { daysAhead: 1 }],
    ['Delivery September 2026, by sea.', { year: 2026, month: 9 }],
    // Another date in the sentence (an announcement's, a contract's) is not the shipment's: the nearest to a
    // shipment word is.
    ['MOFCOM published the list on 9 October - our Tb oxide leaves Tianjin in late January.', { month: 1, day: 25 }],
    ['Signed 2 June 2025, the contract has the magnets shipped on 14 November 2025.', { year: 2025, month: 11, day: 14 }],
    ['Since the notice of 7 Nov, is a delivery next month still fine?', { monthsAhead: 1 }],
    // Two dates in apposition name one time: the one with a day says it more precisely.
    ['The Ho oxide should ship next month, late December, from Baotou.', { month: 12, day: 25 }],
    ['We deliver in March (early March) to the Pune plant.', { month: 3, day: 5 }],
    // A verb of going before a place name says the goods move, as a word of shipping does.
    ['The Tb targets are going to Korea in February.', { month: 2 }],
    ['Our next lot is headed for Rotterdam on 12 March.', { month: 3, day: 12 }],
  ])('%s', (text, expected) => {
    expect(extractShipWhen(text)).toEqual(expected);
  });

  it.each([
    'We may ship some Dy oxide to Korea.',
    'Announcement No. 57 was published on 9 October 2025. What does it cover?',
    'We met them in March and they liked the samples.',
    'We met them last week and they want to order soon.',
    // "going to" before a verb is no movement of goods.
    'We are going to apply in March for the Tb targets.',
  ])('finds no shipment date in "%s"', (text) => {
    expect(extractShipWhen(text)).toBeUndefined();
  });

  it('resolves a month without a year to its next occurrence, and ignores days already past', () => {
    expect(resolveShipDate({ month: 12, day: 15 }, '2025-10-22')).toBe('2025-12-15');
    expect(resolveShipDate({ month: 2 }, '2025-10-22')).toBe('2026-02-01');
    expect(resolveShipDate({ monthsAhead: 3 }, '2025-11-30')).toBe('2026-02-01');
    expect(resolveShipDate({ month: 2, day: 31 }, '2026-01-10')).toBe('2026-02-28');
    expect(resolveShipDate({ year: 2025, month: 9, day: 1 }, '2025-10-22')).toBeUndefined();
    expect(resolveShipDate({ month: 10, day: 22 }, '2025-10-22')).toBeUndefined();
    expect(resolveShipDate({ daysAhead: 7 }, '2025-12-29')).toBe('2026-01-05');
  });
});

describe('knowledge as of the day asked', () => {
  const no57 = rules.rules.find((r) => r.id === 'no57-items');
  const known = (day: string) => (ref: { id: string }) => (rules.sources.get(ref.id)?.date ?? '') <= day;

  it('leaves out a suspension published after the day asked', () => {
    expect(no57 && ruleStatus(no57, '2025-12-15').kind).toBe('suspended');
    expect(no57 && ruleStatus(no57, '2025-12-15', known('2025-10-22')).kind).toBe('in_force');
  });

  it('treats a rule whose announcement was not yet published as not yet in force', () => {
    expect(no57 && ruleStatus(no57, '2025-12-15', known('2025-09-01')).kind).toBe('not_yet');
  });

  // Thirty-eighth session: No. 18's rule also cites the Dual-Use Regulations (2024) for its licence procedure; the rule
  // exists from its own instrument's publication, not from the older regulations'.
  it('treats a rule as unpublished until its own instrument is, whatever older law it also cites', () => {
    const no18 = rules.rules.find((r) => r.id === 'no18-listed-items');
    expect(no18?.sources.map((s) => s.id)).toEqual(['CN-ANN-2025-18', 'CN-DUR-2024']);
    expect(no18 && ruleStatus(no18, '2025-04-10', known('2025-04-02')).kind).toBe('not_yet');
    expect(no18 && ruleStatus(no18, '2025-04-10', known('2025-04-04')).kind).toBe('in_force');
  });

  it('keeps a suspension published by the day asked', () => {
    expect(no57 && ruleStatus(no57, '2025-12-15', known('2025-11-07')).kind).toBe('suspended');
  });

  it('decides a No. 57 item for its shipment day as known on the day asked', () => {
    const europiumOxide = { item: { form: 'oxide' as const, elementsPresent: ['Eu' as const], compositionComplete: true }, shipFrom: 'CN' };
    expect(evaluate(rules, europiumOxide, '2025-12-15').verdict).toBe('not_required');
    expect(evaluate(rules, europiumOxide, '2025-12-15', { knownOn: '2025-10-22' }).verdict).toBe('license_required');
  });
});

describe('a question about a later shipment', () => {
  it('gives the stricter answer for the shipment day and says why', () => {
    const reply = newAssistant().handle({ ...msg('We ship europium oxide from Baotou to Korea in mid-December. Licence needed?', 'sd1'), asOf: '2025-10-22' });
    expect(reply.verdict).toBe('license_required');
    expect(reply.reasons[0]).toMatch(/on or about 2025-12-15/);
    expect(reply.citations.map((c) => c.source)).toContain('CN-ANN-2025-57');
  });

  it('reads a shipment a week ahead, and a month named with its year, as the day the goods move', () => {
    const nextWeek = newAssistant().handle({ ...msg('We ship europium oxide from Baotou to Korea next week. Licence needed?', 'sd3'), asOf: '2025-11-04' });
    expect(nextWeek.verdict).toBe('license_required');
    expect(nextWeek.reasons[0]).toMatch(/on or about 2025-11-11/);
    const monthYear = newAssistant().handle({ ...msg('Europium oxide from Baotou to Korea, delivery December 2025. Licence needed?', 'sd4'), asOf: '2025-10-22' });
    expect(monthYear.verdict).toBe('license_required');
  });

  it('reads goods going to a place in a later month as moving then, with the material in them as content', () => {
    const reply = newAssistant().handle({ ...msg('Chinese samarium metal at 4 % of value in our Vietnamese-made SmCo magnets, going to Brazil in February. Any issue?', 'sd5'), asOf: '2025-10-20' });
    expect(reply.verdict).toBe('license_required');
    expect(reply.reasons[0]).toMatch(/on or about 2026-02-01/);
    expect(reply.citations.map((c) => c.source)).toContain('CN-ANN-2025-61');
  });

  it('answers for the day asked when the shipment day would be laxer', () => {
    const reply = newAssistant().handle({ ...msg('We ship europium oxide from Baotou to Korea in December. Licence needed?', 'sd2'), asOf: '2025-11-20' });
    expect(reply.verdict).toBe('not_required');
    expect(reply.reasons.join(' ')).not.toMatch(/on or about/);
  });

  it('keeps the shipment day for the follow-up answer', () => {
    const a = newAssistant();
    a.handle({ ...msg('Our rare earth oxide ships from Baotou to Korea in mid-December. Licence?', 'sd3'), asOf: '2026-11-02' });
    const reply = a.handle({ ...msg('It is europium oxide', 'sd3'), asOf: '2026-11-02' });
    // On 2026-11-02 No. 57 is suspended (no licence); on 2026-12-15 its status is unknown.
    expect(reply.verdict).toBe('escalate');
    expect(reply.reasons[0]).toMatch(/on or about 2026-12-15/);
  });
});

describe('a shipment said to go before a day (forty-first session, own phrasing)', () => {
  it('reads "before 8 Nov" or "prior to 1 December" as moving by the day before at the latest', () => {
    expect(resolveShipDate(extractShipWhen('The Er fibre lot ships next week, well before 8 November.'), '2025-10-20')).toBe('2025-11-07');
    expect(resolveShipDate(extractShipWhen('We want the Ho:YAG rods to leave prior to 1 December 2025.'), '2025-10-20')).toBe('2025-11-30');
  });

  it('reads "before the new rule takes effect on 1 December" as moving before the day the rule starts', () => {
    expect(resolveShipDate(extractShipWhen('Can the Tm oxide ship next week, before the new list takes effect on 1 December?'), '2025-11-10')).toBe('2025-11-30');
  });

  it('still reads "on 8 November" as that day', () => {
    expect(resolveShipDate(extractShipWhen('The Er fibre lot ships on 8 November.'), '2025-10-20')).toBe('2025-11-08');
  });
});

describe('a question about the rules at a time ahead (forty-seventh session, own phrasings)', () => {
  it.each([
    ['We sell the rotors to Austria. Is a Chinese permit needed next month?', { monthsAhead: 1 }],
    ['Our Thai plant uses Chinese Dy. Will we need a licence from January?', { month: 1 }],
    ['Is anything still required after 10 November?', { month: 11, day: 10, after: true }],
  ])('reads "%s" as the time the rules are asked for', (text, expected) => {
    expect(extractShipWhen(text)).toEqual(expected);
  });

  it.each([
    // The date of a rule, not the time asked about.
    'Does the Chinese rule from October cover our rotors?',
    'They say Ho is controlled from 8 November - does that matter for us?',
    // A question set in the past.
    'Did we need a licence after 10 November?',
    // A month alone can be behind: goods bought then.
    'Is a licence needed for the Tb oxide we got in March?',
  ])('reads no time ahead in "%s"', (text) => {
    expect(extractShipWhen(text)).toBeUndefined();
  });

  it('answers for the last day of a month said, when a suspension ends within it', () => {
    // On 2026-11-01 No. 61 is still suspended; from 2026-11-11 its status is unknown.
    const text = 'We make NdFeB magnets with Tb in Vietnam from Chinese Tb metal, 1 % of value, and sell them to France. Any Chinese licence next month?';
    const reply = newAssistant().handle({ ...msg(text, 'sd6'), asOf: '2026-10-20' });
    expect(reply.verdict).toBe('escalate');
    expect(reply.reasons.join(' ')).toMatch(/as late as 2026-11-30/);
    const shipped = newAssistant().handle({ ...msg('We make NdFeB magnets with Tb in Vietnam from Chinese Tb metal, 1 % of value. They ship to France in November. Licence?', 'sd7'), asOf: '2026-10-20' });
    expect(shipped.verdict).toBe('escalate');
  });

  it('takes the last day of a month or a year said, and none for a day said', () => {
    expect(resolveShipSpanEnd({ monthsAhead: 1 }, '2026-10-20')).toBe('2026-11-30');
    expect(resolveShipSpanEnd({ month: 2 }, '2027-01-05')).toBe('2027-02-28');
    expect(resolveShipSpanEnd({ yearsAhead: 1 }, '2026-10-20')).toBe('2027-12-31');
    expect(resolveShipSpanEnd({ month: 12, day: 15 }, '2026-10-20')).toBeUndefined();
    expect(resolveShipSpanEnd({ daysAhead: 7 }, '2026-10-20')).toBeUndefined();
    expect(resolveShipSpanEnd({ year: 2025, month: 9 }, '2026-10-20')).toBeUndefined();
  });
});
