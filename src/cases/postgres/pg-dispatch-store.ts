/**
 * The outbox dispatcher's store on PostgreSQL (dispatch-store.ts), for a dispatcher in every instance on one
 * outbox. A lease is one conditional UPDATE: of two instances leasing one row, the second waits on the row lock and
 * then finds it no longer due, so each attempt is made by one instance; an instance that dies holding a lease has
 * its row become due again when the lease ends. Delivery records (per channel) and card refs are inserts that ignore
 * a repeat, as on SQLite, so a row retried after a partial failure repeats nothing that was confirmed.
 */
import type pg from 'pg';
import { z } from 'zod';
import type { Channel } from '../../contracts/message.js';
import { toAnswerUpdate } from '../answer-update.js';
import { CaseRowSchema, toCaseView } from '../case-store.js';
import type { DispatchStore } from '../dispatch-store.js';
import { PgAuditChain } from './pg-audit-chain.js';
import { inTransaction } from './pg-database.js';
import { PgOutboxQueue } from './pg-outbox-queue.js';

const RefSchema = z.object({ ref: z.string() });

export function pgDispatchStore(pool: pg.Pool): DispatchStore {
  const queue = new PgOutboxQueue(pool);
  const audit = new PgAuditChain(pool);
  return {
    async due(now, limit) {
      const r = await pool.query(`SELECT id FROM outbox WHERE state = 'pending' AND next_at <= $1 ORDER BY id LIMIT $2`, [now.getTime(), limit]);
      const rows = await Promise.all(r.rows.map((row) => queue.get(z.object({ id: z.number().int() }).parse(row).id)));
      return rows.filter((row) => row !== undefined);
    },
    async lease(id, now, leaseMs) {
      const r = await pool.query(
        `UPDATE outbox SET next_at = $1, attempts = attempts + 1 WHERE id = $2 AND state = 'pending' AND next_at <= $3 RETURNING id`,
        [now.getTime() + leaseMs, id, now.getTime()],
      );
      return r.rowCount === 1 ? queue.get(id) : undefined;
    },
    async byKey(key) {
      const r = await pool.query('SELECT id FROM outbox WHERE key = $1', [key]);
      const row = r.rows[0];
      return row === undefined ? undefined : queue.get(z.object({ id: z.number().int() }).parse(row).id);
    },
    async caseView(num) {
      const r = await pool.query('SELECT * FROM cases WHERE num = $1', [num]);
      if (r.rows[0] === undefined) return undefined;
      const events = await pool.query('SELECT id, at, action, actor, note, detail FROM case_events WHERE case_num = $1 ORDER BY id', [num]);
      return toCaseView(CaseRowSchema.parse(r.rows[0]), events.rows);
    },
    async answerUpdate(id) {
      const r = await pool.query('SELECT * FROM answer_updates WHERE id = $1', [id]);
      return r.rows[0] === undefined ? undefined : toAnswerUpdate(r.rows[0]);
    },
    deliveredChannels: (id) => queue.deliveredChannels(id),
    markDelivered: (id, channel, ref, now) => queue.markDelivered(id, channel, ref, now),
    async cards(caseNum: number, channel: Channel) {
      const r = await pool.query('SELECT ref FROM case_cards WHERE case_num = $1 AND channel = $2 ORDER BY at, ref', [caseNum, channel]);
      return r.rows.map((row) => RefSchema.parse(row).ref);
    },
    async addCard(caseNum, channel, ref, now) {
      await pool.query('INSERT INTO case_cards (case_num, channel, ref, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [caseNum, channel, ref, now.toISOString()]);
    },
    complete: (id, now) => queue.complete(id, now),
    retryAt: (id, nextAt, error, countAttempt) => queue.retryAt(id, nextAt, error, countAttempt),
    kill: (id, now, error, input) => inTransaction(pool, async (client) => {
      await new PgOutboxQueue(client).kill(id, now, error);
      await audit.appendIn(client, input);
    }),
  };
}
