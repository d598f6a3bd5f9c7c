/**
 * Porter stems, cached: the stemmer allocates on every call, and the same few thousand words come back turn after turn
 * (the classifier's features, the verbs of making and sending), so a bounded map saves a large share of a turn's
 * garbage. Words beyond the bound are stemmed without caching, so odd input cannot grow it.
 */
import { PorterStemmer } from 'natural/lib/natural/stemmers/index.js';

const MAX_CACHED = 50_000;
const cache = new Map<string, string>();

export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    if (cache.size < MAX_CACHED) cache.set(word, s);
  }
  return s;
}
