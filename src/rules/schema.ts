/**
 * The shape of `rules/`: sources, named conditions, rules with dates, follow-up questions and information topics.
 * Everything a compliance officer edits is checked here; cross-references are checked by `lint.ts`.
 */
import { z } from 'zod';
import { IsoDateSchema } from './facts.js';

export const SourceIdSchema = z.string().regex(/^[A-Z]{2}-[A-Z0-9-]+$/, 'a source ID such as CN-ANN-2025-18');

export const SourceSchema = z
  .object({
    id: SourceIdSchema,
    title: z.string().min(3),
    date: z.string().min(4),
    url: z.string().url().optional(),
    urlConfirmed: z.boolean().default(false),
    summary: z.string().min(10),
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;

export const OPERATORS = ['equal', 'notEqual', 'in', 'notIn', 'containsAny', 'gte', 'lt'] as const;
export const OperatorSchema = z.enum(OPERATORS);
export type Operator = z.infer<typeof OperatorSchema>;

const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);
export type Scalar = z.infer<typeof ScalarSchema>;

export const FactConditionSchema = z
  .object({
    fact: z.string().min(1),
    op: OperatorSchema,
    value: z.union([ScalarSchema, z.array(ScalarSchema)]),
    /**
     * How an unknown fact counts. Default `unknown` (ask, or escalate). `false` only for facts that a rule needs the
     * asker to know, such as a catch-all triggered by knowledge of a military end use; `why` must say so.
     */
    unknownAs: z.enum(['unknown', 'false']).default('unknown'),
    why: z.string().optional(),
  })
  .strict()
  .refine((c) => c.unknownAs === 'unknown' || (c.why !== undefined && c.why.length > 10), {
    message: 'a condition that treats unknown as false must say why',
  });
export type FactCondition = z.infer<typeof FactConditionSchema>;

export type Condition =
  | FactCondition
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { ref: string };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z.object({ ref: z.string().min(1) }).strict(),
    FactConditionSchema,
  ]),
);

export const CitationRefSchema = z.object({ id: SourceIdSchema, article: z.string().optional() }).strict();
export type CitationRef = z.infer<typeof CitationRefSchema>;

export const SuspensionSchema = z
  .object({
    from: IsoDateSchema,
    /** The day the suspension ends. On it and after, the rule's status is unknown unless `then` records what followed. */
    until: IsoDateSchema,
    source: CitationRefSchema,
    then: z
      .object({
        /** `amended`: in force again from `date`, as amended by `source`; `note` says what changed. */
        status: z.enum(['resumed', 'revoked', 'extended', 'amended']),
        date: IsoDateSchema,
        source: CitationRefSchema,
        /** For `extended`: the new end date. */
        until: IsoDateSchema.optional(),
        note: z.string().min(3).optional(),
      })
      .strict()
      .refine((t) => t.status !== 'extended' || t.until !== undefined, { message: 'an extension needs its new end date (until)' })
      .refine((t) => t.status !== 'amended' || t.note !== undefined, { message: 'an amendment needs a note saying what changed' })
      .optional(),
    /** What was reported about the end of the suspension without an implementing notice (brief R22): said in every
     * answer the unknown status decides, and cited, but it never changes the status. */
    reported: z
      .object({
        until: IsoDateSchema.optional(),
        /** Who reported it and when, as said in answers ("both governments in September 2026"). */
        by: z.string().min(3).optional(),
        source: CitationRefSchema,
      })
      .strict()
      .optional(),
  })
  .strict();
export type Suspension = z.infer<typeof SuspensionSchema>;

export const RuleVerdictSchema = z.enum(['prohibited', 'escalate', 'license_required', 'not_required']);
export type RuleVerdict = z.infer<typeof RuleVerdictSchema>;

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case'),
    /** The row of the brief's summary table this rule models (R1..R21), for people cross-checking. */
    brief: z.string().regex(/^R\d+$/).optional(),
    title: z.string().min(5),
    /** Goods rules apply to questions about items; technology rules to questions about collaborations; `any` to both
     * (a listed party cannot receive either). */
    appliesTo: z.enum(['goods', 'technology', 'any']),
    sources: z.array(CitationRefSchema).min(1),
    when: ConditionSchema,
    verdict: RuleVerdictSchema,
    /** One sentence a non-lawyer understands, said when the rule applies. */
    explanation: z.string().min(10),
    effectiveFrom: IsoDateSchema,
    effectiveUntil: IsoDateSchema.optional(),
    suspensions: z.array(SuspensionSchema).default([]),
    confirmed: z.boolean(),
    confirmedNote: z.string().optional(),
    /** Why an unconfirmed rule may still give its verdict rather than escalate (the brief gives that verdict for an
     * unconfirmed row, and it can only make an answer stricter). Never allowed for `not_required`. */
    unconfirmedVerdictWhy: z.string().min(20).optional(),
    /** Rules that, when they apply, make this one moot (e.g. a licence requirement that already covers the case). */
    overriddenBy: z.array(z.string()).default([]),
    nextSteps: z.array(z.string()).default([]),
    /** Said before other reasons of the same strictness: who the party is decides before what the goods are. */
    leadReason: z.boolean().default(false),
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;
export type RuleInput = z.input<typeof RuleSchema>;

