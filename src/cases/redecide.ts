/**
 * Re-deciding what a recorded rule status changed: the answers of the last days (the latest per conversation) and
 * the open cases whose decision a changed rule took part in, each on its own facts, as of the later of its own day
 * and today. Where the verdict differs from the one the asker was last told, one update per (conversation, overlay
 * record) is queued through the outbox, in the transaction that stores the record: so a crash leaves the record
 * and all its updates, or neither, and the dispatcher delivers them (retried, rate-limited per platform) after it.
 */
import { decodeStoredDecision, StoredDecisionSchema } from './case-decision.js';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Message } from '../contracts/message.js';
import type { Reply } from '../contracts/reply.js';
import { isoDay } from '../core/clock.js';
import type { Citation } from '../rules/decision.js';
import { evaluate } from '../rules/engine.js';
import { FactsSchema, type Facts } from '../rules/facts.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { StatusRecord } from '../rules/status-overlay.js';
import type { Verdict } from '../rules/verdict.js';
import type { AuditInput, AuditLog } from './audit-log.js';
import { ReplyToSchema, type ReplyTo } from './case-view.js';
import type { Outbox, OutboxEntry } from './outbox.js';

export interface AnswerChange {
  readonly conversationKey: string;
  readonly answerSeq: number;
  readonly channel: string;
  readonly askedAt: string;
  readonly previousVerdict: string;
  readonly verdict: Verdict;
  readonly replyTo: ReplyTo;
  readonly text: string;
  readonly citations: Citation[];
}

export interface CaseChange {
  readonly caseNum: number;
  readonly previousVerdict: string;
  readonly verdict: Verdict;
}

export interface Redecision {
  readonly answers: AnswerChange[];
  readonly cases: CaseChange[];
}

const AnswerRowSchema = z.object({
  answer_seq: z.number().int(),
  conversation_key: z.string(),
  channel: z.string(),
  reply_to: z.string(),
  asked_at: z.string(),
  as_of: z.string(),
  facts: z.string(),
  verdict: z.string(),
  fired: z.string(),
  told: z.string().nullable(),
});

const CaseRowSchema = z.object({ num: z.number().int(), facts: z.string(), decision: z.unknown(), verdict: z.string(), told: z.string().nullable() });
const FiredSchema = z.array(z.string());

function verdictWords(v: string): string {
  return v.replace('_', ' ');
}

/** "On 20 November you asked about …": the goods or the collaboration, from the facts (no question text is kept). */
function subject(facts: Facts): string {
  const item = facts.item;
  if (item) {
    const what = [item.elementsPresent?.join('/'), item.magnetType, item.form].filter(Boolean).join(' ');
    const route = [facts.shipFrom ? `from ${facts.shipFrom}` : '', facts.destination ? `to ${facts.destination}` : ''].filter(Boolean).join(' ');
    return [what || 'goods', route].filter(Boolean).join(' ');
  }
  if (facts.collaboration) return `a ${(facts.collaboration.kind ?? 'technology').replace('_', ' ')} collaboration`;
  return 'an export question';
}

