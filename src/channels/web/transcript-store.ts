/**
 * The web chat's turns per conversation (question and Reply), so a reloaded page shows the conversation so far.
 * A row keeps what the page draws, not the whole Reply again: no frame and no facts (the page never shows them),
 * and of the rules that decided, each rule's result and status but not the conditions it checked, which were half
 * of a reply's bytes (the audit log keeps the answer's record; the officers' console shows the full trace).
 * The kept JSON is stored deflated (a BLOB) with a preset dictionary of the rules' sentences (reply-dictionary.ts),
 * about 0.5 KB a row instead of 2 KB as JSON or 1.1 KB deflated alone; the row names its dictionary, which is kept in
 * transcript_dictionaries. Rows written before hold JSON deflated alone or plain JSON text, and read as they are.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ReplySchema, type Reply } from '../../contracts/reply.js';
import { RuleResultSchema } from '../../rules/decision.js';
import type { ReplyDictionary } from './reply-dictionary.js';

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

const RowSchema = z.object({
  id: z.number().int(), at: z.string(), text: z.string(), reply: z.union([z.string(), z.instanceof(Buffer)]),
  // Absent where a store does not select it (PostgreSQL's rows are plain JSON).
  reply_dictionary: z.number().int().nullable().optional(),
});

/** The kept reply as stored: deflated JSON, with the preset dictionary when there is one. */
export function encodeKeptReply(kept: RedrawReply, dictionary?: Buffer): Buffer {
  return deflateRawSync(JSON.stringify(kept), dictionary ? { dictionary } : {});
}

/**
 * A stored reply column back to JSON: deflated (with `dictionary` when the row names one), or plain JSON text (rows
 * written before).
 */
export function decodeKeptReply(stored: string | Buffer, dictionary?: Buffer): unknown {
  if (typeof stored === 'string') return safeJson(stored);
  try {
    return safeJson(inflateRawSync(stored, dictionary ? { dictionary } : {}).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A row's dictionary by its id; undefined when it is not kept (the row then does not decode and is skipped). */
export type DictionaryLookup = (id: number) => Buffer | undefined;

export class TranscriptStore {
  private readonly insert;
  private readonly selectRecent;
  private readonly selectByKey;
  private readonly deleteOld;
  private readonly selectKey;
  private readonly selectDictionary;
  /** Dictionaries read so far, by id: a few per database (one per rules edit), each read once. */
  private readonly dictionaries = new Map<number, Buffer>();
  /** The dictionary new rows are written with (its id and bytes); none: deflated alone. */
  private readonly current: { readonly id: number; readonly bytes: Buffer } | undefined;
  private readonly lookup: DictionaryLookup = (id) => this.dictionary(id);

  constructor(db: Database.Database, dictionary?: ReplyDictionary) {
    this.insert = db.prepare('INSERT INTO web_turns (conversation, at, text, reply, delivery_key, reply_dictionary) VALUES (?, ?, ?, ?, ?, ?)');
    const columns = 'id, at, text, reply, reply_dictionary';
    this.selectRecent = db.prepare(`SELECT ${columns} FROM web_turns WHERE conversation = ? ORDER BY id DESC LIMIT ?`);
    this.selectByKey = db.prepare(`SELECT ${columns} FROM web_turns WHERE conversation = ? AND delivery_key = ?`);
    this.deleteOld = db.prepare('DELETE FROM web_turns WHERE at < ?');
    this.selectKey = db.prepare('SELECT 1 FROM web_turns WHERE conversation = ? AND delivery_key = ?').pluck();
    this.selectDictionary = db.prepare('SELECT dictionary FROM transcript_dictionaries WHERE id = ?').pluck();
    if (dictionary) {
      db.prepare('INSERT INTO transcript_dictionaries (digest, dictionary) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING')
        .run(dictionary.digest, dictionary.bytes);
      const id = z.number().int().parse(db.prepare('SELECT id FROM transcript_dictionaries WHERE digest = ?').pluck().get(dictionary.digest));
      this.current = { id, bytes: dictionary.bytes };
      this.dictionaries.set(id, dictionary.bytes);
    }
  }

  /** Keeps a turn; `deliveryKey` is the post's idempotency key, by which a repeat of the post finds it. */
  add(conversation: string, text: string, reply: Reply, at: Date, deliveryKey?: string): Turn {
    const kept = redrawReply(reply);
    const stored = encodeKeptReply(kept, this.current?.bytes);
    const r = this.insert.run(conversation, at.toISOString(), text, stored, deliveryKey ?? null, this.current?.id ?? null);
    return { id: Number(r.lastInsertRowid), at: at.toISOString(), text, reply: kept };
  }

  /** The turn a post with this idempotency key was answered with, if it is still kept. */
  byKey(conversation: string, deliveryKey: string): Turn | undefined {
    const raw = this.selectByKey.get(conversation, deliveryKey);
    return raw === undefined ? undefined : toTurn(raw, this.lookup);
  }

  /** Whether a turn is kept for this idempotency key (the web's delivery claim: the row is unique per key). */
  hasKey(conversation: string, deliveryKey: string): boolean {
    return this.selectKey.get(conversation, deliveryKey) !== undefined;
  }

  /** The latest `limit` turns, oldest first. Rows that no longer parse (an older build wrote them) are skipped. */
  list(conversation: string, limit = 100): Turn[] {
    const turns: Turn[] = [];
    for (const raw of this.selectRecent.all(conversation, limit).reverse()) {
      const turn = toTurn(raw, this.lookup);
      if (turn) turns.push(turn);
    }
    return turns;
  }

  deleteOlderThan(cutoff: Date): number {
    return this.deleteOld.run(cutoff.toISOString()).changes;
  }

  private dictionary(id: number): Buffer | undefined {
    let bytes = this.dictionaries.get(id);
    if (bytes === undefined) {
      const stored: unknown = this.selectDictionary.get(id);
      if (!(stored instanceof Buffer)) return undefined;
      bytes = stored;
      this.dictionaries.set(id, bytes);
    }
    return bytes;
  }
}

export function toTurn(raw: unknown, dictionaryOf?: DictionaryLookup): Turn | undefined {
  const row = RowSchema.safeParse(raw);
  if (!row.success) return undefined;
  const dictionaryId = row.data.reply_dictionary ?? undefined;
  let dictionary: Buffer | undefined;
  if (dictionaryId !== undefined) {
    dictionary = dictionaryOf?.(dictionaryId);
    if (dictionary === undefined) return undefined;
  }
  const reply = RedrawReplySchema.safeParse(decodeKeptReply(row.data.reply, dictionary));
  return reply.success ? { id: row.data.id, at: row.data.at, text: row.data.text, reply: reply.data } : undefined;
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
