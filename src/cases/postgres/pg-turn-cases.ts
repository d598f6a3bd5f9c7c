/**
 * A turn's case work on PostgreSQL, as a unit of work. The assistant decides synchronously (understanding and
 * deciding are pure), while `pg` is asynchronous, so a turn does not write as it goes, as it does inside SQLite's
 * group commit; it answers against this object, which:
 * - reads from a snapshot loaded before the turn (the conversation's unresolved cases), and, for what cannot be
 *   known in advance (a precedent for facts the turn works out; a case number), throws `NeedsRead`: the pipeline
 *   loads it and answers the turn again, from the start, on a fresh unit (nothing was written, so nothing repeats);
 * - records every write the turn makes (case, its history, its outbox post, the audit records, the decided
 *   answer) and applies them in order, in the turn's transaction, with `apply`.
 *
 * The audit records are appended last, so the chain's head row (locked by every append, pg-audit-chain.ts) is held
 * only for the end of the transaction. The records are the ones CaseService writes on SQLite, field for field
 * (test/assistant/turn-engines.test.ts compares the two engines' chains).
 */
import type pg from 'pg';
import { z } from 'zod';
import type { Message } from '../../contracts/message.js';
import type { Reply } from '../../contracts/reply.js';
import type { Clock } from '../../core/clock.js';
import { answerPayload } from '../answer-record.js';
import type { AuditInput, AuditRecord } from '../audit-log.js';
import { compactDecision } from '../case-decision.js';
import { CaseError } from '../case-error.js';
import { formatCaseId } from '../case-id.js';
import { actorId, OpenCaseInputSchema, type OpenCaseInput } from '../case-service.js';
import { ResolutionSchema, type Actor, type Precedent } from '../case-view.js';
import { factsKey, normaliseFacts } from '../normalise-facts.js';
import { PgOutboxQueue } from './pg-outbox-queue.js';

/** What a turn needed that its snapshot did not hold. */
export type TurnRead =
  | { readonly kind: 'precedent'; readonly factsKey: string; readonly rulesVersion: string }
  | { readonly kind: 'case_number' };

export class NeedsRead extends Error {
  constructor(readonly need: TurnRead) {
    super(`the turn needs a read first: ${need.kind}`);
    this.name = 'NeedsRead';
  }
}

/** What a turn reads of the cases, loaded inside its transaction (after the conversation's lock). */
export interface CaseSnapshot {
  readonly conversationKey: string;
  /** factsKey → case number, for the conversation's unresolved cases. */
  readonly unresolved: ReadonlyMap<string, number>;
  readonly precedents: Map<string, Precedent | null>;
  /** Case numbers taken from the sequence for this turn, used in order. */
  readonly caseNumbers: number[];
}

/** Where a turn's audit records go: the chain's `appendManyIn` on the turn's client. */
export interface AuditAppender {
  appendManyIn(client: pg.PoolClient, make: readonly ((seq: number) => AuditInput)[]): Promise<AuditRecord[]>;
}

const NumRowSchema = z.object({ num: z.number().int(), facts_key: z.string() });
const PrecedentRowSchema = z.object({ num: z.number().int(), resolution: z.string(), rules_version: z.string() });
const OpenCaseCheckedSchema = OpenCaseInputSchema.omit({ decision: true });

function precedentKey(key: string, rulesVersion: string): string {
  return `${key}\u0000${rulesVersion}`;
}

export async function loadCaseSnapshot(client: pg.PoolClient, conversationKey: string): Promise<CaseSnapshot> {
  const r = await client.query(`SELECT num, facts_key FROM cases WHERE conversation_key = $1 AND state <> 'resolved'`, [conversationKey]);
  const unresolved = new Map(r.rows.map((row) => {
    const p = NumRowSchema.parse(row);
    return [p.facts_key, p.num] as const;
  }));
  return { conversationKey, unresolved, precedents: new Map(), caseNumbers: [] };
}

