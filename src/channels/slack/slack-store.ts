/**
 * Slack's own small tables in the app database: the turns Lodestone answered (so "Share in channel" can post an
 * ephemeral answer again, the App Home can list a user's recent questions, and feedback knows what it is about),
 * and the helpful / not-helpful feedback. The audit log stays the record of questions and answers; these rows are
 * a convenience and are purged after `keepDays` (never longer than the audit retention). Feedback rows hold no
 * text (turn id, user id, vote, verdict) and are kept.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { CitationSchema } from '../../rules/decision.js';
import { ReplyVerdictSchema } from '../../rules/verdict.js';
import { EscalationSchema, FollowUpSchema } from '../../contracts/reply.js';
import type { Clock } from '../../core/clock.js';
import type { RenderableReply } from './render-blocks.js';

export const StoredReplySchema = z.object({
  headline: z.string(),
  verdict: ReplyVerdictSchema,
  reasons: z.array(z.string()),
  citations: z.array(CitationSchema),
  followUps: z.array(FollowUpSchema),
  nextSteps: z.array(z.string()),
  escalation: EscalationSchema,
  disclaimer: z.string(),
  inputNote: z.string().optional(),
  /** The facts still needed, for "Details" (optional: rows stored before it was kept have none). */
  missing: z.array(z.string()).optional(),
  /** The line and the corrections' labels only: a shared copy shows the line, and no copy needs the patches. */
  readAs: z.object({ text: z.string(), corrections: z.array(z.object({ label: z.string() })) }).optional(),
});

export const TurnRowSchema = z.object({
  id: z.string(),
  team: z.string(),
  user: z.string(),
  ref: z.string(),
  question: z.string(),
  verdict: ReplyVerdictSchema,
  case_id: z.string().nullable(),
  reply: z.string(),
  created_at: z.number(),
});

export interface StoredTurn {
  readonly id: string;
  readonly team: string;
  readonly user: string;
  readonly ref: string;
  readonly question: string;
  readonly caseId: string | undefined;
  readonly reply: RenderableReply;
  readonly createdAt: Date;
}

export interface NewTurn {
  readonly id: string;
  readonly team: string;
  readonly user: string;
  readonly ref: string;
  readonly question: string;
  readonly reply: RenderableReply;
}

export const QUESTION_CHARS = 500;

/** What a turn keeps of its reply: only what the renderer needs (not the rule trace), so a row stays small. */
export function keptReply(r: RenderableReply): z.input<typeof StoredReplySchema> {
  return {
    headline: r.headline, verdict: r.verdict, reasons: r.reasons, citations: r.citations, followUps: r.followUps,
    nextSteps: r.nextSteps, escalation: r.escalation, disclaimer: r.disclaimer, ...(r.inputNote ? { inputNote: r.inputNote } : {}),
    ...(r.missing && r.missing.length > 0 ? { missing: [...r.missing] } : {}),
    ...(r.readAs ? { readAs: { text: r.readAs.text, corrections: r.readAs.corrections.map((c) => ({ label: c.label })) } } : {}),
  };
}

export class SlackStore {
  private readonly insertTurn;
  private readonly selectTurn;
  private readonly recentTurns;
  private readonly upsertFeedback;
  private readonly purgeTurns;
  private lastPurge = 0;

  constructor(private readonly db: Database.Database, private readonly clock: Clock, private readonly keepDays: number) {
    this.insertTurn = db.prepare(`INSERT OR IGNORE INTO slack_turns (id, team, user, ref, question, verdict, case_id, reply, created_at)
      VALUES (@id, @team, @user, @ref, @question, @verdict, @case_id, @reply, @created_at)`);
    this.selectTurn = db.prepare('SELECT * FROM slack_turns WHERE id = ?');
    this.recentTurns = db.prepare('SELECT * FROM slack_turns WHERE user = ? ORDER BY created_at DESC, rowid DESC LIMIT ?');
    // One vote per person per answer; changing one's mind replaces it.
    this.upsertFeedback = db.prepare(`INSERT INTO slack_feedback (turn_id, user, helpful, verdict, at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (turn_id, user) DO UPDATE SET helpful = excluded.helpful, at = excluded.at`);
    this.purgeTurns = db.prepare('DELETE FROM slack_turns WHERE created_at < ?');
  }

  addTurn(t: NewTurn): void {
    const now = this.clock.now().getTime();
    this.maybePurge(now);
    const reply = keptReply(t.reply);
    this.insertTurn.run({
      id: t.id, team: t.team, user: t.user, ref: t.ref, question: t.question.slice(0, QUESTION_CHARS),
      verdict: reply.verdict, case_id: reply.escalation.caseId ?? null, reply: JSON.stringify(reply), created_at: now,
    });
  }

  turn(id: string): StoredTurn | undefined {
    const row = this.selectTurn.get(id);
    return row === undefined ? undefined : toTurn(TurnRowSchema.parse(row));
  }

  recent(user: string, limit: number): StoredTurn[] {
    return this.recentTurns.all(user, limit).map((r) => toTurn(TurnRowSchema.parse(r)));
  }

  /** Records a vote; returns the turn it is about, or undefined when that turn is gone (purged, unknown). */
  feedback(turnId: string, user: string, helpful: boolean): StoredTurn | undefined {
    const t = this.turn(turnId);
    if (!t) return undefined;
    this.upsertFeedback.run(turnId, user, helpful ? 1 : 0, t.reply.verdict, this.clock.now().getTime());
    return t;
  }

  feedbackCounts(): { helpful: number; notHelpful: number } {
    const r = z.object({ helpful: z.number().nullable(), total: z.number() })
      .parse(this.db.prepare('SELECT SUM(helpful) AS helpful, COUNT(*) AS total FROM slack_feedback').get());
    return { helpful: r.helpful ?? 0, notHelpful: r.total - (r.helpful ?? 0) };
  }

  private maybePurge(now: number): void {
    if (now - this.lastPurge < 3_600_000) return;
    this.lastPurge = now;
    const cutoff = now - this.keepDays * 86_400_000;
    this.purgeTurns.run(cutoff);
  }
}

export function toTurn(r: z.infer<typeof TurnRowSchema>): StoredTurn {
  return {
    id: r.id, team: r.team, user: r.user, ref: r.ref, question: r.question, caseId: r.case_id ?? undefined,
    reply: StoredReplySchema.parse(JSON.parse(r.reply)), createdAt: new Date(r.created_at),
  };
}
