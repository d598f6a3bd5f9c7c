/**
 * The rule status overlay in PostgreSQL (table `rule_status_overlay`, migration 6): the same contract as SQLite's
 * status-overlay-store.ts (validated, checked against the rules it changes, audited in the same transaction, applied
 * to the current rules once committed, an identical second record changes nothing), for several instances on one
 * database.
 *
 * Two instances recording at once are serialised by a transaction-scoped advisory lock: the second one waits, then
 * reads the records the first committed, and checks and compares against those, not against its own copy of the rules
 * (which may not have seen the first one yet). Each instance's CurrentRules catches up with records made elsewhere
 * through `refresh`, which reads only the newest id unless there is something new (app-postgres.ts calls it on each
turn's connection before the answer).
 *
 * What a record changes beyond the rules (recent answers and open cases re-decided) is written by the caller's
 * `then`, in the same transaction (pg-status-desk.ts), as SQLite's status desk does through its store's callback.
 */
import type pg from 'pg';
import { z } from 'zod';
import type { Clock } from '../../core/clock.js';
import type { CurrentRules } from '../../rules/current-rules.js';
import type { RuleSet } from '../../rules/ruleset.js';
import { applyStatusOverlay, checkStatusRecord, OverlayError, type StatusRecord, type StatusRecordInput } from '../../rules/status-overlay.js';
import { CaseError } from '../case-error.js';
import { checkStatusInput, fromRow, parseStatusInput, sameRecord, statusAuditInput, type RecordOutcome } from '../status-overlay-store.js';
import type { PgAuditChain } from './pg-audit-chain.js';
import { inTransaction } from './pg-database.js';

/** pg_advisory_xact_lock key serialising recordings across instances (an arbitrary constant of this store's). */
const RECORD_LOCK_KEY = 0x6c6f6465_6f76;

/** What a caller writes with a new record, in its transaction: the record, the rules with it applied, the rules it changed. */
export type RecordedHook = (client: pg.PoolClient, record: StatusRecord, applied: RuleSet, changed: readonly string[]) => Promise<void>;

const NewestSchema = z.object({ newest: z.number().int().nonnegative() });
const InsertedSchema = z.object({ id: z.number().int().positive() });

async function listIn(db: pg.Pool | pg.PoolClient): Promise<StatusRecord[]> {
  return (await db.query('SELECT * FROM rule_status_overlay ORDER BY id')).rows.map(fromRow);
}

export class PgStatusOverlayStore {
  constructor(private readonly pool: pg.Pool, private readonly audit: PgAuditChain, private readonly clock: Clock) {}

  list(): Promise<StatusRecord[]> {
    return listIn(this.pool);
  }

  /** The id of the newest record, 0 when there is none: what an instance compares to see whether it is behind. */
  async newestId(db: pg.Pool | pg.PoolClient = this.pool): Promise<number> {
    const r = await db.query('SELECT COALESCE(MAX(id), 0)::int AS newest FROM rule_status_overlay');
    return NewestSchema.parse(r.rows[0]).newest;
  }

  /**
   * Brings `rules` up to the records in the database when a newer one was made (on any instance): one cheap query
   * when nothing changed. True when the rules were updated.
   */
  async refresh(rules: CurrentRules, db: pg.Pool | pg.PoolClient = this.pool): Promise<boolean> {
    const newest = await this.newestId(db);
    const known = rules.records.at(-1)?.id ?? 0;
    if (newest === known) return false;
    rules.update(await listIn(db));
    return true;
  }

  /**
   * `refresh` inside a turn's transaction, holding the recording lock shared until the turn commits: a recording
   * (which holds it alone) waits for turns already past this point, and turns after it wait for its commit. So an
   * answer is decided on the new record, or committed before the recording reads the answers it re-decides.
   */
  async refreshInTurn(rules: CurrentRules, client: pg.PoolClient): Promise<boolean> {
    await client.query('SELECT pg_advisory_xact_lock_shared($1)', [RECORD_LOCK_KEY]);
    return this.refresh(rules, client);
  }

  /** Validates without storing against `rules` as this instance has them: the rules a record would change. */
  check(rules: CurrentRules, input: unknown): { input: StatusRecordInput; rules: string[] } {
    return checkStatusInput(rules, input);
  }

  /**
   * Stores and audits one record, and applies every record in the database to `rules` once it is committed. `then`
   * runs in the same transaction after a new record is stored (not for an unchanged one), with the rule set it makes.
   */
  async record(rules: CurrentRules, input: unknown, then?: RecordedHook): Promise<RecordOutcome> {
    // Read as given here; checked against the rules only under the lock, on every record in the database (a source
    // another instance's record added may be cited, and this instance may not have seen it yet).
    const given = parseStatusInput(input);
    const outcome = await inTransaction(this.pool, async (client): Promise<RecordOutcome> => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [RECORD_LOCK_KEY]);
      const records = await listIn(client);
      const current = applyStatusOverlay(rules.base, records);
      let changed: string[];
      try {
        changed = checkStatusRecord(current, given);
      } catch (e) {
        if (e instanceof OverlayError) throw new CaseError('invalid', e.message);
        throw e;
      }
      const latest = [...records].reverse().find((r) => r.target === given.target);
      if (latest && sameRecord(latest, given)) {
        return { kind: 'unchanged', record: latest, rules: changed, version: current.version };
      }
      const now = this.clock.now();
      const i = given;
      const audit = await this.audit.appendIn(client, statusAuditInput(i, changed, current.version, now));
      const inserted = await client.query(
        `INSERT INTO rule_status_overlay (target, status, from_date, until_date, source, recorded_by, why, recorded_at, audit_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [i.target, i.status, i.from ?? null, i.until ?? null, JSON.stringify(i.source), i.by, i.why, now.toISOString(), audit.seq],
      );
      const record: StatusRecord = { ...i, id: InsertedSchema.parse(inserted.rows[0]).id, recordedAt: now.toISOString() };
      const applied = applyStatusOverlay(rules.base, [...records, record]);
      if (then) await then(client, record, applied, changed);
      return { kind: 'recorded', record, rules: changed, version: applied.version, previousVersion: current.version };
    });
    // Whatever the outcome, this instance now knows every record the database holds.
    rules.update(await this.list());
    return outcome;
  }
}
