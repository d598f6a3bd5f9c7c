/**
 * The rule status desk on PostgreSQL, the counterpart of status-desk.ts: officers preview what a record would change,
 * then record it; the record, its audit record, one update per changed answer (queued through the outbox, delivered
 * by whichever instance's dispatcher leases it) and the new preliminary verdict on each open case it changes are
 * written in one transaction. Each answer and case is re-decided by the same pure functions as on SQLite
 * (redecide.ts); only the reads and writes are this engine's.
 *
 * Turns and recordings meet on one advisory lock (pg-status-overlay-store.ts): a turn holds it shared from the moment
 * it reads the records until it commits, a recording holds it alone. So an answer is either decided on the new
 * record or committed before the recording reads the answers to re-decide: none slips between the two.
 */
import type pg from 'pg';
import { z } from 'zod';
import { isoDay, type Clock } from '../../core/clock.js';
import type { CurrentRules } from '../../rules/current-rules.js';
import type { RuleSet } from '../../rules/ruleset.js';
import { applyStatusOverlay, type StatusRecord } from '../../rules/status-overlay.js';
import {
  answerRedecidedAudit, answerUpdateEntry, caseRedecidedAudit, caseRedecidedEvent, countTouched, redecideAnswer, redecideCase, redecideCutoff,
  type Redecision,
} from '../redecide.js';
import { groupBySuspension, rulesWithUnknownStatus } from '../rules-horizon.js';
import type { HorizonEvent, RecordedStatus, RuleStatusDesk, StatusPreview } from '../status-desk.js';
import type { PgAuditChain } from './pg-audit-chain.js';
import { PgOutboxQueue } from './pg-outbox-queue.js';
import type { PgStatusOverlayStore } from './pg-status-overlay-store.js';

export interface PgStatusDeskOptions {
  readonly pool: pg.Pool;
  readonly audit: PgAuditChain;
  readonly overlay: PgStatusOverlayStore;
  readonly rules: CurrentRules;
  readonly clock: Clock;
  /** How far back answers are re-decided when a status is recorded (REDECIDE_DAYS). */
  readonly redecideDays?: number;
}

type Db = pg.Pool | pg.PoolClient;

const InsertedSchema = z.object({ id: z.number().int().positive() });
const ToldSchema = z.object({ case_num: z.number().int(), detail: z.string().nullable() });
const FiredRowSchema = z.object({ fired: z.string() });
const ToldDetailSchema = z.object({ redecided: z.literal(1), verdict: z.string() });

/** The latest decided answer of each conversation asked since `cutoff`, with the verdict its asker was last told. */
async function recentAnswers(db: Db, cutoff: string): Promise<unknown[]> {
  const r = await db.query(
    `SELECT d.*, (SELECT u.verdict FROM answer_updates u WHERE u.conversation_key = d.conversation_key AND u.answer_seq = d.answer_seq
                  ORDER BY u.id DESC LIMIT 1) AS told
     FROM decided_answers d
     WHERE d.asked_at >= $1 AND d.answer_seq = (SELECT MAX(answer_seq) FROM decided_answers x WHERE x.conversation_key = d.conversation_key)
     ORDER BY d.answer_seq`,
    [cutoff],
  );
  return r.rows;
}

/**
 * Open cases with the verdict their last re-decision noted. The note's detail is JSON in a text column, read here
 * rather than cast in SQL: a row whose detail is not JSON would fail the whole query there.
 */
async function openCases(db: Db): Promise<unknown[]> {
  const cases = (await db.query("SELECT num, facts, decision, verdict FROM cases WHERE state <> 'resolved' ORDER BY num")).rows;
  const told = new Map<number, string>();
  const events = await db.query(
    `SELECT e.case_num, e.detail FROM case_events e JOIN cases c ON c.num = e.case_num
     WHERE c.state <> 'resolved' AND e.action = 'note' AND e.detail LIKE '%"redecided"%' ORDER BY e.id`,
  );
  for (const raw of events.rows) {
    const e = ToldSchema.parse(raw);
    const detail = e.detail === null ? undefined : ToldDetailSchema.safeParse(JSON.parse(e.detail));
    if (detail?.success) told.set(e.case_num, detail.data.verdict);
  }
  return cases.map((c: { num: number }) => ({ ...c, told: told.get(c.num) ?? null }));
}

