/**
 * The frame: what one message says, before it becomes facts for the rules (design §3). The extractors fill it;
 * `factsFromFrame` (src/nlu/frame-facts.ts) is the one place facts are derived from it, and the reply's
 * "I read this as" line is written from it. Every field is optional: unsaid is unknown, never "no".
 */
import { z } from 'zod';
import {
  CountrySchema, EndUseSchema, EndUserKindSchema, FactsSchema, IsoDateSchema, ItemFactsSchema, LICENCE_CHANGES, LICENCES_HELD,
} from '../rules/facts.js';

export const ACTIVITIES = [
  'ship', 'resell_from_stock', 'hand_carry', 'exhibit', 'share_documents', 'train', 'license', 'invest', 'hire',
  'commission_line', 'joint_research', 'consult', 'buy', 'visit',
] as const;
export const ActivitySchema = z.enum(ACTIVITIES);
export type Activity = z.infer<typeof ActivitySchema>;

export const PARTY_ROLES = ['seller', 'buyer', 'end_user', 'provider', 'recipient', 'other'] as const;
export const PartyRoleSchema = z.enum(PARTY_ROLES);

/** The item as read: the facts' item fields it shares (one definition, so the two cannot drift), plus the words. */
export const ItemFrameSchema = ItemFactsSchema.pick({
  form: true, magnetType: true, elementsPresent: true, elementsAbsent: true, compositionComplete: true,
  traceImpurityOnly: true, heavyRareEarthLikely: true, heavyRareEarthPercent: true, besideProduct: true, productionLine: true,
  downstream: true, sector: true, hsCode: true,
}).extend({
  /** The words that named the item, as written. */
  words: z.string().max(200).optional(),
  /** A magnet or material grade read from the text ("N52", "45SH", "YXG-28"). */
  grade: z.string().max(40).optional(),
  /** "The magnets contain Dy": magnets named again and described, which a conversation reads as the parts of the
   * product it named before (src/assistant/merge-facts.ts), not as new goods. */
  refersBack: z.boolean().optional(),
  /** "They sell the finished motors to …": a verb of selling, shipping or sending governs the goods' words, so a
   * conversation reads them as the goods now moving, not as what goods named before go into. */
  moved: z.boolean().optional(),
  /** A control code as written; the facts keep it only when it has the listed shape. */
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
    /** The list entry (name or alias) the words matched. */
    entry: z.string(),
    list: z.enum(['control', 'watch']),
    sources: z.array(z.string()),
    /** exact decides; near (more to the name, misspelt), related (subsidiary, affiliate) and group escalate. */
    match: z.enum(['exact', 'near', 'related', 'group']),
    confirmed: z.boolean(),
  }).strict().optional(),
}).strict();
export type PartyFrame = z.infer<typeof PartyFrameSchema>;

export const ShipWhenSchema = z.union([
  // after: the day after the date said ("after 10 November"); before: the day before it ("shipping before 8 Nov").
  z.object({ year: z.number().int().min(2000).max(2100).optional(), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31).optional(), after: z.literal(true).optional(), before: z.literal(true).optional() }).strict(),
  z.object({ monthsAhead: z.number().int().min(0).max(36) }).strict(),
  z.object({ daysAhead: z.number().int().min(1).max(366) }).strict(),
  // "next year": the first day of a later year.
  z.object({ yearsAhead: z.number().int().min(1).max(3) }).strict(),
]);
export type ShipWhen = z.infer<typeof ShipWhenSchema>;

