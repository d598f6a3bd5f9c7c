/**
 * Bills of materials screened in a chat, on PostgreSQL (`bom_uploads`, migration 8): the same port as SQLite's
 * (bom-upload-store.ts), so a file screened on one instance is shown, downloaded and escalated from any other.
 *
 * - Keeping an upload inserts its row and appends its question and answer records on the one chain, in one
 *   transaction (the head-row lock last, as a turn does).
 * - Escalating opens the case as a chat turn opens one (pg-turn-cases.ts: the same rows, outbox post and
 *   `escalation` record), under the same conversation lock: a turn and an escalation of one conversation, on any
 *   instances, queue up, and two clicks of the button find one case. The upload is marked with its case in the same
 *   transaction.
 */
import type pg from 'pg';
import { z } from 'zod';
import { lockConversation } from '../../assistant/postgres/pg-conversations.js';
import type { AuditInput } from '../../cases/audit-log.js';
import type { OpenCaseInput } from '../../cases/case-service.js';
import { PgAuditChain } from '../../cases/postgres/pg-audit-chain.js';
import { inTransaction } from '../../cases/postgres/pg-database.js';
import { loadCaseSnapshot, withReads } from '../../cases/postgres/pg-turn-cases.js';
import type { Clock } from '../../core/clock.js';
import type { BomUploadStore } from '../bom-upload/bom-upload-store.js';
import { storedUpload, UploadRowsSchema, type NewUpload, type StoredUpload } from '../bom-upload/upload-store.js';

const TextSchema = z.object({ text: z.string() });

export class PgBomUploadStore implements BomUploadStore {
  private readonly chain: PgAuditChain;

  constructor(private readonly pool: pg.Pool, private readonly clock: Clock) {
    this.chain = new PgAuditChain(pool);
  }

  keep(u: NewUpload, question: AuditInput, answer: (questionSeq: number) => AuditInput): Promise<void> {
    return inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO bom_uploads (id, channel, conversation, "user", file_name, at, screening, rows, reply_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [u.id, u.channel, u.conversation, u.user, u.fileName, u.at.toISOString(), JSON.stringify(u.screening), JSON.stringify(u.rows), JSON.stringify(u.replyTo)],
      );
      // The answer directly follows its question, so the question's seq is the one before the answer's own.
      await this.chain.appendManyIn(client, [() => question, (seq) => answer(seq - 1)]);
    });
  }

  async refuse(record: AuditInput): Promise<void> {
    await this.chain.append(record);
  }

  async get(id: string): Promise<StoredUpload | undefined> {
    const r = await this.pool.query('SELECT id, channel, conversation, "user", file_name, at, reply_to, case_id FROM bom_uploads WHERE id = $1', [id]);
    return storedUpload(r.rows[0]);
  }

  async screening(id: string): Promise<unknown> {
    const r = await this.pool.query('SELECT screening AS text FROM bom_uploads WHERE id = $1', [id]);
    const row = TextSchema.optional().parse(r.rows[0]);
    return row === undefined ? undefined : JSON.parse(row.text);
  }

  async rows(id: string): Promise<string[][] | undefined> {
    const r = await this.pool.query('SELECT rows AS text FROM bom_uploads WHERE id = $1', [id]);
    const row = TextSchema.optional().parse(r.rows[0]);
    return row === undefined ? undefined : UploadRowsSchema.parse(JSON.parse(row.text));
  }

  async byCase(caseId: string): Promise<string | undefined> {
    const r = await this.pool.query('SELECT id FROM bom_uploads WHERE case_id = $1 ORDER BY at DESC LIMIT 1', [caseId]);
    return z.object({ id: z.string() }).optional().parse(r.rows[0])?.id;
  }

  escalate(id: string, input: OpenCaseInput): Promise<{ readonly caseId: string; readonly created: boolean }> {
    const conversationKey = `${input.replyTo.channel}:${input.replyTo.conversation}`;
    return inTransaction(this.pool, async (client) => {
      await lockConversation(client, conversationKey);
      const snapshot = await loadCaseSnapshot(client, conversationKey);
      const { cases, result: opened } = await withReads(client, snapshot, this.clock, (unit) => unit.escalate(input));
      await cases.apply(client, this.chain);
      await client.query('UPDATE bom_uploads SET case_id = $1 WHERE id = $2', [opened.case.id, id]);
      return { caseId: opened.case.id, created: opened.created };
    });
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    // ISO timestamps compare as bytes (COLLATE "C"), as SQLite compares them, whatever the database's collation.
    const r = await this.pool.query('DELETE FROM bom_uploads WHERE at COLLATE "C" < $1', [cutoff.toISOString()]);
    return r.rowCount ?? 0;
  }
}
