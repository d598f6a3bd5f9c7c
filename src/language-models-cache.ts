/**
 * Rule sets and language models by what they were built from. Building them takes about a second (parsing and
 * linting the rules, training the intent classifier, indexing 17,000 places); a process that composes the app more
 * than once (the test suite, above all) builds them once. Keyed by the contents of the rule files, so edited rules
 * are read again; both are immutable once built (the status overlay makes new sets, it never edits one).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createUnderstanding, type LanguageModels } from './assistant/create-understanding.js';
import { loadRuleSet, yamlFiles } from './rules/loader.js';
import type { RuleSet } from './rules/ruleset.js';

interface Built {
  readonly rules: RuleSet;
  readonly models: Map<string, LanguageModels>;
}

const built = new Map<string, Built>();

function contentKey(dir: string): string {
  const h = createHash('sha256').update(dir);
  for (const file of yamlFiles(dir)) h.update(file).update('\0').update(readFileSync(file)).update('\0');
  return h.digest('hex');
}

export function rulesAndModels(rulesDir: string, intentsDir: string): { rules: RuleSet; models: LanguageModels } {
  const key = contentKey(rulesDir);
  let entry = built.get(key);
  if (!entry) {
    entry = { rules: loadRuleSet(rulesDir), models: new Map() };
    built.set(key, entry);
  }
  let models = entry.models.get(intentsDir);
  if (!models) {
    models = createUnderstanding(entry.rules, rulesDir, intentsDir);
    entry.models.set(intentsDir, models);
  }
  return { rules: entry.rules, models };
}
