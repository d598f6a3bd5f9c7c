/**
 * The turn pipeline and the case service on both engines, for the suites that run one behaviour on SQLite and on
 * PostgreSQL: SQLite's group commit over CaseService (one instance: the embedded engine serves one), and on
 * PostgreSQL the per-turn unit of work and PgCaseService, as many instances as asked on one fresh database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { Assistant } from '../../src/assistant/assistant.js';
import { sqliteAnswerQueue } from '../../src/assistant/answer-queue.js';
import { pgAnswerQueue } from '../../src/assistant/postgres/pg-answer-queue.js';
import { PgTurnPipeline } from '../../src/assistant/postgres/pg-turn-pipeline.js';
import { TurnPipeline, type AnswerPosting, type PostingTurns, type TurnOutcome } from '../../src/assistant/turn-pipeline.js';
import { crossCheckCases, type CaseCrossCheck } from '../../src/cases/audit-cross-check.js';
import { AuditLog, type AuditRecord, type AuditVerification } from '../../src/cases/audit-log.js';
import { readDashboard } from '../../src/cases/dashboard-queries.js';
import type { Dashboard } from '../../src/cases/dashboard.js';
import { CaseService, type DecideInput, type RedactionResult } from '../../src/cases/case-service.js';
import type { Actor, CaseState, CaseView } from '../../src/cases/case-view.js';
import type { HumanChannel } from '../../src/cases/human-channel.js';
import { openCaseDatabase } from '../../src/cases/database.js';
import { PgAuditChain } from '../../src/cases/postgres/pg-audit-chain.js';
import { verifyPgTrail } from '../../src/cases/postgres/pg-audit-trail.js';
import { PgCaseService } from '../../src/cases/postgres/pg-case-service.js';
import { readPgDashboard } from '../../src/cases/postgres/pg-dashboard-queries.js';
import { openPostgres } from '../../src/cases/postgres/pg-database.js';
import { pgDispatchStore } from '../../src/cases/postgres/pg-dispatch-store.js';
import { OutboxDispatcher, type HumanChannels, type OutboxDispatcherOptions } from '../../src/cases/outbox-dispatcher.js';
import type { Message } from '../../src/contracts/message.js';
import { fixedClock, type Clock } from '../../src/core/clock.js';
import { DedupeStore } from '../../src/core/dedupe-store.js';
import { GroupCommit } from '../../src/core/group-commit.js';
import { type PostgresCluster, useThrowawayPostgres } from './postgres.js';
import { rules, understanding } from './understanding.js';

export const T0 = '2026-03-01T09:00:00.000Z';
export const OFFICERS = { slack: ['UOFF1', 'UOFF2'], teams: [], web: ['console'] };

/** The officers' side of the case service, as both engines offer it (SQLite's synchronous calls, awaited). */
export interface OfficerDesk {
  claim(caseId: string, officer: Actor): Promise<CaseView>;
  decide(caseId: string, officer: Actor, input: DecideInput): Promise<CaseView>;
  reopen(caseId: string, officer: Actor, reason: string): Promise<CaseView>;
  addNote(caseId: string, officer: Actor, text: string): Promise<CaseView>;
  get(caseId: string): Promise<CaseView | undefined>;
  list(options?: { state?: CaseState; limit?: number }): Promise<CaseView[]>;
  sendReminders(now: Date): Promise<string[]>;
  redactOlderThan(days: number, now: Date): Promise<RedactionResult>;
}

export interface CaseRow {
  readonly num: number;
  readonly state: string;
  readonly conversation_key: string;
}

export interface Instance {
  ask(message: Message, deliveryKey?: string): Promise<TurnOutcome<undefined>>;
  /** A turn whose answer is posted through the outbox, as Slack's and Teams': rendered as its reply's verdict. */
  askAndPost(message: Message, deliveryKey: string, via: HumanChannel, onCommitted?: () => void): Promise<TurnOutcome<undefined>>;
  readonly desk: OfficerDesk;
  /** An outbox dispatcher of this instance, delivering to `channels`. */
  dispatcher(channels: HumanChannels, options?: Partial<OutboxDispatcherOptions>): OutboxDispatcher;
}

export interface Engine {
  readonly name: 'sqlite' | 'postgres';
  /** `n` instances on one fresh database (SQLite: n must be 1, the embedded engine serves one instance). */
  instances(n: number): Promise<Instance[]>;
  audit(): Promise<AuditRecord[]>;
  verify(): Promise<AuditVerification>;
  /** The cases against their audit records, as `audit verify` checks them on this engine. */
  crossCheck(): Promise<CaseCrossCheck | undefined>;
  /** The console dashboard's numbers, counted in this engine's SQL. */
  dashboard(now: Date): Promise<Dashboard>;
  /** Runs SQL straight on the database, as an operator (or a fault) would. */
  raw(sql: string): Promise<void>;
  cases(): Promise<CaseRow[]>;
  outboxKeys(): Promise<string[]>;
  close(): Promise<void>;
}

export interface PgEngine extends Engine {
  rows(sql: string): Promise<unknown[]>;
}

/** Either pipeline, as a channel that only posts its answer (Teams) holds it. */
function posting(turns: PostingTurns): PostingTurns {
  return turns;
}

