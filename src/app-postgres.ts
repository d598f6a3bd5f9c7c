/**
 * The composition root on PostgreSQL (DATABASE_URL=postgres://…), the counterpart of app.ts for several instances
 * on one database: the turn pipeline (PgTurnPipeline), the officers' case service (PgCaseService), the outbox
 * dispatcher on PostgreSQL's dispatch store, the web transcript, Slack's turns, the channels' shared state and
 * delivery claims, and the daily jobs, each run once per day across instances (PgDailyJobs).
 *
 * The officers' recorded rule statuses (PgStatusOverlayStore) are loaded at start and checked before each turn's
 * answer, so a status recorded on any instance decides the next answer on every instance; recording one through the
 * status desk (PgStatusDesk) re-decides earlier answers and open cases as SQLite's does.
 *
 * Bills of materials sent in a chat are kept here too (PgBomUploadStore), with the download-link key in the database;
 * the console reads the same ports as on SQLite (the case desk, the alerts, the audit trail with its cases' check,
 * the dashboard counted in PostgreSQL). Nothing here opens a SQLite file.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Assistant } from './assistant/assistant.js';
import { pgAnswerQueue } from './assistant/postgres/pg-answer-queue.js';
import { PgTurnPipeline } from './assistant/postgres/pg-turn-pipeline.js';
import { DailyScheduler } from './cases/daily-scheduler.js';
import { OutboxDispatcher } from './cases/outbox-dispatcher.js';
import { PgCaseService } from './cases/postgres/pg-case-service.js';
import { PgDailyJobs } from './cases/postgres/pg-daily-jobs.js';
import { readPgDashboard } from './cases/postgres/pg-dashboard-queries.js';
import { verifyPgAuditTrail } from './cases/postgres/pg-audit-trail.js';
import { openPostgres, pingPostgres } from './cases/postgres/pg-database.js';
import { PgDeliveryClaims } from './cases/postgres/pg-delivery-claims.js';
import { PgStatusDesk } from './cases/postgres/pg-status-desk.js';
import { startPgAnchoring } from './cases/postgres/pg-audit-anchors.js';
import { AuditAnchors } from './cases/audit-anchor.js';
import { PgStatusOverlayStore } from './cases/postgres/pg-status-overlay-store.js';
import { pgDispatchStore } from './cases/postgres/pg-dispatch-store.js';
import type { JobRun } from './cases/store-ports.js';
import { pgSharedChannelStores } from './channels/postgres/pg-shared-channel-stores.js';
import { PgSlackStore } from './channels/postgres/pg-slack-store.js';
import { PgBomUploadStore } from './channels/postgres/pg-bom-upload-store.js';
import { BomUploads } from './channels/bom-upload/bom-uploads.js';
import { createScreener } from './bom/screen-bom.js';
import { PgTranscriptStore } from './channels/postgres/pg-transcript-store.js';
import { pgSlackTurns } from './channels/slack/slack-turns.js';
import { pgChatTurns } from './channels/web/chat-turns.js';
import { officersFrom, type PostgresApp } from './app-context.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './core/clock.js';
import { createLogger, type Logger } from './core/logger.js';
import { createMetrics } from './core/metrics.js';
import { INTENTS_DIR, RULES_DIR } from './core/paths.js';
import { rulesAndModels } from './language-models-cache.js';
import { CurrentRules } from './rules/current-rules.js';

export interface PostgresAppOptions {
  readonly config: Config & { readonly DATABASE_URL: string };
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly rulesDir?: string;
  readonly intentsDir?: string;
  /** How often each daily job looks at the clock (and tries again a day another instance was running). Default 5 min. */
  readonly jobCheckMs?: number;
}

/** A daily job another instance holds: not a failure, the day is tried again at the next check. */
class RunningElsewhere extends Error {
  override readonly name = 'RunningElsewhere';
}

const DAY_MS = 86_400_000;
const REMINDER_SLOT_MS = 15 * 60_000;
/** How often each instance anchors the audit head when it has moved (AUDIT_ANCHOR_FILE). */
const ANCHOR_CHECK_MS = 1_000;

