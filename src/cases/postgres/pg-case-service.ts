/**
 * The officers' side of cases on PostgreSQL, the counterpart of CaseService (case-service.ts) for several instances
 * on one database: claim, decide, reopen and note, the reminders, the rules-horizon alert and the retention job,
 * with the same rules, refusals (CaseError codes), history, outbox rows and audit records. Each change is one
 * transaction: the case row is locked (FOR UPDATE), so two officers acting on one case from two instances act one
 * after the other and the second sees the first's change ("already claimed by …"); the audit record is appended
 * last, under the chain's head-row lock. Opening cases belongs to the turn (pg-turn-cases.ts).
 */
import type pg from 'pg';
import { z } from 'zod';
import type { Clock } from '../../core/clock.js';
import type { RuleSet } from '../../rules/ruleset.js';
import { IsoDateSchema } from '../../rules/facts.js';
import type { AuditVerification } from '../audit-log.js';
import { CaseError } from '../case-error.js';
import { formatCaseId, parseCaseId } from '../case-id.js';
import {
  actorId, DecideInputSchema, describeActor, NoteSchema, parseInput, requireState, sameActor,
  type Change, type DecideInput, type OfficerAction, type RedactionResult,
} from '../case-service.js';
import { CaseRowSchema, toCaseView, type CaseRow } from '../case-store.js';
import { ActorSchema, CaseStateSchema, type Actor, type CaseState, type CaseView, type Resolution } from '../case-view.js';
import { isOfficer, OfficersSchema, type Officers, type OfficersInput } from '../officers.js';
import { groupBySuspension, horizonAlertKey, horizonAlertText, rulesWithUnknownStatus } from '../rules-horizon.js';
import { PgAuditChain } from './pg-audit-chain.js';
import { inTransaction } from './pg-database.js';
import { PgOutboxQueue } from './pg-outbox-queue.js';

export interface PgCaseServiceOptions {
  readonly pool: pg.Pool;
  readonly officers: OfficersInput;
  readonly clock: Clock;
  /** Unclaimed cases are posted again after this many hours, and every as many hours after that. Default 4. */
  readonly reminderHours?: number;
}

const NumSchema = z.object({ num: z.number().int() });

export class PgCaseService {
  readonly audit: PgAuditChain;
  private readonly officers: Officers;
  private readonly reminderMs: number;

  constructor(private readonly options: PgCaseServiceOptions) {
    this.audit = new PgAuditChain(options.pool);
    this.officers = OfficersSchema.parse(options.officers);
    const hours = options.reminderHours ?? 4;
    if (!(hours > 0)) throw new RangeError(`reminderHours must be > 0, got ${hours}`);
    this.reminderMs = hours * 3_600_000;
  }

  isOfficer(actor: Actor): boolean {
    return isOfficer(this.officers, actor.channel, actor.user);
  }

  verifyAudit(): Promise<AuditVerification> {
    return this.audit.verify();
  }

  async get(caseId: string): Promise<CaseView | undefined> {
    const num = parseCaseId(caseId);
    return num === undefined ? undefined : this.view(this.options.pool, num);
  }

