/**
 * Bills of materials screened in a chat: the screening (for the web's table), the annotated rows (for the CSV and
 * XLSX downloads, already defused), where to answer, and the case the lines were escalated as. Rows older than
 * RETENTION_DAYS are deleted with the other things askers sent.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { AuditInput } from '../../cases/audit-log.js';
import type { CaseService, OpenCaseInput } from '../../cases/case-service.js';
import { ReplyToSchema, type ReplyTo } from '../../cases/case-view.js';
import { ChannelSchema, type Channel } from '../../contracts/message.js';
import type { BomUploadStore } from './bom-upload-store.js';

export interface StoredUpload {
  readonly id: string;
  readonly channel: Channel;
  readonly conversation: string;
  readonly user: string;
  readonly fileName: string;
  readonly at: string;
  readonly replyTo: ReplyTo;
  readonly caseId: string | undefined;
}

/** A `bom_uploads` row as both engines read it (its JSON columns left out). */
const RowSchema = z.object({
  id: z.string(),
  channel: ChannelSchema,
  conversation: z.string(),
  user: z.string(),
  file_name: z.string(),
  at: z.string(),
  reply_to: z.string(),
  case_id: z.string().nullable(),
});

/** The annotated rows as kept (a JSON column). */
export const UploadRowsSchema = z.array(z.array(z.string()));

/** A `bom_uploads` row read by either engine as the upload it keeps, or undefined for no row. */
export function storedUpload(raw: unknown): StoredUpload | undefined {
  const r = RowSchema.optional().parse(raw);
  if (!r) return undefined;
  return {
    id: r.id, channel: r.channel, conversation: r.conversation, user: r.user, fileName: r.file_name, at: r.at,
    replyTo: ReplyToSchema.parse(JSON.parse(r.reply_to)), caseId: r.case_id ?? undefined,
  };
}

export interface NewUpload extends Omit<StoredUpload, 'caseId' | 'at'> {
  readonly at: Date;
  /** The Screening as JSON (the store does not read it; the channels parse what they draw). */
  readonly screening: unknown;
  readonly rows: readonly (readonly string[])[];
}

export class UploadStore {
  private readonly insertStmt;
  private readonly selectStmt;
  private readonly screeningStmt;
  private readonly rowsStmt;
  private readonly setCaseStmt;
  private readonly byCaseStmt;
  private readonly deleteOldStmt;

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO bom_uploads (id, channel, conversation, user, file_name, at, screening, rows, reply_to)
       VALUES (@id, @channel, @conversation, @user, @file_name, @at, @screening, @rows, @reply_to)`,
    );
    this.selectStmt = db.prepare('SELECT id, channel, conversation, user, file_name, at, reply_to, case_id FROM bom_uploads WHERE id = ?');
    this.screeningStmt = db.prepare('SELECT screening FROM bom_uploads WHERE id = ?').pluck();
    this.rowsStmt = db.prepare('SELECT rows FROM bom_uploads WHERE id = ?').pluck();
    this.setCaseStmt = db.prepare('UPDATE bom_uploads SET case_id = ? WHERE id = ?');
    this.byCaseStmt = db.prepare('SELECT id FROM bom_uploads WHERE case_id = ? ORDER BY at DESC LIMIT 1').pluck();
    this.deleteOldStmt = db.prepare('DELETE FROM bom_uploads WHERE at < ?');
  }

  /** Runs `fn` in one transaction (joins the caller's if there is one). */
  transaction<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.db.transaction(fn).immediate();
  }

  add(u: NewUpload): void {
    this.insertStmt.run({
      id: u.id, channel: u.channel, conversation: u.conversation, user: u.user, file_name: u.fileName, at: u.at.toISOString(),
      screening: JSON.stringify(u.screening), rows: JSON.stringify(u.rows), reply_to: JSON.stringify(u.replyTo),
    });
  }

  get(id: string): StoredUpload | undefined {
    return storedUpload(this.selectStmt.get(id));
  }

  /** The screening as stored, unparsed JSON: the caller validates it. */
  screening(id: string): unknown {
    const text = z.string().optional().parse(this.screeningStmt.get(id));
    return text === undefined ? undefined : JSON.parse(text);
  }

  rows(id: string): string[][] | undefined {
    const text = z.string().optional().parse(this.rowsStmt.get(id));
    return text === undefined ? undefined : UploadRowsSchema.parse(JSON.parse(text));
  }

  setCase(id: string, caseId: string): void {
    this.setCaseStmt.run(caseId, id);
  }

  /** The upload whose lines were escalated as this case, for the officer's download. */
  byCase(caseId: string): string | undefined {
    return z.string().optional().parse(this.byCaseStmt.get(caseId));
  }

  deleteOlderThan(cutoff: Date): number {
    return this.deleteOldStmt.run(cutoff.toISOString()).changes;
  }
}

/** The upload port on SQLite: the store's rows and the case service's audit log and cases, in one transaction. */
export class SqliteBomUploadStore implements BomUploadStore {
  constructor(private readonly store: UploadStore, private readonly cases: Pick<CaseService, 'openCase' | 'audit'>) {}

  async keep(upload: NewUpload, question: AuditInput, answer: (questionSeq: number) => AuditInput): Promise<void> {
    this.store.transaction(() => {
      this.store.add(upload);
      const q = this.cases.audit.append(question);
      this.cases.audit.append(answer(q.seq));
    });
  }

  async refuse(record: AuditInput): Promise<void> {
    this.cases.audit.append(record);
  }

  async get(id: string): Promise<StoredUpload | undefined> {
    return this.store.get(id);
  }

  async screening(id: string): Promise<unknown> {
    return this.store.screening(id);
  }

  async rows(id: string): Promise<string[][] | undefined> {
    return this.store.rows(id);
  }

  async byCase(caseId: string): Promise<string | undefined> {
    return this.store.byCase(caseId);
  }

  async escalate(id: string, input: OpenCaseInput): Promise<{ readonly caseId: string; readonly created: boolean }> {
    return this.store.transaction(() => {
      const opened = this.cases.openCase(input);
      this.store.setCase(id, opened.case.id);
      return { caseId: opened.case.id, created: opened.created };
    });
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    return this.store.deleteOlderThan(cutoff);
  }
}
