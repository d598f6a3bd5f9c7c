/**
 * The Chinese-origin rare-earth content of one product and its share of the product's value, against the 0.1 %
 * line of Announcement 2025 No. 61 §1(1) (brief R4). Pure.
 *
 * It errs towards a higher share, never a lower one: a counted part is counted at its whole value (a magnet's
 * value, not only its rare earths'), a part of unknown origin counts as Chinese, a magnet of unknown composition as
 * holding Dy or Tb. Where a value had to be estimated (from a mass share, or a stated magnet share of an assembly),
 * the line says how, and a share under the line resting on an estimate or a missing value is "undetermined".
 */
import { NO18_ELEMENTS, type ItemFacts } from '../rules/facts.js';
import { buildTree, type BomTree } from './bom-tree.js';
import type { BomLine } from './read-bom.js';

/** No. 61 Annex 1 Part I elements (as reported in the brief, §3): No. 18's seven. */
export const PART_ONE_ELEMENTS = NO18_ELEMENTS;
const RARE_EARTHS = new Set(['Sc', 'Y', 'La', 'Ce', 'Pr', 'Nd', 'Pm', 'Sm', 'Eu', 'Gd', 'Tb', 'Dy', 'Ho', 'Er', 'Tm', 'Yb', 'Lu']);

const MAGNET_HOLDERS = new Set(['rotor_stator_assembly', 'formed_sensor', 'motor', 'consumer_magnetic_product']);

/** The 0.1 % line of No. 61 §1(1), in percent of the product's value. */
export const DE_MINIMIS_PERCENT = 0.1;

export type RareEarthClass = 'part_one' | 'maybe_part_one' | 'other_rare_earth' | 'none';

/** Whether an item holds No. 61 Part I rare earths: known, possible (composition not said), or not. */
export function rareEarthClass(item: ItemFacts | undefined): RareEarthClass {
  if (!item) return 'none';
  const present = item.elementsPresent ?? [];
  if (item.magnetType === 'smco' || present.some((e) => (PART_ONE_ELEMENTS as readonly string[]).includes(e)) || item.heavyRareEarthLikely) return 'part_one';
  if (item.magnetType === 'ferrite') return present.some((e) => RARE_EARTHS.has(e)) ? 'maybe_part_one' : 'none';
  // Goods that hold magnets by what they are (a rotor, a molded sensor, a motor), magnets not described: may be Dy/Tb.
  const holdsMagnets = item.downstream !== undefined && MAGNET_HOLDERS.has(item.downstream);
  const rareEarthMagnet = item.magnetType === 'ndfeb' || item.magnetType === 'cerium'
    || ((item.form === 'magnet' || item.form === 'magnet_powder' || holdsMagnets) && item.magnetType === undefined);
  const rareEarth = rareEarthMagnet || present.some((e) => RARE_EARTHS.has(e));
  if (!rareEarth) return 'none';
  const absent = item.elementsAbsent ?? [];
  const heavyRuledOut = item.compositionComplete === true || (absent.includes('Dy') && absent.includes('Tb'));
  return heavyRuledOut ? 'other_rare_earth' : 'maybe_part_one';
}

export type ContentMethod = 'line_value' | 'composition_share' | 'mass_share' | 'missing';

export interface LineContent {
  readonly index: number;
  readonly class: RareEarthClass;
  /** Origin as read: 'CN', another code, or undefined (unknown, counted as Chinese). */
  readonly origin: string | undefined;
  readonly counted: boolean;
  /** Why the line is or is not counted, and how its value was found. */
  readonly note: string;
  readonly method?: ContentMethod;
  readonly value?: number;
  readonly estimated: boolean;
}

export type ShareStatus = 'at_or_over' | 'under' | 'undetermined';

export interface ContentShare {
  readonly productValue: number | undefined;
  readonly productValueSource: 'option' | 'top_line' | 'sum_of_top_lines' | 'missing';
  readonly productValueNote?: string;
  readonly currency: string | undefined;
  readonly chineseContentValue: number;
  readonly sharePercent: number | undefined;
  readonly status: ShareStatus;
  readonly reasons: readonly string[];
  readonly lines: readonly LineContent[];
  readonly tree: BomTree;
}

