/**
 * Where officers' recorded rule statuses are kept (table `rule_status_overlay`, migration 6): validated with zod,
 * checked against the rules they change, audited in the same transaction, and applied to the current rule set as
 * soon as the transaction commits, so the next answer is decided on them and names the new rules version.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Clock } from '../core/clock.js';
import type { CurrentRules } from '../rules/current-rules.js';
import { IsoDateSchema } from '../rules/facts.js';
import type { RuleSet } from '../rules/ruleset.js';
import {
  applyStatusOverlay, checkStatusRecord, OverlayError, OverlayStatusSchema, sourceIdOf, StatusRecordInputSchema, StatusRecordSchema,
  type StatusRecord, type StatusRecordInput,
} from '../rules/status-overlay.js';
import type { AuditInput, AuditLog } from './audit-log.js';
import { CaseError } from './case-error.js';

const RowSchema = z.object({
  id: z.number().int().positive(),
  target: z.string(),
  status: OverlayStatusSchema,
  from_date: IsoDateSchema.nullable(),
  until_date: IsoDateSchema.nullable(),
  source: z.string(),
  recorded_by: z.string(),
  why: z.string(),
  recorded_at: z.string(),
});

/** A stored row (either engine: the columns are the same) as a record. */
export function fromRow(raw: unknown): StatusRecord {
  const r = RowSchema.parse(raw);
  return StatusRecordSchema.parse({
    id: r.id, target: r.target, status: r.status, ...(r.from_date ? { from: r.from_date } : {}), ...(r.until_date ? { until: r.until_date } : {}),
    source: JSON.parse(r.source) as unknown, by: r.recorded_by, why: r.why, recordedAt: r.recorded_at,
  });
}

/** The records in a database opened for reading (the CLI's), none when it predates the overlay (migration 6). */
export function readStatusRecords(db: Database.Database): StatusRecord[] {
  const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'rule_status_overlay'").get();
  if (!table) return [];
  return db.prepare('SELECT * FROM rule_status_overlay ORDER BY id').all().map(fromRow);
}

/** The same word on the same thing: a second identical recording changes nothing and tells nobody. */
export function sameRecord(a: StatusRecordInput, b: StatusRecordInput): boolean {
  return a.target === b.target && a.status === b.status && (a.from ?? null) === (b.from ?? null)
    && (a.until ?? null) === (b.until ?? null) && sourceIdOf(a) === sourceIdOf(b);
}

/** Reads a record as given (zod), or a CaseError('invalid') naming the field. */
export function parseStatusInput(input: unknown): StatusRecordInput {
  const parsed = StatusRecordInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CaseError('invalid', `${issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid status record'}`);
}

/** Parses and checks a record against `rules`: the rules it would change, or a CaseError('invalid') saying why not. */
export function checkStatusInput(rules: Pick<RuleSet, 'rules' | 'sources'>, input: unknown): { input: StatusRecordInput; rules: string[] } {
  const parsed = parseStatusInput(input);
  try {
    return { input: parsed, rules: checkStatusRecord(rules, parsed) };
  } catch (e) {
    if (e instanceof OverlayError) throw new CaseError('invalid', e.message);
    throw e;
  }
}

/** The audit record of a recorded status (the same on both engines). */
export function statusAuditInput(i: StatusRecordInput, changed: readonly string[], previousVersion: string, now: Date): AuditInput {
  return {
    kind: 'rule_status', actor: i.by, at: now, text: i.why,
    payload: {
      type: 'status_recorded', target: i.target, status: i.status, from: i.from ?? null, until: i.until ?? null, source: i.source,
      rules: [...changed], previousVersion,
    },
  };
}

export type RecordOutcome =
  | { readonly kind: 'recorded'; readonly record: StatusRecord; readonly rules: readonly string[]; readonly version: string; readonly previousVersion: string }
  | { readonly kind: 'unchanged'; readonly record: StatusRecord; readonly rules: readonly string[]; readonly version: string };

export class StatusOverlayStore {
  private readonly insert;
  private readonly all;

  constructor(private readonly db: Database.Database, private readonly audit: AuditLog, private readonly clock: Clock) {
    this.insert = db.prepare(
      `INSERT INTO rule_status_overlay (target, status, from_date, until_date, source, recorded_by, why, recorded_at, audit_seq)
       VALUES (@target, @status, @from, @until, @source, @by, @why, @at, @seq)`,
    );
    this.all = db.prepare('SELECT * FROM rule_status_overlay ORDER BY id');
  }

  list(): StatusRecord[] {
    return this.all.all().map(fromRow);
  }

  /** Validates without storing: the rules a record would change, or a CaseError('invalid') saying why not. */
  check(rules: CurrentRules, input: unknown): { input: StatusRecordInput; rules: string[] } {
    return checkStatusInput(rules, input);
  }

  /**
   * Stores and audits one record and applies the whole overlay to `rules` once it is committed. `within` runs in
   * the same transaction (the re-decision queue), so a crash leaves both or neither.
   */
  record(rules: CurrentRules, input: unknown, within?: (record: StatusRecord, applied: RuleSet, changed: readonly string[]) => void): RecordOutcome {
    const checked = this.check(rules, input);
    const outcome = this.db.transaction((): RecordOutcome => {
      const records = this.list();
      const latest = [...records].reverse().find((r) => r.target === checked.input.target);
      if (latest && sameRecord(latest, checked.input)) {
        return { kind: 'unchanged', record: latest, rules: checked.rules, version: rules.version };
      }
      const now = this.clock.now();
      const i = checked.input;
      const audit = this.audit.append(statusAuditInput(i, checked.rules, rules.version, now));
      const info = this.insert.run({
        target: i.target, status: i.status, from: i.from ?? null, until: i.until ?? null, source: JSON.stringify(i.source),
        by: i.by, why: i.why, at: now.toISOString(), seq: audit.seq,
      });
      const record: StatusRecord = { ...i, id: Number(info.lastInsertRowid), recordedAt: now.toISOString() };
      const previousVersion = rules.version;
      const next = [...records, record];
      // The rules as answers will see them once this commits, so `within` can decide on them in this transaction.
      const applied = applyStatusOverlay(rules.base, next);
      within?.(record, applied, checked.rules);
      return { kind: 'recorded', record, rules: checked.rules, version: applied.version, previousVersion };
    }).immediate();
    if (outcome.kind === 'recorded') rules.update(this.list());
    return outcome;
  }
}
