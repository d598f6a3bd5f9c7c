/**
 * A bill of materials sent in a chat (a web upload, a Slack file, a Teams attachment): checked (size, type), read and
 * screened on the CLI's own path (read-bom.ts, screen-bom.ts), kept with its annotated rows, audited, and on the
 * asker's word escalated as ONE case through the case service. Channels fetch the bytes and lay out the answer;
 * everything else is here, once, on either engine: what is kept, audited and opened goes through a BomUploadStore
 * (SQLite's, or PostgreSQL's, where the case is opened under the conversation's lock as a turn's would be).
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { extname } from 'node:path';
import { z } from 'zod';
import { BomError, type BomErrorCode } from '../../bom/bom-error.js';
import { readBom, type Bom } from '../../bom/read-bom.js';
import type { ScreenOptions, Screening } from '../../bom/screen-bom.js';
import { describeLine, linesNeedingDecision, summariseScreening, type ScreeningSummary } from '../../bom/screening-summary.js';
import { annotatedRows } from '../../bom/write-screening.js';
import type { Actor, ReplyTo } from '../../cases/case-view.js';
import type { Channel } from '../../contracts/message.js';
import type { Clock } from '../../core/clock.js';
import { isoDay } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import { evaluate } from '../../rules/engine.js';
import { FactsSchema } from '../../rules/facts.js';
import type { RuleSet } from '../../rules/ruleset.js';
import type { BomUploadStore } from './bom-upload-store.js';
import type { StoredUpload } from './upload-store.js';

/** Why an upload was not screened: the reader's codes, and the channel-side checks made before reading. */
export type UploadRefusalCode = BomErrorCode | 'too_large';

export type UploadOutcome =
  | { readonly kind: 'screened'; readonly id: string; readonly screening: Screening; readonly summary: ScreeningSummary }
  | { readonly kind: 'refused'; readonly code: UploadRefusalCode; readonly message: string };

export type EscalateOutcome =
  | { readonly kind: 'opened' | 'existing'; readonly caseId: string; readonly lines: number }
  | { readonly kind: 'refused'; readonly reason: 'not_found' | 'not_yours' | 'nothing_to_escalate'; readonly message: string };

export interface UploadRequest {
  readonly channel: Channel;
  readonly user: string;
  readonly userName?: string | undefined;
  readonly conversation: string;
  /** Where the officer's decision goes back to (a Slack thread, a Teams conversation, a web session). */
  readonly replyTo: Omit<ReplyTo, 'channel' | 'user' | 'conversation'>;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly asOf?: string | undefined;
}

export interface BomUploadsDeps {
  readonly rules: RuleSet;
  readonly screen: (bom: Bom, options: ScreenOptions) => Screening;
  readonly store: BomUploadStore;
  /** Signs download links handed to a chat platform, so only a link Lodestone gave out opens an upload. */
  readonly linkKey: Buffer;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly maxBytes: number;
}

const READABLE = new Set(['.csv', '.tsv', '.txt', '.xlsx']);
/** A file name as a chat platform gives it: kept short and without path separators. */
const FileNameSchema = z.string().trim().min(1).max(255).transform((n) => n.replace(/[/\\]/g, '_'));
const UploadIdSchema = z.uuid();

/** The lines of one case's question the officer reads first; the rest are in the annotated file. */
const LINES_IN_CASE = 40;

export class BomUploads {
  constructor(private readonly deps: BomUploadsDeps) {}

  get maxBytes(): number {
    return this.deps.maxBytes;
  }

  /**
   * Whether a file may be fetched at all, by its name and announced size: a channel asks before it downloads, so
   * an over-large or unreadable file is refused (and audited) without being fetched.
   */
  async precheck(request: Pick<UploadRequest, 'channel' | 'user' | 'conversation' | 'fileName'>, size: number | undefined): Promise<UploadOutcome | undefined> {
    const name = FileNameSchema.safeParse(request.fileName);
    const fileName = name.success ? name.data : 'upload';
    const refusal = this.refusalFor(fileName, size);
    return refusal ? this.refuse(request, fileName, size, refusal.code, refusal.message) : undefined;
  }

