/**
 * The "record what followed" form that the Slack modal and the Teams card share: the fields an officer fills in
 * from a horizon alert, read with zod into a status record for the status desk (src/cases/status-desk.ts), with
 * every problem tied to the field it belongs to, so each platform can show it beside that field. The desk checks
 * the record again when it stores it; this only makes the errors land where the officer can fix them.
 */
import { z } from 'zod';
import { formatCaseId } from '../cases/case-id.js';
import type { StatusPreview } from '../cases/status-desk.js';
import { IsoDateSchema } from '../rules/facts.js';
import type { RuleSet } from '../rules/ruleset.js';
import {
  checkStatusRecord, OverlayError, OVERLAY_STATUSES, StatusRecordInputSchema, type OverlayStatus, type StatusRecordInput,
} from '../rules/status-overlay.js';
import { assertNever } from '../rules/verdict.js';

export const STATUS_FORM_FIELDS = ['status', 'from', 'until', 'source', 'newSourceId', 'newSourceTitle', 'newSourceDate', 'newSourceUrl', 'why'] as const;
export type StatusFormField = (typeof STATUS_FORM_FIELDS)[number];
export type StatusFormErrors = Partial<Record<StatusFormField, string>>;

/** What the platform read from its form, each field a string or absent; nothing here is trusted yet. */
export type StatusFormValues = Partial<Record<StatusFormField, string | null | undefined>>;

/** The note is shorter than the console's: the Slack confirm step carries the record in 3,000 characters of metadata. */
export const STATUS_FORM_LIMITS = { why: 1_000, title: 300, url: 500, sourceId: 100 } as const;

/** A field left empty arrives as null, '' or not at all, depending on the platform: all three are "not given". */
const Blank = z.string().nullish().transform((v) => v?.trim() || undefined);
const Optional = (schema: z.ZodType<string, string>) => Blank.pipe(schema.optional());

const FieldsSchema = z.object({
  status: Blank.pipe(z.enum(OVERLAY_STATUSES, { error: 'choose what followed: resumed, extended, revoked or amended' })),
  from: Optional(IsoDateSchema),
  until: Optional(IsoDateSchema),
  source: Optional(z.string().max(STATUS_FORM_LIMITS.sourceId)),
  newSourceId: Optional(z.string().max(STATUS_FORM_LIMITS.sourceId)),
  newSourceTitle: Optional(z.string().max(STATUS_FORM_LIMITS.title, `at most ${STATUS_FORM_LIMITS.title} characters`)),
  newSourceDate: Optional(IsoDateSchema),
  newSourceUrl: Optional(z.string().max(STATUS_FORM_LIMITS.url, `at most ${STATUS_FORM_LIMITS.url} characters`)),
  why: Blank.pipe(z.string({ error: 'say why (the notice, what it says)' }).min(3, 'say why (the notice, what it says)').max(STATUS_FORM_LIMITS.why, `at most ${STATUS_FORM_LIMITS.why} characters`)),
});

export type StatusFormResult =
  | { readonly ok: true; readonly record: StatusRecordInput }
  | { readonly ok: false; readonly errors: StatusFormErrors };

function isField(k: unknown): k is StatusFormField {
  return typeof k === 'string' && (STATUS_FORM_FIELDS as readonly string[]).includes(k);
}

/** The form field a problem the record schema found belongs to (its path in StatusRecordInput). */
function fieldOfRecordPath(path: readonly PropertyKey[]): StatusFormField {
  const [head, kind, leaf] = path;
  if (head === 'source' && kind === 'new') {
    switch (leaf) {
      case 'id': return 'newSourceId';
      case 'title': return 'newSourceTitle';
      case 'date': return 'newSourceDate';
      case 'url': return 'newSourceUrl';
      default: return 'newSourceId';
    }
  }
  if (head === 'source') return 'source';
  return isField(head) ? head : 'status';
}

/** Where an error of the rules check belongs: the field the officer would change to fix it. */
function fieldOfOverlayError(e: OverlayError, record: StatusRecordInput): StatusFormField {
  switch (e.code) {
    case 'unknown_source':
      return 'source';
    case 'source_conflict':
      return 'newSourceId';
    case 'bad_date':
      // Two date checks share the code: an extension ending too early is about `until`, the rest about `from`.
      return record.status === 'extended' && record.until !== undefined && e.message.startsWith('the extension') ? 'until' : 'from';
    case 'no_suspension':
    case 'unknown_target':
      return 'status';
    default:
      return assertNever(e.code, 'overlay error code');
  }
}

