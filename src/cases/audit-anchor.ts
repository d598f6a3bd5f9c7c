/**
 * Anchors: the audit chain's head, written outside the database, so that cutting the newest records off or rewriting
 * the chain (every later hash recomputed) no longer verifies. The chain alone cannot catch either: whoever can write
 * the file can recompute every hash, and a shorter chain is still a valid chain.
 *
 * Which mechanism, and why:
 * - An append-only anchor file of JSON lines `{seq, hash, at, mac?}`, written after the commit that moved the head
 *   `every` records past the last anchor (default 1: each commit that adds records, so no tail goes unanchored while
 *   the server runs), at start and at shutdown. `audit verify` checks that each anchored record is still there with
 *   the anchored hash: a truncation below an anchor and a rewrite of an anchored record both fail. Only records
 *   appended after the last anchor (at most `every - 1`, or a crash's last commit) are not covered.
 * - An HMAC-SHA256 of each line with AUDIT_ANCHOR_KEY, when it is set. The key lives in the configuration, not in the
 *   data folder, so someone who can rewrite the database and the anchor file still cannot write anchors that verify.
 *   Without a key the file still catches anyone who edits only the database.
 * Neither stops someone from deleting the anchor file's last lines too: put AUDIT_ANCHOR_FILE on storage the
 * server's own account cannot rewrite (an append-only file, another host's mount) when that matters.
 *
 * Lines are independent (no chain between them), so two processes may append to one file, and a torn last line (a
 * crash mid-write) is skipped rather than read as tampering. Anchors are only ever written from committed state.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { systemClock, type Clock } from '../core/clock.js';
import { HexColumnSchema } from './audit-log.js';
import { canonicalJson } from './canonical-json.js';

export const AnchorLineSchema = z.strictObject({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  mac: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type AnchorLine = z.infer<typeof AnchorLineSchema>;

/** Beside the database: `data/lodestone.db` anchors in `data/lodestone-audit-anchors.jsonl`. */
export function defaultAnchorPath(dbFile: string): string {
  return join(dirname(dbFile), `${basename(dbFile, extname(dbFile))}-audit-anchors.jsonl`);
}

function anchorMac(key: string, line: Omit<AnchorLine, 'mac'>): string {
  return createHmac('sha256', key).update(`lodestone-audit-anchor/1 ${canonicalJson({ seq: line.seq, hash: line.hash, at: line.at })}`).digest('hex');
}

function macMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface AuditAnchorsOptions {
  readonly file: string;
  /** HMAC key; anchors are written unsigned without one. */
  readonly key?: string | undefined;
  /** Anchor once the head is this many records past the last anchor. Default 1. */
  readonly every?: number;
  readonly clock?: Clock;
  /** Told when an anchor cannot be written (the records are committed; only the anchor is missing). */
  readonly onError?: (err: unknown) => void;
}

const HeadSchema = z.object({ seq: z.number().int(), hash: HexColumnSchema }).optional();

/** Writes anchors for one database. */
export class AuditAnchors {
  readonly file: string;
  /** For verifying what this writes. */
  readonly key: string | undefined;
  private readonly every: number;
  private readonly clock: Clock;
  private lastSeq: number;
  private scheduled = false;

  constructor(private readonly options: AuditAnchorsOptions) {
    this.file = options.file;
    this.key = options.key;
    this.every = options.every ?? 1;
    if (!Number.isInteger(this.every) || this.every < 1) throw new RangeError(`anchor every must be a whole number >= 1, got ${this.every}`);
    this.clock = options.clock ?? systemClock;
    this.lastSeq = lastAnchoredSeq(this.file);
  }

  /**
   * Called for each record appended: anchors once the current work is done, that is after the transaction that
   * appended has committed (better-sqlite3 transactions are synchronous, so a microtask runs after them).
   */
  afterAppend(db: Database.Database): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.anchor(db, 'append');
    });
  }

  /**
   * Writes the committed head when it has moved far enough (`append`) or at all (`start`, `shutdown`). Returns the
   * line written, if any. Never throws: a failed write goes to onError, and the next anchor covers the records.
   */
  anchor(db: Database.Database, why: 'append' | 'start' | 'shutdown'): AnchorLine | undefined {
    try {
      // Inside a transaction the head may still roll back; a later anchor (or the shutdown one) covers it.
      if (!db.open || db.inTransaction) return undefined;
      return this.anchorHead(HeadSchema.parse(db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get()), why);
    } catch (err) {
      this.options.onError?.(err);
      return undefined;
    }
  }

  /** The same for a committed head read elsewhere (PostgreSQL's audit_head): the engine-free part of `anchor`. */
  anchorHead(head: { readonly seq: number; readonly hash: string } | undefined, why: 'append' | 'start' | 'shutdown'): AnchorLine | undefined {
    try {
      if (!head || head.seq <= this.lastSeq) return undefined;
      if (why === 'append' && head.seq - this.lastSeq < this.every) return undefined;
      const base = { seq: head.seq, hash: head.hash, at: this.clock.now().toISOString() };
      const line: AnchorLine = this.key ? { ...base, mac: anchorMac(this.key, base) } : base;
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, `${JSON.stringify(line)}\n`);
      this.lastSeq = head.seq;
      return line;
    } catch (err) {
      this.options.onError?.(err);
      return undefined;
    }
  }
}