  async list(options: { state?: CaseState; limit?: number } = {}): Promise<CaseView[]> {
    const state = options.state === undefined ? undefined : parseInput(CaseStateSchema, options.state, 'state');
    const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 50)), 500);
    const r = state === undefined
      ? await this.options.pool.query('SELECT * FROM cases ORDER BY num DESC LIMIT $1', [limit])
      : await this.options.pool.query('SELECT * FROM cases WHERE state = $1 ORDER BY num DESC LIMIT $2', [state, limit]);
    return Promise.all(r.rows.map(async (row) => {
      const parsed = CaseRowSchema.parse(row);
      return toCaseView(parsed, await this.events(this.options.pool, parsed.num));
    }));
  }

  claim(caseId: string, officer: Actor): Promise<CaseView> {
    return this.act('claim', caseId, officer, async (client, row, now) => {
      if (row.state === 'claimed' && row.claimed_by) {
        if (sameActor(row.claimed_by, officer)) return 'unchanged';
        throw new CaseError('bad_state', `${formatCaseId(row.num)} is already claimed by ${describeActor(row.claimed_by)}`);
      }
      requireState(row, ['open', 'reopened'], 'claim');
      const at = now.toISOString();
      await client.query(`UPDATE cases SET state = 'claimed', claimed_by = $1, claimed_at = $2, updated_at = $2 WHERE num = $3`, [JSON.stringify(officer), at, row.num]);
      return { event: { action: 'claimed', note: null }, audit: { kind: 'officer_action', payload: { action: 'claim' } } };
    });
  }

  /** Records the officer's decision and queues it for the asker. A case claimed by someone else is theirs to decide. */
  decide(caseId: string, officer: Actor, input: DecideInput): Promise<CaseView> {
    const d = parseInput(DecideInputSchema, input, 'decision');
    return this.act('decide', caseId, officer, async (client, row, now) => {
      requireState(row, ['open', 'reopened', 'claimed'], 'decide');
      if (row.state === 'claimed' && row.claimed_by && !sameActor(row.claimed_by, officer)) {
        throw new CaseError('bad_state', `${formatCaseId(row.num)} is claimed by ${describeActor(row.claimed_by)}`);
      }
      const at = now.toISOString();
      const resolution: Resolution = { decision: d.verdict, note: d.note, by: officer, at, reusable: d.reusable };
      await client.query(`UPDATE cases SET state = 'resolved', resolution = $1, resolved_at = $2, updated_at = $2 WHERE num = $3`, [JSON.stringify(resolution), at, row.num]);
      const id = formatCaseId(row.num);
      await new PgOutboxQueue(client).enqueue({ kind: 'notify_asker', key: `notify_asker:${id}:${row.reopen_count}`, caseNum: row.num }, now);
      return {
        event: { action: 'decided', note: d.note, decision: d.verdict, reusable: d.reusable },
        audit: {
          kind: 'decision',
          payload: {
            decision: d.verdict, reusable: d.reusable, preliminaryVerdict: row.verdict, factsKey: row.facts_key,
            rulesVersion: row.rules_version,
          },
          text: d.note,
        },
      };
    });
  }

  /** Sends a resolved case back to the officers; its earlier decision stays in the history. */
  reopen(caseId: string, officer: Actor, reason: string): Promise<CaseView> {
    const why = parseInput(NoteSchema, reason, 'reason');
    return this.act('reopen', caseId, officer, async (client, row, now) => {
      requireState(row, ['resolved'], 'reopen');
      const newer = await client.query(
        `SELECT num FROM cases WHERE conversation_key = $1 AND facts_key = $2 AND state <> 'resolved'`, [row.conversation_key, row.facts_key]);
      if (newer.rows[0] !== undefined) {
        throw new CaseError('bad_state', `cannot reopen ${formatCaseId(row.num)}: ${formatCaseId(NumSchema.parse(newer.rows[0]).num)} is open for the same question`);
      }
      const at = now.toISOString();
      await client.query(
        `UPDATE cases SET state = 'reopened', resolution = NULL, resolved_at = NULL, claimed_by = NULL,
           claimed_at = NULL, open_since = $1, reopen_count = reopen_count + 1, updated_at = $1 WHERE num = $2`,
        [at, row.num],
      );
      return { event: { action: 'reopened', note: why }, audit: { kind: 'officer_action', payload: { action: 'reopen' }, text: why } };
    });
  }

  addNote(caseId: string, officer: Actor, text: string): Promise<CaseView> {
    const note = parseInput(NoteSchema, text, 'note');
    return this.act('note', caseId, officer, async () => ({
      event: { action: 'note', note }, audit: { kind: 'officer_action', payload: { action: 'note' }, text: note },
    }));
  }

  /**
   * Posts unclaimed cases again once they have waited a reminder period, at most once per period per case, however
   * many instances run this at once: the reminder's outbox key is unique, and only the instance that inserts it
   * writes the history entry and the audit record. Returns the ids of the cases reminded by this call.
   */
  sendReminders(now: Date): Promise<string[]> {
    return inTransaction(this.options.pool, async (client) => {
      const before = new Date(now.getTime() - this.reminderMs).toISOString();
      const rows = await client.query(`SELECT * FROM cases WHERE state IN ('open', 'reopened') AND open_since <= $1 ORDER BY num`, [before]);
      const outbox = new PgOutboxQueue(client);
      const reminded: { id: string; period: number }[] = [];
      for (const raw of rows.rows) {
        const row = CaseRowSchema.parse(raw);
        const period = Math.floor((now.getTime() - Date.parse(row.open_since)) / this.reminderMs);
        const id = formatCaseId(row.num);
        if (!(await outbox.enqueue({ kind: 'reminder', key: `reminder:${id}:${row.reopen_count}:${period}`, caseNum: row.num }, now))) continue;
        await client.query('INSERT INTO case_events (case_num, at, action, actor, note, detail) VALUES ($1, $2, $3, NULL, NULL, NULL)', [row.num, now.toISOString(), 'reminded']);
        reminded.push({ id, period });
      }
      for (const { id, period } of reminded) {
        await this.audit.appendIn(client, { kind: 'alert', actor: 'system', at: now, payload: { type: 'reminder', caseId: id, period } });
      }
      return reminded.map((r) => r.id);
    });
  }

  /** Alerts the compliance channels, once per ended suspension per day across instances, as CaseService does. */
  checkRulesHorizon(ruleSet: Pick<RuleSet, 'rules' | 'version'>, today: string): Promise<string[]> {
    const day = parseInput(IsoDateSchema, today, 'day');
    const now = this.options.clock.now();
    return inTransaction(this.options.pool, async (client) => {
      const outbox = new PgOutboxQueue(client);
      const alerted: string[] = [];
      for (const e of groupBySuspension(rulesWithUnknownStatus(ruleSet.rules, day))) {
        if (!(await outbox.enqueue({ kind: 'alert', key: horizonAlertKey(e.sourceId, day), payload: { text: horizonAlertText(e, day) } }, now))) continue;
        const ruleIds = e.rules.map((u) => u.rule.id);
        await this.audit.appendIn(client, {
          kind: 'alert', actor: 'system', at: now,
          payload: { type: 'rules_horizon', source: e.sourceId, ruleIds, day, since: e.since, rulesVersion: ruleSet.version },
        });
        alerted.push(...ruleIds);
      }
      return alerted;
    });
  }

  /**
   * Retention, as CaseService.redactOlderThan: old free text leaves the audit log and resolved cases; facts stay.
   * Conversations (migration 10) idle for as long go too: they hold the askers' recent turns.
   */
  redactOlderThan(days: number, now: Date): Promise<RedactionResult> {
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    return inTransaction(this.options.pool, async (client) => {
      const nums = (await client.query(`SELECT num FROM cases WHERE state = 'resolved' AND resolved_at < $1 AND redacted_at IS NULL`, [cutoff]))
        .rows.map((r) => NumSchema.parse(r).num);
      for (const num of nums) {
        await client.query('UPDATE cases SET question = NULL, turns = NULL, redacted_at = $1 WHERE num = $2', [now.toISOString(), num]);
        await client.query('UPDATE case_events SET note = NULL WHERE case_num = $1', [num]);
      }
      await client.query('DELETE FROM conversations WHERE updated_at < $1', [Date.parse(cutoff)]);
      const auditRecords = await this.audit.redactIn(client, days, now, { cases: nums.length });
      return { auditRecords, cases: nums.length };
    });
  }

  private async act(
    action: OfficerAction, caseId: string, officer: Actor,
    change: (client: pg.PoolClient, row: CaseRow, now: Date) => Promise<'unchanged' | Change>,
  ): Promise<CaseView> {
    const who = parseInput(ActorSchema, officer, 'officer');
    if (!this.isOfficer(who)) {
      // Refused before the case is even looked up, so non-officers cannot probe which case ids exist.
      await this.audit.append({ kind: 'refusal', actor: actorId(who), at: this.options.clock.now(), payload: { action, caseId } });
      throw new CaseError('not_officer', `${describeActor(who)} is not a compliance officer, so cannot ${action} cases`);
    }
    const num = parseCaseId(caseId);
    if (num === undefined) throw new CaseError('not_found', `no case ${caseId}`);
    return inTransaction(this.options.pool, async (client) => {
      const found = await client.query('SELECT * FROM cases WHERE num = $1 FOR UPDATE', [num]);
      if (found.rows[0] === undefined) throw new CaseError('not_found', `no case ${caseId}`);
      const row = CaseRowSchema.parse(found.rows[0]);
      const now = this.options.clock.now();
      const result = await change(client, row, now);
      if (result === 'unchanged') return this.mustView(client, num);
      const at = now.toISOString();
      const id = formatCaseId(num);
      const detail = result.event.decision === undefined ? null : JSON.stringify({ decision: result.event.decision, reusable: result.event.reusable ?? false });
      const inserted = await client.query(
        'INSERT INTO case_events (case_num, at, action, actor, note, detail) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [num, at, result.event.action, JSON.stringify(who), result.event.note, detail],
      );
      const eventId = z.object({ id: z.number().int() }).parse(inserted.rows[0]).id;
      await client.query('UPDATE cases SET updated_at = $1 WHERE num = $2', [at, num]);
      await new PgOutboxQueue(client).enqueue({ kind: 'update_case', key: `update_case:${id}:${eventId}`, caseNum: num }, now);
      await this.audit.appendIn(client, {
        kind: result.audit.kind, actor: actorId(who), at: now,
        payload: { caseId: id, ...result.audit.payload },
        ...(result.audit.text ? { text: result.audit.text } : {}),
      });
      return this.mustView(client, num);
    });
  }

  private async view(db: pg.Pool | pg.PoolClient, num: number): Promise<CaseView | undefined> {
    const r = await db.query('SELECT * FROM cases WHERE num = $1', [num]);
    if (r.rows[0] === undefined) return undefined;
    return toCaseView(CaseRowSchema.parse(r.rows[0]), await this.events(db, num));
  }

  private async mustView(db: pg.Pool | pg.PoolClient, num: number): Promise<CaseView> {
    const v = await this.view(db, num);
    if (!v) throw new CaseError('not_found', `no case ${formatCaseId(num)}`);
    return v;
  }

  private async events(db: pg.Pool | pg.PoolClient, num: number): Promise<unknown[]> {
    return (await db.query('SELECT id, at, action, actor, note, detail FROM case_events WHERE case_num = $1 ORDER BY id', [num])).rows;
  }
}
