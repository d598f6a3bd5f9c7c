/**
 * Cases: opening them when the assistant escalates, the officers' actions on them, reminders, the rules-horizon
 * alert, precedents, and the audit trail of all of it. Every change commits in one transaction with its audit
 * record and the outbox rows that announce it, so a crash leaves either all of it or none.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Message } from '../contracts/message.js';
import type { Reply } from '../contracts/reply.js';
import { systemClock, type Clock } from '../core/clock.js';
import { DecisionSchema } from '../rules/decision.js';
import { FactsSchema, IsoDateSchema } from '../rules/facts.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { AuditAnchors } from './audit-anchor.js';
import { answerPayload } from './answer-record.js';
import { AuditLog } from './audit-log.js';
import { compactDecision } from './case-decision.js';
import { verifyAuditTrail, type TrailVerification } from './audit-verify.js';
import { CaseError } from './case-error.js';
import { formatCaseId, parseCaseId } from './case-id.js';
import { CaseStore, type CaseRow } from './case-store.js';
import {
  ActorSchema, CaseStateSchema, OfficerDecisionSchema, ReplyToSchema, TurnSchema,
  type Actor, type CaseState, type CaseView, type OfficerDecision, type Precedent,
} from './case-view.js';
import { openCaseDatabase, type OpenDatabaseOptions } from './database.js';
import { factsKey, normaliseFacts } from './normalise-facts.js';
import { isOfficer, OfficersSchema, type Officers, type OfficersInput } from './officers.js';
import { Outbox } from './outbox.js';
import { keepDecidedAnswer } from './redecide.js';
import { groupBySuspension, horizonAlertKey, horizonAlertText, rulesWithUnknownStatus } from './rules-horizon.js';

export const OpenCaseInputSchema = z.object({
  /** The question as the asker put it. */
  question: z.string().min(1).max(20_000),
  /** The conversation so far, for the officer to read. */
  turns: z.array(TurnSchema).max(200).default([]),
  facts: FactsSchema,
  /** The engine's preliminary decision, with its trace. */
  decision: DecisionSchema,
  replyTo: ReplyToSchema,
  askerName: z.string().max(200).optional(),
});
export type OpenCaseInput = z.input<typeof OpenCaseInputSchema>;
const OpenCaseCheckedSchema = OpenCaseInputSchema.omit({ decision: true });

export const DecideInputSchema = z.object({
  verdict: OfficerDecisionSchema,
  note: z.string().max(4_000).default(''),
  reusable: z.boolean().default(false),
});
export type DecideInput = z.input<typeof DecideInputSchema>;

export const NoteSchema = z.string().trim().min(1, 'a note cannot be empty').max(4_000);

export interface CaseServiceOptions {
  /** A database file path, ':memory:', or an already opened database (shared with a dispatcher in-process). */
  readonly db: string | Database.Database;
  readonly officers: OfficersInput;
  readonly clock?: Clock;
  /** Unclaimed cases are posted again after this many hours, and every as many hours after that. Default 4. */
  readonly reminderHours?: number;
  readonly synchronous?: OpenDatabaseOptions['synchronous'];
  /** Where the audit chain's head is anchored outside the database; none for an in-memory database. */
  readonly anchors?: AuditAnchors | undefined;
}

export interface OpenCaseResult {
  readonly case: CaseView;
  /** False when an unresolved case for the same question in the same conversation already existed. */
  readonly created: boolean;
}

export interface RecordedQuestion {
  readonly questionSeq: number;
  readonly answerSeq: number;
}

export interface RedactionResult {
  readonly auditRecords: number;
  readonly cases: number;
}

export type OfficerAction = 'claim' | 'decide' | 'reopen' | 'note';

