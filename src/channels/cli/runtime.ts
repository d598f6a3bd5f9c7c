/** What the CLI commands share: the rules and the language side, loaded once per process. */
import { Assistant } from '../../assistant/assistant.js';
import { createUnderstanding } from '../../assistant/create-understanding.js';
import { fixedClock, systemClock, type Clock } from '../../core/clock.js';
import { INTENTS_DIR, RULES_DIR } from '../../core/paths.js';
import { loadRuleSet, RulesError } from '../../rules/loader.js';
import type { RuleSet } from '../../rules/ruleset.js';
import { CliError } from './cli-error.js';

export function loadRules(dir = RULES_DIR): RuleSet {
  try {
    return loadRuleSet(dir);
  } catch (e) {
    if (e instanceof RulesError) throw new CliError(`rules invalid: ${e.message}`);
    throw e;
  }
}

export function createCliAssistant(asOf?: string): { assistant: Assistant; rules: RuleSet } {
  const rules = loadRules();
  const { understander } = createUnderstanding(rules, RULES_DIR, INTENTS_DIR);
  const clock: Clock = asOf ? fixedClock(`${asOf}T12:00:00Z`) : systemClock;
  return { assistant: new Assistant({ rules, understander, clock }), rules };
}