/** Extended value of a line in one product: its value times the quantities of its parents. */
function extendedValue(line: BomLine, multiplier: number): number | undefined {
  if (line.lineValue !== undefined) return line.lineValue * multiplier;
  if (line.unitValue !== undefined) return line.unitValue * line.quantity * multiplier;
  return undefined;
}

/** A magnet's stated share of an assembly ("steel, NdFeB magnets 18 %"), in percent. */
export function magnetSharePercent(material: string | undefined): number | undefined {
  if (!material) return undefined;
  const term = '(?:ndfeb|nd-fe-b|neodymium|neo|smco|sm-co|samarium|magnets?|rare[- ]earths?)';
  const after = new RegExp(`${term}[^%\\d]{0,20}?(\\d+(?:[.,]\\d+)?)\\s*%`, 'i').exec(material);
  const before = new RegExp(`(\\d+(?:[.,]\\d+)?)\\s*%\\s*(?:wt\\.?\\s*)?(?:of\\s+)?${term}`, 'i').exec(material);
  const m = before ?? after;
  const n = m?.[1] ? Number(m[1].replace(',', '.')) : undefined;
  return n !== undefined && n > 0 && n <= 100 ? n : undefined;
}

export interface ShareInput {
  readonly lines: readonly BomLine[];
  readonly items: readonly (ItemFacts | undefined)[];
  readonly origins: readonly (string | undefined)[];
  readonly productValue?: number;
}

