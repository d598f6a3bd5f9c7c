/**
 * A screening in a few sentences, for the chat channels (Slack, Teams, the web's heading): the product's verdict and
 * rare-earth share, how many lines got which verdict in each view, and the lines a compliance officer must decide.
 * Pure; channels only lay these strings out.
 */
import type { ReplyVerdict } from '../rules/verdict.js';
import type { Screening, ScreenedLine } from './screen-bom.js';

export const SCREENING_VERDICT_WORDS: Readonly<Record<ReplyVerdict, string>> = {
  license_required: 'licence required',
  prohibited: 'prohibited',
  not_required: 'no licence required',
  escalate: 'compliance review',
  need_info: 'more information needed',
  none: 'not exported from China',
};

/** The order verdicts are listed in: the ones that need action first. */
const ORDER: readonly ReplyVerdict[] = ['prohibited', 'escalate', 'license_required', 'need_info', 'not_required', 'none'];

export interface ScreeningSummary {
  readonly headline: string;
  /** The product's share of Chinese-origin rare-earth content against the de minimis line. */
  readonly share: string;
  readonly partCounts: string;
  readonly productCounts: string;
  /** Lines whose part or product view escalates: what an officer must decide. */
  readonly needDecision: readonly ScreenedLine[];
  readonly notes: readonly string[];
}

/** Lines that escalate in either view: the ones offered to compliance as one case. */
export function linesNeedingDecision(s: Screening): ScreenedLine[] {
  return s.lines.filter((l) => l.partExport.verdict === 'escalate' || l.productExport.verdict === 'escalate');
}

function counts(s: Screening, view: 'part' | 'product'): string {
  return ORDER.flatMap((v) => {
    const n = s.counts[`${view}:${v}`] ?? 0;
    return n > 0 ? [`${n} ${SCREENING_VERDICT_WORDS[v]}`] : [];
  }).join(', ') || 'none';
}

export function describeLine(l: ScreenedLine): string {
  return `row ${l.row}${l.partNumber ? ` ${l.partNumber}` : ''}: ${l.description}`;
}

export function summariseScreening(s: Screening): ScreeningSummary {
  const p = s.product;
  const share = p.sharePercent === undefined
    ? `Chinese-origin rare-earth content share: not known (${p.shareStatus.replace(/_/g, ' ')} the ${p.thresholdPercent} % line)`
    : `Chinese-origin rare-earth content share: ${p.sharePercent.toFixed(4)} % (${p.shareStatus.replace(/_/g, ' ')} the ${p.thresholdPercent} % line)`;
  return {
    headline: `${s.file}: ${s.lines.length} lines screened as of ${s.asOf}. The product${p.madeIn ? ` (made in ${p.madeIn})` : ''}: ${SCREENING_VERDICT_WORDS[p.verdict.verdict]}.`,
    share,
    partCounts: `Parts exported from China: ${counts(s, 'part')}.`,
    productCounts: `In the product's export: ${counts(s, 'product')}.`,
    needDecision: linesNeedingDecision(s),
    notes: [...p.notes, ...p.verdict.reasons].slice(0, 6),
  };
}
