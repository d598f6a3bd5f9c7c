/**
 * Where bills of materials screened in a chat are kept, with their audit records and the case their lines are
 * escalated as: the port BomUploads writes through, on either engine (SQLite: upload-store.ts; PostgreSQL:
 * channels/postgres/pg-bom-upload-store.ts). Each write that touches more than one table is one transaction, so an
 * upload is never kept unaudited, and a case never opened without the upload naming it.
 */
import type { AuditInput } from '../../cases/audit-log.js';
import type { OpenCaseInput } from '../../cases/case-service.js';
import type { NewUpload, StoredUpload } from './upload-store.js';

export interface BomUploadStore {
  /** Keeps the upload and appends its question record and its answer (which names the question's seq), together. */
  keep(upload: NewUpload, question: AuditInput, answer: (questionSeq: number) => AuditInput): Promise<void>;
  /** A refused upload's audit record (nothing is kept). */
  refuse(record: AuditInput): Promise<void>;
  get(id: string): Promise<StoredUpload | undefined>;
  /** The screening as stored, unparsed JSON: the caller validates it. */
  screening(id: string): Promise<unknown>;
  rows(id: string): Promise<string[][] | undefined>;
  /** The upload whose lines were escalated as this case, for the officer's download. */
  byCase(caseId: string): Promise<string | undefined>;
  /** Opens the case (or finds the conversation's open one with the same facts) and records it on the upload. */
  escalate(id: string, input: OpenCaseInput): Promise<{ readonly caseId: string; readonly created: boolean }>;
  deleteOlderThan(cutoff: Date): Promise<number>;
}
