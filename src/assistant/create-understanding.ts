/**
 * Builds the language side from the data folders: the vocabulary from `rules/`, and the intent model trained on
 * `intents/train`. Training takes about a quarter of a second, inside the cold-start budget, so it happens at
 * start rather than shipping a saved model that could drift from the utterance files.
 */
import { trainIntentModel, type ClassifierKind, type IntentModel } from '../nlu/classifier.js';
import { KNOWLEDGE_DIR } from '../core/paths.js';
import { loadKnowledge } from '../nlu/knowledge.js';
import { buildLexicon, type Lexicon } from '../nlu/lexicon.js';
import { readExamples } from '../nlu/training-data.js';
import { createUnderstander, type Understander } from '../nlu/understand.js';
import { loadVocabulary } from '../nlu/vocabulary.js';
import type { RuleSet } from '../rules/ruleset.js';

/** The trained language side: what understanding a message needs, built once at start. */
export interface LanguageModels {
  readonly lexicon: Lexicon;
  readonly model: IntentModel;
  readonly understander: Understander;
}

export function createUnderstanding(rules: RuleSet, rulesDir: string, intentsDir: string, kind: ClassifierKind = 'bayes'): LanguageModels {
  const lexicon = buildLexicon(loadVocabulary(rulesDir), rules.items, loadKnowledge(KNOWLEDGE_DIR), rules);
  const model = trainIntentModel(readExamples(intentsDir, 'train'), lexicon, kind);
  const understander = createUnderstander(model, lexicon, [...rules.sources.keys()]);
  return { lexicon, model, understander };
}