function dayWords(iso: string): string {
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function updateText(askedAt: string, facts: Facts, previous: string, verdict: Verdict, record: StatusRecord, reasons: readonly string[]): string {
  const what = record.status === 'extended' ? `extended until ${record.until ?? ''}` : `${record.status} from ${record.from ?? ''}`;
  return `On ${dayWords(askedAt)} you asked about ${subject(facts)}; the answer was ${verdictWords(previous)}. `
    + `Since compliance recorded that ${record.target} was ${what}, it is now ${verdictWords(verdict)}, because: ${reasons.slice(0, 2).join(' ')}`;
}

/** A decided answer as stored (either engine: the columns are the same), with the verdict its asker was last told. */
export type DecidedAnswerRow = z.infer<typeof AnswerRowSchema>;
/** An open case as redeciding reads it, with the verdict its last re-decision noted. */
export type OpenCaseRow = z.infer<typeof CaseRowSchema>;

/**
 * One stored answer re-decided on `applied`, as of the later of its own day and today: the change to tell its asker,
 * or undefined when no changed rule took part in it or the verdict stays what the asker was told. Both engines.
 */
export function redecideAnswer(raw: unknown, applied: RuleSet, touched: ReadonlySet<string>, record: StatusRecord, today: string): AnswerChange | undefined {
  const r = AnswerRowSchema.parse(raw);
  if (!FiredSchema.parse(JSON.parse(r.fired)).some((id) => touched.has(id))) return undefined;
  const facts = FactsSchema.parse(JSON.parse(r.facts));
  const decision = evaluate(applied, facts, r.as_of > today ? r.as_of : today);
  const previous = r.told ?? r.verdict;
  if (decision.verdict === previous) return undefined;
  return {
    conversationKey: r.conversation_key, answerSeq: r.answer_seq, channel: r.channel, askedAt: r.asked_at, previousVerdict: previous,
    verdict: decision.verdict, replyTo: ReplyToSchema.parse(JSON.parse(r.reply_to)), citations: decision.citations,
    text: updateText(r.asked_at, facts, previous, decision.verdict, record, decision.reasons),
  };
}

/** The rule ids a stored case decision fired, or undefined when it cannot be read (a case is then left alone). */
export function caseRuleIds(decision: unknown): readonly string[] | undefined {
  const d = StoredDecisionSchema.safeParse(decodeStoredDecision(decision));
  return d.success ? d.data.ruleIds : undefined;
}

/** One open case re-decided on `applied`: its new preliminary verdict, or undefined when nothing it relied on changed. */
export function redecideCase(raw: unknown, applied: RuleSet, touched: ReadonlySet<string>, today: string): CaseChange | undefined {
  const c = CaseRowSchema.parse(raw);
  // A case keeps its decision compact (case-decision.ts): the ids of the rules that fired.
  const d = StoredDecisionSchema.safeParse(decodeStoredDecision(c.decision));
  if (!d.success || !d.data.ruleIds.some((id) => touched.has(id))) return undefined;
  const facts = FactsSchema.safeParse(JSON.parse(c.facts));
  if (!facts.success) return undefined;
  const asOf = d.data.asOf && d.data.asOf > today ? d.data.asOf : today;
  const verdict = evaluate(applied, facts.data, asOf).verdict;
  const previous = c.told ?? c.verdict;
  return verdict === previous ? undefined : { caseNum: c.num, previousVerdict: previous, verdict };
}

/** The case history note a re-decision adds, and its detail (the verdict the case was last re-decided to). */
export function caseRedecidedEvent(c: CaseChange, record: StatusRecord): { note: string; detail: string } {
  return {
    note: `Preliminary verdict now ${verdictWords(c.verdict)} (was ${verdictWords(c.previousVerdict)}): compliance recorded that ${record.target} was ${record.status}.`,
    detail: JSON.stringify({ redecided: 1, verdict: c.verdict, overlayId: record.id }),
  };
}

/** The audit records of a re-decision (the same on both engines). */
export function answerRedecidedAudit(a: AnswerChange, record: StatusRecord, now: Date): AuditInput {
  return {
    kind: 'rule_status', actor: 'system', at: now,
    payload: { type: 'answer_redecided', overlayId: record.id, answerSeq: a.answerSeq, conversation: a.conversationKey, from: a.previousVerdict, to: a.verdict },
  };
}

export function caseRedecidedAudit(c: CaseChange, record: StatusRecord, now: Date): AuditInput {
  return {
    kind: 'rule_status', actor: 'system', at: now,
    payload: { type: 'case_redecided', overlayId: record.id, caseNum: c.caseNum, from: c.previousVerdict, to: c.verdict },
  };
}

/** The outbox entry that delivers one answer update (keyed on conversation and record: queued once). */
export function answerUpdateEntry(a: AnswerChange, record: StatusRecord, updateId: number): OutboxEntry {
  return { kind: 'answer_update', key: `answer-update:${a.conversationKey}:${record.id}`, payload: { updateId, channel: a.replyTo.channel } };
}

/** The cutoff of the re-decision window: answers asked since then are re-decided. */
export function redecideCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/**
 * What the record would change, without writing anything: the preview, and the work `queue` writes.
 * `applied` is the rule set with the record; `changed` the rule ids it changed.
 */
export function redecide(db: Database.Database, applied: RuleSet, changed: readonly string[], record: StatusRecord, now: Date, days: number): Redecision {
  const touched = new Set(changed);
  const today = isoDay(now);
  // The latest decided answer of each conversation in the window, and the verdict it was last told (an update).
  const rows = db.prepare(
    `SELECT d.*, (SELECT u.verdict FROM answer_updates u WHERE u.conversation_key = d.conversation_key AND u.answer_seq = d.answer_seq
                  ORDER BY u.id DESC LIMIT 1) AS told
     FROM decided_answers d
     WHERE d.asked_at >= ? AND d.answer_seq = (SELECT MAX(answer_seq) FROM decided_answers x WHERE x.conversation_key = d.conversation_key)
     ORDER BY d.answer_seq`,
  ).all(redecideCutoff(now, days));
  const answers = rows.map((r) => redecideAnswer(r, applied, touched, record, today)).filter((a) => a !== undefined);
  const open = db.prepare(
    `SELECT c.num, c.facts, c.decision, c.verdict,
            (SELECT json_extract(e.detail, '$.verdict') FROM case_events e WHERE e.case_num = c.num AND json_extract(e.detail, '$.redecided') = 1
             ORDER BY e.id DESC LIMIT 1) AS told
     FROM cases c WHERE c.state <> 'resolved' ORDER BY c.num`,
  ).all();
  const cases = open.map((c) => redecideCase(c, applied, touched, today)).filter((c) => c !== undefined);
  return { answers, cases };
}

/**
 * Writes what `redecide` found, in the caller's transaction: one update row and one outbox row per conversation
 * (both keyed on (conversation, overlay record), so running it again adds nothing), the new preliminary verdict on
 * each open case, and an audit record for each.
 */
export function queueRedecision(db: Database.Database, outbox: Outbox, audit: AuditLog, found: Redecision, record: StatusRecord, now: Date): void {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO answer_updates (conversation_key, overlay_id, answer_seq, channel, previous_verdict, verdict, reply_to, text, citations, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of found.answers) {
    const info = insert.run(a.conversationKey, record.id, a.answerSeq, a.channel, a.previousVerdict, a.verdict, JSON.stringify(a.replyTo), a.text, JSON.stringify(a.citations), now.toISOString());
    if (info.changes === 0) continue;
    outbox.enqueue(answerUpdateEntry(a, record, Number(info.lastInsertRowid)), now);
    audit.append(answerRedecidedAudit(a, record, now));
  }
  const event = db.prepare("INSERT INTO case_events (case_num, at, action, actor, note, detail) VALUES (?, ?, 'note', NULL, ?, ?)");
  for (const c of found.cases) {
    const e = caseRedecidedEvent(c, record);
    event.run(c.caseNum, now.toISOString(), e.note, e.detail);
    audit.append(caseRedecidedAudit(c, record, now));
  }
}

/**
 * Keeps what an answer was decided on, for re-deciding it later (CaseService.recordQuestion calls it). Only each
 * conversation's latest decided answer is ever re-decided (redecide, countAffected), so the ones before it are
 * dropped: the table grows with conversations, not turns. The audit log keeps every answer's record.
 */
export function keepDecidedAnswer(db: Database.Database, answerSeq: number, m: Message, r: Reply, at: Date): void {
  if (!r.facts || r.fired.length === 0) return;
  const replyTo = { ...(m.replyTo ?? {}), channel: m.channel, user: m.user, conversation: m.conversation };
  const conversationKey = `${m.channel}:${m.conversation}`;
  const statements = decidedAnswerStatements(db);
  statements.insert.run(answerSeq, conversationKey, m.channel, JSON.stringify(replyTo), at.toISOString(), r.asOf, JSON.stringify(r.facts),
    r.verdict, JSON.stringify(r.fired.map((f) => f.ruleId)), r.rulesVersion);
  statements.dropEarlier.run(conversationKey, answerSeq);
}

/** Prepared once per connection: keepDecidedAnswer runs on every decided turn. */
const decidedAnswerCache = new WeakMap<Database.Database, { insert: Database.Statement; dropEarlier: Database.Statement }>();

function decidedAnswerStatements(db: Database.Database): { insert: Database.Statement; dropEarlier: Database.Statement } {
  let s = decidedAnswerCache.get(db);
  if (!s) {
    s = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO decided_answers (answer_seq, conversation_key, channel, reply_to, asked_at, as_of, facts, verdict, fired, rules_version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      dropEarlier: db.prepare('DELETE FROM decided_answers WHERE conversation_key = ? AND answer_seq < ?'),
    };
    decidedAnswerCache.set(db, s);
  }
  return s;
}

/** How many of these answers' and case decisions' fired rules include one of `ruleIds` (the horizon alert's counts). */
export function countTouched(ruleIds: readonly string[], fired: readonly unknown[], decisions: readonly unknown[]): { conversations: number; cases: number } {
  const touched = new Set(ruleIds);
  const conversations = fired.filter((f) => FiredSchema.parse(JSON.parse(String(f))).some((id) => touched.has(id))).length;
  const cases = decisions.filter((d) => caseRuleIds(d)?.some((id) => touched.has(id)) ?? false).length;
  return { conversations, cases };
}

/** How many recent conversations and open cases a change to these rules could touch (the horizon alert's counts). */
export function countAffected(db: Database.Database, ruleIds: readonly string[], now: Date, days: number): { conversations: number; cases: number } {
  const fired = db.prepare(
    `SELECT d.fired FROM decided_answers d WHERE d.asked_at >= ?
     AND d.answer_seq = (SELECT MAX(answer_seq) FROM decided_answers x WHERE x.conversation_key = d.conversation_key)`,
  ).pluck().all(redecideCutoff(now, days));
  const decisions = db.prepare("SELECT decision FROM cases WHERE state <> 'resolved'").pluck().all();
  return countTouched(ruleIds, fired, decisions);
}
