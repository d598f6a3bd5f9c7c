/**
 * The audit log in PostgreSQL: the same records, hashes and verification as audit-log.ts (sealRecord, verifyChain),
 * with appends from every instance serialised in the database. Each append locks the chain's head row
 * (`audit_head`, FOR UPDATE), reads the head from it, inserts the record and moves the head, in one transaction:
 * a second instance's append waits on that lock and then sees the new head, so the chain never forks and seq has no
 * gaps. (Locking the newest audit_log row instead would not do: an empty log has none, and a waiter would re-read
 * the old row, not the one inserted meanwhile.)
 *
 * Redaction works as in SQLite: the trigger (pg-migrations.ts, step 2) refuses any UPDATE outside a transaction that
 * has set `lodestone.may_redact`, which only redactOlderThan sets, with SET LOCAL, for its own UPDATE. That setting is
 * a guard against mistakes and other programs, not against a database superuser, who can drop triggers in either
 * engine: verify still catches a redaction that no `redaction` record accounts for.
 */
import type pg from 'pg';
import { z } from 'zod';
import {
  AUDIT_EXPORT_HEADER, AuditRowSchema, sealRecord, toRecord, verifyChain,
  type AuditInput, type AuditRange, type AuditRecord, type AuditVerification,
} from '../audit-log.js';
import type { JsonObject } from '../canonical-json.js';
import { toCsv, type CsvCell } from '../csv.js';
import type { AuditChain } from '../store-ports.js';
import { inTransaction } from './pg-database.js';

const HeadSchema = z.object({ seq: z.number().int().nonnegative(), hash: z.string() });

function iso(d: Date | string): string {
  return typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();
}

export class PgAuditChain implements AuditChain {
  constructor(private readonly pool: pg.Pool) {}

  append(input: AuditInput): Promise<AuditRecord> {
    if (input.kind === 'redaction') throw new Error('redaction records are written by redactOlderThan, with the redaction');
    return inTransaction(this.pool, (client) => this.appendIn(client, input));
  }

