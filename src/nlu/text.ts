/**
 * Text normalisation and tokenisation shared by the classifier and the extractors. Tokens keep their raw spelling
 * (element symbols are case-sensitive: "Eu" is europium, "EU" is the Union) and their offsets.
 */

export interface Token {
  readonly raw: string;
  readonly low: string;
  readonly start: number;
  readonly end: number;
  /** True when punctuation that ends a clause (. ; ! ? :) or a comma follows the token. */
  readonly clauseEnd: boolean;
  readonly commaAfter: boolean;
  /** True when a colon follows the token: it ends a clause but not the sentence ("ship a kit: magnets, yokes …"). */
  readonly colonAfter: boolean;
  /** True when an opening parenthesis comes right before the token ("from us (China)"). */
  readonly parenBefore: boolean;
  /** True when a hyphen joins the token to the one before ("Korean-built", "Dy-free"). */
  readonly hyphenBefore: boolean;
  /** True when a closing parenthesis comes right after the token ("(some Dy grades I think)"). */
  readonly parenAfter: boolean;
}

/** Unicode-normalised text with typographic quotes and dashes made plain. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u2032]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    // Control characters (binary junk) become spaces.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, ' ');
}

/**
 * A word, or a chemical formula with bracketed groups and a hydrate's water ("Y(NO3)3·6H2O", "Sc(OTf)3"), kept whole so
 * the formula reader sees it; "(III)" oxidation states and plain brackets around words are not formulas.
 */
const TOKEN = /[A-Z][a-z]?\d*(?:\((?!I+V?\)|IV\)|V\))[A-Za-z0-9*]+\)\d*)+(?:[A-Z][a-z]?\d*)*(?:[·•*.]\d*[xn]?H2O)?|[\p{L}\p{N}]+(?:[.'&:][\p{L}\p{N}]+)*/gu;

/** Latin letters that carry no combining mark to strip ("Wrocław", "Øresund", "Đà Nẵng"): their plain forms. */
const FOLDED: Readonly<Record<string, string>> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ß: 'ss', æ: 'ae', Æ: 'AE', ı: 'i' };
function foldLetters(word: string): string {
  return /[łŁøØđĐßæÆı]/u.test(word) ? word.replace(/[łŁøØđĐßæÆı]/gu, (c) => FOLDED[c] ?? c) : word;
}

/** A character outside printable ASCII: a word without one has no accent to strip and no letter to fold. */
const BEYOND_ASCII = /[^ -~]/;

/** The comparison form of a word: accents stripped ("Querétaro", "Düsseldorf" match their plain spellings), letters folded, lower case. */
function comparisonForm(raw: string): string {
  return !BEYOND_ASCII.test(raw) ? raw.toLowerCase() : foldLetters(raw.normalize('NFKD').replace(/\p{M}/gu, '')).toLowerCase();
}

/** Closing brackets and quotes stand between a word and the punctuation after it ("(Arizona):", "'rotor kit',"), as do
 * signs written onto a number ("under 1%.", "at 850°C,"). */
const CLOSERS = new Set([')', ']', '"', "'", '\u00bb', '%', '\u2030', '\u00b0']);

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    const raw = m[0];
    const end = start + raw.length;
    // Up to six characters after the word, past its closing brackets and quotes: the two that follow them.
    let k = end;
    const limit = Math.min(text.length, end + 6);
    while (k < limit && CLOSERS.has(text.charAt(k))) k++;
    const after = text.slice(k, Math.min(k + 2, limit));
    out.push({
      raw,
      low: comparisonForm(raw),
      start,
      end,
      // A spaced dash ("to Nagoya - licence?") ends a clause as a full stop would.
      clauseEnd: (/^\s*[.;!?:]/.test(after) && !/^\.\d/.test(after)) || /^\s+[-\u2013\u2014]\s/.test(text.slice(end, end + 3)),
      commaAfter: /^\s*,/.test(after),
      colonAfter: /^\s*:/.test(after),
      parenBefore: /\(\s*$/.test(text.slice(Math.max(0, start - 3), start)),
      hyphenBefore: start > 0 && text.charAt(start - 1) === '-',
      // ("terbium dysprosium iron )": a gloss of Chinese words may leave a space before the bracket.)
      parenAfter: text.slice(end, k).includes(')') || /^[ \t]+\)/.test(text.slice(end, end + 4)),
    });
  }
  return out;
}

