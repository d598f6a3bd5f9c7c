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

export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();
  private readonly singles: Entry<T>[] = [];

  constructor(phrases: Iterable<readonly [string, T]>, private readonly fuzzy = true) {
    for (const [phrase, value] of phrases) {
      const tokens = phraseTokens(phrase);
      const first = tokens[0];
      if (!first) continue;
      const list = this.byFirst.get(first) ?? [];
      list.push({ tokens, value });
      this.byFirst.set(first, list);
      if (tokens.length === 1 && first.length >= 6 && /^[a-z]+$/.test(first)) this.singles.push({ tokens, value });
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
    // Inflected verbs ("assembled", "shipping") are not typos of nouns.
    if (!this.fuzzy || tok.low.length < 6 || !/^[a-z]+$/.test(tok.low) || /(?:ed|ing)$/.test(tok.low)) return null;
    let best: Entry<T> | null = null;
    let bestDistance = Infinity;
    for (const e of this.singles) {
      const word = e.tokens[0] as string;
      if (Math.abs(word.length - tok.low.length) > 2) continue;
      const limit = Math.min(word.length, tok.low.length) >= 9 ? 2 : 1;
      const d = DamerauLevenshteinDistance(tok.low, word, { transposition_cost: 1 });
      if (d <= limit && d < bestDistance) {
        best = e;
        bestDistance = d;
      }
    }
    return best ? { value: best.value, start: i, end: i + 1, fuzzy: true } : null;
  }
}
