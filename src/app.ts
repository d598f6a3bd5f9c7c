/**
 * The composition root: loads the rules and the language side, opens the case database, and wires the assistant,
 * the case service, the outbox dispatcher and the schedulers. Channels receive this object and nothing else.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { TurnPipeline } from './assistant/turn-pipeline.js';
import { sqliteAnswerQueue } from './assistant/answer-queue.js';
import { AuditAnchors, defaultAnchorPath } from './cases/audit-anchor.js';
import { openCaseDatabase } from './cases/database.js';
import { DailyScheduler } from './cases/daily-scheduler.js';
import { readDashboard } from './cases/dashboard-queries.js';
import { scheduleRulesHorizon } from './cases/horizon-schedule.js';
import { OutboxDispatcher } from './cases/outbox-dispatcher.js';
import { awaitedStatusDesk, StatusDesk } from './cases/status-desk.js';
import { officersFrom, type App } from './app-context.js';
import { composeAnswering } from './answering.js';
import { TurnWorkerChat } from './turn-worker-client.js';
import { createScreener } from './bom/screen-bom.js';
import { BomUploads } from './channels/bom-upload/bom-uploads.js';
import { SqliteBomUploadStore } from './channels/bom-upload/upload-store.js';
import { createChannelStores } from './channels/channel-stores.js';
import { sqliteSharedChannelStores } from './channels/channel-store-ports.js';
import { sqliteSlackTurns } from './channels/slack/slack-turns.js';
import { sqliteChatTurns, type ChatTurns } from './channels/web/chat-turns.js';
import { replyDictionary } from './channels/web/reply-dictionary.js';
import type Database from 'better-sqlite3';
import type { Config } from './config.js';
import { systemClock, type Clock } from './core/clock.js';
import { GroupCommit } from './core/group-commit.js';
import { createLogger, type Logger } from './core/logger.js';
import { createMetrics } from './core/metrics.js';
import { INTENTS_DIR, RULES_DIR } from './core/paths.js';
import { rulesAndModels } from './language-models-cache.js';
import { CurrentRules } from './rules/current-rules.js';
import type { Message } from './contracts/message.js';
import type { Reply } from './contracts/reply.js';

export type { App, ChannelApp, PostgresApp } from './app-context.js';

export interface AppOptions {
  readonly config: Config;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly rulesDir?: string;
  readonly intentsDir?: string;
  /** A database file, or ':memory:' for tests. Default `${DATA_DIR}/lodestone.db`. */
  readonly dbFile?: string;
  /**
   * The turn worker's script (turn-worker.ts, built): given, and the database is a file, the web chat's turns are
   * answered in that worker thread, off the HTTP event loop (main.ts passes it unless TURN_WORKER=off).
   */
  readonly turnWorker?: string | URL | undefined;
}

/** The app as the composition root holds it: with the database, which channels never get (they get App). */
export interface ComposedApp extends App {
  readonly db: Database.Database;
}

