/** The web chat's turns per conversation (question and Reply), so a reloaded page shows the conversation so far. */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ReplySchema, type Reply } from '../../contracts/reply.js';

export interface Turn {
  readonly id: number;
  readonly at: string;
  readonly text: string;
  readonly reply: Reply;
}

const RowSchema = z.object({ id: z.number().int(), at: z.string(), text: z.string(), reply: z.string() });

export class TranscriptStore {
  constructor(private readonly db: Database.Database) {}

  add(conversation: string, text: string, reply: Reply, at: Date): Turn {
    const r = this.db
      .prepare('INSERT INTO web_turns (conversation, at, text, reply) VALUES (?, ?, ?, ?)')
      .run(conversation, at.toISOString(), text, JSON.stringify(reply));
    return { id: Number(r.lastInsertRowid), at: at.toISOString(), text, reply };
  }

  /** The latest `limit` turns, oldest first. Rows that no longer parse (an older build wrote them) are skipped. */
  list(conversation: string, limit = 100): Turn[] {
    const rows = this.db
      .prepare('SELECT id, at, text, reply FROM web_turns WHERE conversation = ? ORDER BY id DESC LIMIT ?')
      .all(conversation, limit);
    const turns: Turn[] = [];
    for (const raw of rows.reverse()) {
      const row = RowSchema.safeParse(raw);
      if (!row.success) continue;
      const reply = ReplySchema.safeParse(safeJson(row.data.reply));
      if (reply.success) turns.push({ id: row.data.id, at: row.data.at, text: row.data.text, reply: reply.data });
    }
    return turns;
  }

  deleteOlderThan(cutoff: Date): number {
    return this.db.prepare('DELETE FROM web_turns WHERE at < ?').run(cutoff.toISOString()).changes;
  }
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
