/**
 * When the goods are to move, if the message says so: a date or month in a sentence that speaks of shipping,
 * delivering or exporting ("we ship in mid-December", "delivery on 3 March 2026", "the order leaves next month").
 * The rules that apply are those in force on that day, which can differ from the day the question is asked (a
 * rule announced but not yet in force; a suspension that will have ended). The year is left unresolved when the
 * message leaves it out: only the assistant knows the day the question is asked.
 */
import type { ShipWhen } from '../contracts/frame.js';
import { grammarPairs, grammarWords } from './grammar.js';
import { wordsPattern } from './text.js';
import { IsoDateSchema } from '../rules/facts.js';

const MONTHS = [...grammarWords('months')];
const YEAR_ALONE = new RegExp(String.raw`\b(?:${[...grammarWords('yearOpeners')].join('|')})\s+(20\d\d)\b(?![-/.]\d)`, 'gi');
const SHIPMENT = wordsPattern([...grammarWords('shipmentWords'), ...grammarWords('shipmentDatingWords')]);
// "going to Thailand in January", "headed out for Rotterdam": a verb of going before "to" or "for" and a capitalised name.
const MOVEMENT = new RegExp(String.raw`${wordsPattern(grammarWords('movementVerbs')).source}\s+(?:out\s+)?(?:to|for)\s+(?:the\s+)?\p{Lu}`, 'u');
const PREPOSITIONS = grammarWords('monthPrepositions');
// "… kicks in on", "takes effect from": a rule's start said right before its day.
const RULE_STARTS = new RegExp(String.raw`${wordsPattern(grammarWords('ruleStartPhrases')).source}\s+(?:on|from)?\s*(?:the\s+)?$`, 'iu');
/** A knowledge list of `word=number` pairs as a map. */
function numbered(list: string): Map<string, number> {
  return new Map([...grammarPairs(list)].map(([word, n]) => [word, Number(n)]));
}
const PART_DAY = numbered('monthParts');
const NUMBER_WORDS = numbered('numberWords');
const DAY_UNITS = numbered('dayUnits');
const DAYS_AHEAD_WORDS = numbered('daysAheadWords');
/** "Dec", "Sept" and "December" all name December. */
const MONTH_NAME = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const ORDINAL = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:,?\s+(20\d\d))?`;
// Built once, global: `matchAll` works on a copy, so the patterns are shared safely across calls.
const ISO_DATE = /\b(20\d\d)-(\d{2})-(\d{2})\b/g;
const DAY_MONTH = new RegExp(String.raw`\b${ORDINAL}\s+(?:of\s+)?${MONTH_NAME}${YEAR}\b`, 'gi');
const MONTH_DAY = new RegExp(String.raw`\b${MONTH_NAME}\s+${ORDINAL}\b${YEAR}`, 'gi');
const WORD_MONTH = new RegExp(String.raw`\b([a-z]+)(?:\s+of)?[\s-]+${MONTH_NAME}(?:\s+(20\d\d))?\b`, 'gi');
// "ship on the 6th.", "the 6th or the 7th": a day's ordinal ends its phrase; before a noun it counts things ("the 3rd lot").
const DAY_ALONE = new RegExp(String.raw`\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b(?=\s*(?:[.,;:!?)]|$|(?:${[...grammarWords('ordinalDayFollowers')].join('|')})\b))`, 'gi');
const MONTH_YEAR = new RegExp(String.raw`\b${MONTH_NAME}\s+(20\d\d)\b`, 'gi');
const SHIPMENT_WORDS = new RegExp(SHIPMENT.source, 'giu');
/** What may stand between a word of shipping and its own day: nothing, or "on", "of", "dated". */
const DATE_LINK = new RegExp(String.raw`^\s*(?:(?:${[...grammarWords('shipmentDateLinks')].join('|')})\s*)?$`, 'i');
const RULE_QUESTION = wordsPattern(grammarWords('ruleQuestionWords'));
const PAST_QUESTION = wordsPattern(grammarWords('pastQuestionWords'));
const AHEAD_PREPOSITIONS = grammarWords('aheadPrepositions');
const AHEAD_ANCHORS = grammarWords('aheadAnchors');

function monthNumber(name: string): number {
  const low = name.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((m) => m.startsWith(low.slice(0, 3))) + 1;
}

function valid(when: { year?: number; month: number; day?: number }): ShipWhen | undefined {
  if (when.month < 1 || when.month > 12) return undefined;
  if (when.day !== undefined && (when.day < 1 || when.day > 31)) return undefined;
  return when;
}

/** A date the sentence gives and the span of text that gives it. */
interface DateAt {
  readonly when: ShipWhen;
  readonly at: number;
  readonly end: number;
}

/** Every date a sentence gives, most precise first, each with where it stands. */
function datesIn(sentence: string): DateAt[] {
  const out: DateAt[] = [];
  // A later pattern matching text an earlier (more precise) one already read adds nothing: "3 March 2026" is not
  // also "March 2026".
  const add = (when: ShipWhen | undefined, m: RegExpExecArray | RegExpMatchArray) => {
    const at = m.index ?? 0;
    const end = at + m[0].length;
    if (when && !out.some((d) => d.at < end && at < d.end)) out.push({ when, at, end });
  };
  for (const iso of sentence.matchAll(ISO_DATE)) add(valid({ year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }), iso);
  for (const dmy of sentence.matchAll(DAY_MONTH)) {
    add(valid({ day: Number(dmy[1]), month: monthNumber(dmy[2] as string), ...(dmy[3] ? { year: Number(dmy[3]) } : {}) }), dmy);
  }
  for (const mdy of sentence.matchAll(MONTH_DAY)) {
    if (/^\d{4}$/.test(mdy[2] as string)) continue;
    add(valid({ month: monthNumber(mdy[1] as string), day: Number(mdy[2]), ...(mdy[3] ? { year: Number(mdy[3]) } : {}) }), mdy);
  }
  // A month name after a preposition or a part of the month ("in May", "mid-December", "end of March 2026").
  for (const m of sentence.matchAll(WORD_MONTH)) {
    const before = (m[1] as string).toLowerCase();
    if (!PREPOSITIONS.has(before)) continue;
    const day = PART_DAY.get(before);
    add(valid({ month: monthNumber(m[2] as string), ...(day !== undefined ? { day } : {}), ...(m[3] ? { year: Number(m[3]) } : {}) }), m);
  }
  // A month name with its year needs no preposition ("Delivery December 2025").
  for (const m of sentence.matchAll(MONTH_YEAR)) {
    add(valid({ month: monthNumber(m[1] as string), year: Number(m[2]) }), m);
  }
  // "orders for 2027", "shipping in 2026", "next year": a year alone is read from its first day, the day the goods
  // could first move then.
  for (const m of sentence.matchAll(YEAR_ALONE)) add(valid({ year: Number(m[1]), month: 1, day: 1 }), m);
  // "No. 58 starts 8 Nov, so they ship on the 6th": a day named by its ordinal alone is in the month the sentence names
  // for another day. Not an ordinal before a noun ("the 3rd shipment"), which counts things.
  const monthSaid = out.find((d) => 'month' in d.when && d.when.month !== undefined);
  if (monthSaid && 'month' in monthSaid.when) {
    const { month, year } = monthSaid.when;
    for (const m of sentence.matchAll(DAY_ALONE)) add(valid({ day: Number(m[1]), month, ...(year !== undefined ? { year } : {}) }), m);
  }
  const nextYear = /\bnext year\b/i.exec(sentence);
  if (nextYear) add({ yearsAhead: 1 }, nextYear);
  const nextMonth = /\bnext month\b/i.exec(sentence);
  if (nextMonth) add({ monthsAhead: 1 }, nextMonth);
  const inMonths = /\bin\s+(\w+)\s+months?\b/i.exec(sentence);
  const n = inMonths ? countOf(inMonths[1] as string) : NaN;
  if (inMonths && Number.isInteger(n) && n >= 1 && n <= 36) add({ monthsAhead: n }, inMonths);
  if (out.length === 0) {
    const ahead = daysAheadIn(sentence);
    if (ahead) out.push({ when: ahead, at: 0, end: 0 });
  }
  return out;
}

/**
 * The shipment's date among a sentence's dates: the one nearest a shipment word, so that "the rules announced on
 * 9 Oct: does this affect an order shipped in December?" ships in December, not on the day of the announcement.
 * Ties go to the more precise date.
 */
function dateIn(sentence: string): ShipWhen | undefined {
  const dates = datesIn(sentence);
  if (dates.length <= 1) return dates[0] ? bounded(sentence, dates[0]) : undefined;
  const moving = MOVEMENT.exec(sentence);
  const shipAt = [...[...sentence.matchAll(SHIPMENT_WORDS)].map((m) => m.index), ...(moving ? [moving.index] : [])];
  const distance = (d: DateAt) => Math.min(...shipAt.map((at) => Math.abs(at - d.at)));
  let best = dates[0] as DateAt;
  for (const d of dates) if (distance(d) < distance(best)) best = d;
  // "next month, mid-November": two dates in apposition name one time, which the one with a day says more precisely.
  const chosen = best;
  const apposed = dates.find((d) => d !== chosen && 'day' in d.when && d.when.day !== undefined && !('day' in chosen.when && chosen.when.day !== undefined)
    && /^\s*[,(–-]?\s*$/.test(sentence.slice(Math.min(d.end, chosen.end), Math.max(d.at, chosen.at))));
  return bounded(sentence, apposed ?? best);
}

/**
 * "Shipping this week (before 8 Nov)", "to leave prior to 1 December": a day said after "before" bounds the shipment,
 * which moves by the day before it at the latest (whatever starts that day does not yet apply to it).
 */
function bounded(sentence: string, date: DateAt): ShipWhen {
  const { when } = date;
  const lead = sentence.slice(0, date.at);
  // ("… this week, before some new rule kicks in on Nov 8": the day a rule starts, which the shipment is to beat.)
  const beforeStart = RULE_STARTS.test(lead) && /\bbefore\b(?![^,;]*\b(?:and|but)\b)[^,;]{0,40}$/i.test(lead);
  return 'month' in when && when.day !== undefined && (/\b(?:before|prior\s+to)\s+(?:the\s+)?$/i.test(lead) || beforeStart) ? { ...when, before: true } : when;
}

/** "three", "3": how many, as a number (NaN when the word says none). */
function countOf(word: string): number {
  const low = word.toLowerCase();
  return NUMBER_WORDS.get(low) ?? Number(low);
}

/**
 * A shipment days or weeks ahead: "next week", "in two weeks", "within 10 days", "tomorrow". A span ("within") is
 * read at its far end, since the answer for the later day is given only when it is the stricter one.
 */
function daysAheadIn(sentence: string): ShipWhen | undefined {
  for (const m of sentence.matchAll(/\bnext\s+([a-z]+)\b/gi)) {
    const days = DAY_UNITS.get((m[1] as string).toLowerCase());
    if (days !== undefined && days > 1) return { daysAhead: days };
  }
  for (const m of sentence.matchAll(/\b(?:in|within)\s+(?:the\s+next\s+)?(a|an|\d{1,3}|[a-z]+)\s+([a-z]+)\b/gi)) {
    const unit = DAY_UNITS.get((m[2] as string).toLowerCase());
    const word = (m[1] as string).toLowerCase();
    const count = word === 'a' || word === 'an' ? 1 : countOf(word);
    if (unit !== undefined && Number.isInteger(count) && count >= 1 && count * unit <= 366) return { daysAhead: count * unit };
  }
  for (const word of sentence.toLowerCase().match(/[a-z]+/g) ?? []) {
    const days = DAYS_AHEAD_WORDS.get(word);
    if (days !== undefined) return { daysAhead: days };
  }
  return undefined;
}

export function extractShipWhen(text: string): ShipWhen | undefined {
  const sentences = text.split(/(?<=[.!?;])\s+|\n+/);
  // "One container left on 2 April, the next was declared 10 April. Was the 10 April shipment covered?": of several
  // dated shipments, the one the question dates as a shipment's own is the one asked about (not a date said of
  // something else there: "having read No. 57 of 9 October, what about those deliveries?").
  for (const sentence of sentences) {
    if (!sentence.includes('?')) continue;
    const own = shipmentsOwnDate(sentence);
    if (own) return own;
  }
  for (const sentence of sentences) {
    if (!SHIPMENT.test(sentence) && !MOVEMENT.test(sentence)) continue;
    const when = dateIn(sentence);
    if (when) return when;
  }
  // "We export magnets to Germany. Any Chinese licence next month?", "Do we need a licence from December?": with no
  // shipment dated, a question about what the rules ask at a time ahead is about the rules then.
  for (const sentence of sentences) {
    if (!sentence.includes('?') || !RULE_QUESTION.test(sentence) || PAST_QUESTION.test(sentence)) continue;
    const ahead = datesIn(sentence).find((d) => saidAhead(sentence, d));
    if (ahead) return withAfter(sentence, ahead);
  }
  return undefined;
}

/** A day said right beside a word of shipping ("the 10 April shipment", "shipped on 2 April"), if the sentence has one. */
function shipmentsOwnDate(sentence: string): ShipWhen | undefined {
  const words = [...sentence.matchAll(SHIPMENT_WORDS)].map((m) => ({ at: m.index, end: m.index + m[0].length }));
  const beside = datesIn(sentence).find((d) => 'month' in d.when && d.when.day !== undefined
    && words.some((w) => (w.end <= d.at && DATE_LINK.test(sentence.slice(w.end, d.at)))
      || (d.end <= w.at && /^\s*$/.test(sentence.slice(d.end, w.at)))));
  return beside ? bounded(sentence, beside) : undefined;
}

/**
 * A time said as ahead: "next month", "in two weeks", "in 2027", "from December", "after 10 November". ("In March"
 * alone can be behind: "the Dy we bought in March".)
 */
function saidAhead(sentence: string, d: DateAt): boolean {
  if (!('month' in d.when) || d.when.year !== undefined) return true;
  // The preposition opens the date ("from December") or stands right before it ("from 1 December"), and follows a word
  // of needing or of a licence: "a licence from December", "still needed after 10 November". ("The rule from October",
  // "Eu is controlled from 8 November" date a rule, not the time asked about.)
  const words = sentence.slice(0, d.end).toLowerCase().match(/\p{L}+/gu) ?? [];
  const inDate = (sentence.slice(d.at, d.end).toLowerCase().match(/\p{L}+/gu) ?? []).length;
  const lead = words.slice(0, words.length - inDate);
  const opens = AHEAD_PREPOSITIONS.has(words[words.length - inDate] ?? '') ? words.length - inDate : AHEAD_PREPOSITIONS.has(lead.at(-1) ?? '') ? lead.length - 1 : -1;
  return opens > 0 && AHEAD_ANCHORS.has(words[opens - 1] ?? '');
}

/** The date said, as the day after it when "after" opens it ("after 10 November"). */
function withAfter(sentence: string, d: DateAt): ShipWhen {
  const after = 'month' in d.when && d.when.day !== undefined && /\bafter\s+(?:the\s+)?$/i.test(sentence.slice(0, d.at));
  return after ? { ...d.when, after: true } : d.when;
}

/** The first date the message gives, with or without a word of shipping ("What about after 10 November?"). */
export function extractMentionedWhen(text: string): ShipWhen | undefined {
  for (const sentence of text.split(/(?<=[.!?;])\s+|\n+/)) {
    const first = datesIn(sentence)[0];
    if (first) return withAfter(sentence, first);
  }
  return undefined;
}

/**
 * A day and month said without a year, as its latest occurrence up to the day asked ("shipped on 2 April", asked on
 * 10 April 2025: 2025-04-02; asked on 1 March 2025: 2024-04-02). Undefined for anything else.
 */
export function latestPastDate(when: ShipWhen | undefined, asked: string): string | undefined {
  if (!when || !('month' in when) || when.year !== undefined || when.day === undefined || when.after || when.before) return undefined;
  const [y] = asked.split('-').map(Number) as [number];
  const inYear = (year: number) => `${year}-${String(when.month).padStart(2, '0')}-${String(when.day).padStart(2, '0')}`;
  const iso = inYear(y) <= asked ? inYear(y) : inYear(y - 1);
  return IsoDateSchema.safeParse(iso).success ? iso : undefined;
}

/**
 * The last day of the time the goods may move in, when it is said as a month or a year ("next month", "in December",
 * "next year"; not "in 2027", read from its first day): the rules can change within it (a suspension that ends on the
 * 10th), so its last day is checked as well as its first. Undefined for a day said, or a span not after the day asked.
 */
export function resolveShipSpanEnd(when: ShipWhen | undefined, asked: string): string | undefined {
  if (!when || 'daysAhead' in when) return undefined;
  const first = resolveShipDate(when, asked);
  if (first === undefined) return undefined;
  const [year, month] = first.split('-').map(Number) as [number, number];
  let last: string | undefined;
  if ('yearsAhead' in when) last = `${year}-12-31`;
  else if ('monthsAhead' in when || ('month' in when && when.day === undefined)) {
    last = `${year}-${String(month).padStart(2, '0')}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  return last !== undefined && last > first ? last : undefined;
}

