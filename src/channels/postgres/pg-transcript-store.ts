/**
 * The web chat's transcript (../web/transcript-store.ts) in PostgreSQL, for a web chat served by several instances:
 * the same rows and the same kept reply (redrawReply), read back through the same schema. The kept reply is stored as
 * JSON text, not deflated as in SQLite: PostgreSQL compresses large values itself (TOAST), and the reader takes both.
 * `add` and `byKey` take the turn's connection, so the row commits with the answer (PgTurnPipeline's keep/replay).
 */
import type pg from 'pg';
import { z } from 'zod';
import type { Reply } from '../../contracts/reply.js';
import { redrawReply, toTurn, type Turn } from '../web/transcript-store.js';

export class PgTranscriptStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Keeps a turn on the turn's connection; `deliveryKey` is the post's idempotency key. */
  async add(client: pg.PoolClient, conversation: string, text: string, reply: Reply, at: Date, deliveryKey?: string): Promise<Turn> {
    const kept = redrawReply(reply);
    const r = await client.query(
      'INSERT INTO web_turns (conversation, at, text, reply, delivery_key) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [conversation, at.toISOString(), text, JSON.stringify(kept), deliveryKey ?? null],
    );
    const id = z.object({ id: z.number().int() }).parse(r.rows[0]).id;
    return { id, at: at.toISOString(), text, reply: kept };
  }

  /** The turn a post with this idempotency key was answered with, if it is still kept. */
  async byKey(db: pg.PoolClient | pg.Pool, conversation: string, deliveryKey: string): Promise<Turn | undefined> {
    const r = await db.query('SELECT id, at, text, reply FROM web_turns WHERE conversation = $1 AND delivery_key = $2', [conversation, deliveryKey]);
    return r.rows[0] === undefined ? undefined : toTurn(r.rows[0]);
  }

  /** The latest `limit` turns, oldest first; rows that no longer parse are skipped, as on SQLite. */
  async list(conversation: string, limit = 100): Promise<Turn[]> {
    const r = await this.pool.query('SELECT id, at, text, reply FROM web_turns WHERE conversation = $1 ORDER BY id DESC LIMIT $2', [conversation, limit]);
    return r.rows.reverse().flatMap((row) => toTurn(row) ?? []);
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.pool.query('DELETE FROM web_turns WHERE at COLLATE "C" < $1', [cutoff.toISOString()])).rowCount ?? 0;
  }
}
