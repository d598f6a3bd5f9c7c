/** Officers' decisions waiting for the web asker: written by the web HumanChannel, read by the chat page and its poll. */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { OfficerDecisionSchema } from '../../cases/case-view.js';
import { CitationSchema } from '../../rules/decision.js';
import { VerdictSchema } from '../../rules/verdict.js';
import { safeJson } from './transcript-store.js';

export const DecisionNoticeSchema = z.object({
  caseId: z.string(),
  decision: OfficerDecisionSchema,
  note: z.string(),
  /** The officer, as the asker sees them. */
  by: z.string(),
  decidedAt: z.string(),
});

/** An earlier answer changed by a recorded rule status (src/cases/redecide.ts). */
export const AnswerUpdateNoticeSchema = z.object({
  kind: z.literal('answer_update'),
  verdict: VerdictSchema,
  text: z.string(),
  citations: z.array(CitationSchema),
  at: z.string(),
});

export const NoticeSchema = z.union([AnswerUpdateNoticeSchema, DecisionNoticeSchema]);
export type Notice = z.infer<typeof NoticeSchema>;
export type DecisionNotice = z.infer<typeof DecisionNoticeSchema>;

export interface InboxItem {
  readonly id: number;
  readonly at: string;
  readonly notice: Notice;
}

const RowSchema = z.object({ id: z.number().int(), at: z.string(), notice: z.string() });

export class InboxStore {
  constructor(private readonly db: Database.Database) {}

  /** Stores a notice once per `key`: the outbox delivers at least once, the asker must see it once. */
  add(conversation: string, key: string, notice: Notice, at: Date): boolean {
    return this.db
      .prepare('INSERT OR IGNORE INTO web_inbox (conversation, key, at, notice) VALUES (?, ?, ?, ?)')
      .run(conversation, key, at.toISOString(), JSON.stringify(NoticeSchema.parse(notice))).changes > 0;
  }

  /** Notices with an id above `after`, oldest first. */
  list(conversation: string, after = 0, limit = 100): InboxItem[] {
    const rows = this.db
      .prepare('SELECT id, at, notice FROM web_inbox WHERE conversation = ? AND id > ? ORDER BY id LIMIT ?')
      .all(conversation, after, limit);
    const items: InboxItem[] = [];
    for (const raw of rows) {
      const row = RowSchema.safeParse(raw);
      if (!row.success) continue;
      const notice = NoticeSchema.safeParse(safeJson(row.data.notice));
      if (notice.success) items.push({ id: row.data.id, at: row.data.at, notice: notice.data });
    }
    return items;
  }

  deleteOlderThan(cutoff: Date): number {
    return this.db.prepare('DELETE FROM web_inbox WHERE at < ?').run(cutoff.toISOString()).changes;
  }
}
