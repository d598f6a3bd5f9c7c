/**
 * Audit anchors on PostgreSQL (audit-anchor.ts says why anchors exist): each instance writes the committed head of the
 * one chain (`audit_head`) to its own anchor file, AUDIT_ANCHOR_FILE, at start, whenever the head has moved at the next
 * check, and at shutdown. Several instances on one database need no agreement: every line is a head that was
 * committed, so any instance's file verifies against the chain, and a rewrite or a truncation below any anchored record
 * fails `lodestone audit verify`.
 *
 * Why a check on a timer and not after each commit as on SQLite: turns commit on many pooled connections and on other
 * instances, and the head is one indexed row, so one read per interval covers all of them. Records committed since
 * the last check (at most one interval's, or a crash's) are not covered, as on SQLite with AUDIT_ANCHOR_EVERY above 1.
 */
import type pg from 'pg';
import { z } from 'zod';
import { checkAnchorsAgainst, readAnchors, type AnchorCheck, type AnchorProblem, type AuditAnchors } from '../audit-anchor.js';

const HeadSchema = z.object({ seq: z.number().int().nonnegative(), hash: z.string() });
const HashRowSchema = z.object({ seq: z.number().int(), hash: z.string() });

/** The committed head, or undefined while the chain is empty. */
async function committedHead(pool: pg.Pool): Promise<{ seq: number; hash: string } | undefined> {
  const r = await pool.query('SELECT seq, hash FROM audit_head WHERE id = 1');
  const head = r.rows[0] === undefined ? undefined : HeadSchema.parse(r.rows[0]);
  return head && head.seq > 0 ? head : undefined;
}

export interface PgAnchoring {
  /** Anchors the committed head now (the start and shutdown anchors); never throws. */
  anchorNow(why: 'start' | 'shutdown'): Promise<void>;
  stop(): void;
}

export function startPgAnchoring(pool: pg.Pool, anchors: AuditAnchors, options: { everyMs: number; onError: (err: unknown) => void }): PgAnchoring {
  const anchor = async (why: 'append' | 'start' | 'shutdown') => {
    try {
      anchors.anchorHead(await committedHead(pool), why);
    } catch (err) {
      options.onError(err);
    }
  };
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= anchor('append').finally(() => {
      running = undefined;
    });
  }, options.everyMs);
  timer.unref();
  return {
    anchorNow: async (why) => {
      await running;
      await anchor(why);
    },
    stop: () => clearInterval(timer),
  };
}

/** Checks an anchor file against the chain in PostgreSQL: each anchored record must still be there with its hash. */
export async function checkPgAnchors(
  pool: pg.Pool, file: string, key: string | undefined,
): Promise<{ ok: true; check: AnchorCheck } | { ok: false; problem: AnchorProblem }> {
  const read = readAnchors(file);
  // The log's own last record, not the head row: a truncation that left the head row alone is caught too.
  const head = z.number().int().parse((await pool.query('SELECT coalesce(max(seq), 0)::int AS head FROM audit_log')).rows[0]?.head);
  const seqs = [...new Set(read.anchors.map((a) => a.seq))];
  const rows = seqs.length === 0 ? [] : (await pool.query('SELECT seq, hash FROM audit_log WHERE seq = ANY($1::int[])', [seqs])).rows;
  const hashes = new Map(rows.map((row: unknown) => HashRowSchema.parse(row)).map((r) => [r.seq, r.hash]));
  return checkAnchorsAgainst(read, key, head, (seq) => hashes.get(seq));
}
