/**
 * Screening a BOM: every line read as the question it stands for by the chat's understander and decided by the
 * rules engine, twice — exporting the part from China, and exporting the finished product that holds it — and the
 * product decided on its Chinese-origin rare-earth content share, all as of the day asked. Pure apart from the
 * progress callback; the same facts are decided once (the engine is pure).
 */
import type { Understander } from '../nlu/understand.js';
import type { Citation, Decision } from '../rules/decision.js';
import { evaluate } from '../rules/engine.js';
import type { Element, Facts, ItemFacts } from '../rules/facts.js';
import type { RuleSet } from '../rules/ruleset.js';
import type { ReplyVerdict } from '../rules/verdict.js';
import { contentShare, DE_MINIMIS_PERCENT, rareEarthClass, type ContentShare, type LineContent } from './content-share.js';
import { COLUMN_LABELS, type BomColumn } from './columns.js';
import { createCountryReader, createLineReader } from './line-item.js';
import { BomError } from './bom-error.js';
import { lineParties } from './bom-parties.js';
import { createPartyScreener } from '../rules/party-screen.js';
import type { Bom } from './read-bom.js';

export interface ViewResult {
  readonly verdict: ReplyVerdict;
  readonly reasons: readonly string[];
  /** Source and article; titles and addresses are given once, in the screening's `sources`. */
  readonly citations: readonly Pick<Citation, 'source' | 'article'>[];
  /** For `need_info`: the BOM column (or option) whose value would decide it. */
  readonly decidingColumn?: string;
  readonly missing: readonly string[];
}

export interface ScreenedLine {
  readonly row: number;
  readonly partNumber?: string;
  readonly description: string;
  readonly question: string;
  readonly origin?: string;
  readonly level: number;
  readonly content: LineContent;
  /** Exporting this part from China. */
  readonly partExport: ViewResult;
  /** Exporting the finished product that holds this part, from where the product is made. */
  readonly productExport: ViewResult;
}

export interface ProductResult {
  readonly madeIn?: string;
  readonly currency?: string;
  readonly productValue?: number;
  readonly productValueSource: ContentShare['productValueSource'];
  readonly chineseContentValue: number;
  readonly sharePercent?: number;
  readonly thresholdPercent: number;
  readonly shareStatus: ContentShare['status'];
  readonly estimatedLines: readonly { row: number; note: string }[];
  readonly notes: readonly string[];
  readonly verdict: ViewResult;
  /** The facts the product was decided on: what an escalation hands the compliance team with the decision. */
  readonly facts: Facts;
}

export interface Screening {
  readonly file: string;
  readonly sheet?: string;
  readonly asOf: string;
  readonly rulesVersion: string;
  readonly nestedBy: 'parent' | 'level' | 'flat';
  readonly lines: readonly ScreenedLine[];
  readonly product: ProductResult;
  readonly counts: Readonly<Record<string, number>>;
  /** Every source cited above, with its title and address. */
  readonly sources: Readonly<Record<string, Omit<Citation, 'source' | 'article'>>>;
}

export interface ScreenOptions {
  readonly asOf: string;
  readonly productValue?: number;
  /** Where the finished product is made and shipped from (ISO code or a name); else the top line's made-in. */
  readonly madeIn?: string;
  readonly onProgress?: (done: number, total: number) => void;
}

const MAX_REASONS = 4;

/** The BOM column, or the option, whose value would settle a missing fact. */
export function columnForFact(fact: string, view: 'part' | 'product'): string {
  const col = (c: BomColumn) => COLUMN_LABELS[c];
  switch (fact) {
    case 'item.elements':
    case 'item.form':
    case 'item.heavyRareEarthPercent':
    case 'item.traceImpurityOnly':
    case 'item.sector':
    case 'item.downstream':
      return col('material');
    case 'item.magnetType':
    case 'item.heavyRareEarthLikely':
      return col('magnetGrade');
    case 'item.besideProduct':
      return col('description');
    case 'fromChina':
    case 'foreignExporter':
    case 'madeAbroad':
    case 'item.chinaOrigin':
      return view === 'part' ? col('origin') : `${col('madeIn')} (of the product, or --made-in)`;
    case 'item.chineseContentPercent':
      return `${col('unitValue')} (or --product-value)`;
    case 'item.madeWithChineseTechnology':
      return `${col('supplier')} (whether it was made with Chinese rare-earth technology: not a BOM column, ask compliance)`;
    default:
      return `${fact} (not a BOM column: ask it in the chat)`;
  }
}

