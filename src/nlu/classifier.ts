/**
 * Intent classification with natural. Both of natural's classifiers sit behind one interface so they can be
 * compared by measurement (`npm run bench` prints the comparison on the held-out files).
 *
 * natural's ClassifierBase turns every document into a dense 0/1 vector by scanning its whole vocabulary with
 * indexOf, which costs about 14 ms a question here. We keep natural's classifier engines (the `classifier`
 * property: apparatus' Bayes and logistic regression) and give them the same dense vectors at training, built
 * from an index in O(vocabulary), and the Bayes engine a sparse observation at query time, which it supports, so a
 * question costs microseconds. Scores are normalised to sum to 1; the caller applies the margin and the guard.
 */
import { BayesClassifier, LogisticRegressionClassifier } from './natural-classifiers.js';
import { words as STOPWORDS } from 'natural/lib/natural/util/stopwords.js';
import { INTENTS, type Intent } from '../contracts/reply.js';
import { featurize } from './features.js';
import type { Lexicon } from './lexicon.js';
import type { Example } from './training-data.js';

export type ClassifierKind = 'bayes' | 'logistic';

/**
 * Additive smoothing of the Bayes engine (natural's default is 1). By 5-fold cross-validation on the training files
 * macro-F1 rises as it falls and flattens below 0.1 (0.820 at 1, 0.843 at 0.1, 0.847 at 0.05, 0.850 at 0.01);
 * 0.05 sits in the flat part.
 */
export const BAYES_SMOOTHING = 0.05;

export interface Scored {
  readonly intent: Intent;
  readonly score: number;
}

export interface IntentModel {
  readonly kind: ClassifierKind;
  /** Every feature seen in training, for the out-of-scope guard. */
  readonly vocabulary: ReadonlySet<string>;
  /** Features far more common in export-control questions than in small talk and off-topic ones, learned from
   * the training files: a message with none of them (and no extracted facts) is not an export-control question. */
  readonly domainFeatures: ReadonlySet<string>;
  /** Per intent, the features far more common in it than in out-of-scope questions: its evidence. An intent with
   * none of its evidence in a message is not chosen for it, however the probabilities fall. */
  readonly evidence: ReadonlyMap<Intent, ReadonlySet<string>>;
  /** Features far more common in asking for a person than in rules questions ("someone", "call", "officer"). */
  readonly personEvidence: ReadonlySet<string>;
  classify(features: readonly string[]): Scored[];
}

function isIntent(label: string): label is Intent {
  return (INTENTS as readonly string[]).includes(label);
}

function normalise(raw: readonly { label: string; value: number }[]): Scored[] {
  const total = raw.reduce((sum, c) => sum + Math.max(0, c.value), 0);
  return raw
    .filter((c) => isIntent(c.label))
    .map((c) => ({ intent: c.label as Intent, score: total > 0 ? Math.max(0, c.value) / total : 1 / raw.length }))
    .sort((a, b) => b.score - a.score);
}

const GENERAL: readonly Intent[] = ['help', 'talk_to_human', 'out_of_scope'];