export const RuleFileSchema = z.object({ rules: z.array(RuleSchema).min(1) }).strict();
export const SourceFileSchema = z.object({ sources: z.array(SourceSchema).min(1) }).strict();
export const ConditionFileSchema = z.object({ conditions: z.record(z.string(), ConditionSchema) }).strict();

export const QuestionSchema = z
  .object({
    fact: z.string(),
    ask: z.string().min(5),
    /** Choices a channel may offer as buttons; each answers the question in words the extractors understand. */
    choices: z.array(z.string()).default([]),
    priority: z.number().int().default(50),
  })
  .strict();
export type Question = z.infer<typeof QuestionSchema>;
export const QuestionFileSchema = z.object({ questions: z.array(QuestionSchema).min(1) }).strict();

export const TopicSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    intent: z.enum(['regulation_info', 'license_process']),
    title: z.string(),
    /** Words that point at this topic; matched on stems, so list the plain word. */
    terms: z.array(z.string().min(2)).min(1),
    /** Words matched only as written (case aside), where the stemmer joins them with another: "customs", "customer". */
    exactTerms: z.array(z.string().min(2).regex(/^\S+$/)).default([]),
    answer: z.array(z.string().min(5)).min(1),
    sources: z.array(CitationRefSchema).min(1),
  })
  .strict();
export type Topic = z.infer<typeof TopicSchema>;
export const TopicFileSchema = z.object({ topics: z.array(TopicSchema).min(1) }).strict();

export const ListedItemSchema = z
  .object({
    controlCode: z.string().regex(/^\d[A-E]\d{3}$/),
    element: z.string().min(1).max(2),
    /** False for codes inferred from the sequence or seen only in a garbled copy: they label, never decide. */
    confirmed: z.boolean(),
    source: CitationRefSchema,
    /** What confirms a code the announcement's clean text does not show (a customs decision quoting it). */
    confirmedBy: CitationRefSchema.optional(),
    /** Sub-codes seen in a source ("1C905.a.4", NdFeB containing Dy), for the form they cover. */
    subCodes: z.array(z.object({
      code: z.string().regex(/^\d[A-E]\d{3}\.[a-z](\.\d+)?$/),
      form: z.string(),
      what: z.string().min(3),
      confirmed: z.boolean(),
      source: CitationRefSchema,
    }).strict()).default([]),
    forms: z.array(z.string()).min(1),
    hsCodes: z.array(z.object({ code: z.string().regex(/^\d{6,10}$/), form: z.string() }).strict()),
  })
  .strict();
export type ListedItem = z.infer<typeof ListedItemSchema>;

export const UnlistedItemSchema = z
  .object({ hsCode: z.string().regex(/^\d{6,10}$/), description: z.string().min(5), source: CitationRefSchema })
  .strict();

/** An entity on MOFCOM's export control list or watch list (brief R23, R24). */
export const ListedPartySchema = z
  .object({
    name: z.string().min(2),
    aliases: z.array(z.string().min(2)).default([]),
    list: z.enum(['control', 'watch']),
    country: z.string().regex(/^[A-Z]{2}$/),
    sources: z.array(SourceIdSchema).min(1),
    /** The listed units of a group: the group's name alone is a near match. */
    units: z.array(z.string().min(2)).default([]),
    /** The wider group a listed unit belongs to: that name alone is a near match. */
    group: z.array(z.string().min(2)).default([]),
    confirmed: z.boolean(),
  })
  .strict();
export type ListedParty = z.infer<typeof ListedPartySchema>;

/**
 * How party names are compared: words that never match alone, legal forms, words that tie one entity to another, and
 * words that say a listed unit is not the one meant.
 */
export const PartyScreeningWordsSchema = z
  .object({
    commonWords: z.array(z.string().regex(/^[a-z]+$/)).default([]),
    legalForms: z.array(z.string().regex(/^[a-z]+$/)).default([]),
    relationWords: z.array(z.string().regex(/^[a-z]+$/)).default([]),
    unitNegations: z.array(z.string().regex(/^[a-z]+(?: [a-z]+)*$/)).default([]),
  })
  .strict();
export type PartyScreeningWords = z.infer<typeof PartyScreeningWordsSchema>;
export const PartiesFileSchema = z
  .object({ parties: z.array(ListedPartySchema).min(1), screening: PartyScreeningWordsSchema.optional() })
  .strict();

export const ItemsFileSchema = z
  .object({ items: z.array(ListedItemSchema).min(1), unlisted: z.array(UnlistedItemSchema).default([]) })
  .strict();