function toView(d: Decision, view: 'part' | 'product'): ViewResult {
  const first = d.missing[0];
  return {
    verdict: d.verdict,
    reasons: d.reasons.slice(0, MAX_REASONS),
    citations: d.citations.map((c) => ({ source: c.source, ...(c.article ? { article: c.article } : {}) })),
    ...(d.verdict === 'need_info' && first ? { decidingColumn: columnForFact(first.fact, view) } : {}),
    missing: d.missing.map((m) => m.label),
  };
}

/** Items a rule can read: the understander's item without words that belong to the chat turn. */
function itemForRules(item: ItemFacts | undefined): ItemFacts | undefined {
  if (!item) return undefined;
  const { besideProduct: _b, chinaOrigin: _c, chineseContentPercent: _p, ...rest } = item;
  return rest;
}

export function createScreener(rules: RuleSet, understander: Understander): (bom: Bom, options: ScreenOptions) => Screening {
  const readLine = createLineReader(understander);
  const readCountry = createCountryReader(understander);
  const screener = createPartyScreener(rules.parties, rules.partyScreening);
  return (bom, options) => {
    const { asOf } = options;
    const decided = new Map<string, Decision>();
    const decide = (facts: Facts): Decision => {
      const key = JSON.stringify(facts);
      let d = decided.get(key);
      if (!d) {
        d = evaluate(rules, facts, asOf);
        decided.set(key, d);
      }
      return d;
    };
    const total = bom.lines.length;
    const readings = bom.lines.map((line, i) => {
      // Reading is the first half of the work, deciding the second: progress counts lines through both.
      if (options.onProgress && i % 500 === 0) options.onProgress(Math.floor(i / 2), total);
      return readLine(line);
    });
    const items = readings.map((r) => itemForRules(r.item));
    const origins = bom.lines.map((l) => readCountry(l.origin ?? l.madeIn));
    const share = contentShare({ lines: bom.lines, items, origins, ...(options.productValue !== undefined ? { productValue: options.productValue } : {}) });
    const [onlyRoot] = share.tree.roots;
    const rootMadeIn = share.tree.roots.length === 1 && onlyRoot !== undefined ? bom.lines[onlyRoot]?.madeIn : undefined;
    const givenMadeIn = readCountry(options.madeIn);
    // A made-in that names no country must not quietly fall back to the file's: the product verdict turns on it.
    if (options.madeIn !== undefined && givenMadeIn === undefined) throw new BomError('bad_option', `--made-in "${options.madeIn}" names no country Lodestone knows; give an ISO code such as DE or CN`);
    const madeIn = givenMadeIn ?? readCountry(rootMadeIn);
    const productRoute: Facts = madeIn ? { madeIn, shipFrom: madeIn } : {};
    // The share exists only with a product value and one currency.
    const valueKnown = share.sharePercent !== undefined;

    const lines: ScreenedLine[] = bom.lines.map((line, i) => {
      if (options.onProgress && i % 500 === 0) options.onProgress(Math.min(total, Math.floor(total / 2 + i / 2)), total);
      const reading = readings[i];
      const item = items[i];
      const origin = origins[i];
      const content = share.lines[i] as LineContent;
      const listed = lineParties(screener, line);
      const endUser = reading?.endUser || listed ? { ...reading?.endUser, ...listed } : undefined;
      const people: Facts = { ...(endUser ? { endUser } : {}), ...(reading?.endUses ? { endUses: reading.endUses } : {}) };

      let partExport: ViewResult;
      if (origin !== undefined && origin !== 'CN') {
        partExport = { verdict: 'none', reasons: [`Its origin is ${origin}: this part is not exported from China, so the Chinese export rules for it are the supplier country's question.`], citations: [], missing: [] };
      } else {
        const partItem = item ? { ...item, ...(origin === 'CN' ? { chinaOrigin: true } : {}) } : undefined;
        partExport = toView(decide({ ...(partItem ? { item: partItem } : {}), shipFrom: 'CN', ...(origin ? { madeIn: origin } : {}), ...people }), 'part');
      }

      const lineShare = !content.counted ? 0 : content.value !== undefined && valueKnown && share.productValue ? (content.value / share.productValue) * 100 : undefined;
      const productItem: ItemFacts = {
        ...(item ?? {}),
        form: 'finished_product',
        downstream: 'device',
        ...(madeIn ? { chinaOrigin: madeIn === 'CN' } : {}),
        ...(lineShare !== undefined ? { chineseContentPercent: Math.min(100, lineShare) } : {}),
      };
      const productExport = toView(decide({ item: productItem, ...productRoute, ...people }), 'product');
      return {
        row: line.row, ...(line.partNumber ? { partNumber: line.partNumber } : {}), description: line.description, question: reading?.question ?? '',
        ...(origin ? { origin } : {}), level: levelOf(share, i), content, partExport, productExport,
      };
    });
    options.onProgress?.(total, total);

    const product = productVerdict(share, items, madeIn, decide, valueKnown, bom);
    const counts: Record<string, number> = {};
    for (const l of lines) {
      counts[`part:${l.partExport.verdict}`] = (counts[`part:${l.partExport.verdict}`] ?? 0) + 1;
      counts[`product:${l.productExport.verdict}`] = (counts[`product:${l.productExport.verdict}`] ?? 0) + 1;
    }
    const sources: Record<string, Omit<Citation, 'source' | 'article'>> = {};
    for (const d of decided.values()) {
      for (const c of d.citations) sources[c.source] ??= { ...(c.title ? { title: c.title } : {}), ...(c.url ? { url: c.url } : {}) };
    }
    return {
      sources,
      file: bom.name, ...(bom.sheet ? { sheet: bom.sheet } : {}), asOf, rulesVersion: rules.version, nestedBy: share.tree.nestedBy, lines, product, counts,
    };
  };
}