/** Loads what `need` names into the snapshot. */
export async function satisfy(client: pg.PoolClient, snapshot: CaseSnapshot, need: TurnRead): Promise<void> {
  switch (need.kind) {
    case 'precedent': {
      const r = await client.query(
        `SELECT num, resolution, rules_version FROM cases
         WHERE state = 'resolved' AND facts_key = $1 AND rules_version = $2
         ORDER BY resolved_at DESC, num DESC LIMIT 1`,
        [need.factsKey, need.rulesVersion],
      );
      snapshot.precedents.set(precedentKey(need.factsKey, need.rulesVersion), r.rows[0] === undefined ? null : toPrecedent(r.rows[0]));
      return;
    }
    case 'case_number': {
      const r = await client.query(`SELECT nextval(pg_get_serial_sequence('cases', 'num')) AS num`);
      snapshot.caseNumbers.push(z.object({ num: z.number().int().positive() }).parse(r.rows[0]).num);
      return;
    }
  }
}

/** How often one unit of work may find it needs another read: a precedent and a case number are all it asks for. */
const MAX_PASSES = 4;

/**
 * Runs `attempt` against a fresh unit of work on `snapshot` until it needs no read the snapshot lacks: each `NeedsRead`
 * is loaded on `client` and the attempt made again from the start (it wrote nothing, so nothing repeats). Returns the
 * unit whose writes are to be applied, with what the attempt returned.
 */
export async function withReads<T>(
  client: pg.PoolClient, snapshot: CaseSnapshot, clock: Clock, attempt: (cases: PgTurnCases) => T,
): Promise<{ readonly cases: PgTurnCases; readonly result: T }> {
  for (let pass = 1; ; pass++) {
    const cases = new PgTurnCases(snapshot, clock);
    try {
      return { cases, result: attempt(cases) };
    } catch (err) {
      if (!(err instanceof NeedsRead) || pass >= MAX_PASSES) throw err;
      await satisfy(client, snapshot, err.need);
    }
  }
}

function toPrecedent(row: unknown): Precedent {
  const p = PrecedentRowSchema.parse(row);
  const resolution = ResolutionSchema.parse(JSON.parse(p.resolution));
  return {
    caseId: formatCaseId(p.num), decision: resolution.decision, decidedAt: resolution.at,
    decidedBy: resolution.by, reusable: resolution.reusable, rulesVersion: p.rules_version,
  };
}

type Write = (client: pg.PoolClient) => Promise<void>;
/** An audit record of the turn, built once its seq is known; `after` writes what depends on that seq. */
interface AuditWrite {
  readonly make: (seq: number) => AuditInput;
  readonly after?: (client: pg.PoolClient, record: AuditRecord) => Promise<void>;
}

/** The case side of one turn (the assistant's CasesPort): reads from the snapshot, writes recorded for `apply`. */
export class PgTurnCases {
  private readonly writes: Write[] = [];
  private readonly auditWrites: AuditWrite[] = [];
  private readonly opened = new Map<string, number>();
  private numbersUsed = 0;

  constructor(private readonly snapshot: CaseSnapshot, private readonly clock: Clock) {}

  findPrecedent(key: string, rulesVersion: string): Precedent | undefined {
    const found = this.snapshot.precedents.get(precedentKey(key, rulesVersion));
    if (found === undefined) throw new NeedsRead({ kind: 'precedent', factsKey: key, rulesVersion });
    return found ?? undefined;
  }

