/**
 * Rows of `cases` and `case_events`, read back through zod: the file may have been written by an older build or
 * edited by hand, so nothing read from it is trusted as typed until it parses.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { FactsSchema, type Facts } from '../rules/facts.js';
import { VerdictSchema } from '../rules/verdict.js';
import { decodeStoredDecision, encodeStoredDecision, StoredDecisionSchema, type CaseDecision } from './case-decision.js';
import { formatCaseId } from './case-id.js';
import {
  ActorSchema, CaseActionSchema, CaseStateSchema, OfficerDecisionSchema, ReplyToSchema, ResolutionSchema, TurnSchema,
  type Actor, type CaseAction, type CaseState, type CaseView, type HistoryEntry, type OfficerDecision, type Precedent,
  type ReplyTo, type Resolution, type Turn,
} from './case-view.js';
import { SqlCache } from './sql-cache.js';

export const REDACTED = '[redacted]';

/** A TEXT column holding JSON, parsed and then checked against `schema`. */
function jsonColumn<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((s, ctx): unknown => {
      try {
        return JSON.parse(s);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

export const CaseRowSchema = z.object({
  num: z.number().int().positive(),
  state: CaseStateSchema,
  conversation_key: z.string(),
  facts_key: z.string(),
  facts: jsonColumn(FactsSchema),
  question: z.string().nullable(),
  turns: jsonColumn(z.array(TurnSchema)).nullable(),
  decision: z.unknown().transform(decodeStoredDecision).pipe(StoredDecisionSchema),
  verdict: VerdictSchema,
  rules_version: z.string(),
  asker: jsonColumn(ActorSchema),
  reply_to: jsonColumn(ReplyToSchema),
  claimed_by: jsonColumn(ActorSchema).nullable(),
  claimed_at: z.string().nullable(),
  resolution: jsonColumn(ResolutionSchema).nullable(),
  open_since: z.string(),
  reopen_count: z.number().int().nonnegative(),
  created_at: z.string(),
  updated_at: z.string(),
  redacted_at: z.string().nullable(),
});
export type CaseRow = z.infer<typeof CaseRowSchema>;

/** Built once (a zod schema costs more to build than to run): findUnresolved runs on every escalation. */
const NumRowSchema = z.object({ num: z.number().int() });

const EventDetailSchema = z.object({ decision: OfficerDecisionSchema.optional(), reusable: z.boolean().optional() });

export const EventRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  action: CaseActionSchema,
  actor: jsonColumn(ActorSchema).nullable(),
  note: z.string().nullable(),
  detail: jsonColumn(EventDetailSchema).nullable(),
});

export interface NewCase {
  readonly conversationKey: string;
  readonly factsKey: string;
  readonly factsNorm: string;
  readonly facts: Facts;
  readonly question: string;
  readonly turns: readonly Turn[];
  readonly decision: CaseDecision;
  readonly asker: Actor;
  readonly replyTo: ReplyTo;
  readonly at: string;
}

export interface CaseEvent {
  readonly action: CaseAction;
  readonly actor: Actor | null;
  readonly note: string | null;
  readonly decision?: OfficerDecision;
  readonly reusable?: boolean;
  readonly at: string;
}


export class CaseStore {
  private readonly sql: SqlCache;

  constructor(db: Database.Database) {
    this.sql = new SqlCache(db);
  }

  findUnresolved(conversationKey: string, factsKey: string): number | undefined {
    const r = this.sql
      .stmt(`SELECT num FROM cases WHERE conversation_key = ? AND facts_key = ? AND state <> 'resolved'`)
      .get(conversationKey, factsKey);
    return r === undefined ? undefined : NumRowSchema.parse(r).num;
  }

  insert(c: NewCase): number {
    const info = this.sql
      .stmt(
        `INSERT INTO cases (state, conversation_key, facts_key, facts_norm, facts, question, turns, decision, verdict,
           rules_version, asker, reply_to, open_since, created_at, updated_at)
         VALUES ('open', @conversation_key, @facts_key, @facts_norm, @facts, @question, @turns, @decision, @verdict,
           @rules_version, @asker, @reply_to, @at, @at, @at)`,
      )
      .run({
        conversation_key: c.conversationKey, facts_key: c.factsKey, facts_norm: c.factsNorm,
        facts: JSON.stringify(c.facts), question: c.question, turns: JSON.stringify(c.turns),
        decision: encodeStoredDecision(c.decision), verdict: c.decision.verdict, rules_version: c.decision.rulesVersion,
        asker: JSON.stringify(c.asker), reply_to: JSON.stringify(c.replyTo), at: c.at,
      });
    return Number(info.lastInsertRowid);
  }

  row(num: number): CaseRow | undefined {
    const r = this.sql.stmt('SELECT * FROM cases WHERE num = ?').get(num);
    return r === undefined ? undefined : CaseRowSchema.parse(r);
  }

  view(num: number): CaseView | undefined {
    const row = this.row(num);
    return row && this.toView(row);
  }

  list(state: CaseState | undefined, limit: number): CaseView[] {
    const rows = state === undefined
      ? this.sql.stmt('SELECT * FROM cases ORDER BY num DESC LIMIT ?').all(limit)
      : this.sql.stmt('SELECT * FROM cases WHERE state = ? ORDER BY num DESC LIMIT ?').all(state, limit);
    return rows.map((r) => this.toView(CaseRowSchema.parse(r)));
  }

  addEvent(num: number, e: CaseEvent): number {
    const detail = e.decision === undefined ? null : JSON.stringify({ decision: e.decision, reusable: e.reusable });
    const info = this.sql
      .stmt('INSERT INTO case_events (case_num, at, action, actor, note, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(num, e.at, e.action, e.actor === null ? null : JSON.stringify(e.actor), e.note, detail);
    return Number(info.lastInsertRowid);
  }

  setClaimed(num: number, by: Actor, at: string): void {
    this.sql
      .stmt(`UPDATE cases SET state = 'claimed', claimed_by = ?, claimed_at = ?, updated_at = ? WHERE num = ?`)
      .run(JSON.stringify(by), at, at, num);
  }

  setResolved(num: number, r: Resolution): void {
    this.sql
      .stmt(`UPDATE cases SET state = 'resolved', resolution = ?, resolved_at = ?, updated_at = ? WHERE num = ?`)
      .run(JSON.stringify(r), r.at, r.at, num);
  }

  /** Back to waiting: the old resolution lives on in the history; a new decision is needed. */
  setReopened(num: number, at: string): void {
    this.sql
      .stmt(
        `UPDATE cases SET state = 'reopened', resolution = NULL, resolved_at = NULL, claimed_by = NULL,
           claimed_at = NULL, open_since = ?, reopen_count = reopen_count + 1, updated_at = ? WHERE num = ?`,
      )
      .run(at, at, num);
  }

  touch(num: number, at: string): void {
    this.sql.stmt('UPDATE cases SET updated_at = ? WHERE num = ?').run(at, num);
  }

  /** Cases waiting for an officer since before `before`. */
  waitingSince(before: string): CaseRow[] {
    return this.sql
      .stmt(`SELECT * FROM cases WHERE state IN ('open', 'reopened') AND open_since <= ? ORDER BY num`)
      .all(before)
      .map((r) => CaseRowSchema.parse(r));
  }

  precedent(factsKey: string, rulesVersion: string): Precedent | undefined {
    const r = this.sql
      .stmt(
        `SELECT num, resolution, rules_version FROM cases
         WHERE state = 'resolved' AND facts_key = ? AND rules_version = ?
         ORDER BY resolved_at DESC, num DESC LIMIT 1`,
      )
      .get(factsKey, rulesVersion);
    if (r === undefined) return undefined;
    const row = z
      .object({ num: z.number().int(), resolution: jsonColumn(ResolutionSchema), rules_version: z.string() })
      .parse(r);
    return {
      caseId: formatCaseId(row.num), decision: row.resolution.decision, decidedAt: row.resolution.at,
      decidedBy: row.resolution.by, reusable: row.resolution.reusable, rulesVersion: row.rules_version,
    };
  }

  /** Clears the question, turns and notes of cases resolved before `before`. Facts and decisions stay. */
  redactResolvedBefore(before: string, now: string): number {
    const nums = this.sql
      .stmt(`SELECT num FROM cases WHERE state = 'resolved' AND resolved_at < ? AND redacted_at IS NULL`)
      .all(before)
      .map((r) => NumRowSchema.parse(r).num);
    for (const num of nums) {
      this.sql.stmt('UPDATE cases SET question = NULL, turns = NULL, redacted_at = ? WHERE num = ?').run(now, num);
      this.sql.stmt('UPDATE case_events SET note = NULL WHERE case_num = ?').run(num);
    }
    return nums.length;
  }

  private toView(row: CaseRow): CaseView {
    const events = this.sql
      .stmt('SELECT id, at, action, actor, note, detail FROM case_events WHERE case_num = ? ORDER BY id')
      .all(row.num);
    return toCaseView(row, events);
  }
}

/** A case as it is shown, from its row and its `case_events` rows in order (both engines read them alike). */
export function toCaseView(row: CaseRow, events: readonly unknown[]): CaseView {
  const history = events.map((r): HistoryEntry => {
    const e = EventRowSchema.parse(r);
    return {
      at: e.at, action: e.action, by: e.actor, note: e.note,
      ...(e.detail?.decision === undefined ? {} : { decision: e.detail.decision }),
      ...(e.detail?.reusable === undefined ? {} : { reusable: e.detail.reusable }),
    };
  });
  return {
    id: formatCaseId(row.num),
    state: row.state,
    question: row.question ?? REDACTED,
    turns: row.turns ?? [],
    facts: row.facts,
    factsKey: row.facts_key,
    decision: row.decision,
    verdict: row.verdict,
    rulesVersion: row.rules_version,
    asker: row.asker,
    replyTo: row.reply_to,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at,
    resolution: row.resolution,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    redactedAt: row.redacted_at,
    history,
  };
}
