/**
 * The rule status desk: officers record what followed a suspension (or any later change of a rule's status), the
 * record is stored, audited and applied at once to the rules every answer is decided on.
 */
import type Database from 'better-sqlite3';
import type { Clock } from '../core/clock.js';
import type { CurrentRules } from '../rules/current-rules.js';
import { ruleStatus, type RuleStatus } from '../rules/rule-status.js';
import { applyStatusOverlay, type StatusRecord } from '../rules/status-overlay.js';
import type { AuditLog } from './audit-log.js';
import type { Outbox } from './outbox.js';
import { isoDay } from '../core/clock.js';
import { groupBySuspension, rulesWithUnknownStatus } from './rules-horizon.js';
import { countAffected, queueRedecision, redecide, type AnswerChange, type CaseChange } from './redecide.js';
import { StatusOverlayStore, type RecordOutcome } from './status-overlay-store.js';

export interface RuleStatusRow {
  readonly ruleId: string;
  readonly title: string;
  readonly status: RuleStatus;
  /** `overlay` when an officer's record changes what the data says about this rule. */
  readonly origin: 'data' | 'overlay';
}

export interface StatusDeskOptions {
  readonly db: Database.Database;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly rules: CurrentRules;
  readonly outbox: Outbox;
  /** How far back answers are re-decided when a status is recorded (REDECIDE_DAYS). */
  readonly redecideDays?: number;
}

/** One ended suspension on the horizon: "No. 70 ended on 2026-11-10: 14 rules, status unknown". */
export interface HorizonEvent {
  readonly sourceId: string;
  readonly since: string;
  readonly rules: readonly string[];
  readonly conversations: number;
  readonly cases: number;
}

/** What a record would change, shown before the officer confirms. */
export interface StatusPreview {
  readonly rules: string[];
  readonly answers: number;
  readonly cases: number;
  readonly sampleAnswers: readonly AnswerChange[];
  readonly sampleCases: readonly CaseChange[];
}

export type RecordedStatus = RecordOutcome & { readonly answers: number; readonly cases: number };

/**
 * The status desk as the chat channels and the CLI reach it on either engine: SQLite's StatusDesk (awaited, through
 * `awaitedStatusDesk`) or PostgreSQL's PgStatusDesk. Both re-decide with the same functions (redecide.ts).
 */
export interface RuleStatusDesk {
  /** What recording this would change, without storing anything; refused with CaseError('invalid') saying why. */
  preview(input: unknown): Promise<StatusPreview>;
  /** Stores, audits and applies the record, and queues the updates it causes, in one transaction. */
  record(input: unknown): Promise<RecordedStatus>;
  list(): Promise<StatusRecord[]>;
  unknownEvents(): Promise<HorizonEvent[]>;
}

export function awaitedStatusDesk(desk: StatusDesk): RuleStatusDesk {
  return {
    preview: async (input) => desk.preview(input),
    record: async (input) => desk.record(input),
    list: async () => desk.list(),
    unknownEvents: async () => desk.unknownEvents(),
  };
}

export class StatusDesk {
  readonly rules: CurrentRules;
  private readonly store: StatusOverlayStore;

  constructor(private readonly options: StatusDeskOptions) {
    this.rules = options.rules;
    this.store = new StatusOverlayStore(options.db, options.audit, options.clock);
    this.rules.update(this.store.list());
  }

  /** What recording this would change (answers to tell, open cases to re-decide), without storing anything. */
  preview(input: unknown): StatusPreview {
    const checked = this.store.check(this.rules, input);
    const now = this.options.clock.now();
    const provisional: StatusRecord = { ...checked.input, id: Number.MAX_SAFE_INTEGER, recordedAt: now.toISOString() };
    const applied = applyStatusOverlay(this.rules.base, [...this.rules.records, provisional]);
    const found = redecide(this.options.db, applied, checked.rules, provisional, now, this.days);
    return {
      rules: checked.rules, answers: found.answers.length, cases: found.cases.length,
      sampleAnswers: found.answers.slice(0, 5), sampleCases: found.cases.slice(0, 5),
    };
  }

  private get days(): number {
    return this.options.redecideDays ?? 90;
  }

  list(): StatusRecord[] {
    return this.store.list();
  }

  /** Validates a record without storing it: the rule ids it would change. Throws CaseError('invalid'). */
  check(input: unknown): string[] {
    return this.store.check(this.rules, input).rules;
  }

  /**
   * Stores, audits and applies the record, and in the same transaction queues one update per changed answer and
   * puts the new preliminary verdict on each open case it changes.
   */
  record(input: unknown): RecordedStatus {
    let answers = 0;
    let cases = 0;
    const outcome = this.store.record(this.rules, input, (record, applied, changed) => {
      const now = this.options.clock.now();
      const found = redecide(this.options.db, applied, changed, record, now, this.days);
      queueRedecision(this.options.db, this.options.outbox, this.options.audit, found, record, now);
      answers = found.answers.length;
      cases = found.cases.length;
    });
    return { ...outcome, answers, cases };
  }

  /** For issue 17's parties note and the console: whether an officer recorded anything on a rule or suspension. */
  hasOverlay(target: string): boolean {
    return this.rules.hasOverlay(target);
  }

  /**
   * The horizon, one event per ended suspension: the rules whose status is unknown today because of it, and how many
   * recent conversations and open cases depend on them.
   */
  unknownEvents(): HorizonEvent[] {
    const now = this.options.clock.now();
    return groupBySuspension(rulesWithUnknownStatus(this.rules.rules, isoDay(now))).map((e) => {
      const ids = e.rules.map((u) => u.rule.id);
      return { sourceId: e.sourceId, since: e.since, rules: ids, ...countAffected(this.options.db, ids, now, this.days) };
    });
  }

  statusOn(day: string): RuleStatusRow[] {
    return this.rules.rules.map((rule) => ({
      ruleId: rule.id, title: rule.title, status: ruleStatus(rule, day), origin: this.rules.originOf(rule.id),
    }));
  }
}