/** What the record would change, read on this engine and re-decided as on SQLite (redecide.ts). */
export async function pgRedecide(db: Db, applied: RuleSet, changed: readonly string[], record: StatusRecord, now: Date, days: number): Promise<Redecision> {
  const touched = new Set(changed);
  const today = isoDay(now);
  const answers = (await recentAnswers(db, redecideCutoff(now, days))).map((r) => redecideAnswer(r, applied, touched, record, today)).filter((a) => a !== undefined);
  const cases = (await openCases(db)).map((c) => redecideCase(c, applied, touched, today)).filter((c) => c !== undefined);
  return { answers, cases };
}

/** Writes what `pgRedecide` found in the recording's transaction: the same rows and audit records as SQLite's queueRedecision. */
export async function pgQueueRedecision(client: pg.PoolClient, audit: PgAuditChain, found: Redecision, record: StatusRecord, now: Date): Promise<void> {
  const outbox = new PgOutboxQueue(client);
  for (const a of found.answers) {
    const inserted = await client.query(
      `INSERT INTO answer_updates (conversation_key, overlay_id, answer_seq, channel, previous_verdict, verdict, reply_to, text, citations, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (conversation_key, overlay_id) DO NOTHING RETURNING id`,
      [a.conversationKey, record.id, a.answerSeq, a.channel, a.previousVerdict, a.verdict, JSON.stringify(a.replyTo), a.text, JSON.stringify(a.citations), now.toISOString()],
    );
    const row = inserted.rows[0];
    if (row === undefined) continue;
    await outbox.enqueue(answerUpdateEntry(a, record, InsertedSchema.parse(row).id), now);
    await audit.appendIn(client, answerRedecidedAudit(a, record, now));
  }
  for (const c of found.cases) {
    const e = caseRedecidedEvent(c, record);
    await client.query("INSERT INTO case_events (case_num, at, action, actor, note, detail) VALUES ($1, $2, 'note', NULL, $3, $4)", [c.caseNum, now.toISOString(), e.note, e.detail]);
    await audit.appendIn(client, caseRedecidedAudit(c, record, now));
  }
}

export class PgStatusDesk implements RuleStatusDesk {
  constructor(private readonly options: PgStatusDeskOptions) {}

  private get days(): number {
    return this.options.redecideDays ?? 90;
  }

  /** What recording this would change, on the records in the database now (another instance may have added one). */
  async preview(input: unknown): Promise<StatusPreview> {
    const { overlay, rules, clock, pool } = this.options;
    await overlay.refresh(rules);
    const checked = overlay.check(rules, input);
    const now = clock.now();
    const provisional: StatusRecord = { ...checked.input, id: Number.MAX_SAFE_INTEGER, recordedAt: now.toISOString() };
    const applied = applyStatusOverlay(rules.base, [...rules.records, provisional]);
    const found = await pgRedecide(pool, applied, checked.rules, provisional, now, this.days);
    return {
      rules: checked.rules, answers: found.answers.length, cases: found.cases.length,
      sampleAnswers: found.answers.slice(0, 5), sampleCases: found.cases.slice(0, 5),
    };
  }

  async record(input: unknown): Promise<RecordedStatus> {
    const { overlay, rules, clock, audit } = this.options;
    let answers = 0;
    let cases = 0;
    const outcome = await overlay.record(rules, input, async (client, record, applied, changed) => {
      const now = clock.now();
      const found = await pgRedecide(client, applied, changed, record, now, this.days);
      await pgQueueRedecision(client, audit, found, record, now);
      answers = found.answers.length;
      cases = found.cases.length;
    });
    return { ...outcome, answers, cases };
  }

  list(): Promise<StatusRecord[]> {
    return this.options.overlay.list();
  }

  /** The horizon, one event per ended suspension, with the recent conversations and open cases that depend on it. */
  async unknownEvents(): Promise<HorizonEvent[]> {
    const { rules, clock, pool } = this.options;
    const now = clock.now();
    const events = groupBySuspension(rulesWithUnknownStatus(rules.rules, isoDay(now)));
    if (events.length === 0) return [];
    const fired = (await recentAnswers(pool, redecideCutoff(now, this.days))).map((r) => FiredRowSchema.parse(r).fired);
    const decisions = (await pool.query("SELECT decision FROM cases WHERE state <> 'resolved'")).rows.map((r: { decision: unknown }) => r.decision);
    return events.map((e) => {
      const ids = e.rules.map((u) => u.rule.id);
      return { sourceId: e.sourceId, since: e.since, rules: ids, ...countTouched(ids, fired, decisions) };
    });
  }
}
