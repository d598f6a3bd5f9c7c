/**
 * The append-only, tamper-evident audit log. Each record's hash is sha256(prevHash + canonical JSON of
 * {seq, at, kind, actor, payload, textHash}); changing, removing or reordering a record breaks the chain from there on.
 * Cutting records off the end, or rewriting the chain with every later hash recomputed, is caught by the anchors
 * kept outside the database (audit-anchor.ts).
 *
 * Free text (a question, a note) is kept out of the hashed fields: it sits in its own column and only a salted
 * sha256 commitment to it is hashed. Redaction clears the text and the salt and keeps the commitment, so the chain
 * still verifies, and without the salt the commitment cannot be used to guess short texts back. Only the retention
 * job redacts: a trigger refuses any other UPDATE (it asks `lodestone_may_redact()`, which only this file's
 * connection-local gate opens, and which a connection from any other program does not even have), and the job audits
 * itself with a `redaction` record that verify requires for every record it finds redacted.
 */
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { wellFormed } from '../core/well-formed.js';
import type { AuditAnchors } from './audit-anchor.js';
import { canonicalJson, type JsonObject } from './canonical-json.js';
import { toCsv, type CsvCell } from './csv.js';

export const AUDIT_EXPORT_HEADER = ['seq', 'at', 'kind', 'actor', 'payload', 'text', 'text_hash', 'prev_hash', 'hash', 'redacted_at'] as const;

export const AUDIT_KINDS = [
  'question', 'answer', 'decision', 'escalation', 'officer_action', 'refusal', 'alert', 'redaction', 'rule_status',
] as const;
export const AuditKindSchema = z.enum(AUDIT_KINDS);
export type AuditKind = z.infer<typeof AuditKindSchema>;

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  readonly kind: AuditKind;
  /** Who did it: `slack:U123`, `system`. */
  readonly actor: string;
  readonly payload: JsonObject;
  /** Free text to keep redactable (the question, a note). */
  readonly text?: string;
  readonly at: Date;
}

const JsonObjectSchema = z.record(z.string(), z.json());

/**
 * A hash or salt column as read: SQLite stores this build's as raw bytes (a BLOB, half the hex), records written
 * before hold hex text, PostgreSQL holds hex text; all read as lower-case hex, which is what is hashed and compared.
 */
