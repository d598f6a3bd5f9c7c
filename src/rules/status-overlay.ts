/**
 * What officers record about a rule's status after the data in `rules/` was written (a suspension ended and the
 * rule resumed, was extended, revoked or amended), kept in the database and layered over the data: the data stays
 * the base, each record rewrites what followed a suspension (its `then`), in the order recorded, so the latest word
 * on a suspension wins. Pure: the store (src/cases/status-overlay-store.ts) keeps the records, this applies them.
 *
 * A record names either a rule (its latest suspension, or the rule itself when it has none) or a suspension by the
 * source ID of the instrument that suspended (CN-ANN-2025-70: every rule it suspended at once).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { IsoDateSchema } from './facts.js';
import type { RuleSet } from './ruleset.js';
import { SourceIdSchema, type Rule, type Source, type Suspension } from './schema.js';

export const OVERLAY_STATUSES = ['resumed', 'extended', 'revoked', 'amended'] as const;
export const OverlayStatusSchema = z.enum(OVERLAY_STATUSES);
export type OverlayStatus = z.infer<typeof OverlayStatusSchema>;

/** A source not yet in `sources.yaml`: the officer gives what the file would hold. */
export const NewSourceSchema = z
  .object({
    id: SourceIdSchema,
    title: z.string().trim().min(3).max(300),
    date: IsoDateSchema,
    url: z.url({ protocol: /^https?$/ }),
  })
  .strict();
export type NewSource = z.infer<typeof NewSourceSchema>;

export const StatusRecordInputSchema = z
  .object({
    /** A rule id (kebab-case) or the source ID of a suspending instrument. */
    target: z.string().trim().min(2).max(100),
    status: OverlayStatusSchema,
    /** resumed, revoked, amended: the day it took effect. extended: the day the extension was issued (optional). */
    from: IsoDateSchema.optional(),
    /** extended: the new end of the suspension. */
    until: IsoDateSchema.optional(),
    source: z.union([z.object({ id: SourceIdSchema }).strict(), z.object({ new: NewSourceSchema }).strict()]),
    by: z.string().trim().min(1).max(200),
    why: z.string().trim().min(3).max(2000),
  })
  .strict()
  .refine((r) => r.status === 'extended' || r.from !== undefined, { message: 'resumed, revoked and amended need the date they took effect (from)', path: ['from'] })
  .refine((r) => r.status !== 'extended' || r.until !== undefined, { message: 'an extension needs the new end date (until)', path: ['until'] });
export type StatusRecordInput = z.infer<typeof StatusRecordInputSchema>;

export const StatusRecordSchema = z.intersection(
  StatusRecordInputSchema,
  z.object({ id: z.number().int().positive(), recordedAt: z.string() }),
);
export type StatusRecord = z.infer<typeof StatusRecordSchema>;

/** Why a record cannot be applied to the data: said to the officer before anything is stored. */
export class OverlayError extends Error {
  constructor(readonly code: 'unknown_target' | 'unknown_source' | 'source_conflict' | 'bad_date' | 'no_suspension', message: string) {
    super(message);
    this.name = 'OverlayError';
  }
}

export function isSuspensionTarget(target: string): boolean {
  return SourceIdSchema.safeParse(target).success;
}

export function sourceIdOf(input: Pick<StatusRecordInput, 'source'>): string {
  return 'id' in input.source ? input.source.id : input.source.new.id;
}

/** Where a record lands: each (rule, suspension index) pair, or the rule itself (index undefined). */
interface Landing {
  readonly ruleIndex: number;
  readonly suspension: number | undefined;
}

function latestSuspension(rule: Rule): number | undefined {
  let best: number | undefined;
  rule.suspensions.forEach((s, i) => {
    const current = best === undefined ? undefined : rule.suspensions[best];
    if (!current || s.from > current.from) best = i;
  });
  return best;
}

function landings(rules: readonly Rule[], target: string): Landing[] {
  if (isSuspensionTarget(target)) {
    return rules.flatMap((rule, ruleIndex) =>
      rule.suspensions.flatMap((s, i) => (s.source.id === target ? [{ ruleIndex, suspension: i }] : [])));
  }
  const ruleIndex = rules.findIndex((r) => r.id === target);
  if (ruleIndex < 0) return [];
  const rule = rules[ruleIndex] as Rule;
  return [{ ruleIndex, suspension: latestSuspension(rule) }];
}