/**
 * The tokens of a text, remembered for the few texts a turn reads again and again (the message, its last question,
 * that question's clauses: the question-form checks, the classifier's features and the frame reader each tokenise
 * them). Cleared when full, so a long conversation cannot grow it; the tokens are read-only to every caller.
 */
const TOKENS_OF = new Map<string, readonly Token[]>();
const TEXTS_REMEMBERED = 256;
export function tokensOf(text: string): readonly Token[] {
  let tokens = TOKENS_OF.get(text);
  if (tokens === undefined) {
    tokens = tokenize(text);
    if (TOKENS_OF.size >= TEXTS_REMEMBERED) TOKENS_OF.clear();
    TOKENS_OF.set(text, tokens);
  }
  return tokens;
}

/** Where the sentence holding token `i` starts: after the last clause-ending mark before it (a comma is none). */
/** The token positions a set of spans cover ("Dy oxide" at 3-5 covers 3 and 4). */
export function positionsOf(spans: Iterable<{ readonly start: number; readonly end: number }>): Set<number> {
  const out = new Set<number>();
  for (const s of spans) for (let i = s.start; i < s.end; i++) out.add(i);
  return out;
}

/** The token ends its sentence (. ; ! ?): a comma or a colon after it only ends a clause ("ship a kit: magnets, …"). */
export function endsSentence(t: Token): boolean {
  return t.clauseEnd && !t.commaAfter && !t.colonAfter;
}

export function sentenceStartOf(tokens: readonly Token[], i: number): number {
  let k = i;
  while (k > 0 && !((tokens[k - 1] as Token).clauseEnd && !(tokens[k - 1] as Token).commaAfter)) k--;
  return k;
}

/** The first token of the clause holding token `i` (after the last clause-ending mark before it, a comma included). */
export function clauseStartOf(tokens: readonly Token[], i: number): number {
  let k = i;
  while (k > 0 && !(tokens[k - 1] as Token).clauseEnd) k--;
  return k;
}

/** The last token of the clause holding token `i` (the token that ends it, or the last token). */
export function clauseEndOf(tokens: readonly Token[], i: number): number {
  let k = i;
  while (k < tokens.length - 1 && !(tokens[k] as Token).clauseEnd) k++;
  return k;
}

/** A phrase as the token sequence it must match ("Sm-Co" and "sm co" both become ["sm", "co"]). */
export function phraseTokens(phrase: string): string[] {
  return tokenize(normaliseText(phrase)).map((t) => t.low);
}

/** A string matched literally inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Any of the phrases as whole words (no letter or digit on either side), case-insensitive: one compiled pattern
 * for a word list from the knowledge files. */
export function wordsPattern(phrases: Iterable<string>): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...phrases].map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

/** A possessive ending on a word ("Malaysia's", "DRDO’s"). */
export const POSSESSIVE_ENDING = /\p{L}['’]s$/u;

/** "Malaysia's ban", "DRDO's programme": the tokens with a possessive ending taken off, so names match as written bare. */
export function withoutPossessives<T extends Token>(tokens: readonly T[]): readonly T[] {
  return tokens.some((t) => POSSESSIVE_ENDING.test(t.raw)) ? tokens.map((t) => (POSSESSIVE_ENDING.test(t.raw) ? { ...t, raw: t.raw.slice(0, -2), low: t.low.slice(0, -2) } : t)) : tokens;
}
