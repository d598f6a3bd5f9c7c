/**
 * Facts: what is known about a case. Every field is optional because every fact may be unknown, and unknown is
 * not false: the engine treats a missing field as "unknown" (three-valued logic), never as a "no".
 */
import { z } from 'zod';

export const ELEMENTS = [
  'Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Sc', 'Y', 'Ho', 'Er', 'Tm', 'Eu', 'Yb',
  'La', 'Ce', 'Pr', 'Nd', 'Pm', 'Ga', 'Ge', 'Sb', 'W', 'Ta', 'Co', 'Fe', 'B', 'Al', 'Ni', 'Cu', 'Mg', 'Zr', 'Li', 'C',
] as const;
export const ElementSchema = z.enum(ELEMENTS);
export type Element = z.infer<typeof ElementSchema>;
/** Announcement 2025 No. 18's seven medium and heavy rare earths (brief R1); No. 61 Annex 1 Part I names the same. */
export const NO18_ELEMENTS = ['Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Sc', 'Y'] as const satisfies readonly Element[];

/** Exports the Dual-Use Regulations name besides a sale: an exhibition, goods carried by hand, a gift or free sample
 * (art. 2), and goods going back after repair or testing (art. 19). */
export const EXPORT_OCCASIONS = ['exhibition', 'hand_carry', 'gift', 'return_after_repair'] as const;

/** A licence already held for the goods: a single licence, or a general one (Regs art. 15). */
export const LICENCES_HELD = ['single', 'general'] as const;
export type LicenceHeld = (typeof LICENCES_HELD)[number];
/** What the asker wants changed from what a licence held names (Regs art. 18): who receives the goods or where they go
 * (end user, destination), the goods themselves, their use, or only the quantity or price. */
export const LICENCE_CHANGES = ['recipient', 'item', 'end_use', 'quantity'] as const;
export type LicenceChange = (typeof LICENCE_CHANGES)[number];

export const FORMS = [
  'metal', 'alloy', 'oxide', 'compound', 'magnet', 'magnet_powder', 'target', 'component', 'finished_product',
  'crystal', 'ceramic', 'optical_fibre', 'phosphor', 'catalyst', 'equipment', 'battery_material', 'superhard_material',
  'ore',
  // Lithium cells and batteries (cells, packs, modules): No. 58's goods (brief R14), not rare-earth material.
  'battery',
] as const;
export const FormSchema = z.enum(FORMS);
/** Forms that are a material itself, named by its element or formula ("Dy oxide", "Tb metal"), not goods made of it. */
export const ELEMENT_MATERIAL_FORMS: readonly (typeof FORMS)[number][] = ['metal', 'alloy', 'oxide', 'compound', 'target', 'ore'];
/** Forms a material run can take, products excluded: what is shipped as material rather than as goods. */
export const MATERIAL_FORMS: readonly (typeof FORMS)[number][] = [
  'metal', 'alloy', 'oxide', 'compound', 'target', 'magnet', 'magnet_powder', 'crystal', 'ceramic', 'battery_material', 'superhard_material',
];
/** Forms whose name with an element names the whole composition ("europium oxide", "scandium-aluminium alloy"). */
export const PURE_FORMS: readonly (typeof FORMS)[number][] = ['metal', 'oxide', 'compound', 'alloy', 'target'];
export type Form = z.infer<typeof FormSchema>;

export const MAGNET_TYPES = ['ndfeb', 'smco', 'cerium', 'ferrite', 'other'] as const;
export const MagnetTypeSchema = z.enum(MAGNET_TYPES);
/** The magnet families made with rare earths ("magnet manufacturing" in No. 62: SmCo, NdFeB and Ce magnets). */
export const RARE_EARTH_MAGNETS: readonly string[] = ['ndfeb', 'smco', 'cerium'];
/** The FAQ's downstream goods, defined by their rare-earth magnets or materials (a molded sensor, a phosphor): rare-earth
 * goods by kind. A device or an unnamed assembly may be anything. */
export const RARE_EARTH_DOWNSTREAM: readonly string[] = ['rotor_stator_assembly', 'formed_sensor', 'motor', 'consumer_magnetic_product', 'calcined_catalyst', 'phosphor'];

/** Deep-processed goods named by the MOFCOM FAQ (CN-FAQ-RE), plus goods built from them. */
export const DOWNSTREAM_KINDS = [
  'rotor_stator_assembly', 'formed_sensor', 'motor', 'consumer_magnetic_product', 'device', 'calcined_catalyst', 'phosphor',
  'other_assembly',
] as const;
export const DownstreamKindSchema = z.enum(DOWNSTREAM_KINDS);

/** The industry an item belongs to, where the announcements are organised by industry (Nos. 55, 56, 58). */
export const SECTORS = ['rare_earth', 'battery', 'graphite', 'superhard', 'other'] as const;
export const SectorSchema = z.enum(SECTORS);

