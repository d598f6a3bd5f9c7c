/**
 * Grammar words (negations, cue prepositions, determiners, site and buyer nouns) from `knowledge/language.yaml`,
 * read once when the module loads, like a compiled-in table: they are English, not configuration, and every
 * extractor needs them before any lexicon exists. Validated with zod; a missing list fails at start, not mid-turn.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { KNOWLEDGE_DIR } from '../core/paths.js';
import { parseYaml } from '../core/read-yaml.js';

const FILE = join(KNOWLEDGE_DIR, 'language.yaml');
const Schema = z.object({ words: z.record(z.string(), z.array(z.string())) }).loose();
const parsed = Schema.safeParse(parseYaml(readFileSync(FILE, 'utf8')));
if (!parsed.success) throw new Error(`${FILE}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
const lists = new Map(Object.entries(parsed.data.words).map(([k, v]) => [k, new Set(v)]));

export function grammarWords(name: string): ReadonlySet<string> {
  const set = lists.get(name);
  if (!set) throw new Error(`${FILE}: no word list "${name}"`);
  return set;
}

/** Every single word any grammar list holds, verbs with their present forms. */
export function allGrammarWords(): ReadonlySet<string> {
  return new Set([...withPresentForms(grammarVerbs()), ...[...lists.values()].flatMap((words) => [...words])]);
}

/** Every verb form the grammar lists (the lists named `…Verbs`): real words, so never a typo of an item noun. */
export function grammarVerbs(): ReadonlySet<string> {
  return new Set([...lists].filter(([name]) => name.endsWith('Verbs')).flatMap(([, words]) => [...words]));
}

/** A list of base verbs with their third-person present forms ("ship" → "ships", "supply" → "supplies", "dispatch" → "dispatches"). */
export function withPresentForms(verbs: Iterable<string>): ReadonlySet<string> {
  return new Set([...verbs].flatMap((v) => [v, /[^aeiou]y$/.test(v) ? `${v.slice(0, -1)}ies` : /(?:[sxz]|[cs]h)$/.test(v) ? `${v}es` : `${v}s`]));
}

/** Verbs of sending goods with their present forms ("ship", "ships", "supplies"), as the extractors read them. */
export const SENDING_VERB_FORMS: ReadonlySet<string> = withPresentForms(grammarWords('sendingVerbs'));

/** A word list of `word=value` pairs ("licence=license", "mid=15") as a map. */
export function grammarPairs(name: string): ReadonlyMap<string, string> {
  return new Map([...grammarWords(name)].map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`${FILE}: "${pair}" in "${name}" is not a word=value pair`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }));
}

/**
 * Whether the token at `i` is in a word set, hyphenated entries included: the tokenizer splits "know-how" into
 * "know" and "how", so a set entry "know-how" matches that pair (either half), never "know" or "how" alone.
 */
export function wordAt(tokens: readonly { readonly low: string }[], i: number, words: ReadonlySet<string>): boolean {
  const t = tokens[i];
  if (!t) return false;
  if (words.has(t.low)) return true;
  const next = tokens[i + 1]?.low;
  const prev = tokens[i - 1]?.low;
  return (next !== undefined && words.has(`${t.low}-${next}`)) || (prev !== undefined && words.has(`${prev}-${t.low}`));
}

const TRADING_PARTY_NOUNS = new Set([...grammarWords('makerNouns'), ...grammarWords('sellerNouns'), ...grammarWords('companyNouns')]);

/** A noun for a company, a maker or a seller ("supplier", "OEM", "vendor"): who offers goods or know-how. */
export function tradingPartyNoun(word: string): boolean {
  return TRADING_PARTY_NOUNS.has(word);
}

const CUSTOMER_PRODUCT_VERBS = grammarWords('customerProductVerbs');
const CUSTOMER_SUBJECTS = grammarWords('customerSubjects');

const MADE_PARTICIPLES = grammarWords('madeVerbs');

/** "Chinese-made", "Korean-built": a participle of making joined by a hyphen to the word before `at`. */
export function madeHyphenAt(tokens: readonly { readonly low: string; readonly hyphenBefore?: boolean }[], at: number): boolean {
  return tokens[at]?.hyphenBefore === true && MADE_PARTICIPLES.has(tokens[at]?.low ?? '');
}

/**
 * Whether a word of `words` heads the phrase that ends at `end` (within its next three words, with no clause end or
 * comma from the phrase's last word on): "our yttria supplier", "a Chinese furnace maker".
 */
export function nounRightAfter(tokens: readonly { readonly low: string; readonly clauseEnd: boolean; readonly commaAfter: boolean }[], end: number, words: ReadonlySet<string>): boolean {
  return [0, 1, 2].some((k) => words.has(tokens[end + k]?.low ?? '') && tokens.slice(end - 1, end + k).every((t) => !t.clauseEnd && !t.commaAfter));
}

