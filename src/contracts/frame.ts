/**
 * The frame: what one message says, before it becomes facts for the rules (design §3). The extractors fill it;
 * `factsFromFrame` (src/nlu/frame-facts.ts) is the one place facts are derived from it, and the reply's
 * "I read this as" line is written from it. Every field is optional: unsaid is unknown, never "no".
 */
import { z } from 'zod';
import {
  CollaborationKindSchema, CountrySchema, DownstreamKindSchema, ElementSchema, EndUseSchema, EndUserKindSchema, FormSchema,
  IsoDateSchema, MagnetTypeSchema, SectorSchema, TechnologyAreaSchema,
} from '../rules/facts.js';

export const ACTIVITIES = [
  'ship', 'resell_from_stock', 'hand_carry', 'exhibit', 'share_documents', 'train', 'license', 'invest', 'hire',
  'commission_line', 'joint_research', 'consult', 'buy',
] as const;
export const ActivitySchema = z.enum(ACTIVITIES);
export type Activity = z.infer<typeof ActivitySchema>;

export const PARTY_ROLES = ['seller', 'buyer', 'end_user', 'provider', 'recipient', 'other'] as const;
export const PartyRoleSchema = z.enum(PARTY_ROLES);

export const ItemFrameSchema = z.object({
  /** The words that named the item, as written. */
  words: z.string().max(200).optional(),
  form: FormSchema.optional(),
  magnetType: MagnetTypeSchema.optional(),
  /** A magnet or material grade read from the text ("N52", "45SH", "YXG-28"), with what the grade implies. */
  grade: z.string().max(40).optional(),
  elementsPresent: z.array(ElementSchema).optional(),
  elementsAbsent: z.array(ElementSchema).optional(),
  compositionComplete: z.boolean().optional(),
  traceImpurityOnly: z.boolean().optional(),
  /** True when the grade or process named usually needs Dy or Tb (a high-coercivity grade, grain-boundary diffusion). */
  heavyRareEarthLikely: z.boolean().optional(),
  /** Bare magnets named beside a product (with it, as spares, for a customer who builds them in). */
  besideProduct: z.boolean().optional(),
  /** The stated content of Dy or Tb, in percent by weight. */
  heavyRareEarthPercent: z.number().min(0).max(100).optional(),
  downstream: DownstreamKindSchema.optional(),
  sector: SectorSchema.optional(),
  hsCode: z.string().regex(/^\d{4,10}$/).optional(),
  controlCode: z.string().optional(),
}).strict();
export type ItemFrame = z.infer<typeof ItemFrameSchema>;

export const PartyFrameSchema = z.object({
  role: PartyRoleSchema,
  country: CountrySchema.optional(),
  /** The words that named the party ("a motor maker in Germany"). */
  words: z.string().max(200).optional(),
  defence: z.boolean().optional(),
  /** Named on MOFCOM's export control list or watch list (rules/parties.yaml). */
  listed: z.object({
    name: z.string(),
    list: z.enum(['control', 'watch']),
    sources: z.array(z.string()),
    match: z.enum(['name', 'group']),
    confirmed: z.boolean(),
  }).strict().optional(),
}).strict();
export type PartyFrame = z.infer<typeof PartyFrameSchema>;

export const FrameSchema = z.object({
  item: ItemFrameSchema.optional(),
  places: z.object({
    madeIn: CountrySchema.optional(),
    /** Where the goods are now, when that is said apart from where they ship from ("our Dutch warehouse"). */
    heldIn: CountrySchema.optional(),
    shipFrom: CountrySchema.optional(),
    shipTo: CountrySchema.optional(),
  }).strict(),
  parties: z.array(PartyFrameSchema),
  endUser: EndUserKindSchema.optional(),
  endUses: z.array(EndUseSchema),
  activity: ActivitySchema.optional(),
  technology: z.object({
    kind: CollaborationKindSchema.optional(),
    area: TechnologyAreaSchema.optional(),
    chineseProvider: z.boolean().optional(),
    abroad: z.boolean().optional(),
    domesticOnly: z.boolean().optional(),
    publicOrBasicResearch: z.boolean().optional(),
  }).strict().optional(),
  chineseContent: z.object({
    origin: z.boolean().optional(),
    percentOfValue: z.number().min(0).max(100).optional(),
    technology: z.boolean().optional(),
  }).strict(),
  /** The message corrects what was said before ("sorry, they are actually ferrite"): its item replaces the old one. */
  correction: z.boolean().optional(),
  /** Legal claims the asker reports ("our supplier says under 0.1 % needs no licence"): facts to check, never rules. */
  claims: z.array(z.string().max(300)),
  /** Another country's rules or tariffs the question is about (US tariffs, EU licences, ITAR, DFARS). */
  foreignRegime: z.string().max(60).optional(),
  asOf: IsoDateSchema.optional(),
}).strict();
export type Frame = z.infer<typeof FrameSchema>;
