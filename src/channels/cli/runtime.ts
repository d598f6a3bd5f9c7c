/** What the CLI commands share: the rules and the language side, loaded once per process, or the whole app. */
import { createApp, type App } from '../../app.js';
import { notOnPostgres } from '../../app-context.js';
import { Assistant } from '../../assistant/assistant.js';
import { createUnderstanding } from '../../assistant/create-understanding.js';
import { fixedClock, systemClock, type Clock } from '../../core/clock.js';
import { ConfigError, loadConfig, type Config } from '../../config.js';
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

/** The server's configuration from the environment, read as the CLI's (silent); a bad value is a CliError. */
export function cliConfig(): Config {
  try {
    return loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(e.message);
    throw e;
  }
}

/**
 * The server's own composition for `ask` and `chat`, so a CLI question is a chat turn like any other: it goes
 * through the turn pipeline, is audited, and an escalation opens a case. By default the case store is in memory
 * and gone on exit; `audit` uses the server's database (DATA_DIR, with its audit anchors), where the case waits
 * for the compliance team and the question stays in the audit log. With DATABASE_URL set, `audit` is refused rather
 * than written to a SQLite file the servers do not read: the CLI's audited questions are not on PostgreSQL yet
 * (recording a rule status is: rules-status-postgres.ts).
 */
export function createCliApp(opts: { asOf?: string | undefined; audit: boolean }): App {
  const config = cliConfig();
  if (opts.audit && config.DATABASE_URL !== undefined) {
    throw new CliError(`${notOnPostgres('Writing to the server\'s database from the command line')} DATABASE_URL is set, so nothing was written; unset it to use SQLite in DATA_DIR.`);
  }
  const clock: Clock = opts.asOf ? fixedClock(`${opts.asOf}T12:00:00Z`) : systemClock;
  return createApp({ config, clock, ...(opts.audit ? {} : { dbFile: ':memory:' }) });
}