/** Input from a channel that does not parse is refused as a CaseError, like every other refusal. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new CaseError('invalid', `invalid ${what}${where}: ${issue?.message ?? 'does not parse'}`);
}

export function actorId(a: Actor): string {
  return `${a.channel}:${a.user}`;
}

export class CaseService {
  readonly db: Database.Database;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  private readonly store: CaseStore;
  private readonly officers: Officers;
  private readonly clock: Clock;
  private readonly reminderMs: number;
  private readonly ownsDb: boolean;
  private readonly anchors: AuditAnchors | undefined;

  constructor(options: CaseServiceOptions) {
    this.ownsDb = typeof options.db === 'string';
    this.db = typeof options.db === 'string'
      ? openCaseDatabase(options.db, options.synchronous ? { synchronous: options.synchronous } : {})
      : options.db;
    this.anchors = options.anchors;
    this.audit = new AuditLog(this.db, { anchors: options.anchors });
    this.outbox = new Outbox(this.db);
    this.store = new CaseStore(this.db);
    this.officers = OfficersSchema.parse(options.officers);
    this.clock = options.clock ?? systemClock;
    const hours = options.reminderHours ?? 4;
    if (!(hours > 0)) throw new RangeError(`reminderHours must be > 0, got ${hours}`);
    this.reminderMs = hours * 3_600_000;
  }

  close(): void {
    if (this.ownsDb && this.db.open) this.db.close();
  }

  /** The audit chain, its anchors and the cases against their audit records (audit-verify.ts). */
  verifyAuditTrail(): TrailVerification {
    return verifyAuditTrail(this.db, { anchorFile: this.anchors?.file, anchorKey: this.anchors?.key });
  }

  isOfficer(actor: Actor): boolean {
    return isOfficer(this.officers, actor.channel, actor.user);
  }

  /**
   * Opens a case for an escalated question and queues its card for the compliance channels. The same question
   * (same normalised facts) in the same conversation while a case is unresolved returns that case instead.
   */
  openCase(input: OpenCaseInput): OpenCaseResult {
    return this.tx(() => {
      const opened = this.opened(input);
      return { case: this.mustView(opened.num), created: opened.created };
    });
  }

  /**
   * openCase for a turn (the assistant's CasesPort), which needs the case's id, not its view: reading the row back
   * and parsing its JSON columns was a twentieth of a turn's CPU.
   */
  escalate(input: OpenCaseInput): { readonly case: { readonly id: string }; readonly created: boolean } {
    const opened = this.opened(input);
    return { case: { id: formatCaseId(opened.num) }, created: opened.created };
  }

  private opened(input: OpenCaseInput): { readonly num: number; readonly created: boolean } {
    // The question, turns, facts and address are checked; the decision is the engine's own typed object, not input
    // from outside, and parsing its trace again cost more than the rest of the turn's validation.
    const c = { ...parseInput(OpenCaseCheckedSchema, input, 'escalation'), decision: input.decision };
    const now = this.clock.now();
    const at = now.toISOString();
    const asker: Actor = { channel: c.replyTo.channel, user: c.replyTo.user, ...(c.askerName ? { name: c.askerName } : {}) };
    const conversationKey = `${c.replyTo.channel}:${c.replyTo.conversation}`;
    const key = factsKey(c.facts);
    return this.tx(() => {
      const existing = this.store.findUnresolved(conversationKey, key);
      const num = existing ?? this.store.insert({
        conversationKey, factsKey: key, factsNorm: normaliseFacts(c.facts), facts: c.facts, question: c.question,
        turns: c.turns, decision: compactDecision(c.decision), asker, replyTo: c.replyTo, at,
      });
      const id = formatCaseId(num);
      const created = existing === undefined;
      if (created) {
        this.store.addEvent(num, { action: 'opened', actor: asker, note: null, at });
        this.outbox.enqueue({ kind: 'post_case', key: `post_case:${id}`, caseNum: num }, now);
      }
      // The question's text goes with the escalation that opens the case (the case keeps it too, and the cross-check
      // compares the two). A later turn joining the open case is recorded by its own question record, and its answer
      // record names the case: repeating the conversation's text here stored it again on every such turn.
      this.audit.append({
        kind: 'escalation', actor: actorId(asker), at: now, ...(created ? { text: c.question } : {}),
        payload: {
          caseId: id, created, conversation: conversationKey, factsKey: key,
          verdict: c.decision.verdict, rulesVersion: c.decision.rulesVersion, asOf: c.decision.asOf,
        },
      });
      return { num, created };
    });
  }

  claim(caseId: string, officer: Actor): CaseView {
    return this.act('claim', caseId, officer, (row, now) => {
      if (row.state === 'claimed' && row.claimed_by) {
        if (sameActor(row.claimed_by, officer)) return 'unchanged';
        throw new CaseError('bad_state', `${formatCaseId(row.num)} is already claimed by ${describeActor(row.claimed_by)}`);
      }
      requireState(row, ['open', 'reopened'], 'claim');
      this.store.setClaimed(row.num, officer, now.toISOString());
      return { event: { action: 'claimed', note: null }, audit: { kind: 'officer_action', payload: { action: 'claim' } } };
    });
  }

  /** Records the officer's decision and queues it for the asker. A case claimed by someone else is theirs to decide. */
  decide(caseId: string, officer: Actor, input: DecideInput): CaseView {
    const d = parseInput(DecideInputSchema, input, 'decision');
    return this.act('decide', caseId, officer, (row, now) => {
      requireState(row, ['open', 'reopened', 'claimed'], 'decide');
      if (row.state === 'claimed' && row.claimed_by && !sameActor(row.claimed_by, officer)) {
        throw new CaseError('bad_state', `${formatCaseId(row.num)} is claimed by ${describeActor(row.claimed_by)}`);
      }
      const at = now.toISOString();
      this.store.setResolved(row.num, { decision: d.verdict, note: d.note, by: officer, at, reusable: d.reusable });
      const id = formatCaseId(row.num);
      this.outbox.enqueue({ kind: 'notify_asker', key: `notify_asker:${id}:${row.reopen_count}`, caseNum: row.num }, now);
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
  reopen(caseId: string, officer: Actor, reason: string): CaseView {
    const why = parseInput(NoteSchema, reason, 'reason');
    return this.act('reopen', caseId, officer, (row, now) => {
      requireState(row, ['resolved'], 'reopen');
      // The same question asked again after the decision has its own open case; two would split the officers' work.
      const newer = this.store.findUnresolved(row.conversation_key, row.facts_key);
      if (newer !== undefined) {
        throw new CaseError('bad_state', `cannot reopen ${formatCaseId(row.num)}: ${formatCaseId(newer)} is open for the same question`);
      }
      this.store.setReopened(row.num, now.toISOString());
      return { event: { action: 'reopened', note: why }, audit: { kind: 'officer_action', payload: { action: 'reopen' }, text: why } };
    });
  }

  addNote(caseId: string, officer: Actor, text: string): CaseView {
    const note = parseInput(NoteSchema, text, 'note');
    return this.act('note', caseId, officer, () => ({
      event: { action: 'note', note }, audit: { kind: 'officer_action', payload: { action: 'note' }, text: note },
    }));
  }

  get(caseId: string): CaseView | undefined {
    const num = parseCaseId(caseId);
    return num === undefined ? undefined : this.store.view(num);
  }

  list(options: { state?: CaseState; limit?: number } = {}): CaseView[] {
    const state = options.state === undefined ? undefined : parseInput(CaseStateSchema, options.state, 'state');
    const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 50)), 500);
    return this.store.list(state, limit);
  }

  /**
   * The latest resolved case with the same facts (`factsKey(facts)`) under the same rules version. Whether it may
   * answer a new question is the caller's call: only when `reusable` is true.
   */
  findPrecedent(key: string, rulesVersion: string): Precedent | undefined {
    return this.store.precedent(key, rulesVersion);
  }

  /**
   * Posts unclaimed cases again once they have waited a reminder period, at most once per period per case.
   * Returns the ids of the cases reminded by this call.
   */
  sendReminders(now: Date): string[] {
    const reminded: string[] = [];
    this.tx(() => {
      for (const row of this.store.waitingSince(new Date(now.getTime() - this.reminderMs).toISOString())) {
        const period = Math.floor((now.getTime() - Date.parse(row.open_since)) / this.reminderMs);
        const id = formatCaseId(row.num);
        // reopen_count in the key: a reopened case starts its reminders afresh.
        const key = `reminder:${id}:${row.reopen_count}:${period}`;
        if (!this.outbox.enqueue({ kind: 'reminder', key, caseNum: row.num }, now)) continue;
        this.store.addEvent(row.num, { action: 'reminded', actor: null, note: null, at: now.toISOString() });
        this.audit.append({ kind: 'alert', actor: 'system', at: now, payload: { type: 'reminder', caseId: id, period } });
        reminded.push(id);
      }
    });
    return reminded;
  }

  /**
   * Alerts the compliance channels, once per rule per day, to each rule whose status is unknown on `today`.
   * Returns the ids of the rules alerted by this call.
   */
  checkRulesHorizon(ruleSet: Pick<RuleSet, 'rules' | 'version'>, today: string): string[] {
    const day = parseInput(IsoDateSchema, today, 'day');
    const now = this.clock.now();
    const alerted: string[] = [];
    this.tx(() => {
      // One alert per ended suspension, not per rule: "No. 70 ended on 2026-11-10: 14 rules, status unknown".
      for (const e of groupBySuspension(rulesWithUnknownStatus(ruleSet.rules, day))) {
        const key = horizonAlertKey(e.sourceId, day);
        if (!this.outbox.enqueue({ kind: 'alert', key, payload: { text: horizonAlertText(e, day) } }, now)) continue;
        const ruleIds = e.rules.map((u) => u.rule.id);
        this.audit.append({
          kind: 'alert', actor: 'system', at: now,
          payload: { type: 'rules_horizon', source: e.sourceId, ruleIds, day, since: e.since, rulesVersion: ruleSet.version },
        });
        alerted.push(...ruleIds);
      }
    });
    return alerted;
  }

  /**
   * Audits one question and the answer given to it. Both are the pipeline's own typed objects (the channel checked
   * what it was sent when it built the message), so they are not parsed again here.
   */
  recordQuestion(m: Message, r: Reply): RecordedQuestion {
    const asker = actorId({ channel: m.channel, user: m.user });
    return this.tx(() => {
      const q = this.audit.append({
        kind: 'question', actor: asker, at: this.clock.now(), text: m.text,
        payload: { messageId: m.id, channel: m.channel, conversation: m.conversation, receivedAt: m.receivedAt.toISOString() },
      });
      const a = this.audit.append({
        kind: 'answer', actor: 'assistant', at: this.clock.now(), payload: answerPayload(q.seq, m, r),
      });
      keepDecidedAnswer(this.db, a.seq, m, r, this.clock.now());
      return { questionSeq: q.seq, answerSeq: a.seq };
    });
  }

  /**
   * Retention: clears free text older than `days` from the audit log (the chain still verifies) and the question,
   * conversation and notes from cases resolved that long ago. Facts and decisions stay, for precedents.
   */
  redactOlderThan(days: number, now: Date): RedactionResult {
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    return this.tx(() => {
      const cases = this.store.redactResolvedBefore(cutoff, now.toISOString());
      // The audit log writes the one redaction record, counting these cases too.
      const auditRecords = this.audit.redactOlderThan(days, now, { cases });
      return { auditRecords, cases };
    });
  }

  private act(
    action: OfficerAction, caseId: string, officer: Actor,
    change: (row: CaseRow, now: Date) => 'unchanged' | Change,
  ): CaseView {
    const who = parseInput(ActorSchema, officer, 'officer');
    if (!this.isOfficer(who)) {
      // Refused before the case is even looked up, so non-officers cannot probe which case ids exist.
      this.audit.append({ kind: 'refusal', actor: actorId(who), at: this.clock.now(), payload: { action, caseId } });
      throw new CaseError('not_officer', `${describeActor(who)} is not a compliance officer, so cannot ${action} cases`);
    }
    const num = parseCaseId(caseId);
    if (num === undefined) throw new CaseError('not_found', `no case ${caseId}`);
    return this.tx(() => {
      const row = this.store.row(num);
      if (!row) throw new CaseError('not_found', `no case ${caseId}`);
      const now = this.clock.now();
      const result = change(row, now);
      if (result === 'unchanged') return this.mustView(num);
      const at = now.toISOString();
      const id = formatCaseId(num);
      const eventId = this.store.addEvent(num, {
        action: result.event.action, actor: who, note: result.event.note, at,
        ...(result.event.decision ? { decision: result.event.decision, reusable: result.event.reusable ?? false } : {}),
      });
      this.store.touch(num, at);
      this.audit.append({
        kind: result.audit.kind, actor: actorId(who), at: now,
        payload: { caseId: id, ...result.audit.payload },
        ...(result.audit.text ? { text: result.audit.text } : {}),
      });
      this.outbox.enqueue({ kind: 'update_case', key: `update_case:${id}:${eventId}`, caseNum: num }, now);
      return this.mustView(num);
    });
  }

  private mustView(num: number): CaseView {
    const v = this.store.view(num);
    if (!v) throw new CaseError('not_found', `no case ${formatCaseId(num)}`);
    return v;
  }

  /** IMMEDIATE: take the write lock up front, so two processes never both read the audit head and then collide. */
  private tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}

export interface Change {
  readonly event: {
    readonly action: 'claimed' | 'decided' | 'reopened' | 'note';
    readonly note: string | null;
    readonly decision?: OfficerDecision;
    readonly reusable?: boolean;
  };
  readonly audit: {
    readonly kind: 'officer_action' | 'decision';
    readonly payload: Record<string, string | boolean>;
    readonly text?: string;
  };
}

export function sameActor(a: Actor, b: Actor): boolean {
  return a.channel === b.channel && a.user === b.user;
}

export function describeActor(a: Actor): string {
  return a.name ? `${a.name} (${a.channel} ${a.user})` : `${a.channel} user ${a.user}`;
}

export function requireState(row: CaseRow, allowed: readonly CaseState[], what: string): void {
  if (!allowed.includes(row.state)) {
    throw new CaseError('bad_state', `cannot ${what} ${formatCaseId(row.num)}: it is ${row.state}`);
  }
}