/** Features at least three times as frequent (smoothed) in export-control intents as in the general ones. */
function learnDomainFeatures(docs: readonly { features: string[]; intent: Intent }[]): Set<string> {
  const domainCount = new Map<string, number>();
  const generalCount = new Map<string, number>();
  let domainDocs = 0;
  let generalDocs = 0;
  for (const d of docs) {
    const general = GENERAL.includes(d.intent);
    if (general) generalDocs++;
    else domainDocs++;
    const counts = general ? generalCount : domainCount;
    for (const f of new Set(d.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const [f, n] of domainCount) {
    // Placeholders for places and numbers occur in any question about the world.
    if (n < 2 || f === 'xplace' || f === 'xnum') continue;
    const domainRate = n / Math.max(1, domainDocs);
    const generalRate = ((generalCount.get(f) ?? 0) + 0.5) / Math.max(1, generalDocs);
    if (domainRate >= 3 * generalRate) out.add(f);
  }
  return out;
}

/** For each intent but out_of_scope: features at least three times as frequent (smoothed) there as off topic. */
/** Features at least `ratio` times as frequent (smoothed) in one set of intents as in another. */
function contrast(docs: readonly { features: string[]; intent: Intent }[], mine: (i: Intent) => boolean, theirs: (i: Intent) => boolean, ratio: number): Set<string> {
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let na = 0;
  let nb = 0;
  for (const d of docs) {
    const inA = mine(d.intent);
    const inB = theirs(d.intent);
    if (inA) na++;
    if (inB) nb++;
    for (const f of new Set(d.features)) {
      if (inA) a.set(f, (a.get(f) ?? 0) + 1);
      if (inB) b.set(f, (b.get(f) ?? 0) + 1);
    }
  }
  const out = new Set<string>();
  for (const [f, n] of a) if (n >= 2 && n / Math.max(1, na) >= ratio * (((b.get(f) ?? 0) + 0.5) / Math.max(1, nb))) out.add(f);
  return out;
}

function learnEvidence(docs: readonly { features: string[]; intent: Intent }[]): Map<Intent, Set<string>> {
  const counts = new Map<Intent, Map<string, number>>();
  const totals = new Map<Intent, number>();
  for (const d of docs) {
    totals.set(d.intent, (totals.get(d.intent) ?? 0) + 1);
    const c = counts.get(d.intent) ?? new Map<string, number>();
    for (const f of new Set(d.features)) c.set(f, (c.get(f) ?? 0) + 1);
    counts.set(d.intent, c);
  }
  const oos = counts.get('out_of_scope') ?? new Map<string, number>();
  const oosTotal = Math.max(1, totals.get('out_of_scope') ?? 0);
  const out = new Map<Intent, Set<string>>();
  for (const [intent, c] of counts) {
    if (intent === 'out_of_scope') continue;
    const total = Math.max(1, totals.get(intent) ?? 0);
    const set = new Set<string>();
    for (const [f, n] of c) {
      if (n < 2) continue;
      if (n / total >= 3 * (((oos.get(f) ?? 0) + 0.5) / oosTotal)) set.add(f);
    }
    out.set(intent, set);
  }
  return out;
}

const UNIFORM: Scored[] = INTENTS.map((intent) => ({ intent, score: 1 / INTENTS.length }));

export interface TrainOptions {
  /** Keep only the most frequent features (by documents). Logistic regression in natural is dense and slow, so
   * the comparison trains both classifiers on the same capped vocabulary. */
  readonly maxFeatures?: number;
}

export function trainIntentModel(examples: readonly Example[], lex: Lexicon, kind: ClassifierKind = 'bayes', options: TrainOptions = {}): IntentModel {
  let docs = examples.map((ex) => ({ features: featurize(ex.text, lex), intent: ex.intent })).filter((d) => d.features.length > 0);
  if (options.maxFeatures !== undefined) {
    const df = new Map<string, number>();
    for (const d of docs) for (const f of new Set(d.features)) df.set(f, (df.get(f) ?? 0) + 1);
    const keep = new Set([...df.entries()].sort((a, b) => b[1] - a[1]).slice(0, options.maxFeatures).map(([f]) => f));
    docs = docs.map((d) => ({ ...d, features: d.features.filter((f) => keep.has(f)) })).filter((d) => d.features.length > 0);
  }
  const index = new Map<string, number>();
  for (const d of docs) for (const f of d.features) if (!index.has(f)) index.set(f, index.size);
  const dense = (features: readonly string[]): number[] => {
    const v = new Array<number>(index.size).fill(0);
    for (const f of features) {
      const i = index.get(f);
      if (i !== undefined) v[i] = 1;
    }
    return v;
  };
  const vocabulary = new Set(index.keys());
  const domainFeatures = learnDomainFeatures(docs);
  const evidence = learnEvidence(docs);
  // "I" and "can I" are commoner when asking for a person, but they are no word about a person: function words
  // (natural's stop words, and pairs of them) do not count.
  const stop = new Set(STOPWORDS);
  const personEvidence = new Set([...contrast(docs, (i) => i === 'talk_to_human', (i) => !GENERAL.includes(i), 3)]
    .filter((f) => !f.split('_').every((w) => stop.has(w))));

  const learned = { vocabulary, domainFeatures, evidence, personEvidence };

  if (kind === 'logistic') {
    const lr = new LogisticRegressionClassifier();
    for (const d of docs) lr.addDocument(d.features, d.intent);
    lr.train();
    return {
      kind,
      ...learned,
      classify: (features) => (features.some((f) => index.has(f)) ? normalise(lr.getClassifications([...features])) : UNIFORM),
    };
  }
  const engine = new BayesClassifier(undefined, BAYES_SMOOTHING).classifier;
  for (const d of docs) engine.addExample(dense(d.features), d.intent);
  engine.train();
  return {
    kind,
    ...learned,
    classify(features) {
      const present = [...new Set(features.map((f) => index.get(f)).filter((i): i is number => i !== undefined))];
      if (present.length === 0) return UNIFORM;
      // A plain object is the engine's sparse form: its values are the indices of the features present.
      const sparse = Object.fromEntries(present.map((i, k) => [k, i])) as unknown as number[];
      return normalise(engine.getClassifications(sparse));
    },
  };
}

export interface Evaluation {
  readonly accuracy: number;
  readonly macroF1: number;
  readonly perIntent: Record<Intent, { precision: number; recall: number; f1: number }>;
}

export function evaluateModel(predict: (text: string) => Intent, examples: readonly Example[]): Evaluation {
  const tp = new Map<Intent, number>();
  const fp = new Map<Intent, number>();
  const fn = new Map<Intent, number>();
  let correct = 0;
  for (const ex of examples) {
    const got = predict(ex.text);
    if (got === ex.intent) {
      correct++;
      tp.set(got, (tp.get(got) ?? 0) + 1);
    } else {
      fp.set(got, (fp.get(got) ?? 0) + 1);
      fn.set(ex.intent, (fn.get(ex.intent) ?? 0) + 1);
    }
  }
  const perIntent = {} as Evaluation['perIntent'];
  let f1sum = 0;
  for (const intent of INTENTS) {
    const t = tp.get(intent) ?? 0;
    const p = t + (fp.get(intent) ?? 0);
    const r = t + (fn.get(intent) ?? 0);
    const precision = p === 0 ? 0 : t / p;
    const recall = r === 0 ? 0 : t / r;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perIntent[intent] = { precision, recall, f1 };
    f1sum += f1;
  }
  return { accuracy: examples.length ? correct / examples.length : 0, macroF1: f1sum / INTENTS.length, perIntent };
}