export const END_USER_KINDS = ['civil', 'military', 'control_list', 'research'] as const;
export const EndUserKindSchema = z.enum(END_USER_KINDS);

export const END_USES = [
  'military', 'wmd', 'advanced_logic_chips', 'advanced_memory_chips', 'ai_military', 'humanitarian', 'civil',
  /** Rare-earth mining, separation, smelting or magnet-making abroad (the No. 62 catch-all, brief R10). */
  'rare_earth_processing',
] as const;
export const EndUseSchema = z.enum(END_USES);

export const COLLABORATION_KINDS = [
  'technology_transfer', 'licensing', 'joint_rnd', 'jv_investment', 'services', 'hiring', 'training', 'consulting',
  /**
   * Foreign visitors shown it inside China (an audit, a plant tour, a walk through the line): an export by No. 62's
   * definition (display, inspection), suspended; whether the 2023 Catalogue reaches it is for compliance to judge.
   */
  'visit',
] as const;
export const CollaborationKindSchema = z.enum(COLLABORATION_KINDS);
export type CollaborationKind = z.infer<typeof CollaborationKindSchema>;

/** Work people do in person (a service, training, advice), as against passing on know-how, rights or money. */
export function isPeopleWork(kind: CollaborationKind | undefined): boolean {
  return kind === 'services' || kind === 'training' || kind === 'consulting';
}

/** Rare-earth technology areas, as the 2023 Catalogue and Announcement No. 62 group them. */
export const TECHNOLOGY_AREAS = [
  'extraction_separation', 'metal_alloy_production', 'magnet_preparation', 'calcium_oxyborate', 'mining_beneficiation',
  'smelting', 'recycling', 'production_line_services', 'magnet_design',
  // Finishing made magnets (machining, coating, magnetising): the last steps of magnet making, which magnet users do too.
  'magnet_finishing', 'product_design', 'battery', 'superhard',
  // Know-how about a material that holds no rare earth at all (ferrite, AlNiCo): none of the rare-earth lists.
  'no_rare_earth',
] as const;
export const TechnologyAreaSchema = z.enum(TECHNOLOGY_AREAS);

/** ISO 3166-1 alpha-2 code. */
export const CountrySchema = z.string().regex(/^[A-Z]{2}$/, 'a two-letter ISO country code');

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'a real calendar date');

export const ItemFactsSchema = z
  .object({
    description: z.string().max(200).optional(),
    /** Elements the item is said to contain. */
    elementsPresent: z.array(ElementSchema).optional(),
    /** Elements the item is said not to contain ("no Dy or Tb"). */
    elementsAbsent: z.array(ElementSchema).optional(),
    /** True when the composition given is the whole of it ("just Nd, Pr, Fe, B"). */
    compositionComplete: z.boolean().optional(),
    /** True when the grade or process named normally needs Dy or Tb (a high-coercivity NdFeB grade, grain-boundary
     * diffusion) and the asker has not said it is free of both. */
    heavyRareEarthLikely: z.boolean().optional(),
    /** Bare magnets named beside a product: the FAQ's downstream carve-out does not reach them. */
    besideProduct: z.boolean().optional(),
    /** A whole production line (not single machines): its design and set-up carry the process know-how with it. */
    productionLine: z.boolean().optional(),
    /** The stated content of Dy or Tb in the item, in percent by weight ("0.05 % Dy"). */
    heavyRareEarthPercent: z.number().min(0).max(100).optional(),
    /** True when a controlled element is present only as an unintended trace impurity. */
    traceImpurityOnly: z.boolean().optional(),
    form: FormSchema.optional(),
    magnetType: MagnetTypeSchema.optional(),
    downstream: DownstreamKindSchema.optional(),
    sector: SectorSchema.optional(),
    hsCode: z.string().regex(/^\d{4,10}$/).optional(),
    controlCode: z.string().regex(/^\d[A-E]\d{3}(\.[a-z](\.\d+)?)?$/).optional(),
    /** Goods of Chinese origin (made in China), wherever they now are. */
    chinaOrigin: z.boolean().optional(),
    /** Share of the item's value that is Chinese-origin controlled content, in percent. */
    chineseContentPercent: z.number().min(0).max(100).optional(),
    /** Holds Chinese-origin rare-earth content at all ("motors with Chinese Dy magnets"), whatever its share. */
    hasChineseContent: z.boolean().optional(),
    /** That content is parts made in China ("with Chinese-made magnets inside"), which a rule on where magnets were made reads. */
    chineseMadeParts: z.boolean().optional(),
    /** Made abroad with Chinese rare-earth mining, separation, smelting, magnet-making or recycling technology. */
    madeWithChineseTechnology: z.boolean().optional(),
  })
  .strict();