  /** Reads, screens, keeps and audits one file; a file that cannot be screened is answered with why, and audited. */
  async screen(request: UploadRequest): Promise<UploadOutcome> {
    const name = FileNameSchema.safeParse(request.fileName);
    const fileName = name.success ? name.data : 'upload';
    const early = this.refusalFor(fileName, request.bytes.byteLength);
    if (early) return this.refuse(request, fileName, request.bytes.byteLength, early.code, early.message);
    const asOf = request.asOf ?? isoDay(this.deps.clock.now());
    let bom: Bom;
    let screening: Screening;
    try {
      bom = await readBom(fileName, request.bytes);
      screening = this.deps.screen(bom, { asOf });
    } catch (err) {
      if (err instanceof BomError) return this.refuse(request, fileName, request.bytes.byteLength, err.code, err.message);
      throw err;
    }
    const id = randomUUID();
    const summary = summariseScreening(screening);
    const sha256 = createHash('sha256').update(request.bytes).digest('hex');
    const now = this.deps.clock.now();
    const actor = `${request.channel}:${request.user}`;
    const replyTo: ReplyTo = { ...request.replyTo, channel: request.channel, user: request.user, conversation: request.conversation };
    await this.deps.store.keep(
      {
        id, channel: request.channel, conversation: request.conversation, user: request.user, fileName, at: now,
        screening, rows: annotatedRows(bom, screening), replyTo,
      },
      {
        kind: 'question', actor, at: now, text: `BOM ${fileName}`,
        payload: { bomUpload: id, channel: request.channel, conversation: request.conversation, file: fileName, bytes: request.bytes.byteLength, sha256, lines: screening.lines.length },
      },
      (questionSeq) => ({
        kind: 'answer', actor: 'assistant', at: now,
        payload: {
          questionSeq, bomUpload: id, verdict: screening.product.verdict.verdict, rulesVersion: screening.rulesVersion, asOf: screening.asOf,
          counts: { ...screening.counts }, sharePercent: screening.product.sharePercent ?? null, shareStatus: screening.product.shareStatus,
          needDecision: summary.needDecision.length,
        },
      }),
    );
    return { kind: 'screened', id, screening, summary };
  }

  /** The upload, if `id` names one. */
  async get(id: string): Promise<StoredUpload | undefined> {
    const parsed = UploadIdSchema.safeParse(id);
    return parsed.success ? this.deps.store.get(parsed.data) : undefined;
  }

  /** The upload's screening as kept, for the web's table (the store has none for an id it does not hold). */
  async screening(id: string): Promise<Screening | undefined> {
    const parsed = UploadIdSchema.safeParse(id);
    return parsed.success ? ((await this.deps.store.screening(parsed.data)) as Screening | undefined) : undefined;
  }

  async rows(id: string): Promise<string[][] | undefined> {
    const parsed = UploadIdSchema.safeParse(id);
    return parsed.success ? this.deps.store.rows(parsed.data) : undefined;
  }

  /** The signature of an upload's download link. */
  linkSignature(id: string): string {
    return createHmac('sha256', this.deps.linkKey).update(`bom-download:${id}`).digest('base64url');
  }

  /** Whether `signature` is the one Lodestone gave out for this upload's download link. */
  linkSigned(id: string, signature: string): boolean {
    const want = Buffer.from(this.linkSignature(id));
    const got = Buffer.from(signature);
    return got.length === want.length && timingSafeEqual(got, want);
  }

  /** The upload escalated as this case, for the officer to download. */
  uploadOfCase(caseId: string): Promise<string | undefined> {
    return this.deps.store.byCase(caseId);
  }

