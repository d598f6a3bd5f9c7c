/**
 * Slack's own tables (../slack/slack-store.ts) in PostgreSQL, for Slack served by several instances: the answered
 * turns ("Share in channel", the App Home, what feedback is about) and the votes, the same rows as on SQLite. `addTurn`
 * takes the turn's connection, so the row commits with the answer (PgTurnPipeline's keep); it is purged after
 * `keepDays`, checked at most hourly per instance.
 */
import type pg from 'pg';
import { z } from 'zod';
import type { Clock } from '../../core/clock.js';
import { keptReply, QUESTION_CHARS, toTurn, TurnRowSchema, type NewTurn, type StoredTurn } from '../slack/slack-store.js';

export class PgSlackStore {
  private lastPurge = 0;

  constructor(private readonly pool: pg.Pool, private readonly clock: Clock, private readonly keepDays: number) {}

  async addTurn(client: pg.PoolClient, t: NewTurn): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastPurge >= 3_600_000) {
      this.lastPurge = now;
      await client.query('DELETE FROM slack_turns WHERE created_at < $1', [now - this.keepDays * 86_400_000]);
    }
    const reply = keptReply(t.reply);
    await client.query(
      `INSERT INTO slack_turns (id, team, "user", ref, question, verdict, case_id, reply, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [t.id, t.team, t.user, t.ref, t.question.slice(0, QUESTION_CHARS), reply.verdict, reply.escalation.caseId ?? null, JSON.stringify(reply), now],
    );
  }

  async turn(id: string): Promise<StoredTurn | undefined> {
    const r = await this.pool.query('SELECT * FROM slack_turns WHERE id = $1', [id]);
    return r.rows[0] === undefined ? undefined : toTurn(TurnRowSchema.parse(r.rows[0]));
  }

  async recent(user: string, limit: number): Promise<StoredTurn[]> {
    const r = await this.pool.query('SELECT * FROM slack_turns WHERE "user" = $1 ORDER BY created_at DESC, id DESC LIMIT $2', [user, limit]);
    return r.rows.map((row) => toTurn(TurnRowSchema.parse(row)));
  }

  /** Records a vote; returns the turn it is about, or undefined when that turn is gone (purged, unknown). */
  async feedback(turnId: string, user: string, helpful: boolean): Promise<StoredTurn | undefined> {
    const t = await this.turn(turnId);
    if (!t) return undefined;
    await this.pool.query(
      `INSERT INTO slack_feedback (turn_id, "user", helpful, verdict, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (turn_id, "user") DO UPDATE SET helpful = excluded.helpful, at = excluded.at`,
      [turnId, user, helpful ? 1 : 0, t.reply.verdict, this.clock.now().getTime()],
    );
    return t;
  }

  async feedbackCounts(): Promise<{ helpful: number; notHelpful: number }> {
    const r = await this.pool.query('SELECT SUM(helpful)::int AS helpful, COUNT(*) AS total FROM slack_feedback');
    const row = z.object({ helpful: z.number().nullable(), total: z.number() }).parse(r.rows[0]);
    return { helpful: row.helpful ?? 0, notHelpful: row.total - (row.helpful ?? 0) };
  }
}