/**
 * The highest record anchored in the file's last 64 KiB: enough to carry on after a restart without reading a file
 * that grows with the log. Lines are written in order of seq, so a lower value can only cost one extra anchor.
 */
function lastAnchoredSeq(file: string): number {
  if (!existsSync(file)) return 0;
  const size = statSync(file).size;
  const length = Math.min(size, 65_536);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const lines = buffer.toString('utf8').split('\n').slice(length < size ? 1 : 0);
  return Math.max(0, ...parseAnchorLines(lines).anchors.map((a) => a.seq));
}

export interface ReadAnchors {
  readonly anchors: readonly AnchorLine[];
  /** Line numbers (1-based) that are not anchors; a torn last line is not counted. */
  readonly badLines: readonly number[];
}

/** Reads an anchor file; a missing file has no anchors. */
export function readAnchors(file: string): ReadAnchors {
  if (!existsSync(file)) return { anchors: [], badLines: [] };
  return parseAnchorLines(readFileSync(file, 'utf8').split('\n'));
}

function parseAnchorLines(lines: readonly string[]): ReadAnchors {
  const anchors: AnchorLine[] = [];
  const badLines: number[] = [];
  lines.forEach((line, i) => {
    if (line === '') return;
    const torn = i === lines.length - 1; // no newline after it: a write that never finished
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      if (!torn) badLines.push(i + 1);
      return;
    }
    const r = AnchorLineSchema.safeParse(parsed);
    if (r.success) anchors.push(r.data);
    else if (!torn) badLines.push(i + 1);
  });
  return { anchors, badLines };
}

export type AnchorProblem =
  | { readonly reason: 'truncated'; readonly seq: number; readonly detail: string }
  | { readonly reason: 'anchor_mismatch'; readonly seq: number; readonly detail: string }
  | { readonly reason: 'bad_anchor'; readonly seq: number; readonly detail: string };

export interface AnchorCheck {
  /** Anchors checked against the chain. */
  readonly checked: number;
  /** The highest anchored record, 0 without anchors. */
  readonly anchoredTo: number;
  /** Whether every anchor's HMAC was checked (a key was given and every line carried a MAC). */
  readonly authenticated: boolean;
}

/**
 * Checks a verified chain against its anchors: every anchored record must still exist with the anchored hash. Call it
 * after the chain itself verifies, so the stored hashes are known to link up to the head.
 */
export function checkAnchors(
  db: Database.Database, read: ReadAnchors, key: string | undefined,
): { ok: true; check: AnchorCheck } | { ok: false; problem: AnchorProblem } {
  const hashOf = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck();
  const head = z.number().int().parse(db.prepare('SELECT coalesce(max(seq), 0) FROM audit_log').pluck().get());
  return checkAnchorsAgainst(read, key, head, (seq) => HexColumnSchema.optional().parse(hashOf.get(seq)));
}

/** `checkAnchors` on any engine: the chain's last seq, and the stored hash of a record (undefined when it is gone). */
export function checkAnchorsAgainst(
  read: ReadAnchors, key: string | undefined, head: number, hashOf: (seq: number) => string | undefined,
): { ok: true; check: AnchorCheck } | { ok: false; problem: AnchorProblem } {
  const badLine = read.badLines[0];
  if (badLine !== undefined) return { ok: false, problem: { reason: 'bad_anchor', seq: 0, detail: `anchor file line ${badLine} is not an anchor` } };
  let authenticated = key !== undefined;
  let anchoredTo = 0;
  for (const a of read.anchors) {
    if (key !== undefined) {
      if (a.mac === undefined) authenticated = false;
      else if (!macMatches(anchorMac(key, a), a.mac)) {
        return { ok: false, problem: { reason: 'bad_anchor', seq: a.seq, detail: `the anchor of record #${a.seq} written ${a.at} does not carry a valid HMAC for AUDIT_ANCHOR_KEY (forged, or another key)` } };
      }
    }
    if (a.seq > head) {
      return { ok: false, problem: { reason: 'truncated', seq: a.seq, detail: `record #${a.seq} was anchored ${a.at} but the log ends at #${head}: newer records were removed` } };
    }
    const stored = hashOf(a.seq);
    if (stored !== a.hash) {
      return { ok: false, problem: { reason: 'anchor_mismatch', seq: a.seq, detail: `record #${a.seq} does not have the hash anchored ${a.at}: the chain up to it was rewritten` } };
    }
    anchoredTo = Math.max(anchoredTo, a.seq);
  }
  return { ok: true, check: { checked: read.anchors.length, anchoredTo, authenticated: authenticated && read.anchors.length > 0 } };
}