function levelOf(share: ContentShare, i: number): number {
  let depth = 0;
  for (let p = share.tree.parentOf[i] ?? -1; p >= 0; p = share.tree.parentOf[p] ?? -1) depth++;
  return depth;
}

/** Whether what a line is made of was read: elements named, a complete composition, or a ferrite magnet. */
function compositionRead(item: ItemFacts | undefined): boolean {
  return item !== undefined && ((item.elementsPresent?.length ?? 0) > 0 || item.compositionComplete === true || item.magnetType === 'ferrite');
}

/** The product's own facts: a finished product holding every rare earth its lines hold, with its Chinese share. */
function productVerdict(share: ContentShare, items: readonly (ItemFacts | undefined)[], madeIn: string | undefined, decide: (f: Facts) => Decision, valueKnown: boolean, bom: Bom): ProductResult {
  const rareEarthLines = items.filter((it) => rareEarthClass(it) !== 'none');
  const present = [...new Set(rareEarthLines.flatMap((it) => it?.elementsPresent ?? []))] as Element[];
  // The product's composition is whole only when every line's is known: a line Lodestone could not read (no
  // material, or one it does not know) might hold Dy or Tb, so the rules must not be told it does not.
  const unread = items.flatMap((it, i) => (rareEarthClass(it) === 'maybe_part_one' || !compositionRead(it) ? [bom.lines[i]?.row ?? 0] : []));
  const anyUnknown = unread.length > 0;
  const magnetType = rareEarthLines.some((it) => it?.magnetType === 'smco') ? 'smco' as const : rareEarthLines.some((it) => it?.magnetType === 'ndfeb') ? 'ndfeb' as const : undefined;
  // A share under the line that rests on an estimate is not given to the rules: unknown, so they ask or escalate.
  const percent = !valueKnown || share.sharePercent === undefined ? undefined
    : share.status !== 'undetermined' || share.sharePercent >= DE_MINIMIS_PERCENT ? share.sharePercent : undefined;
  const item: ItemFacts = {
    form: 'finished_product',
    downstream: 'device',
    ...(present.length ? { elementsPresent: present } : {}),
    // Every rare-earth line's composition known (or none at all): the list of elements is the whole of it.
    ...(!anyUnknown ? { compositionComplete: true } : {}),
    ...(magnetType ? { magnetType } : {}),
    ...(madeIn ? { chinaOrigin: madeIn === 'CN' } : {}),
    ...(percent !== undefined ? { chineseContentPercent: Math.min(100, percent) } : {}),
  };
  const facts: Facts = { item, ...(madeIn ? { madeIn, shipFrom: madeIn } : {}) };
  const d = decide(facts);
  const notes = [...share.reasons, ...(share.productValueNote ? [`Product value: ${share.productValueNote}.`] : [])];
  if (anyUnknown) notes.push(`${unread.length} lines have a composition Lodestone could not read or that may hold Dy or Tb (rows ${unread.slice(0, 12).join(', ')}${unread.length > 12 ? ', …' : ''}): give their material to settle the product's rare-earth content.`);
  if (!madeIn) notes.push('Where the product is made is not given (a made-in on the top line, or --made-in): the product verdict cannot use it.');
  return {
    ...(madeIn ? { madeIn } : {}), ...(share.currency ? { currency: share.currency } : {}),
    ...(share.productValue !== undefined ? { productValue: share.productValue } : {}), productValueSource: share.productValueSource,
    chineseContentValue: share.chineseContentValue, ...(share.sharePercent !== undefined ? { sharePercent: share.sharePercent } : {}),
    thresholdPercent: DE_MINIMIS_PERCENT, shareStatus: share.status,
    estimatedLines: share.lines.filter((c) => c.counted && c.estimated).map((c) => ({ row: bom.lines[c.index]?.row ?? 0, note: c.note })),
    notes, verdict: toView(d, 'product'), facts,
  };
}