/** The day the goods move, as an ISO date, resolved against the day asked: a month without a year is its next
 * occurrence (this month counts), a month without a day its first day. Undefined when it is not after the day asked. */
export function resolveShipDate(when: ShipWhen | undefined, asked: string): string | undefined {
  if (!when) return undefined;
  const [y, m, d] = asked.split('-').map(Number) as [number, number, number];
  let year: number;
  let month: number;
  let day: number;
  if ('daysAhead' in when) {
    return new Date(Date.UTC(y, m - 1, d + when.daysAhead)).toISOString().slice(0, 10);
  }
  if ('yearsAhead' in when) return `${y + when.yearsAhead}-01-01`;
  if ('monthsAhead' in when) {
    const total = m - 1 + when.monthsAhead;
    year = y + Math.floor(total / 12);
    month = (total % 12) + 1;
    day = 1;
  } else {
    month = when.month;
    year = when.year ?? (when.month >= m ? y : y + 1);
    day = when.day ?? 1;
  }
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const onDay = `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
  const shift = 'after' in when && when.after ? 1 : 'before' in when && when.before ? -1 : 0;
  const iso = shift !== 0 ? new Date(Date.parse(`${onDay}T00:00:00Z`) + shift * 86_400_000).toISOString().slice(0, 10) : onDay;
  return iso > asked ? iso : undefined;
}