export const HexColumnSchema = z.union([z.string(), z.instanceof(Uint8Array)])
  .transform((v) => (typeof v === 'string' ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')));

/** A hex hash or salt as SQLite stores it: its bytes. */
export function hexBytes(hex: string): Buffer {
  return Buffer.from(hex, 'hex');
}

/** Built once: a zod schema costs more to build than to run, and this one runs on every append. */
const LastRecordSchema = z.object({ seq: z.number(), hash: HexColumnSchema }).optional();

export const AuditRowSchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  kind: z.string(),
  actor: z.string(),
  payload: z.string(),
  text: z.string().nullable(),
  text_salt: HexColumnSchema.nullable(),
  text_hash: HexColumnSchema.nullable(),
  prev_hash: HexColumnSchema,
  hash: HexColumnSchema,
  redacted_at: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRowSchema>;

export interface AuditRecord {
  readonly seq: number;
  readonly at: string;
  readonly kind: AuditKind;
  readonly actor: string;
  readonly payload: JsonObject;
  readonly text: string | null;
  readonly textHash: string | null;
  readonly prevHash: string;
  readonly hash: string;
  readonly redactedAt: string | null;
}

export type AuditProblem = 'hash_mismatch' | 'broken_link' | 'text_mismatch' | 'bad_record' | 'unjustified_redaction';

export type AuditVerification =
  | { readonly ok: true; readonly count: number; readonly head: { readonly seq: number; readonly hash: string } }
  | {
      readonly ok: false;
      readonly count: number;
      readonly firstBad: { readonly seq: number; readonly reason: AuditProblem; readonly detail: string };
    };

export interface AuditRange {
  /** Inclusive. */
  readonly from?: Date | string;
  /** Exclusive. */
  readonly to?: Date | string;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function textCommitment(salt: string, text: string): string {
  return sha256(salt + text);
}

export function recordHash(
  prevHash: string,
  fields: { seq: number; at: string; kind: string; actor: string; payload: JsonObject; textHash: string | null },
): string {
  // Picked field by field: a caller passing a whole record must not get its other fields hashed too.
  const { seq, at, kind, actor, payload, textHash } = fields;
  return sha256(prevHash + canonicalJson({ seq, at, kind, actor, payload, textHash }));
}

/**
 * recordHash for a payload already in canonical JSON: the record's canonical JSON written out in its sorted key
 * order (actor, at, kind, payload, seq, textHash) around it, so the payload is not canonicalised a second time.
 * audit-log.test.ts pins it equal to recordHash.
 */
export function canonicalRecordHash(
  prevHash: string,
  f: { seq: number; at: string; kind: string; actor: string; payloadJson: string; textHash: string | null },
): string {
  const s = JSON.stringify;
  return sha256(`${prevHash}{"actor":${s(f.actor)},"at":${s(f.at)},"kind":${s(f.kind)},"payload":${f.payloadJson},"seq":${s(f.seq)},"textHash":${s(f.textHash)}}`);
}

function iso(d: Date | string): string {
  return typeof d === 'string' ? new Date(d).toISOString() : d.toISOString();
}

/** Per connection: whether the retention job is redacting right now. The trigger asks through lodestone_may_redact(). */
const redactionGates = new WeakMap<Database.Database, { open: boolean }>();

function redactionGate(db: Database.Database): { open: boolean } {
  let gate = redactionGates.get(db);
  if (!gate) {
    const g = { open: false };
    db.function('lodestone_may_redact', () => (g.open ? 1 : 0));
    redactionGates.set(db, g);
    gate = g;
  }
  return gate;
}

export interface AuditLogOptions {
  /** Where the chain's head is anchored after appends; without it nothing is anchored (tests, benchmarks). */
  readonly anchors?: AuditAnchors | undefined;
}

export class AuditLog {
  private readonly lastStmt;
  private readonly insertStmt;
  private readonly gate: { open: boolean };

  constructor(private readonly db: Database.Database, private readonly options: AuditLogOptions = {}) {
    this.gate = redactionGate(db);
    this.lastStmt = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (seq, at, kind, actor, payload, text, text_salt, text_hash, prev_hash, hash)
       VALUES (@seq, @at, @kind, @actor, @payload, @text, @text_salt, @text_hash, @prev_hash, @hash)`,
    );
  }

  /** Appends one record. Joins the caller's transaction if there is one, so the record commits with what it records. */
  append(input: AuditInput): AuditRecord {
    // Verify requires each redaction record to account for the records it redacted; only redactOlderThan writes them.
    if (input.kind === 'redaction') throw new Error('redaction records are written by redactOlderThan, with the redaction');
    return this.appendRecord(input);
  }

  private appendRecord(input: AuditInput): AuditRecord {
    if (!this.db.inTransaction) return this.db.transaction(() => this.appendRecord(input)).immediate();
    const last = LastRecordSchema.parse(this.lastStmt.get());
    const { row, record } = sealRecord(input, last);
    // The hashes and the salt as bytes: hex text would store each twice as long.
    this.insertStmt.run({
      ...row, text_salt: row.text_salt === null ? null : hexBytes(row.text_salt),
      text_hash: row.text_hash === null ? null : hexBytes(row.text_hash), prev_hash: hexBytes(row.prev_hash), hash: hexBytes(row.hash),
    });
    this.options.anchors?.afterAppend(this.db);
    return record;
  }

  /**
   * Walks the whole chain and names the first record that does not hold; then checks that every redacted record was
   * redacted by the retention job (a `redaction` record written at its redacted_at, after it, with a cutoff after it,
   * counting as many records as carry that redacted_at).
   */
  verifyAudit(): AuditVerification {
    return verifyChain(this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate());
  }

  records(range: AuditRange = {}): AuditRecord[] {
    return this.rowsIn(range).map(toRecord);
  }

  exportAuditCsv(range: AuditRange = {}): string {
    const rows = this.rowsIn(range).map((r): CsvCell[] => [
      r.seq, r.at, r.kind, r.actor, r.payload, r.text, r.text_hash, r.prev_hash, r.hash, r.redacted_at,
    ]);
    return toCsv([...AUDIT_EXPORT_HEADER], rows);
  }

  /**
   * The retention job: clears the free text of records older than `days` before `now` (their commitments stay, so
   * the chain still verifies) and audits that in a `redaction` record, in one transaction. `also` adds to that
   * record's payload what else the job redacted (cases). Returns how many records were redacted.
   */
  redactOlderThan(days: number, now: Date, also: JsonObject = {}): number {
    if (!Number.isFinite(days) || days < 0) throw new RangeError(`retention days must be >= 0, got ${days}`);
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    return this.db.transaction(() => {
      this.gate.open = true;
      let auditRecords: number;
      try {
        auditRecords = this.db
          .prepare(
            `UPDATE audit_log SET text = NULL, text_salt = NULL, redacted_at = ?
             WHERE at < ? AND text IS NOT NULL AND redacted_at IS NULL`,
          )
          .run(now.toISOString(), cutoff).changes;
      } finally {
        this.gate.open = false;
      }
      this.appendRecord({ kind: 'redaction', actor: 'system', at: now, payload: { ...also, days, cutoff, auditRecords } });
      return auditRecords;
    }).immediate();
  }

  private rowsIn(range: AuditRange): AuditRow[] {
    const from = range.from === undefined ? '' : iso(range.from);
    const to = range.to === undefined ? '\uffff' : iso(range.to);
    return this.db
      .prepare('SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY seq')
      .all(from, to)
      .map((r) => AuditRowSchema.parse(r));
  }
}

/** The stored row of an appended record, as both stores insert it. */
export interface SealedRow {
  readonly seq: number;
  readonly at: string;
  readonly kind: AuditKind;
  readonly actor: string;
  readonly payload: string;
  readonly text: string | null;
  readonly text_salt: string | null;
  readonly text_hash: string | null;
  readonly prev_hash: string;
  readonly hash: string;
}

/** Salts are cut from CSPRNG bytes drawn 4 KB at a time: one call into it per 256 salts, not one per record. */
const SALT_BYTES = 16;
let saltPool = Buffer.alloc(0);
let saltOffset = 0;

function saltHex(): string {
  if (saltOffset + SALT_BYTES > saltPool.length) {
    saltPool = randomBytes(4096);
    saltOffset = 0;
  }
  const salt = saltPool.toString('hex', saltOffset, saltOffset + SALT_BYTES);
  saltOffset += SALT_BYTES;
  return salt;
}

/**
 * The next record after `last` (the chain's head; undefined for an empty chain): what to store and what to return.
 * Pure apart from the salt, so the SQLite and the PostgreSQL log seal records alike.
 */
export function sealRecord(input: AuditInput, last: { seq: number; hash: string } | undefined): { row: SealedRow; record: AuditRecord } {
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const at = input.at.toISOString();
  // Hash exactly what is stored. The payload is stored as JSON, whose escapes keep any string as it is; the text
  // columns are not, so they are made well-formed here even if a channel forgot to (see core/well-formed.ts).
  const actor = wellFormed(input.actor);
  const text = input.text === undefined ? null : wellFormed(input.text);
  // Canonical once: the same text is stored and hashed (input.payload is typed JSON, so not parsed again).
  const payloadJson = canonicalJson(input.payload);
  const payload = JSON.parse(payloadJson) as JsonObject;
  const salt = text === null ? null : saltHex();
  const textHash = text === null || salt === null ? null : textCommitment(salt, text);
  const hash = canonicalRecordHash(prevHash, { seq, at, kind: input.kind, actor, payloadJson, textHash });
  return {
    row: {
      seq, at, kind: input.kind, actor, payload: payloadJson,
      text, text_salt: salt, text_hash: textHash, prev_hash: prevHash, hash,
    },
    record: { seq, at, kind: input.kind, actor, payload, text, textHash, prevHash, hash, redactedAt: null },
  };
}

/**
 * Walks a whole chain, rows in seq order as stored, and names the first record that does not hold; then checks that
 * every redacted record was redacted by the retention job. Shared by the SQLite and the PostgreSQL log.
 */
export function verifyChain(rows: Iterable<unknown>): AuditVerification {
  let prevHash = GENESIS_HASH;
  let count = 0;
  let head = { seq: 0, hash: GENESIS_HASH };
  const redactions = new Redactions();
  for (const raw of rows) {
    const problem = checkRecord(raw, prevHash);
    if ('reason' in problem) return { ok: false, count, firstBad: problem };
    redactions.see(problem.row);
    count++;
    prevHash = problem.hash;
    head = { seq: problem.seq, hash: problem.hash };
  }
  const unjustified = redactions.firstUnjustified();
  if (unjustified) return { ok: false, count, firstBad: { ...unjustified, reason: 'unjustified_redaction' } };
  return { ok: true, count, head };
}

export function toRecord(r: AuditRow): AuditRecord {
  return {
    seq: r.seq, at: r.at, kind: AuditKindSchema.parse(r.kind), actor: r.actor,
    payload: JsonObjectSchema.parse(JSON.parse(r.payload)), text: r.text, textHash: r.text_hash,
    prevHash: r.prev_hash, hash: r.hash, redactedAt: r.redacted_at,
  };
}

type Checked = { seq: number; hash: string; row: AuditRow } | { seq: number; reason: AuditProblem; detail: string };

const RedactionPayloadSchema = z.looseObject({ cutoff: z.string(), auditRecords: z.number().int().nonnegative() });

/** What verify needs to know about redactions, gathered in one pass: redacted records by redacted_at, and the jobs. */
class Redactions {
  private readonly redacted = new Map<string, { count: number; firstSeq: number; lastSeq: number; latestAt: string }>();
  private readonly jobs = new Map<string, { seq: number; cutoff: string; auditRecords: number }>();

  see(r: AuditRow): void {
    if (r.redacted_at !== null && r.text === null && r.text_hash !== null) {
      const g = this.redacted.get(r.redacted_at);
      if (g) {
        g.count++;
        g.lastSeq = r.seq;
        if (r.at > g.latestAt) g.latestAt = r.at;
      } else {
        this.redacted.set(r.redacted_at, { count: 1, firstSeq: r.seq, lastSeq: r.seq, latestAt: r.at });
      }
    }
    if (r.kind === 'redaction') {
      const p = RedactionPayloadSchema.safeParse(JSON.parse(r.payload));
      if (!p.success) return;
      // Two runs in the same millisecond share a redacted_at: add them up.
      const job = this.jobs.get(r.at);
      this.jobs.set(r.at, job
        ? { seq: r.seq, cutoff: p.data.cutoff > job.cutoff ? p.data.cutoff : job.cutoff, auditRecords: job.auditRecords + p.data.auditRecords }
        : { seq: r.seq, cutoff: p.data.cutoff, auditRecords: p.data.auditRecords });
    }
  }

  firstUnjustified(): { seq: number; detail: string } | undefined {
    const groups = [...this.redacted.entries()].sort((a, b) => a[1].firstSeq - b[1].firstSeq);
    for (const [at, g] of groups) {
      const job = this.jobs.get(at);
      const what = `the text of ${g.count} record(s) was cleared at ${at}`;
      if (!job) return { seq: g.firstSeq, detail: `${what}, but no redaction record was written then: not the retention job` };
      if (job.seq < g.lastSeq) return { seq: g.firstSeq, detail: `${what}, after the redaction record of that time` };
      if (g.latestAt >= job.cutoff) return { seq: g.firstSeq, detail: `${what}, including records newer than that run's cutoff ${job.cutoff}` };
      if (job.auditRecords !== g.count) return { seq: g.firstSeq, detail: `${what}, but the redaction record of that run counts ${job.auditRecords}` };
    }
    return undefined;
  }
}

function checkRecord(raw: unknown, prevHash: string): Checked {
  const parsed = AuditRowSchema.safeParse(raw);
  const seqOf = z.object({ seq: z.number() }).safeParse(raw);
  const seq = seqOf.success ? seqOf.data.seq : -1;
  if (!parsed.success) return { seq, reason: 'bad_record', detail: 'row does not have the audit record shape' };
  const r = parsed.data;
  if (r.prev_hash !== prevHash) {
    return { seq, reason: 'broken_link', detail: 'prev_hash is not the hash of the record before (a record was removed, reordered or rewritten)' };
  }
  let payload: JsonObject;
  try {
    payload = JsonObjectSchema.parse(JSON.parse(r.payload));
  } catch {
    return { seq, reason: 'bad_record', detail: 'payload is not a JSON object' };
  }
  const hash = recordHash(r.prev_hash, { seq: r.seq, at: r.at, kind: r.kind, actor: r.actor, payload, textHash: r.text_hash });
  if (hash !== r.hash) return { seq, reason: 'hash_mismatch', detail: 'the record does not hash to its stored hash' };
  if (r.text !== null) {
    if (r.text_hash === null || r.text_salt === null || textCommitment(r.text_salt, r.text) !== r.text_hash) {
      return { seq, reason: 'text_mismatch', detail: 'the text does not match its commitment' };
    }
  } else if (r.text_hash !== null && r.redacted_at === null) {
    return { seq, reason: 'text_mismatch', detail: 'the text is gone but the record was never redacted' };
  }
  return { seq, hash, row: r };
}
