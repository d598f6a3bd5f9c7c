/** One update about a changed answer, as the outbox delivers it (table `answer_updates`, written by redecide.ts). */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { CitationSchema } from '../rules/decision.js';
import { VerdictSchema } from '../rules/verdict.js';
import { ReplyToSchema } from './case-view.js';

const jsonOf = <T extends z.ZodType>(schema: T) => z.string().transform((s) => JSON.parse(s) as unknown).pipe(schema);

const RowSchema = z.object({
  id: z.number().int(),
  overlay_id: z.number().int(),
  previous_verdict: VerdictSchema,
  verdict: VerdictSchema,
  reply_to: jsonOf(ReplyToSchema),
  text: z.string(),
  citations: jsonOf(z.array(CitationSchema)),
  created_at: z.string(),
});

export interface AnswerUpdate {
  readonly id: number;
  readonly overlayId: number;
  readonly previousVerdict: z.infer<typeof VerdictSchema>;
  readonly verdict: z.infer<typeof VerdictSchema>;
  readonly replyTo: z.infer<typeof ReplyToSchema>;
  /** "On 20 November you asked about …; the answer was escalate; … it is now licence required, because …". */
  readonly text: string;
  readonly citations: z.infer<typeof CitationSchema>[];
  readonly at: string;
}

export function readAnswerUpdate(db: Database.Database, id: number): AnswerUpdate | undefined {
  const raw = db.prepare('SELECT * FROM answer_updates WHERE id = ?').get(id);
  return raw ? toAnswerUpdate(raw) : undefined;
}

/** An `answer_updates` row as read from either engine. */
export function toAnswerUpdate(raw: unknown): AnswerUpdate {
  const r = RowSchema.parse(raw);
  return {
    id: r.id, overlayId: r.overlay_id, previousVerdict: r.previous_verdict, verdict: r.verdict, replyTo: r.reply_to,
    text: r.text, citations: r.citations, at: r.created_at,
  };
}

/** The update as plain text with its citations, for platforms that take text. */
export function answerUpdateText(u: AnswerUpdate): string {
  const cites = u.citations.map((c) => `${c.source}${c.article ? ` ${c.article}` : ''}${c.title ? ` (${c.title})` : ''}`).join('; ');
  return `${u.text}${cites ? `\nSources: ${cites}` : ''}`;
}