export function contentShare(input: ShareInput): ContentShare {
  const { lines, items, origins } = input;
  const tree = buildTree(lines);
  const reasons: string[] = [];
  const currencies = new Set(lines.flatMap((l) => (l.currency ? [l.currency] : [])));
  const currency = currencies.size === 1 ? [...currencies][0] : undefined;
  const mixed = currencies.size > 1;
  if (mixed) reasons.push(`The lines are in several currencies (${[...currencies].join(', ')}), which Lodestone does not convert: the share cannot be worked out.`);

  const ext = lines.map((l, i) => extendedValue(l, tree.multiplier[i] ?? 1));
  // Product value: given, else the one top line (the product itself), else the sum of the top lines.
  let productValue: number | undefined = input.productValue;
  let productValueSource: ContentShare['productValueSource'] = productValue !== undefined ? 'option' : 'missing';
  let productValueNote: string | undefined;
  if (productValue === undefined) {
    const [only] = tree.roots;
    if (tree.roots.length === 1 && only !== undefined && ext[only] !== undefined) {
      productValue = ext[only];
      productValueSource = 'top_line';
    } else {
      const tops = tree.roots.length === 1 && only !== undefined ? tree.childrenOf[only] ?? [] : tree.roots;
      const known = tops.filter((i) => ext[i] !== undefined);
      if (known.length > 0) {
        productValue = known.reduce((s, i) => s + (ext[i] ?? 0), 0);
        productValueSource = 'sum_of_top_lines';
        if (known.length < tops.length) productValueNote = `${tops.length - known.length} top lines have no value, so the product value is at least this and the share at most what is shown`;
      }
    }
  }
  if (productValue === undefined || productValue <= 0) reasons.push('The product value is not known: give --product-value, or unit values on the lines.');

  // Lines that hold (or may hold) Chinese-origin Part I rare earths, counted at the lowest level they are listed.
  const candidate = lines.map((_, i) => {
    const cls = rareEarthClass(items[i]);
    return (cls === 'part_one' || cls === 'maybe_part_one') && origins[i] !== undefined ? origins[i] === 'CN' : cls === 'part_one' || cls === 'maybe_part_one';
  });
  // Lines with a counted candidate somewhere below them: marked by walking up from each candidate.
  const itemisedBelow = new Set<number>();
  candidate.forEach((c, j) => {
    if (!c) return;
    for (let p = tree.parentOf[j] ?? -1; p >= 0 && !itemisedBelow.has(p); p = tree.parentOf[p] ?? -1) itemisedBelow.add(p);
  });
  const contents: LineContent[] = lines.map((line, i) => {
    const cls = rareEarthClass(items[i]);
    const origin = origins[i];
    const base = { index: i, class: cls, origin, estimated: false };
    if (cls === 'none') return { ...base, counted: false, note: 'no rare-earth content read' };
    if (cls === 'other_rare_earth') return { ...base, counted: false, note: 'rare earths, but stated free of Dy and Tb and of the other Part I elements: not Part I content' };
    if (origin !== undefined && origin !== 'CN') return { ...base, counted: false, note: `origin ${origin}: not Chinese-origin content` };
    if (itemisedBelow.has(i)) return { ...base, counted: false, note: 'its rare-earth parts are listed below it and counted there' };
    const how = `${cls === 'maybe_part_one' ? 'composition not given, so counted as holding Dy or Tb; ' : ''}${origin === undefined ? 'origin not given, so counted as Chinese; ' : ''}`;
    const value = ext[i];
    const isAssembly = items[i]?.form !== 'magnet' && items[i]?.form !== 'magnet_powder' && items[i]?.downstream !== undefined;
    const share = isAssembly ? magnetSharePercent(line.material) : undefined;
    if (value !== undefined && share !== undefined) {
      return { ...base, counted: true, method: 'composition_share', value: (value * share) / 100, estimated: true, note: `${how}estimated as ${share} % (the magnet share its material states) of the line value` };
    }
    if (value !== undefined) return { ...base, counted: true, method: 'line_value', value, note: `${how}counted at its whole line value` };
    const p = tree.parentOf[i] ?? -1;
    const parent = p >= 0 ? lines[p] : undefined;
    const parentValue = p >= 0 ? ext[p] : undefined;
    if (line.massKg !== undefined && parent?.massKg !== undefined && parent.massKg > 0 && parentValue !== undefined) {
      const fraction = Math.min(1, (line.massKg * line.quantity) / parent.massKg);
      return { ...base, counted: true, method: 'mass_share', value: parentValue * fraction, estimated: true, note: `${how}no value given; estimated from its mass share (${(fraction * 100).toFixed(1)} %) of its parent's value` };
    }
    return { ...base, counted: true, method: 'missing', estimated: true, note: `${how}no value given, and none could be estimated (no mass with a valued parent)` };
  });

  const counted = contents.filter((c) => c.counted);
  const chineseContentValue = counted.reduce((s, c) => s + (c.value ?? 0), 0);
  const exactValue = counted.filter((c) => c.method === 'line_value').reduce((s, c) => s + (c.value ?? 0), 0);
  const usable = productValue !== undefined && productValue > 0 && !mixed ? productValue : undefined;
  const sharePercent = usable !== undefined ? (chineseContentValue / usable) * 100 : undefined;
  const exactShare = usable !== undefined ? (exactValue / usable) * 100 : undefined;
  let status: ShareStatus = 'undetermined';
  if (exactShare !== undefined && exactShare >= DE_MINIMIS_PERCENT) status = 'at_or_over';
  else if (sharePercent !== undefined && counted.every((c) => !c.estimated)) status = sharePercent >= DE_MINIMIS_PERCENT ? 'at_or_over' : 'under';
  if (status === 'undetermined' && sharePercent !== undefined) {
    reasons.push(`The share rests on estimated or missing values (${counted.filter((c) => c.estimated).length} lines): ${sharePercent >= DE_MINIMIS_PERCENT ? 'the estimate is at or over' : 'the estimate is under'} the 0.1 % line, which an estimate cannot settle.`);
  }
  return {
    productValue, productValueSource, ...(productValueNote ? { productValueNote } : {}), currency, chineseContentValue,
    sharePercent, status, reasons, lines: contents, tree,
  };
}