/** The rules a record would change (ids), or an error saying why it cannot be recorded against this rule set. */
export function checkStatusRecord(set: Pick<RuleSet, 'rules' | 'sources'>, input: StatusRecordInput): string[] {
  const found = landings(set.rules, input.target);
  if (found.length === 0) {
    throw new OverlayError('unknown_target', isSuspensionTarget(input.target)
      ? `no rule is suspended by ${input.target}`
      : `no rule "${input.target}" (a rule id, or the source ID of a suspension such as CN-ANN-2025-70)`);
  }
  if ('id' in input.source && !set.sources.has(input.source.id)) {
    throw new OverlayError('unknown_source', `unknown source ID "${input.source.id}": give a new source with its title, date and URL`);
  }
  if ('new' in input.source) {
    const n = input.source.new;
    const existing = set.sources.get(n.id);
    // The same new source given again (a repeated record) is that source; another under its ID is a mistake.
    if (existing && (existing.title !== n.title || existing.url !== n.url || existing.date !== n.date)) throw new OverlayError('source_conflict', `source ID ${existing.id} already exists ("${existing.title}"): cite it by its ID`);
  }
  for (const l of found) {
    const rule = set.rules[l.ruleIndex] as Rule;
    const s = l.suspension === undefined ? undefined : rule.suspensions[l.suspension];
    if (!s) {
      if (input.status === 'resumed' || input.status === 'extended') {
        throw new OverlayError('no_suspension', `rule ${rule.id} has no suspension to be ${input.status}`);
      }
      if (input.from !== undefined && input.from <= rule.effectiveFrom) {
        throw new OverlayError('bad_date', `rule ${rule.id} takes effect on ${rule.effectiveFrom}; ${input.status} from ${input.from} would predate it`);
      }
      continue;
    }
    if (input.from !== undefined && input.from < s.from) {
      throw new OverlayError('bad_date', `${input.from} predates the suspension of ${rule.id} (from ${s.from})`);
    }
    if (input.status === 'extended' && input.until !== undefined && input.until <= s.until) {
      throw new OverlayError('bad_date', `the extension must end after the suspension's end (${s.until}), not on ${input.until}`);
    }
  }
  return [...new Set(found.map((l) => (set.rules[l.ruleIndex] as Rule).id))];
}

function thenOf(input: StatusRecordInput, s: Suspension): NonNullable<Suspension['then']> {
  const source = { id: sourceIdOf(input) };
  switch (input.status) {
    case 'resumed':
    case 'revoked':
      return { status: input.status, date: input.from ?? s.until, source };
    case 'amended':
      return { status: 'amended', date: input.from ?? s.until, source, note: input.why };
    case 'extended':
      return { status: 'extended', date: input.from ?? s.until, source, until: input.until ?? s.until };
    default:
      throw new Error(`unhandled status ${String(input.status satisfies never)}`);
  }
}

/** One record applied to one rule. A recorded outcome replaces the unconfirmed report (R22's note goes away). */
function applyTo(rule: Rule, l: Landing, input: StatusRecordInput): Rule {
  if (l.suspension !== undefined) {
    const suspensions = rule.suspensions.map((s, i) => {
      if (i !== l.suspension) return s;
      const { reported: _reported, ...rest } = s;
      return { ...rest, then: thenOf(input, s) };
    });
    return { ...rule, suspensions };
  }
  const from = input.from ?? rule.effectiveFrom;
  const sources = rule.sources.some((c) => c.id === sourceIdOf(input)) ? rule.sources : [...rule.sources, { id: sourceIdOf(input) }];
  if (input.status === 'revoked') {
    const until = rule.effectiveUntil !== undefined && rule.effectiveUntil < from ? rule.effectiveUntil : from;
    return { ...rule, effectiveUntil: until, sources };
  }
  // amended, on a rule never suspended: it stays in force; the amending source is cited and its note said.
  return { ...rule, sources, confirmedNote: [rule.confirmedNote, `Amended by ${sourceIdOf(input)} from ${from}: ${input.why}`].filter(Boolean).join(' ') };
}

export function newSourceOf(record: StatusRecordInput, recordedOn: string): Source | undefined {
  if (!('new' in record.source)) return undefined;
  const n = record.source.new;
  return {
    id: n.id, title: n.title, date: n.date, url: n.url, urlConfirmed: true,
    summary: `Recorded by ${record.by} on ${recordedOn} as the source for ${record.target} ${record.status}: ${record.why}`,
  };
}

/** The rules version of the data with this overlay: the data's own when nothing is recorded. */
export function overlayVersion(baseVersion: string, records: readonly StatusRecord[]): string {
  if (records.length === 0) return baseVersion;
  const h = createHash('sha256').update(baseVersion);
  for (const r of records) h.update('\0').update(JSON.stringify([r.id, r.target, r.status, r.from ?? null, r.until ?? null, r.source, r.by, r.why, r.recordedAt]));
  return h.digest('hex').slice(0, 12);
}

/** The data with every record applied, in the order recorded. Records that no longer fit the data are skipped. */
export function applyStatusOverlay(base: RuleSet, records: readonly StatusRecord[]): RuleSet {
  if (records.length === 0) return base;
  let rules = [...base.rules];
  const sources = new Map(base.sources);
  for (const r of records) {
    const added = newSourceOf(r, r.recordedAt.slice(0, 10));
    if (added && !sources.has(added.id)) sources.set(added.id, added);
    for (const l of landings(rules, r.target)) {
      rules = rules.map((rule, i) => (i === l.ruleIndex ? applyTo(rule, l, r) : rule));
    }
  }
  return { ...base, rules, sources, version: overlayVersion(base.version, records) };
}

/** Whether an officer has recorded anything about this rule or suspension (e.g. to drop "extension reported"). */
export function hasOverlay(records: readonly StatusRecord[], rules: readonly Rule[], target: string): boolean {
  const touched = new Set(landings(rules, target).map((l) => l.ruleIndex));
  return records.some((r) => r.target === target || landings(rules, r.target).some((l) => touched.has(l.ruleIndex)));
}
