/**
 * Classifier features: stemmed words, with element names, places and numbers replaced by placeholders so the
 * classifier learns "ELEMENT magnets to PLACE" once rather than once per element and country.
 */
import { grammarPairs } from './grammar.js';
import type { Lexicon } from './lexicon.js';
import { stem } from './stem.js';
import { normaliseText, tokensOf } from './text.js';

/** British and American spellings are one word to the classifier. */
const BRITISH = grammarPairs('britishSpellings');

export interface FeatureResult {
  readonly features: string[];
  /** Words of the message, and how many of them the lexicon or the classifier's vocabulary knows. */
  readonly words: number;
}

export function featurize(text: string, lex: Lexicon): string[] {
  const tokens = tokensOf(normaliseText(text));
  const marks = new Array<string | null>(tokens.length).fill(null);
  for (const h of lex.items.find(tokens)) {
    const tag = h.value.kind === 'element' || h.value.kind === 'compound' ? 'xelement' : null;
    if (tag) for (let i = h.start; i < h.end; i++) marks[i] = i === h.start ? tag : '';
  }
  for (const h of lex.places.find(tokens)) {
    for (let i = h.start; i < h.end; i++) marks[i] = i === h.start ? (h.value.kind === 'defence' ? 'xdefence' : 'xplace') : '';
  }
  const out: string[] = [];
  tokens.forEach((t, i) => {
    const mark = marks[i];
    if (mark === '') return;
    if (mark) out.push(mark);
    else if (lex.symbols.has(t.raw) && t.raw.length === 2) out.push('xelement');
    else if (/^(?:no|nr)\.?\d+$/.test(t.low)) out.push('xref');
    else if (/^\d/.test(t.low)) out.push('xnum');
    else out.push(stem(BRITISH.get(t.low) ?? t.low));
  });
  // Word pairs catch what single words cannot ("how long", "talk to", "joint venture").
  const pairs: string[] = [];
  for (let i = 1; i < out.length; i++) pairs.push(`${out[i - 1]}_${out[i]}`);
  return [...out, ...pairs];
}
