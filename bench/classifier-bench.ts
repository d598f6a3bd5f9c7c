/** natural's Bayes and logistic-regression classifiers compared on the held-out utterances (raw and fused). */
import { performance } from 'node:perf_hooks';
import { evaluateModel, trainIntentModel, type ClassifierKind } from '../src/nlu/classifier.js';
import { featurize } from '../src/nlu/features.js';
import { buildLexicon } from '../src/nlu/lexicon.js';
import { readExamples } from '../src/nlu/training-data.js';
import { createUnderstander } from '../src/nlu/understand.js';
import { loadVocabulary } from '../src/nlu/vocabulary.js';
import { INTENTS_DIR, RULES_DIR } from '../src/core/paths.js';
import { loadRuleSet } from '../src/rules/loader.js';

interface Variant {
  readonly name: string;
  readonly kind: ClassifierKind;
  readonly maxFeatures?: number;
}

/** Bayes as shipped (every feature), and both classifiers on the same capped vocabulary for a fair comparison. */
const VARIANTS: readonly Variant[] = [
  { name: 'bayes', kind: 'bayes' },
  { name: 'bayes.top600', kind: 'bayes', maxFeatures: 600 },
  { name: 'logistic.top600', kind: 'logistic', maxFeatures: 600 },
];

export function benchClassifiers(variants: readonly Variant[] = VARIANTS): Record<string, number> {
  const rules = loadRuleSet(RULES_DIR);
  const lex = buildLexicon(loadVocabulary(RULES_DIR));
  const train = readExamples(INTENTS_DIR, 'train');
  const heldout = readExamples(INTENTS_DIR, 'heldout');
  const out: Record<string, number> = {};
  for (const { name: kind, kind: classifier, maxFeatures } of variants) {
    const t0 = performance.now();
    const model = trainIntentModel(train, lex, classifier, maxFeatures === undefined ? {} : { maxFeatures });
    out[`${kind}.trainMs`] = performance.now() - t0;
    const raw = evaluateModel((t) => model.classify(featurize(t, lex))[0]?.intent ?? 'out_of_scope', heldout);
    const understander = createUnderstander(model, lex, [...rules.sources.keys()]);
    const t1 = performance.now();
    const fused = evaluateModel((t) => understander.understand(t).intent, heldout);
    out[`${kind}.perQueryMs`] = (performance.now() - t1) / heldout.length;
    out[`${kind}.raw.macroF1`] = raw.macroF1;
    out[`${kind}.fused.macroF1`] = fused.macroF1;
    out[`${kind}.fused.accuracy`] = fused.accuracy;
    out[`${kind}.fused.outOfScopeRecall`] = fused.perIntent.out_of_scope.recall;
  }
  return out;
}
