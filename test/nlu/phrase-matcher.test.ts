/** Fuzzy phrase matching: the letter-count bound only skips work, it never changes which phrase a typo is read as. */
import fc from 'fast-check';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/index.js';
import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../../src/nlu/phrase-matcher.js';

/** The search without the bound: every candidate's distance, the nearest within the length-dependent limit. */
function nearestByDistance(word: string, phrases: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const p of phrases) {
    if (p.charAt(0) !== word.charAt(0) || Math.abs(p.length - word.length) > 2) continue;
    const limit = Math.min(p.length, word.length) >= 9 ? 2 : 1;
    const d = DamerauLevenshteinDistance(word, p, { transposition_cost: 1 });
    if (d <= limit && d < bestDistance) [best, bestDistance] = [p, d];
  }
  return best;
}

const letters = fc.constantFrom(...'sameriuconbtdyplx');
const word = fc.array(letters, { minLength: 6, maxLength: 11 }).map((a) => a.join('')).filter((w) => !/(?:ed|ing)$/.test(w));

describe('phrase matcher', () => {
  it('reads a one-letter typo of a long word as that word', () => {
    const m = new PhraseMatcher([['samarium', 'Sm'], ['dysprosium', 'Dy']]);
    expect(m.typoTarget('samarim')).toBe('samarium');
    expect(m.typoTarget('dysporsium')).toBe('dysprosium');
    expect(m.typoTarget('samovar')).toBeUndefined();
  });

  it('finds the same nearest phrase as comparing every distance, on random words and vocabularies', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 30 }), word, (phrases, typed) => {
        const m = new PhraseMatcher(phrases.map((p) => [p, p] as const));
        const exact = phrases.includes(typed);
        expect(m.typoTarget(typed)).toBe(exact ? undefined : nearestByDistance(typed, phrases));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the same nearest phrase for edits of the vocabulary itself, where the bound must let matches through', () => {
    const edits = fc.tuple(fc.uniqueArray(word, { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), letters).map(([phrases, i, at, c]) => {
      const base = phrases[i % phrases.length] as string;
      const k = 1 + (at % (base.length - 1)); // keep the first letter: the matcher looks only at same-initial phrases
      const variants = [base.slice(0, k) + c + base.slice(k + 1), base.slice(0, k) + base.slice(k + 1), base.slice(0, k) + c + base.slice(k), base.slice(0, k) + (base[k + 1] ?? '') + base[k] + base.slice(k + 2)];
      return { phrases, typed: variants[at % variants.length] as string };
    });
    fc.assert(
      fc.property(edits, ({ phrases, typed }) => {
        fc.pre(typed.length >= 6 && !/(?:ed|ing)$/.test(typed));
        const m = new PhraseMatcher(phrases.map((p) => [p, p] as const));
        expect(m.typoTarget(typed)).toBe(phrases.includes(typed) ? undefined : nearestByDistance(typed, phrases));
      }),
      { numRuns: 3000 },
    );
  });
});