/**
 * Reads the form into a record for `target` (a rule id or a suspension's source ID), recorded by `by`
 * (`slack:U123`, `teams:<aad id>`), or says what is wrong, field by field.
 */
export function readStatusForm(rules: Pick<RuleSet, 'rules' | 'sources'>, target: string, by: string, values: StatusFormValues): StatusFormResult {
  const parsed = FieldsSchema.safeParse(values);
  if (!parsed.success) {
    const errors: StatusFormErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (isField(field)) errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const f = parsed.data;
  const errors: StatusFormErrors = {};
  if (f.status !== 'extended' && !f.from) errors.from = `${f.status} needs the day it took effect`;
  if (f.status === 'extended' && !f.until) errors.until = 'an extension needs its new end date';
  const newSource = [f.newSourceId, f.newSourceTitle, f.newSourceDate, f.newSourceUrl];
  const givesNew = newSource.some((v) => v !== undefined);
  if (f.source && givesNew) errors.source = 'choose a source or give a new one, not both';
  else if (!f.source && !givesNew) errors.source = 'choose the source from sources.yaml, or give a new source below';
  else if (givesNew) {
    if (!f.newSourceId) errors.newSourceId = 'give the new source an ID (e.g. CN-ANN-2026-12)';
    if (!f.newSourceTitle) errors.newSourceTitle = 'give the new source its title';
    if (!f.newSourceDate) errors.newSourceDate = 'give the date of the new source';
    if (!f.newSourceUrl) errors.newSourceUrl = 'give the official URL of the new source';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const input = {
    target, status: f.status, by, why: f.why,
    ...(f.from ? { from: f.from } : {}), ...(f.until ? { until: f.until } : {}),
    source: f.source ? { id: f.source } : { new: { id: f.newSourceId, title: f.newSourceTitle, date: f.newSourceDate, url: f.newSourceUrl } },
  };
  const record = StatusRecordInputSchema.safeParse(input);
  if (!record.success) {
    for (const issue of record.error.issues) errors[fieldOfRecordPath(issue.path)] ??= issue.message;
    return { ok: false, errors };
  }
  try {
    checkStatusRecord(rules, record.data);
  } catch (e) {
    if (!(e instanceof OverlayError)) throw e;
    return { ok: false, errors: { [fieldOfOverlayError(e, record.data)]: e.message } };
  }
  return { ok: true, record: record.data };
}

export const STATUS_LABELS: Record<OverlayStatus, string> = {
  resumed: 'Resumed (the rules apply again from a date)',
  extended: 'Extended (the suspension runs until a new date)',
  revoked: 'Revoked (the rules no longer apply from a date)',
  amended: 'Amended (in force, changed: say how in the note)',
};

export const FIELD_LABELS: Record<StatusFormField, string> = {
  status: 'What followed',
  from: 'From (resumed, revoked, amended)',
  until: 'Until (extended)',
  source: 'Source (from sources.yaml)',
  newSourceId: 'Or a new source: its ID',
  newSourceTitle: 'New source: title',
  newSourceDate: 'New source: date',
  newSourceUrl: 'New source: official URL',
  why: 'Why (the notice, what it says)',
};

/** The preview's headline, worded as the console's. */
export function previewHeadline(p: Pick<StatusPreview, 'answers' | 'cases'>): string {
  return `This will change ${p.answers} answers and ${p.cases} open cases`;
}

/** The preview's lines under the headline: the rules changed and a sample of each kind of change. */
export function previewLines(p: StatusPreview): string[] {
  return [
    `${p.rules.length} rules change (${p.rules.join(', ')}); answers will name a new rules version.`,
    ...p.sampleAnswers.map((a) => `An answer in ${a.channel}, asked ${a.askedAt.slice(0, 10)}: ${a.previousVerdict} → ${a.verdict}`),
    ...p.sampleCases.map((c) => `Case ${formatCaseId(c.caseNum)}: ${c.previousVerdict} → ${c.verdict}`),
  ];
}

/** What the officer is told once the desk has stored (or found already stored) the record. */
export function recordedText(outcome: { readonly kind: 'recorded' | 'unchanged'; readonly answers: number; readonly cases: number; readonly version: string }, target: string): string {
  switch (outcome.kind) {
    case 'recorded':
      return `Recorded for ${target} and applied: answers use it from now on (rules version ${outcome.version}). `
        + `${outcome.answers} askers whose answer changed will be told; ${outcome.cases} open cases have a new preliminary verdict.`;
    case 'unchanged':
      return `That status was already recorded for ${target}: nothing changed, nobody is told again.`;
    default:
      return assertNever(outcome.kind, 'record outcome');
  }
}