  escalate(input: OpenCaseInput): { readonly case: { readonly id: string }; readonly created: boolean } {
    const checked = OpenCaseCheckedSchema.safeParse(input);
    if (!checked.success) throw new CaseError('invalid', `invalid escalation: ${checked.error.issues[0]?.message ?? 'does not parse'}`);
    const c = { ...checked.data, decision: input.decision };
    const now = this.clock.now();
    const at = now.toISOString();
    const asker: Actor = { channel: c.replyTo.channel, user: c.replyTo.user, ...(c.askerName ? { name: c.askerName } : {}) };
    const conversationKey = `${c.replyTo.channel}:${c.replyTo.conversation}`;
    if (conversationKey !== this.snapshot.conversationKey) {
      throw new Error(`a turn of ${this.snapshot.conversationKey} opened a case in ${conversationKey}`);
    }
    const key = factsKey(c.facts);
    const existing = this.snapshot.unresolved.get(key) ?? this.opened.get(key);
    let num = existing;
    if (num === undefined) {
      num = this.snapshot.caseNumbers[this.numbersUsed];
      if (num === undefined) throw new NeedsRead({ kind: 'case_number' });
      this.numbersUsed++;
      this.opened.set(key, num);
      const caseNum = num;
      const id = formatCaseId(caseNum);
      const decision = compactDecision(c.decision);
      this.writes.push(async (client) => {
        await client.query(
          `INSERT INTO cases (num, state, conversation_key, facts_key, facts_norm, facts, question, turns, decision, verdict,
             rules_version, asker, reply_to, open_since, created_at, updated_at)
           VALUES ($1, 'open', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $13)`,
          [caseNum, conversationKey, key, normaliseFacts(c.facts), JSON.stringify(c.facts), c.question, JSON.stringify(c.turns),
            JSON.stringify(decision), decision.verdict, decision.rulesVersion, JSON.stringify(asker), JSON.stringify(c.replyTo), at],
        );
        await client.query(
          'INSERT INTO case_events (case_num, at, action, actor, note, detail) VALUES ($1, $2, $3, $4, NULL, NULL)',
          [caseNum, at, 'opened', JSON.stringify(asker)],
        );
        await new PgOutboxQueue(client).enqueue({ kind: 'post_case', key: `post_case:${id}`, caseNum }, now);
      });
    }
    const id = formatCaseId(num);
    const created = existing === undefined;
    this.auditWrites.push({
      make: () => ({
        // The text only with the escalation that opens the case, as case-service.ts (SQLite) writes it.
        kind: 'escalation', actor: actorId(asker), at: now, ...(created ? { text: c.question } : {}),
        payload: {
          caseId: id, created, conversation: conversationKey, factsKey: key,
          verdict: c.decision.verdict, rulesVersion: c.decision.rulesVersion, asOf: c.decision.asOf,
        },
      }),
    });
    return { case: { id }, created };
  }

  recordQuestion(m: Message, r: Reply): void {
    const asker = actorId({ channel: m.channel, user: m.user });
    const at = this.clock.now();
    this.auditWrites.push({
      make: () => ({
        kind: 'question', actor: asker, at, text: m.text,
        payload: { messageId: m.id, channel: m.channel, conversation: m.conversation, receivedAt: m.receivedAt.toISOString() },
      }),
    }, {
      // The answer follows its question in the chain, so the question's seq is the one before its own.
      make: (seq) => ({
        kind: 'answer', actor: 'assistant', at, payload: answerPayload(seq - 1, m, r),
      }),
      after: (client, answer) => keepDecidedAnswer(client, answer.seq, m, r, at),
    });
  }

  /** The recorded writes, in the order the turn made them; the audit records last. */
  async apply(client: pg.PoolClient, audit: AuditAppender): Promise<void> {
    for (const w of this.writes) await w(client);
    const records = await audit.appendManyIn(client, this.auditWrites.map((w) => w.make));
    for (const [i, w] of this.auditWrites.entries()) {
      const record = records[i];
      if (w.after && record) await w.after(client, record);
    }
  }
}

/** decided_answers on PostgreSQL, as redecide.ts's keepDecidedAnswer writes it on SQLite. */
async function keepDecidedAnswer(client: pg.PoolClient, answerSeq: number, m: Message, r: Reply, at: Date): Promise<void> {
  if (!r.facts || r.fired.length === 0) return;
  const replyTo = { ...(m.replyTo ?? {}), channel: m.channel, user: m.user, conversation: m.conversation };
  await client.query(
    `INSERT INTO decided_answers (answer_seq, conversation_key, channel, reply_to, asked_at, as_of, facts, verdict, fired, rules_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
    [answerSeq, `${m.channel}:${m.conversation}`, m.channel, JSON.stringify(replyTo), at.toISOString(), r.asOf, JSON.stringify(r.facts),
      r.verdict, JSON.stringify(r.fired.map((f) => f.ruleId)), r.rulesVersion],
  );
}
