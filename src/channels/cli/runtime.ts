/** What the CLI commands share: the rules and the language side, loaded once per process, or the whole app. */
import { createApp, type App } from '../../app.js';
import type { PostgresApp } from '../../app-context.js';
import { createPostgresApp } from '../../app-postgres.js';
import type { TurnOutcome } from '../../assistant/turn-pipeline.js';
import { PostgresError } from '../../cases/postgres/pg-database.js';
import type { Message } from '../../contracts/message.js';
import type { Reply } from '../../contracts/reply.js';
import type { CurrentRules } from '../../rules/current-rules.js';
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
 * The server's own composition for `ask` and `chat` on SQLite, so a CLI question is a chat turn like any other: it
 * goes through the turn pipeline, is audited, and an escalation opens a case. By default the case store is in memory
 * and gone on exit; `audit` uses the server's database (DATA_DIR, with its audit anchors). With DATABASE_URL set,
 * audited turns go to PostgreSQL instead (createCliTurns); this SQLite composition refuses them there.
 */
export function createCliApp(opts: { asOf?: string | undefined; audit: boolean }): App {
  const config = cliConfig();
  if (opts.audit && config.DATABASE_URL !== undefined) {
    throw new CliError(`DATABASE_URL is set, so the server's database is PostgreSQL; nothing was written to SQLite in DATA_DIR.`);
  }
  const clock: Clock = opts.asOf ? fixedClock(`${opts.asOf}T12:00:00Z`) : systemClock;
  return createApp({ config, clock, ...(opts.audit ? {} : { dbFile: ':memory:' }) });
}

/** What `ask` and `chat` answer through: a turn of the server's pipeline on the engine the servers use. */
export interface CliTurns {
  readonly rules: CurrentRules;
  ask(message: Message): Promise<Reply>;
  close(): Promise<void>;
}

/**
 * `audit` with DATABASE_URL: the turn goes through PostgreSQL's pipeline (app-postgres.ts) into the database the
 * instances share, so the question, the answer and any case are recorded there and the case is posted to compliance
 * by whichever instance's dispatcher takes it. Otherwise SQLite, in memory or in DATA_DIR (createCliApp).
 */
export async function createCliTurns(opts: { asOf?: string | undefined; audit: boolean }): Promise<CliTurns> {
  const config = cliConfig();
  const clock: Clock = opts.asOf ? fixedClock(`${opts.asOf}T12:00:00Z`) : systemClock;
  const keyOf = (m: Message) => `cli:${m.conversation}:${m.id}`;
  const answered = (outcome: TurnOutcome<unknown>, m: Message): Reply => {
    if (outcome.kind !== 'answered') throw new CliError(`turn ${m.id} was already answered`);
    return outcome.reply;
  };
  const url = config.DATABASE_URL;
  if (opts.audit && url !== undefined) {
    let app: PostgresApp;
    try {
      app = await createPostgresApp({ config: { ...config, DATABASE_URL: url }, clock });
    } catch (e) {
      if (e instanceof PostgresError) throw new CliError(`ask --audit: ${e.message}`, 1);
      throw e;
    }
    return {
      rules: app.rules,
      ask: async (m) => answered(await app.postingTurns.run({ message: m, deliveryKey: keyOf(m) }), m),
      close: () => app.close(),
    };
  }
  const app = createCliApp(opts);
  return {
    rules: app.rules,
    ask: async (m) => answered(await app.turns.run({ message: m, deliveryKey: keyOf(m) }), m),
    close: () => app.close(),
  };
}
