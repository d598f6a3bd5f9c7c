/** Everything the web channel accepts from a browser, as zod schemas: nothing reaches the app unparsed. */
import { z } from 'zod';
import { OfficerDecisionSchema } from '../../cases/case-view.js';
import { IsoDateSchema } from '../../rules/facts.js';
import { ReplyVerdictSchema } from '../../rules/verdict.js';

/**
 * Generous on purpose: the assistant cuts long messages itself and says so (reply.inputNote), which helps the
 * asker more than a refusal. The body-size limit stops anything abusive before this.
 */
export const MAX_MESSAGE_CHARS = 50_000;
export const BODY_LIMIT = '256kb';

/** An optional date field: an empty form field means "not given". */
const OptionalDate = z
  .union([z.literal(''), IsoDateSchema])
  .optional()
  .transform((v) => (v ? v : undefined));

export const ChatInputSchema = z.object({
  text: z.string().max(MAX_MESSAGE_CHARS),
  asOf: OptionalDate,
  /** The post's idempotency key, chosen by the client once per question: a repeat of it is not answered again. */
  key: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, 'an idempotency key of 16 to 100 letters, digits, - or _').optional(),
});
export type ChatInput = z.infer<typeof ChatInputSchema>;

export const CsrfFieldSchema = z.object({ csrf: z.string().max(200) });

export const InboxQuerySchema = z.object({ after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0) });

export const CaseIdSchema = z.string().regex(/^C-\d{6,12}$/, 'a case id such as C-000001');

export const CASE_FILTERS = ['open', 'claimed', 'resolved', 'all'] as const;
export const CasesQuerySchema = z.object({ state: z.enum(CASE_FILTERS).catch('open') });
export type CaseFilter = (typeof CASE_FILTERS)[number];

const Officer = z.string().trim().min(1, 'say which officer you are').max(200);

export const ClaimFormSchema = z.object({ officer: Officer });

export const DecideFormSchema = z.object({
  officer: Officer,
  verdict: OfficerDecisionSchema,
  note: z.string().max(4_000).default(''),
  // An unticked checkbox sends nothing.
  reusable: z.literal('on').optional().transform((v) => v === 'on'),
});

export const NoteFormSchema = z.object({ officer: Officer, note: z.string().trim().min(1, 'a note cannot be empty').max(4_000) });

export const ReopenFormSchema = z.object({ officer: Officer, reason: z.string().trim().min(1, 'say why').max(4_000) });

export const RulesQuerySchema = z.object({
  asOf: OptionalDate.catch(undefined),
  target: z.string().max(100).optional().catch(undefined),
  done: z.enum(['recorded', 'unchanged']).optional().catch(undefined),
  party: z.string().max(100).optional().catch(undefined),
});

const OptionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v : undefined));

/** The console's "record what followed" form; the desk validates the record itself (src/rules/status-overlay.ts). */
export const RecordStatusFormSchema = z.object({
  officer: Officer,
  target: z.string().trim().min(2, 'choose a rule or a suspension').max(100),
  status: z.enum(['resumed', 'extended', 'revoked', 'amended']),
  from: OptionalDate,
  until: OptionalDate,
  sourceId: z.string().trim().min(2, 'give the source ID').max(100),
  sourceTitle: OptionalText(300),
  sourceDate: OptionalDate,
  sourceUrl: OptionalText(1000),
  why: z.string().trim().min(3, 'say why').max(2_000),
}).transform((f) => ({
  officer: f.officer,
  record: {
    target: f.target, status: f.status, by: `web:${f.officer}`, why: f.why,
    ...(f.from ? { from: f.from } : {}), ...(f.until ? { until: f.until } : {}),
    source: f.sourceTitle || f.sourceUrl || f.sourceDate
      ? { new: { id: f.sourceId, title: f.sourceTitle, date: f.sourceDate, url: f.sourceUrl } }
      : { id: f.sourceId },
  },
  form: f,
}));
export type RecordStatusForm = z.output<typeof RecordStatusFormSchema>;
/** The Sources page's party search. */
export const SourcesQuerySchema = z.object({ party: z.string().max(100).optional().catch(undefined) });
export const AlertAckFormSchema = z.object({ key: z.string().min(1).max(500) });

export const DONE_MESSAGES = { claimed: 'Case claimed.', decided: 'Decision recorded; the asker will be told.', noted: 'Note added.', reopened: 'Case reopened.' } as const;
export const CaseQuerySchema = z.object({ done: z.enum(['claimed', 'decided', 'noted', 'reopened']).optional().catch(undefined) });

export const LoginFormSchema = z.object({ token: z.string().max(1_000), next: z.string().max(500).optional() });

/** Only a path on this site: `/x`, never `//evil.example` or `https://…`. */
export function localPath(next: string | undefined): string {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/';
}

/** The fields beside a BOM upload's file. */
export const BomUploadFieldsSchema = z.object({ csrf: z.string().max(200), asOf: OptionalDate });

export const BomIdSchema = z.uuid();

/** The result page's filters; anything unreadable falls back to showing every line. */
export const BomFilterSchema = z.object({
  part: z.union([z.literal('all'), ReplyVerdictSchema]).catch('all').default('all'),
  product: z.union([z.literal('all'), ReplyVerdictSchema]).catch('all').default('all'),
  decision: z.literal('1').optional().catch(undefined).transform((v) => v === '1'),
  escalated: z.enum(['opened', 'existing']).optional().catch(undefined),
});
export type BomFilter = z.infer<typeof BomFilterSchema>;