export function createApp(options: AppOptions): ComposedApp {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const metrics = createMetrics();
  const rulesDir = options.rulesDir ?? RULES_DIR;
  const intentsDir = options.intentsDir ?? INTENTS_DIR;
  // The data in rules/, with the statuses officers recorded in the database layered over it (StatusDesk below).
  const built = rulesAndModels(rulesDir, intentsDir);
  const rules = new CurrentRules(built.rules);
  const { understander } = built.models;
  let dbFile = options.dbFile;
  if (!dbFile) {
    mkdirSync(config.DATA_DIR, { recursive: true });
    dbFile = join(config.DATA_DIR, 'lodestone.db');
  }
  const db = openCaseDatabase(dbFile);
  const startedAt = clock.now();
  // An in-memory database dies with the process: there is nothing to anchor it against.
  const anchors = dbFile === ':memory:' ? undefined : new AuditAnchors({
    file: config.AUDIT_ANCHOR_FILE ?? defaultAnchorPath(dbFile), key: config.AUDIT_ANCHOR_KEY, every: config.AUDIT_ANCHOR_EVERY,
    clock, onError: (err) => logger.error({ err }, 'could not write an audit anchor; the next one will cover these records'),
  });
  anchors?.anchor(db, 'start');
  const observe = (message: Message, reply: Reply, seconds: number) => {
    metrics.turnSeconds.observe({ channel: message.channel }, seconds);
    metrics.questions.inc({ channel: message.channel, verdict: reply.verdict, intent: reply.intent.name });
  };
  const { cases, assistant, dedupe, answer } = composeAnswering({
    db, rules, understander, clock, officers: officersFrom(config), reminderHours: config.REMINDER_HOURS, anchors, observe,
  });
  const statusDesk = new StatusDesk({ db, audit: cases.audit, outbox: cases.outbox, clock, rules, redecideDays: config.REDECIDE_DAYS });
  const stops: (() => void)[] = [];
  let dispatcher: OutboxDispatcher | undefined;
  const answers = sqliteAnswerQueue({ db, cases, clock, logger });
  const turns = new TurnPipeline({ commits: new GroupCommit(db), deliveries: dedupe, answer, answers });
  const stores = createChannelStores(db, clock, config.RETENTION_DAYS, replyDictionary(built.rules));
  const bomUploads = new BomUploads({
    rules, screen: createScreener(rules, understander), store: new SqliteBomUploadStore(stores.bom, cases), linkKey: stores.bomLinkKey, clock, logger,
    maxBytes: Math.round(config.BOM_UPLOAD_MAX_MB * 1_048_576),
  });

  const slack = stores.slack;
  const webChat: ChatTurns = options.turnWorker === undefined || dbFile === ':memory:'
    ? sqliteChatTurns(turns, stores.web.transcript)
    : new TurnWorkerChat({
      file: options.turnWorker, transcript: stores.web.transcript, logger,
      init: {
        dbFile, rulesDir, intentsDir, officers: officersFrom(config), reminderHours: config.REMINDER_HOURS, budgetMs: 12,
      },
      onCommitted(message, outcome, seconds) {
        if (outcome.kind === 'answered') observe(message, outcome.reply, seconds);
        // The worker appended audit records on its connection; the anchor reads the committed head on this one.
        anchors?.afterAppend(db);
      },
    });

  return {
    engine: 'sqlite', config, clock, logger, metrics, rules, db, cases, statusDesk, ruleDesk: awaitedStatusDesk(statusDesk), assistant, dedupe, answer, turns, stores, bomUploads,
    // The engine-neutral ports, over the same synchronous stores (each call done at once, its promise settled).
    desk: {
      isOfficer: (actor) => cases.isOfficer(actor),
      get: async (id) => cases.get(id),
      list: async (o) => cases.list(o),
      claim: async (id, officer) => cases.claim(id, officer),
      decide: async (id, officer, input) => cases.decide(id, officer, input),
      reopen: async (id, officer, reason) => cases.reopen(id, officer, reason),
      addNote: async (id, officer, text) => cases.addNote(id, officer, text),
      audit: async (input) => {
        cases.audit.append(input);
      },
    },
    trail: {
      latest: async (limit) => {
        const records = cases.audit.records();
        return { records: records.slice(-limit).reverse(), total: records.length };
      },
      verify: async () => cases.verifyAuditTrail(),
      exportCsv: async () => cases.audit.exportAuditCsv(),
    },
    dashboard: async (now) => readDashboard(db, now),
    deliveries: { claim: async (key) => dedupe.claim(key), release: async (key) => dedupe.release(key) },
    shared: sqliteSharedChannelStores(db),
    webSessionKey: stores.web.sessionKey,
    webChat,
    slackTurns: sqliteSlackTurns(turns, slack),
    slackReads: {
      turn: async (id) => slack.turn(id),
      recent: async (user, limit) => slack.recent(user, limit),
      feedback: async (id, user, helpful) => slack.feedback(id, user, helpful),
    },
    postingTurns: turns,
    startBackground(channels) {
      const released = cases.outbox.releaseHeldAnswers(startedAt, clock.now());
      if (released > 0) logger.info({ released }, 'posting answers an earlier run had queued but not posted');
      dispatcher = new OutboxDispatcher({
        db, channels, clock, audit: cases.audit, answerUpdatesPerMinute: config.ANSWER_UPDATES_PER_MINUTE,
        onError: (err, ctx) => logger.warn({ err, ...ctx }, 'outbox delivery failed; will retry'),
      });
      dispatcher.start(1_000);
      const horizon = scheduleRulesHorizon({
        checkRulesHorizon(ruleSet, day) {
          const alerted = cases.checkRulesHorizon(ruleSet, day);
          // One line for the whole check: the alerts themselves go to the compliance channels, not the log.
          if (alerted.length > 0) {
            logger.child({ component: 'rules' }).warn(
              { day, rules: alerted },
              `rules: ${alerted.length} ${alerted.length === 1 ? 'rule has' : 'rules have'} an unknown status today (a suspension ended and rules/ record nothing after); answers on them escalate; the compliance channels were alerted`,
            );
          }
          return alerted;
        },
      }, () => rules, clock);
      void horizon.start();
      stops.push(() => horizon.stop());
      // Retention: question text older than RETENTION_DAYS is redacted once a day; the audit chain still verifies.
      const retention = new DailyScheduler(clock, async () => {
        const r = cases.redactOlderThan(config.RETENTION_DAYS, clock.now());
        // Files sent in a chat are kept no longer than the questions are.
        await bomUploads.deleteOlderThan(new Date(clock.now().getTime() - config.RETENTION_DAYS * 86_400_000));
        if (r.auditRecords + r.cases > 0) logger.info(r, 'redacted question text past the retention period');
      }, { onError: (err) => logger.error({ err }, 'retention run failed') });
      void retention.start();
      stops.push(() => retention.stop());
      const reminders = setInterval(() => cases.sendReminders(clock.now()), 15 * 60_000);
      reminders.unref();
      stops.push(() => clearInterval(reminders));
      return dispatcher;
    },
    async databaseHealth() {
      try {
        db.prepare('SELECT 1').get();
        return { ok: true };
      } catch (err) {
        return { ok: false, error: (err as Error).message };
      }
    },
    async close() {
      for (const stop of stops) stop();
      if (webChat instanceof TurnWorkerChat) await webChat.close();
      if (dispatcher) await dispatcher.stop();
      anchors?.anchor(db, 'shutdown');
      db.close();
    },
  };
}
