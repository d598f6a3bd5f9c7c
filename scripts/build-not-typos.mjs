// Builds knowledge/not-typos.json: the English words (from `an-array-of-english-words`) that the typo-tolerant
// matchers would read as a misspelt vocabulary word, so they are read as themselves instead. "ferries" is one letter
// from "ferrite" and "magnate" from "magnet"; a shipyard's "civilian ferries" are no ferrite magnets. Misspellings
// that are no English words ("samarim", "magnts", "dysprosim") are still read as their vocabulary word.
// Run after `npm run build`: node scripts/build-not-typos.mjs (the output is committed; the package is a dev dependency).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stdout } from 'node:process';
import { fileURLToPath } from 'node:url';
import { createUnderstanding } from '../dist/src/assistant/create-understanding.js';
import { loadRules } from '../dist/src/channels/cli/runtime.js';

const require = createRequire(import.meta.url);
const english = require('an-array-of-english-words');
const root = fileURLToPath(new globalThis.URL('..', import.meta.url));
const { lexicon } = createUnderstanding(loadRules(`${root}rules`), `${root}rules`, `${root}intents`);

// A plural or singular of a vocabulary word ("compressors" for "compressor") is that word, as the matcher reads it.
const stem = (w) => w.replace(/(?:es|s)$/, '');
const words = [];
const examples = [];
for (const word of english) {
  const target = lexicon.items.typoTarget(word) ?? lexicon.places.typoTarget(word);
  if (target === undefined || target === word || stem(word) === stem(target)) continue;
  words.push(word);
  if (examples.length < 12) examples.push(`${word} -> ${target}`);
}
words.sort();
const out = {
  source: 'an-array-of-english-words 2.0.0: the words the item and place matchers would take for a typo of a vocabulary word; built by scripts/build-not-typos.mjs',
  words,
};
writeFileSync(`${root}knowledge/not-typos.json`, `${JSON.stringify(out, null, 0)}\n`);
stdout.write(`${words.length} English words kept from being read as typos, e.g. ${examples.join(', ')}\n`);
