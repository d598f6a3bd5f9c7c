/**
 * The rule status desk: officers record what followed a suspension (or any later change of a rule's status), the
 * record is stored, audited and applied at once to the rules every answer is decided on.
 */
import type Database from 'better-sqlite3';
import type { Clock } from '../core/clock.js';
import type { CurrentRules } from '../rules/current-rules.js';
import { ruleStatus, type RuleStatus } from '../rules/rule-status.js';
import type { StatusRecord } from '../rules/status-overlay.js';
import type { AuditLog } from './audit-log.js';
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
}

export class StatusDesk {
  readonly rules: CurrentRules;
  private readonly store: StatusOverlayStore;

  constructor(options: StatusDeskOptions) {
    this.rules = options.rules;
    this.store = new StatusOverlayStore(options.db, options.audit, options.clock);
    this.rules.update(this.store.list());
  }

  list(): StatusRecord[] {
    return this.store.list();
  }

  /** Validates a record without storing it: the rule ids it would change. Throws CaseError('invalid'). */
  check(input: unknown): string[] {
    return this.store.check(this.rules, input).rules;
  }

  record(input: unknown): RecordOutcome {
    return this.store.record(this.rules, input);
  }

  /** For issue 17's parties note and the console: whether an officer recorded anything on a rule or suspension. */
  hasOverlay(target: string): boolean {
    return this.rules.hasOverlay(target);
  }

  statusOn(day: string): RuleStatusRow[] {
    return this.rules.rules.map((rule) => ({
      ruleId: rule.id, title: rule.title, status: ruleStatus(rule, day), origin: this.rules.originOf(rule.id),
    }));
  }
}