/** Opens (and migrates) the database, then composes the app on it; throws PostgresError when it is unreachable. */
export async function createPostgresApp(options: PostgresAppOptions): Promise<PostgresApp> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const metrics = createMetrics();
  const built = rulesAndModels(options.rulesDir ?? RULES_DIR, options.intentsDir ?? INTENTS_DIR);
  // The data in rules/ with the officers' recorded statuses over it (loaded below, once the database is open).
  const rules = new CurrentRules(built.rules);
  const { understander } = built.models;
  const pool = await openPostgres(config.DATABASE_URL, { poolMax: config.DATABASE_POOL_MAX, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS });
  // Which instance ran a daily job (job_runs.instance), for an operator reading the table.
  const instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  const cases = new PgCaseService({ pool, officers: officersFrom(config), clock, reminderHours: config.REMINDER_HOURS });
  const overlay = new PgStatusOverlayStore(pool, cases.audit, clock);
  try {
    rules.update(await overlay.list());
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const answers = pgAnswerQueue({ pool, clock, logger, holdMs: config.ANSWER_HOLD_MS });
  const turns = new PgTurnPipeline({
    pool, clock, understander, answers,
    // A status recorded on any instance is in the next turn's answer: one indexed read of the newest record's id.
    beforeAnswer: async (client) => {
      await overlay.refreshInTurn(rules, client);
    },
    answer: (message, ports) => {
      const end = metrics.turnSeconds.startTimer({ channel: message.channel });
      // A pass that needs another read throws before it is counted; the pass that answers is counted once.
      const reply = new Assistant({ rules, clock, ...ports }).handle(message);
      end();
      metrics.questions.inc({ channel: message.channel, verdict: reply.verdict, intent: reply.intent.name });
      return reply;
    },
  });
  const shared = pgSharedChannelStores(pool);
  const slackStore = new PgSlackStore(pool, clock, Math.min(config.RETENTION_DAYS, 30));
  let webSessionKey: Buffer;
  let bomLinkKey: Buffer;
  try {
    webSessionKey = await shared.secret('session');
    // Download links given out on one instance open on every other.
    bomLinkKey = await shared.secret('bom-links');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }

  const bomUploads = new BomUploads({
    rules, screen: createScreener(rules, understander), store: new PgBomUploadStore(pool, clock), linkKey: bomLinkKey, clock, logger,
    maxBytes: Math.round(config.BOM_UPLOAD_MAX_MB * 1_048_576),
  });

  const stops: (() => void)[] = [];
  // Anchors outside the database (pg-audit-anchors.ts), where AUDIT_ANCHOR_FILE says: there is no DATA_DIR default here.
  const anchoring = config.AUDIT_ANCHOR_FILE === undefined ? undefined : startPgAnchoring(pool, new AuditAnchors({
    file: config.AUDIT_ANCHOR_FILE, key: config.AUDIT_ANCHOR_KEY, every: config.AUDIT_ANCHOR_EVERY, clock,
    onError: (err) => logger.error({ err }, 'could not write an audit anchor; the next one will cover these records'),
  }), { everyMs: ANCHOR_CHECK_MS, onError: (err) => logger.error({ err }, 'could not read the audit head to anchor it') });
  await anchoring?.anchorNow('start');
  if (anchoring) stops.push(() => anchoring.stop());
  let dispatcher: OutboxDispatcher | undefined;
  const jobs = new PgDailyJobs(pool, instance, clock);
  /** Runs `task` once per `period` across instances; the period's key is its day (or its slot for reminders). */
  const once = (job: string, task: () => Promise<void>) => async (period: string): Promise<void> => {
    const run: JobRun = await jobs.runOnce(job, period, task);
    if (run === 'running_elsewhere') throw new RunningElsewhere(`${job} for ${period} is running on another instance`);
    if (run === 'ran') logger.debug({ job, period }, 'daily job ran on this instance');
  };
  /** A daily job: tried at start and at each check until its day is done here or on another instance. */
  const schedule = (job: string, task: (day: string) => Promise<void>) => {
    const scheduler = new DailyScheduler(
      clock,
      (day) => once(job, () => task(day))(day),
      {
        checkEveryMs: options.jobCheckMs ?? 5 * 60_000,
        onError: (err) => {
          if (err instanceof RunningElsewhere) logger.debug({ job }, err.message);
          else logger.error({ err, job }, `${job} failed; it is tried again at the next check`);
        },
      },
    );
    void scheduler.start();
    stops.push(() => scheduler.stop());
  };

  return {
    engine: 'postgres', config, clock, logger, metrics, rules,
    ruleDesk: new PgStatusDesk({ pool, audit: cases.audit, overlay, rules, clock, redecideDays: config.REDECIDE_DAYS }),
    desk: {
      isOfficer: (actor) => cases.isOfficer(actor),
      get: (id) => cases.get(id),
      list: (o) => cases.list(o),
      claim: (id, officer) => cases.claim(id, officer),
      decide: (id, officer, input) => cases.decide(id, officer, input),
      reopen: (id, officer, reason) => cases.reopen(id, officer, reason),
      addNote: (id, officer, text) => cases.addNote(id, officer, text),
      audit: async (input) => {
        await cases.audit.append(input);
      },
    },
    trail: {
      latest: (limit) => cases.audit.latest(limit),
      // The anchors this deployment writes (AUDIT_ANCHOR_FILE), when it writes any.
      verify: () => verifyPgAuditTrail(pool, { anchorFile: config.AUDIT_ANCHOR_FILE, anchorKey: config.AUDIT_ANCHOR_KEY }),
      exportCsv: () => cases.audit.exportCsv(),
    },
    dashboard: (now) => readPgDashboard(pool, now),
    deliveries: new PgDeliveryClaims(pool, DAY_MS, clock),
    shared,
    webSessionKey,
    bomUploads,
    webChat: pgChatTurns(turns, new PgTranscriptStore(pool)),
    slackTurns: pgSlackTurns(turns, slackStore),
    slackReads: slackStore,
    postingTurns: turns,
    startBackground(channels) {
      // No release of held answers at start, as SQLite does: another instance may be posting them now.
      dispatcher = new OutboxDispatcher({
        store: pgDispatchStore(pool), channels, clock, answerUpdatesPerMinute: config.ANSWER_UPDATES_PER_MINUTE, leaseMs: config.OUTBOX_LEASE_MS,
        onError: (err, ctx) => logger.warn({ err, ...ctx }, 'outbox delivery failed; will retry'),
      });
      dispatcher.start(1_000);
      schedule('rules-horizon', async (day) => {
        await overlay.refresh(rules);
        const alerted = await cases.checkRulesHorizon(rules, day);
        if (alerted.length > 0) {
          logger.child({ component: 'rules' }).warn(
            { day, rules: alerted },
            `rules: ${alerted.length} ${alerted.length === 1 ? 'rule has' : 'rules have'} an unknown status today (a suspension ended and rules/ record nothing after); answers on them escalate; the compliance channels were alerted`,
          );
        }
      });
      // Retention: question text older than RETENTION_DAYS is redacted once a day; the audit chain still verifies.
      schedule('retention', async () => {
        const r = await cases.redactOlderThan(config.RETENTION_DAYS, clock.now());
        // Files sent in a chat are kept no longer than the questions are.
        await bomUploads.deleteOlderThan(new Date(clock.now().getTime() - config.RETENTION_DAYS * 86_400_000));
        if (r.auditRecords + r.cases > 0) logger.info(r, 'redacted question text past the retention period');
      });
      // Reminders every 15 minutes, as on SQLite, each slot once across instances (the slot is the job's "day").
      const slot = () => new Date(Math.floor(clock.now().getTime() / REMINDER_SLOT_MS) * REMINDER_SLOT_MS).toISOString();
      const reminders = setInterval(() => {
        void once('reminders', async () => {
          await cases.sendReminders(clock.now());
        })(slot()).catch((err: unknown) => {
          if (!(err instanceof RunningElsewhere)) logger.error({ err }, 'sending reminders failed; tried again in 15 minutes');
        });
      }, REMINDER_SLOT_MS);
      reminders.unref();
      stops.push(() => clearInterval(reminders));
      return dispatcher;
    },
    async databaseHealth() {
      const ping = await pingPostgres(pool);
      return ping.ok ? { ok: true } : { ok: false, error: ping.error };
    },
    async close() {
      for (const stop of stops) stop();
      if (dispatcher) await dispatcher.stop();
      await anchoring?.anchorNow('shutdown');
      await pool.end();
    },
  };
}