  /** Appends inside the caller's transaction (a turn's unit of work); the head stays locked until it commits. */
  async appendIn(client: pg.PoolClient, input: AuditInput): Promise<AuditRecord> {
    const locked = await client.query('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE');
    const head = HeadSchema.parse(locked.rows[0]);
    const { row, record } = sealRecord(input, head.seq === 0 ? undefined : head);
    await client.query(
      `INSERT INTO audit_log (seq, at, kind, actor, payload, text, text_salt, text_hash, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [row.seq, row.at, row.kind, row.actor, row.payload, row.text, row.text_salt, row.text_hash, row.prev_hash, row.hash],
    );
    await client.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [row.seq, row.hash]);
    return record;
  }

  /**
   * Appends several records inside the caller's transaction with as few round trips under the head's lock as can
   * be: the head is locked and read, the records sealed in order, then inserted and the head moved in one statement.
   * `make(seq)` builds the record that will get `seq` (an answer names the seq of its question this way). While the
   * lock is held, this instance's event loop may be busy with other turns, so every round trip saved under it is
   * time every other instance's turn does not wait.
   */
  async appendManyIn(client: pg.PoolClient, make: readonly ((seq: number) => AuditInput)[]): Promise<AuditRecord[]> {
    if (make.length === 0) return [];
    const locked = await client.query('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE');
    let head: { seq: number; hash: string } | undefined = HeadSchema.parse(locked.rows[0]);
    if (head.seq === 0) head = undefined;
    const sealed = make.map((build) => {
      const input = build((head?.seq ?? 0) + 1);
      if (input.kind === 'redaction') throw new Error('redaction records are written by redactOlderThan, with the redaction');
      const out = sealRecord(input, head);
      head = { seq: out.row.seq, hash: out.row.hash };
      return out;
    });
    const values: unknown[] = [];
    const tuples = sealed.map(({ row }) => {
      const at = values.length;
      values.push(row.seq, row.at, row.kind, row.actor, row.payload, row.text, row.text_salt, row.text_hash, row.prev_hash, row.hash);
      return `(${Array.from({ length: 10 }, (_, k) => `$${at + k + 1}`).join(', ')})`;
    });
    const last = sealed[sealed.length - 1]!.row;
    values.push(last.seq, last.hash);
    await client.query(
      `WITH added AS (
         INSERT INTO audit_log (seq, at, kind, actor, payload, text, text_salt, text_hash, prev_hash, hash) VALUES ${tuples.join(', ')}
       )
       UPDATE audit_head SET seq = $${values.length - 1}, hash = $${values.length} WHERE id = 1`,
      values,
    );
    return sealed.map((s) => s.record);
  }

  /** Reads the chain in one snapshot, so appends committing meanwhile do not show up half-way through the walk. */
  async verify(): Promise<AuditVerification> {
    const rows = await inTransaction(this.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return (await client.query('SELECT * FROM audit_log ORDER BY seq')).rows;
    });
    return verifyChain(rows);
  }

  /** The newest `limit` records, newest first, and how many there are (for the console's page). */
  async latest(limit: number): Promise<{ records: AuditRecord[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.pool.query('SELECT * FROM audit_log ORDER BY seq DESC LIMIT $1', [limit]),
      this.pool.query('SELECT count(*)::int AS n FROM audit_log'),
    ]);
    return { records: rows.rows.map((row) => toRecord(AuditRowSchema.parse(row))), total: z.object({ n: z.number().int() }).parse(count.rows[0]).n };
  }

  async records(range: AuditRange = {}): Promise<AuditRecord[]> {
    return (await this.rowsIn(range)).map(toRecord);
  }

  async exportCsv(range: AuditRange = {}): Promise<string> {
    const rows = (await this.rowsIn(range)).map((r): CsvCell[] => [
      r.seq, r.at, r.kind, r.actor, r.payload, r.text, r.text_hash, r.prev_hash, r.hash, r.redacted_at,
    ]);
    return toCsv([...AUDIT_EXPORT_HEADER], rows);
  }

  redactOlderThan(days: number, now: Date, also: JsonObject = {}): Promise<number> {
    if (!Number.isFinite(days) || days < 0) throw new RangeError(`retention days must be >= 0, got ${days}`);
    return inTransaction(this.pool, (client) => this.redactIn(client, days, now, also));
  }

  /** The retention job's redaction inside the caller's transaction (with the cases' own, pg-case-service.ts). */
  async redactIn(client: pg.PoolClient, days: number, now: Date, also: JsonObject = {}): Promise<number> {
    if (!Number.isFinite(days) || days < 0) throw new RangeError(`retention days must be >= 0, got ${days}`);
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    // The head first: no append slips in between the redaction and the record that accounts for it.
    await client.query('SELECT 1 FROM audit_head WHERE id = 1 FOR UPDATE');
    await client.query(`SELECT set_config('lodestone.may_redact', 'on', true)`);
    const updated = await client.query(
      `UPDATE audit_log SET text = NULL, text_salt = NULL, redacted_at = $1
       WHERE at < $2 AND text IS NOT NULL AND redacted_at IS NULL`,
      [now.toISOString(), cutoff],
    );
    await client.query(`SELECT set_config('lodestone.may_redact', 'off', true)`);
    const auditRecords = updated.rowCount ?? 0;
    const locked = await client.query('SELECT seq, hash FROM audit_head WHERE id = 1');
    const head = HeadSchema.parse(locked.rows[0]);
    const { row } = sealRecord({ kind: 'redaction', actor: 'system', at: now, payload: { ...also, days, cutoff, auditRecords } }, head.seq === 0 ? undefined : head);
    await client.query(
      `INSERT INTO audit_log (seq, at, kind, actor, payload, text, text_salt, text_hash, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [row.seq, row.at, row.kind, row.actor, row.payload, row.text, row.text_salt, row.text_hash, row.prev_hash, row.hash],
    );
    await client.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [row.seq, row.hash]);
    return auditRecords;
  }

  private async rowsIn(range: AuditRange) {
    // ISO timestamps compare as bytes (COLLATE "C"), as SQLite compares them, whatever the database's collation.
    const from = range.from === undefined ? '' : iso(range.from);
    const r = range.to === undefined
      ? await this.pool.query('SELECT * FROM audit_log WHERE at COLLATE "C" >= $1 ORDER BY seq', [from])
      : await this.pool.query('SELECT * FROM audit_log WHERE at COLLATE "C" >= $1 AND at COLLATE "C" < $2 ORDER BY seq', [from, iso(range.to)]);
    return r.rows.map((row) => AuditRowSchema.parse(row));
  }
}
