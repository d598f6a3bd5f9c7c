/** Everything the web channel accepts from a browser, as zod schemas: nothing reaches the app unparsed. */
import { z } from 'zod';
import { OfficerDecisionSchema } from '../../cases/case-view.js';
import { IsoDateSchema } from '../../rules/facts.js';

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

export const AlertAckFormSchema = z.object({ key: z.string().min(1).max(500) });

export const RulesQuerySchema = z.object({ asOf: OptionalDate.catch(undefined) });

export const DONE_MESSAGES = { claimed: 'Case claimed.', decided: 'Decision recorded; the asker will be told.', noted: 'Note added.', reopened: 'Case reopened.' } as const;
export const CaseQuerySchema = z.object({ done: z.enum(['claimed', 'decided', 'noted', 'reopened']).optional().catch(undefined) });

export const LoginFormSchema = z.object({ token: z.string().max(1_000), next: z.string().max(500).optional() });

/** Only a path on this site: `/x`, never `//evil.example` or `https://…`. */
export function localPath(next: string | undefined): string {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/';
}