  /**
   * Opens ONE case for the lines of an upload that need a compliance decision, through the case service like any
   * chat escalation: the product's facts, its decision marked escalate with the lines as reasons, the officer
   * pointed at the annotated file. Only the person who sent the file may escalate it; asking twice finds the case.
   */
  async escalate(id: string, asker: Actor): Promise<EscalateOutcome> {
    const upload = await this.get(id);
    if (!upload) return { kind: 'refused', reason: 'not_found', message: 'That screened file is no longer kept (past the retention period, or never here).' };
    if (upload.channel !== asker.channel || upload.user !== asker.user) {
      return { kind: 'refused', reason: 'not_yours', message: 'Only the person who sent the file can escalate its lines.' };
    }
    const screening = (await this.deps.store.screening(upload.id)) as Screening | undefined;
    if (!screening) return { kind: 'refused', reason: 'not_found', message: 'That screened file is no longer kept.' };
    const lines = linesNeedingDecision(screening);
    if (lines.length === 0) return { kind: 'refused', reason: 'nothing_to_escalate', message: 'No line of this file needs a compliance decision.' };
    const facts = FactsSchema.parse(screening.product.facts);
    const decision = evaluate(this.deps.rules, facts, screening.asOf);
    const listed = lines.slice(0, LINES_IN_CASE).map((l) => `- ${describeLine(l)} (part: ${l.partExport.verdict}; product: ${l.productExport.verdict})`);
    const more = lines.length > LINES_IN_CASE ? [`- and ${lines.length - LINES_IN_CASE} more lines: see the annotated file`] : [];
    const summary = summariseScreening(screening);
    const question = [
      `Bill of materials ${upload.fileName} (${screening.lines.length} lines, as of ${screening.asOf}): ${lines.length} lines need a compliance decision.`,
      summary.headline, summary.share, ...listed, ...more,
      `Annotated file: /console/bom/${id}/annotated.xlsx (CSV: /console/bom/${id}/annotated.csv).`,
    ].join('\n').slice(0, 20_000);
    const result = await this.deps.store.escalate(id, {
      question,
      turns: [{ from: 'user', text: `Sent the bill of materials ${upload.fileName} and asked for the lines that need a decision to be escalated.` }],
      facts,
      decision: {
        ...decision,
        verdict: 'escalate',
        reasons: [`${lines.length} lines of the bill of materials ${upload.fileName} need a compliance decision (rows ${lines.slice(0, 12).map((l) => l.row).join(', ')}${lines.length > 12 ? ', …' : ''}).`, ...decision.reasons],
      },
      replyTo: upload.replyTo,
      ...(asker.name ? { askerName: asker.name } : {}),
    });
    return { kind: result.created ? 'opened' : 'existing', caseId: result.caseId, lines: lines.length };
  }

  /** Deletes uploads past the retention period. */
  deleteOlderThan(cutoff: Date): Promise<number> {
    return this.deps.store.deleteOlderThan(cutoff);
  }

  private refusalFor(fileName: string, size: number | undefined): { code: UploadRefusalCode; message: string } | undefined {
    if (size !== undefined && size > this.deps.maxBytes) {
      return { code: 'too_large', message: `${fileName} is larger than the ${Number((this.deps.maxBytes / 1_048_576).toFixed(2))} MB screened here. Split the BOM, or screen it with \`lodestone screen\`.` };
    }
    const ext = extname(fileName).toLowerCase();
    if (!READABLE.has(ext)) {
      return { code: 'unsupported_type', message: `${fileName}: only .csv and .xlsx bills of materials are screened${ext === '.xlsm' || ext === '.xls' ? ' (macro-enabled and legacy workbooks are not opened; save it as .xlsx)' : ''}.` };
    }
    return undefined;
  }

  private async refuse(request: Pick<UploadRequest, 'channel' | 'user' | 'conversation'>, fileName: string, size: number | undefined, code: UploadRefusalCode, message: string): Promise<UploadOutcome> {
    await this.deps.store.refuse({
      kind: 'refusal', actor: `${request.channel}:${request.user}`, at: this.deps.clock.now(), text: message,
      payload: { action: 'bom_upload', code, file: fileName, ...(size !== undefined ? { bytes: size } : {}), channel: request.channel, conversation: request.conversation },
    });
    this.deps.logger.info({ channel: request.channel, code }, 'bom upload refused');
    return { kind: 'refused', code, message };
  }
}