export const FrameSchema = z.object({
  item: ItemFrameSchema.optional(),
  /** Other loose goods named beside the item ("Er-doped fibre and Ho:YAG rods"), each read on its own words: the
   * answer is the strictest over all of them. */
  otherItems: z.array(ItemFrameSchema).max(4).optional(),
  places: z.object({
    madeIn: CountrySchema.optional(),
    /** Where the goods are now, when that is said apart from where they ship from ("our Dutch warehouse"). */
    heldIn: CountrySchema.optional(),
    shipFrom: CountrySchema.optional(),
    /** Whether shipFrom was said as where the goods leave from ("from Xiamen", "ex Baotou"), not read from a site. */
    shipFromSaid: z.boolean().optional(),
    shipTo: CountrySchema.optional(),
    /** Where the goods pass through without entering ("transshipped through Shanghai"). */
    transitVia: CountrySchema.optional(),
    /** The goods come back ("shipped back to Brazil", "they send replacements"), without saying from where. */
    comesBack: z.boolean().optional(),
    /** The goods are sent to the asker ("they'd send us new magnets"), from no place said. */
    sentToAsker: z.boolean().optional(),
  }).strict(),
  parties: z.array(PartyFrameSchema),
  endUser: EndUserKindSchema.optional(),
  endUses: z.array(EndUseSchema),
  activity: ActivitySchema.optional(),
  /** The technology and who provides it to whom: the facts' collaboration, as read. */
  technology: FactsSchema.shape.collaboration,
  chineseContent: z.object({
    origin: z.boolean().optional(),
    percentOfValue: z.number().min(0).max(100).optional(),
    /** Goods made abroad hold Chinese-origin rare-earth content ("with Chinese Dy magnets"), share unsaid. */
    present: z.boolean().optional(),
    /** That content is parts made in China ("motors containing Chinese-made magnets"), not only Chinese material. */
    partsMadeInChina: z.boolean().optional(),
    technology: z.boolean().optional(),
  }).strict(),
  /** The message corrects what was said before ("sorry, they are actually ferrite"): its item replaces the old one. */
  correction: z.boolean().optional(),
  /** Legal claims the asker reports ("our supplier says under 0.1 % needs no licence"): facts to check, never rules. */
  claims: z.array(z.string().max(300)),
  /** The message proposes to evade licensing: to declare or split listed goods so customs or the licence pass them by. */
  evasion: z.boolean().optional(),
  /** The goods go as a gift or a free sample ("free samples, no invoice"): an export all the same (Regs art. 2). */
  gift: z.boolean().optional(),
  /** The goods go back after repair or testing ("re-coated under warranty, now we ship them back"; Regs art. 19). */
  returnAfterRepair: z.boolean().optional(),
  /** The asker's own side says goods already left without a licence: a possible violation, for compliance. */
  exportedWithoutLicence: z.boolean().optional(),
  /** MOFCOM has told the exporter that these goods or this customer need a licence ("MOFCOM sent them a written notice"):
   * the catch-all's notice, which makes even unlisted goods need one (ECL art. 12(3), Regs art. 14(3)). */
  mofcomNotice: z.boolean().optional(),
  /** A licence the asker says is already held for the goods ("our licence names Bosch", "the supplier got a general
   * licence"): whether it is a general one. */
  licenceHeld: z.enum(LICENCES_HELD).optional(),
  /** A change from what a licence held names, which the asker wants: of recipient, goods, use or quantity (Regs art. 18). */
  licenceChange: z.enum(LICENCE_CHANGES).optional(),
  /** The goods came, or are to come, under a Chinese end-user certificate the asker signs (Regs art. 24). */
  endUserCommitment: z.boolean().optional(),
  /** The year the asker says goods it holds were bought or imported ("bought in 2024"). */
  acquiredYear: z.number().int().min(1950).max(2100).optional(),
  /** The asker says goods it holds were bought before the controls ("long before any licence rules"). */
  acquiredBeforeControls: z.boolean().optional(),
  /** Another country's rules or tariffs the question is about (US tariffs, EU licences, ITAR, DFARS). */
  foreignRegime: z.string().max(60).optional(),
  asOf: IsoDateSchema.optional(),
  /** When the goods are to move, as said ("in mid-December", "on 3 March 2026", "next month"): the year is left
   * out when the message leaves it out, and resolved against the day the question is asked. */
  shipWhen: ShipWhenSchema.optional(),
  /** A date the message gives with no word of shipping ("What about after 10 November?"): in a follow-up to a
   * decision, the day the question under discussion is asked about. */
  mentionedWhen: ShipWhenSchema.optional(),
}).strict();
export type Frame = z.infer<typeof FrameSchema>;
