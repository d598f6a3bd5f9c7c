/**
 * Finds vocabulary phrases in a token sequence: exact token sequences, plus one-typo matches for single words of
 * six letters or more (two typos from nine), using natural's Damerau-Levenshtein distance.
 */
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/index.js';
import type { Token } from './text.js';
import { phraseTokens } from './text.js';

export interface PhraseHit<T> {
  readonly value: T;
  readonly start: number; // token index
  readonly end: number; // token index, exclusive
  readonly fuzzy: boolean;
}

interface Entry<T> {
  readonly tokens: readonly string[];
  readonly value: T;
}

interface Single<T> extends Entry<T> {
  readonly letters: Uint8Array;
}

/** How often each letter a-z occurs in a plain lower-case word. */
function letterCounts(word: string): Uint8Array {
  const counts = new Uint8Array(26);
  for (let i = 0; i < word.length; i++) counts[word.charCodeAt(i) - 97]! += 1;
  return counts;
}

/**
 * A lower bound on the Damerau-Levenshtein distance: a substitution changes the letter counts by at most 2, an
 * insertion or deletion by 1, a transposition by 0. It rules out most candidates for the price of 26 subtractions,
 * where the distance itself allocates a matrix (the fuzzy search was a fifth of the cold start, training included).
 */
function countsBound(a: Uint8Array, b: Uint8Array): number {
  let diff = 0;
  for (let i = 0; i < 26; i++) diff += Math.abs(a[i]! - b[i]!);
  return Math.ceil(diff / 2);
}

export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();
  /** Single words of six letters or more, by first letter: a typo rarely hits the first letter. */
  private readonly singles = new Map<string, Single<T>[]>();
  private readonly fuzzyCache = new Map<string, Entry<T> | null>();

  /** `notTypos`: real words that are never read as a misspelt phrase ("assemble" is no typo of "assembly"). */
  constructor(phrases: Iterable<readonly [string, T]>, private readonly fuzzy = true, private readonly notTypos: ReadonlySet<string> = new Set()) {
    for (const [phrase, value] of phrases) {
      const tokens = phraseTokens(phrase);
      const first = tokens[0];
      if (!first) continue;
      const list = this.byFirst.get(first) ?? [];
      list.push({ tokens, value });
      this.byFirst.set(first, list);
      if (tokens.length === 1 && first.length >= 6 && /^[a-z]+$/.test(first)) {
        const bucket = this.singles.get(first.charAt(0)) ?? [];
        bucket.push({ tokens, value, letters: letterCounts(first) });
        this.singles.set(first.charAt(0), bucket);
      }
    }
    // Longest phrases first so "rotor assembly" wins over "rotor".
    for (const list of this.byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  /** All matches, longest first at each position, without overlaps. */
  find(tokens: readonly Token[]): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    let i = 0;
    while (i < tokens.length) {
      const hit = this.matchAt(tokens, i);
      if (hit) {
        hits.push(hit);
        i = hit.end;
      } else i++;
    }
    return hits;
  }

  private matchAt(tokens: readonly Token[], i: number): PhraseHit<T> | null {
    const tok = tokens[i];
    if (!tok) return null;
    const candidates = this.byFirst.get(tok.low);
    if (candidates) {
      for (const e of candidates) {
        if (e.tokens.every((t, k) => tokens[i + k]?.low === t)) {
          return { value: e.value, start: i, end: i + e.tokens.length, fuzzy: false };
        }
      }
    }
    if (!this.mayBeTypo(tok.low) || this.notTypos.has(tok.low)) return null;
    const best = this.closest(tok.low);
    return best ? { value: best.value, start: i, end: i + 1, fuzzy: true } : null;
  }

  /**
   * The single-word phrase `word` would be read as a typo of, whatever `notTypos` says: what scripts/build-not-typos.mjs
   * checks each English word against.
   */
  typoTarget(word: string): string | undefined {
    if (!this.mayBeTypo(word)) return undefined;
    if (this.byFirst.get(word)?.some((e) => e.tokens.length === 1)) return undefined;
    return this.closest(word)?.tokens[0];
  }

  /** Long plain words only; inflected verbs ("assembled", "shipping") are not typos of nouns. */
  private mayBeTypo(word: string): boolean {
    return this.fuzzy && word.length >= 6 && /^[a-z]+$/.test(word) && !/(?:ed|ing)$/.test(word);
  }

  private closest(word: string): Entry<T> | null {
    const cached = this.fuzzyCache.get(word);
    if (cached !== undefined) return cached;
    let best: Entry<T> | null = null;
    let bestDistance = Infinity;
    const letters = letterCounts(word);
    for (const e of this.singles.get(word.charAt(0)) ?? []) {
      const candidate = e.tokens[0] as string;
      if (Math.abs(candidate.length - word.length) > 2) continue;
      const limit = Math.min(candidate.length, word.length) >= 9 ? 2 : 1;
      if (countsBound(letters, e.letters) > limit) continue;
      const d = DamerauLevenshteinDistance(word, candidate, { transposition_cost: 1 });
      if (d <= limit && d < bestDistance) {
        best = e;
        bestDistance = d;
      }
    }
    if (this.fuzzyCache.size > 20_000) this.fuzzyCache.clear();
    this.fuzzyCache.set(word, best);
    return best;
  }
}