/** A party named in the question (or a BOM) that matches a list entry: what was written, the entry, how. */
export const PartyMatchFactSchema = z
  .object({
    written: z.string().min(1).max(200),
    entry: z.string().min(1).max(200),
    /** The listed entity's name in rules/parties.yaml. */
    name: z.string().min(1).max(200),
    match: z.enum(['exact', 'near', 'related', 'group']),
    /** Who the party is in the deal; a supplier only ever escalates (the lists bar exports to a party, not from it). */
    role: z.enum(['buyer', 'supplier']).optional(),
  })
  .strict();
export type PartyMatchFact = z.infer<typeof PartyMatchFactSchema>;

export const FactsSchema = z
  .object({
    item: ItemFactsSchema.optional(),
    /** Country where the goods are made. */
    madeIn: CountrySchema.optional(),
    /** Country the goods (or the technology) leave from. */
    shipFrom: CountrySchema.optional(),
    destination: CountrySchema.optional(),
    /** The goods are already outside China, in the asker's (or its distributor's) stock, where that stock is was not
     * said ("our warehouse resells Chinese-origin Tb oxide", "magnets we received under a licence naming us"). */
    heldAbroad: z.boolean().optional(),
    /** Country the goods pass through in transit or transshipment, without being imported there. */
    transitVia: CountrySchema.optional(),
    /** The asker proposes to disguise or split the goods so the licence or customs pass them by (Regs art. 39, 36). */
    evasionProposed: z.boolean().optional(),
    /** The asker's own side says goods already left without a licence ("our plant shipped Dy magnets to Vietnam in May
     * without a licence"): a possible violation to handle (Export Control Law art. 34, Regs art. 39), not a plan. */
    exportedWithoutLicence: z.boolean().optional(),
    /** MOFCOM has notified the exporter that a licence is needed (the catch-all's notice, brief R16). */
    mofcomNotice: z.boolean().optional(),
    /** How the goods leave, where the Regulations name it an export of its own (art. 2): shown at an exhibition, or
     * carried in someone's luggage. Unsaid for an ordinary shipment. */
    exportOccasion: z.enum(EXPORT_OCCASIONS).optional(),
    /** A licence already held for the goods, as the asker says: its scope (items, end users, quantities) decides
     * whether a new shipment or a change is covered (Regs art. 15, 18). */
    licenceHeld: z.enum(LICENCES_HELD).optional(),
    /** A change the asker wants from what a licence held names ("deliver to our Czech plant instead", "ship 540 kg under a
     * 500 kg licence"): a new application or MOFCOM's approval of the change (Regs art. 18). */
    licenceChange: z.enum(LICENCE_CHANGES).optional(),
    /** The goods came under a Chinese end-user certificate: no transfer or change of end use without MOFCOM (art. 24). */
    endUserCommitment: z.boolean().optional(),
    /** The year goods held abroad were bought or imported, as said. */
    acquiredYear: z.number().int().min(1950).max(2100).optional(),
    /** Goods held abroad were bought before the controls, as said. */
    acquiredBeforeControls: z.boolean().optional(),
    endUser: z
      .object({
        kind: EndUserKindSchema.optional(),
        name: z.string().max(200).optional(),
        country: CountrySchema.optional(),
        /** The control-list or watch-list announcements that name the end user or buyer exactly (source IDs). */
        lists: z.array(z.string().regex(/^[A-Z0-9-]+$/)).optional(),
        /** The announcements whose entries a party only nearly matches (more to the name, misspelt, a subsidiary or
         * group of a listed entity): those escalate. */
        nearLists: z.array(z.string().regex(/^[A-Z0-9-]+$/)).optional(),
        /** Each match, as shown in the answer ("TDK Corporation" against the entry 'TDK'). */
        parties: z.array(PartyMatchFactSchema).max(20).optional(),
      })
      .strict()
      .optional(),
    endUses: z.array(EndUseSchema).optional(),
    collaboration: z
      .object({
        kind: CollaborationKindSchema.optional(),
        area: TechnologyAreaSchema.optional(),
        /** True when a Chinese person or entity provides the technology, service or know-how. */
        chineseProvider: z.boolean().optional(),
        /** Where the activity or the recipient is. */
        abroad: z.boolean().optional(),
        /** True when the work is said to be published, public-domain or basic research (brief R26, unconfirmed). */
        publicOrBasicResearch: z.boolean().optional(),
        /** True when only Chinese persons in China receive it (no foreign person or place): not an export. */
        domesticOnly: z.boolean().optional(),
      })
      .strict()
      .optional(),
    asOf: IsoDateSchema.optional(),
  })
  .strict();

export type Facts = z.infer<typeof FactsSchema>;
export type ItemFacts = z.infer<typeof ItemFactsSchema>;