function postVerdict(via: HumanChannel): AnswerPosting<undefined> {
  return { via, render: (reply) => ({ verdict: reply.verdict }) };
}

export function sqliteEngine(clock: Clock = fixedClock(T0)): Engine {
  let dir: string | undefined;
  let db: Database.Database | undefined;
  const need = () => {
    if (!db) throw new Error('no instance yet');
    return db;
  };
  return {
    name: 'sqlite',
    async instances(n) {
      if (n !== 1) throw new Error('SQLite serves one instance');
      dir = mkdtempSync(join(tmpdir(), 'lodestone-turns-'));
      const opened = openCaseDatabase(join(dir, 'lodestone.db'));
      db = opened;
      const cases = new CaseService({ db: opened, officers: OFFICERS, clock });
      const assistant = new Assistant({ rules, understander: understanding.understander, cases, clock });
      const turns = new TurnPipeline({
        commits: new GroupCommit(opened), deliveries: new DedupeStore(opened, 3_600_000, clock), answer: (m) => assistant.handle(m),
        answers: sqliteAnswerQueue({ db: opened, cases, clock }),
      });
      const desk: OfficerDesk = {
        claim: async (id, o) => cases.claim(id, o), decide: async (id, o, d) => cases.decide(id, o, d),
        reopen: async (id, o, why) => cases.reopen(id, o, why), addNote: async (id, o, t) => cases.addNote(id, o, t),
        get: async (id) => cases.get(id), list: async (o) => cases.list(o), sendReminders: async (now) => cases.sendReminders(now),
        redactOlderThan: async (days, now) => cases.redactOlderThan(days, now),
      };
      return [{
        ask: (message, deliveryKey) => turns.run({ message, deliveryKey }), desk,
        askAndPost: (message, deliveryKey, via, onCommitted) => posting(turns).run({ message, deliveryKey, post: postVerdict(via), ...(onCommitted ? { onCommitted } : {}) }),
        dispatcher: (channels, options = {}) => new OutboxDispatcher({ db: opened, channels, clock, audit: cases.audit, ...options }),
      }];
    },
    audit: async () => new AuditLog(need()).records(),
    verify: async () => new AuditLog(need()).verifyAudit(),
    crossCheck: async () => crossCheckCases(need()),
    dashboard: async (now) => readDashboard(need(), now),
    raw: async (sql) => {
      need().exec(sql);
    },
    cases: async () => need().prepare('SELECT num, state, conversation_key FROM cases ORDER BY num').all() as CaseRow[],
    outboxKeys: async () => (need().prepare('SELECT key FROM outbox ORDER BY id').all() as { key: string }[]).map((r) => r.key),
    async close() {
      db?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      db = undefined;
    },
  };
}

export function postgresEngine(cluster: () => PostgresCluster, clock: Clock = fixedClock(T0)): PgEngine {
  const pools: pg.Pool[] = [];
  const first = () => {
    const p = pools[0];
    if (!p) throw new Error('no instance yet');
    return p;
  };
  return {
    name: 'postgres',
    async instances(n) {
      const url = await cluster().freshDatabase();
      const made = await Promise.all(Array.from({ length: n }, () => openPostgres(url, { poolMax: 4 })));
      pools.push(...made);
      return made.map((pool) => {
        const turns = new PgTurnPipeline({
          pool, clock, deliveryTtlMs: 3_600_000, answers: pgAnswerQueue({ pool, clock }),
          understander: understanding.understander, answer: (m, ports) => new Assistant({ rules, clock, ...ports }).handle(m),
        });
        return {
          ask: (message, deliveryKey) => turns.run({ message, deliveryKey }), desk: new PgCaseService({ pool, officers: OFFICERS, clock }),
          askAndPost: (message, deliveryKey, via, onCommitted) => posting(turns).run({ message, deliveryKey, post: postVerdict(via), ...(onCommitted ? { onCommitted } : {}) }),
          dispatcher: (channels, options = {}) => new OutboxDispatcher({ store: pgDispatchStore(pool), channels, clock, ...options }),
        };
      });
    },
    audit: () => new PgAuditChain(first()).records(),
    verify: () => new PgAuditChain(first()).verify(),
    crossCheck: async () => (await verifyPgTrail(first())).cases,
    dashboard: (now) => readPgDashboard(first(), now),
    cases: async () => (await first().query<CaseRow>('SELECT num, state, conversation_key FROM cases ORDER BY num')).rows,
    outboxKeys: async () => (await first().query<{ key: string }>('SELECT key FROM outbox ORDER BY id')).rows.map((r) => r.key),
    raw: async (sql) => {
      await first().query(sql);
    },
    rows: async (sql) => (await first().query(sql)).rows,
    async close() {
      await Promise.all(pools.splice(0).map((p) => p.end()));
    },
  };
}

/** Starts one throwaway cluster for the test file, and both engines on it (PostgreSQL's fresh database per use). */
export function bothEngines(clock?: Clock): { sqlite: () => Engine; postgres: () => PgEngine } {
  const running = useThrowawayPostgres();
  return { sqlite: () => sqliteEngine(clock), postgres: () => postgresEngine(running, clock) };
}
