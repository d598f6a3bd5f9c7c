/** natural's Bayes and logistic-regression classifiers compared on the held-out utterances (raw and fused). */
import { performance } from 'node:perf_hooks';
import { evaluateModel, trainIntentModel, type ClassifierKind } from '../src/nlu/classifier.js';
import { featurize } from '../src/nlu/features.js';
import { buildLexicon } from '../src/nlu/lexicon.js';
import { readExamples } from '../src/nlu/training-data.js';
import { createUnderstander, type FusionOptions } from '../src/nlu/understand.js';
import { loadVocabulary } from '../src/nlu/vocabulary.js';
import { INTENTS_DIR, KNOWLEDGE_DIR, RULES_DIR } from '../src/core/paths.js';
import { loadKnowledge } from '../src/nlu/knowledge.js';
import { loadRuleSet } from '../src/rules/loader.js';

interface Variant {
  readonly name: string;
  readonly kind: ClassifierKind;
  readonly maxFeatures?: number;
}

/** Bayes as shipped (every feature), and Bayes on the capped vocabulary logistic regression can train on. */
export const BAYES_VARIANTS: readonly Variant[] = [
  { name: 'bayes', kind: 'bayes' },
  { name: 'bayes.top600', kind: 'bayes', maxFeatures: 600 },
];
/** natural's logistic regression on the same 600 features: a fair comparison, but about six minutes of training. */
export const LOGISTIC_VARIANT: Variant = { name: 'logistic.top600', kind: 'logistic', maxFeatures: 600 };

export function benchClassifiers(
  variants: readonly Variant[] = [...BAYES_VARIANTS, LOGISTIC_VARIANT],
  progress: (line: string) => void = () => undefined,
): Record<string, number> {
  const rules = loadRuleSet(RULES_DIR);
  const lex = buildLexicon(loadVocabulary(RULES_DIR), rules.items, loadKnowledge(KNOWLEDGE_DIR), rules);
  const train = readExamples(INTENTS_DIR, 'train');
  const heldout = readExamples(INTENTS_DIR, 'heldout');
  const out: Record<string, number> = {};
  for (const { name: kind, kind: classifier, maxFeatures } of variants) {
    progress(`training ${kind}${classifier === 'logistic' ? ' (several minutes)' : ''}`);
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

/**
 * What each step of the fusion is worth, by 5-fold cross-validation on the training utterances (so the held-out
 * set stays a measurement): macro-F1 and out-of-scope recall with everything on and with one step off.
 */
export function benchFusionSteps(folds = 5): Record<string, number> {
  const rules = loadRuleSet(RULES_DIR);
  const lex = buildLexicon(loadVocabulary(RULES_DIR), rules.items, loadKnowledge(KNOWLEDGE_DIR), rules);
  const train = readExamples(INTENTS_DIR, 'train');
  const variants: readonly [string, FusionOptions][] = [
    ['all', {}],
    ['withoutDomainGate', { domainGate: false }],
    ['withoutEvidenceGate', { evidenceGate: false }],
    ['withoutUnknownWordsGuard', { unknownWordsGuard: false }],
    ['withoutFactOverrides', { factOverrides: false }],
    ['classifierAlone', { domainGate: false, evidenceGate: false, unknownWordsGuard: false, factOverrides: false }],
  ];
  const out: Record<string, number> = {};
  for (let k = 0; k < folds; k++) {
    const model = trainIntentModel(train.filter((_, i) => i % folds !== k), lex);
    const test = train.filter((_, i) => i % folds === k);
    for (const [name, options] of variants) {
      const u = createUnderstander(model, lex, [...rules.sources.keys()], options);
      const r = evaluateModel((t) => u.understand(t).intent, test);
      out[`cv.${name}.macroF1`] = (out[`cv.${name}.macroF1`] ?? 0) + r.macroF1 / folds;
      out[`cv.${name}.oosRecall`] = (out[`cv.${name}.oosRecall`] ?? 0) + r.perIntent.out_of_scope.recall / folds;
    }
  }
  return out;
}