const SELLER_NOUNS = grammarWords('sellerNouns');
const PERSONAL_SUBJECTS = grammarWords('personalSubjectPronouns');
/** Pronouns among the customer subjects: they name no party themselves. */
const PRONOUNS = new Set([...grammarWords('subjectPronouns'), ...grammarWords('relativePronouns')]);
/** How far back a pronoun's party may have been named: a sentence or two. */
const ANTECEDENT_REACH = 40;

/**
 * "Our magnet supplier is in Ganzhou. They make SmCo 2:17 magnets": a personal pronoun whose nearest party named before
 * is a seller stands for the seller, so what "they" make is the goods offered, not a customer's product.
 */
function pronounForSeller(tokens: readonly { readonly low: string }[], pronoun: number): boolean {
  if (!PERSONAL_SUBJECTS.has(tokens[pronoun]?.low ?? '')) return false;
  for (let j = pronoun - 1; j >= Math.max(0, pronoun - ANTECEDENT_REACH); j--) {
    const w = tokens[j]?.low ?? '';
    if (SELLER_NOUNS.has(w)) return true;
    if (CUSTOMER_SUBJECTS.has(w) && !PRONOUNS.has(w)) return false;
  }
  return false;
}

/** "They make actuators", "a plant that makes cerium magnets": a verb of another party's production at `i`, with its subject. */
export function customerMakesAt(tokens: readonly { readonly low: string }[], i: number): boolean {
  return CUSTOMER_PRODUCT_VERBS.has(tokens[i]?.low ?? '') && CUSTOMER_SUBJECTS.has(tokens[i - 1]?.low ?? '') && !pronounForSeller(tokens, i - 1);
}

/**
 * Whether the token at `start` stands in a clause opened by "end <head>" and a copula or colon: "End user is an
 * automaker's plant in Aichi, …", "end use: servo motors". "Named as end user on our supplier's licence" opens none.
 */
export function inEndClause(tokens: readonly { readonly low: string; readonly clauseEnd: boolean }[], start: number, heads: ReadonlySet<string>): boolean {
  for (let i = start - 1; i >= 1; i--) {
    const t = tokens[i] as { readonly low: string; readonly clauseEnd: boolean };
    const opens = heads.has(t.low) && tokens[i - 1]?.low === 'end';
    // ("End user: a plant in Aichi" is a label opening its sentence; "… put our company as end user. Now …" ends one.)
    const label = t.clauseEnd && (i === 1 || (tokens[i - 2]?.clauseEnd ?? false));
    if (opens && (label || COPULA_WORDS.has(tokens[i + 1]?.low ?? ''))) return i + 1 < start || label;
    // "The end user of the Tb magnets is our Treviso plant": what the end user is of may stand before the copula.
    if (opens && tokens[i + 1]?.low === 'of') {
      const copula = [3, 4, 5, 6].map((k) => i + k).find((j) => COPULA_WORDS.has(tokens[j]?.low ?? '') && tokens.slice(i + 1, j).every((x) => !x.clauseEnd));
      if (copula !== undefined) return copula < start;
    }
    if (i < start - 1 && t.clauseEnd) return false;
  }
  return false;
}
const COPULA_WORDS = grammarWords('copulas');

const TRANSFORM_VERBS = grammarWords('transformVerbs');
const BECOME_LINKS = grammarWords('becomeLinks');
const OBJECT_OPENERS = new Set([...grammarWords('pronounObjects'), ...grammarWords('determiners')]);

/**
 * "reduce it to", "convert the oxide into": at `i` a verb of making goods into others, its object (a pronoun, or a
 * determiner's phrase of up to two more words) and "to" or "into", in one phrase. The link's index, or -1.
 */
export function madeIntoLinkAt(tokens: readonly { readonly low: string; readonly clauseEnd: boolean; readonly commaAfter: boolean }[], i: number): number {
  if (!TRANSFORM_VERBS.has(tokens[i]?.low ?? '') || !OBJECT_OPENERS.has(tokens[i + 1]?.low ?? '')) return -1;
  for (let k = 2; k <= 4; k++) {
    if (tokens.slice(i, i + k).some((t) => t.clauseEnd || t.commaAfter)) return -1;
    if (BECOME_LINKS.has(tokens[i + k]?.low ?? '')) return i + k;
  }
  return -1;
}

const FITTING_VERBS = grammarWords('fixingVerbsActive');
const FITTED_OBJECTS = grammarWords('objectPronouns');
const FITTED_INTO = grammarWords('fittedIntoWords');

/** "assemble them into", "mount these onto": at `i` a verb of fitting, a pronoun for goods named before, and "into". */
export function fitsPronounIntoAt(tokens: readonly { readonly low: string }[], i: number): boolean {
  return FITTING_VERBS.has(tokens[i]?.low ?? '') && FITTED_OBJECTS.has(tokens[i + 1]?.low ?? '') && FITTED_INTO.has(tokens[i + 2]?.low ?? '');
}
