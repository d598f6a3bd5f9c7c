/**
 * The web chat's turns per conversation (question and Reply), so a reloaded page shows the conversation so far.
 * A row keeps what the page draws, not the whole Reply again: no frame and no facts (the page never shows them),
 * and of the rules that decided, each rule's result and status but not the conditions it checked, which were half
 * of a reply's bytes (the audit log keeps the answer's record; the officers' console shows the full trace).
 * The kept JSON is stored deflated (a BLOB): at about 2 KB a row only one row fitted on a 4 KB page, and deflated it
 * is about 0.9 KB. Rows written before hold plain JSON text, and read as they are.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ReplySchema, type Reply } from '../../contracts/reply.js';
import { RuleResultSchema } from '../../rules/decision.js';

/** A rule that decided, as the chat keeps it: its result and status, without the conditions checked. */
export const KeptRuleSchema = RuleResultSchema.omit({ checks: true, unknownFacts: true });

/** The part of a Reply the chat page draws. Rows written before kept the checks too; they read as this. */
export const RedrawReplySchema = ReplySchema.omit({ frame: true, facts: true, fired: true }).extend({ fired: z.array(KeptRuleSchema) });
export type RedrawReply = z.infer<typeof RedrawReplySchema>;

/** What the transcript keeps of a reply (RedrawReplySchema), built field by field so nothing else slips in. */
export function redrawReply(reply: Reply): RedrawReply {
  const { frame: _frame, facts: _facts, fired, ...drawn } = reply;
  return {
    ...drawn,
    fired: fired.map((r) => ({
      ruleId: r.ruleId, title: r.title, match: r.match, status: r.status, statusNote: r.statusNote,
      contributes: r.contributes, overriddenBy: r.overriddenBy, confirmed: r.confirmed,
    })),
  };
}

export interface Turn {
  readonly id: number;
  readonly at: string;
  readonly text: string;
  readonly reply: RedrawReply;
}

const RowSchema = z.object({ id: z.number().int(), at: z.string(), text: z.string(), reply: z.union([z.string(), z.instanceof(Buffer)]) });

/** The kept reply as stored: deflated JSON. */
export function encodeKeptReply(kept: RedrawReply): Buffer {
  return deflateRawSync(JSON.stringify(kept));
}

/** A stored reply column back to JSON: deflated (this build), or plain JSON text (rows written before). */
export function decodeKeptReply(stored: string | Buffer): unknown {
  if (typeof stored === 'string') return safeJson(stored);
  try {
    return safeJson(inflateRawSync(stored).toString('utf8'));
  } catch {
    return undefined;
  }
}

export class TranscriptStore {
  private readonly insert;
  private readonly selectRecent;
  private readonly selectByKey;
  private readonly deleteOld;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO web_turns (conversation, at, text, reply, delivery_key) VALUES (?, ?, ?, ?, ?)');
    this.selectRecent = db.prepare('SELECT id, at, text, reply FROM web_turns WHERE conversation = ? ORDER BY id DESC LIMIT ?');
    this.selectByKey = db.prepare('SELECT id, at, text, reply FROM web_turns WHERE conversation = ? AND delivery_key = ?');
    this.deleteOld = db.prepare('DELETE FROM web_turns WHERE at < ?');
  }

  /** Keeps a turn; `deliveryKey` is the post's idempotency key, by which a repeat of the post finds it. */
  add(conversation: string, text: string, reply: Reply, at: Date, deliveryKey?: string): Turn {
    const kept = redrawReply(reply);
    const r = this.insert.run(conversation, at.toISOString(), text, encodeKeptReply(kept), deliveryKey ?? null);
    return { id: Number(r.lastInsertRowid), at: at.toISOString(), text, reply: kept };
  }

  /** The turn a post with this idempotency key was answered with, if it is still kept. */
  byKey(conversation: string, deliveryKey: string): Turn | undefined {
    const raw = this.selectByKey.get(conversation, deliveryKey);
    return raw === undefined ? undefined : toTurn(raw);
  }

  /** The latest `limit` turns, oldest first. Rows that no longer parse (an older build wrote them) are skipped. */
  list(conversation: string, limit = 100): Turn[] {
    const turns: Turn[] = [];
    for (const raw of this.selectRecent.all(conversation, limit).reverse()) {
      const turn = toTurn(raw);
      if (turn) turns.push(turn);
    }
    return turns;
  }

  deleteOlderThan(cutoff: Date): number {
    return this.deleteOld.run(cutoff.toISOString()).changes;
  }
}

export function toTurn(raw: unknown): Turn | undefined {
  const row = RowSchema.safeParse(raw);
  if (!row.success) return undefined;
  const reply = RedrawReplySchema.safeParse(decodeKeptReply(row.data.reply));
  return reply.success ? { id: row.data.id, at: row.data.at, text: row.data.text, reply: reply.data } : undefined;
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
