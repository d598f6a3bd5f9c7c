/**
 * "I read this as …": one line built from the facts the rules decided on (which carry the frame's reading), and
 * the one-tap corrections for the facts that decided the verdict. A correction is a patch of facts; sending its
 * label back in the same conversation applies the patch and decides again (src/assistant/assistant.ts).
 */
import { countryName, ELEMENT_NAMES } from './wording.js';
import type { Facts } from '../rules/facts.js';
import type { Decision } from '../rules/decision.js';
import type { Correction } from '../contracts/reply.js';

const HEAVY = ['Dy', 'Tb'] as const;

function country(code: string | undefined): string | undefined {
  return code ? countryName(code) : undefined;
}

/** The facts, in words: item, composition, built in or loose, route, end use, technology. */
export function readAsText(facts: Facts, assumedOrigin = false): string {
  const parts: string[] = [];
  const item = facts.item;
  if (item) {
    const elements = (item.elementsPresent ?? []).map((e) => ELEMENT_NAMES[e] ?? e);
    const what = [item.magnetType === 'ndfeb' ? 'NdFeB' : item.magnetType === 'smco' ? 'SmCo' : item.magnetType === 'ferrite' ? 'ferrite' : '', item.form ? item.form.replace('_', ' ') : 'goods'].filter(Boolean).join(' ');
    parts.push(what);
    if (elements.length) parts.push(`containing ${elements.join(', ')}`);
    const absent = item.elementsAbsent ?? [];
    if (absent.length) parts.push(`without ${absent.map((e) => ELEMENT_NAMES[e] ?? e).join(' or ')}`);
    else if (item.compositionComplete) parts.push('nothing else');
    if (item.heavyRareEarthLikely) parts.push('a grade normally made with Dy or Tb');
    if (item.heavyRareEarthPercent !== undefined) parts.push(`Dy/Tb content ${item.heavyRareEarthPercent} %`);
    if (item.downstream) parts.push(`built into a product (${item.downstream.replace(/_/g, ' ')})`);
    else if (item.form === 'magnet' || item.form === 'magnet_powder') parts.push('loose, not built into a product');
    if (item.chinaOrigin === true) parts.push('of Chinese origin');
    if (item.chineseContentPercent !== undefined) parts.push(`Chinese content ${item.chineseContentPercent} % of value`);
    if (item.chineseMadeParts) parts.push('holding parts made in China');
    if (item.madeWithChineseTechnology) parts.push('made with Chinese technology');
  }
  const c = facts.collaboration;
  if (c) {
    const kind = c.kind ? c.kind.replace(/_/g, ' ') : 'cooperation';
    const area = c.area ? ` on ${c.area.replace(/_/g, ' ')} technology` : '';
    const who = c.chineseProvider === true ? ', provided by a Chinese party' : c.chineseProvider === false ? ', not provided by a Chinese party' : '';
    parts.push(`${kind}${area}${who}`);
  }
  const made = country(facts.madeIn);
  const from = country(facts.shipFrom);
  const to = country(facts.destination);
  if (made && made !== from) parts.push(`made in ${made}`);
  if (from) parts.push(`from ${from}${assumedOrigin ? ' (assumed: not said)' : ''}`);
  else if (facts.heldAbroad) parts.push('already outside China (in stock abroad)');
  // Said because it decides whether a Chinese end-user commitment can have come with the goods (Regs art. 24).
  if (facts.acquiredYear !== undefined) parts.push(`bought in ${facts.acquiredYear}`);
  else if (facts.acquiredBeforeControls) parts.push('bought before the controls');
  if (to) parts.push(`to ${to}`);
  const via = country(facts.transitVia);
  if (via) parts.push(`in transit through ${via}`);
  const user = facts.endUser?.kind;
  if (user && user !== 'civil') parts.push(`for a ${user.replace('_', '-')} end user`);
  const uses = (facts.endUses ?? []).filter((u) => u !== 'civil');
  if (uses.length) parts.push(`end use: ${uses.map((u) => u.replace(/_/g, ' ')).join(', ')}`);
  // Said because it alone can make unlisted goods need a licence (the catch-all).
  if (facts.mofcomNotice) parts.push('MOFCOM has told the exporter a licence is needed');
  return parts.length ? `I read this as: ${parts.join(', ')}.` : 'I could not tell what is being exported or provided.';
}

function withItem(facts: Facts, item: NonNullable<Facts['item']>): Partial<Facts> {
  return { item: { ...facts.item, ...item } };
}

/** Corrections for the facts the decision turned on: only those a rule actually tested. */
export function corrections(facts: Facts, decision: Decision): Correction[] {
  const tested = new Set(decision.fired.flatMap((r) => r.checks.map((c) => c.fact)));
  const out: Correction[] = [];
  const item = facts.item;
  if (item && tested.has('item.elements')) {
    const hasHeavy = (item.elementsPresent ?? []).some((e) => (HEAVY as readonly string[]).includes(e));
    if (hasHeavy || item.heavyRareEarthLikely) {
      out.push({ id: 'no-dy-tb', label: 'It contains no Dy or Tb', patch: withItem(facts, { elementsPresent: (item.elementsPresent ?? []).filter((e) => !(HEAVY as readonly string[]).includes(e)), elementsAbsent: ['Dy', 'Tb'], heavyRareEarthLikely: false, heavyRareEarthPercent: undefined, traceImpurityOnly: undefined }) });
    } else if ((item.form === 'magnet' || item.form === 'magnet_powder' || item.magnetType === 'ndfeb') && (item.elementsAbsent ?? []).some((e) => (HEAVY as readonly string[]).includes(e))) {
      out.push({ id: 'has-dy', label: 'It contains dysprosium', patch: withItem(facts, { elementsPresent: [...(item.elementsPresent ?? []), 'Dy'], elementsAbsent: (item.elementsAbsent ?? []).filter((e) => e !== 'Dy') }) });
    }
  }
  if (item && (tested.has('item.downstream') || tested.has('item.form'))) {
    if (item.downstream) out.push({ id: 'loose', label: 'The magnets ship loose', patch: withItem(facts, { form: 'magnet', downstream: undefined }) });
    // (an undefined field in a patch removes that fact: see applyCorrection)
    else if (item.form === 'magnet') out.push({ id: 'built-in', label: 'They are built into a product', patch: withItem(facts, { form: 'component', downstream: 'other_assembly' }) });
  }
  // Corrections change what was read; a fact nobody stated is asked for by the follow-up question instead.
  if (tested.has('fromChina') && facts.shipFrom === undefined && facts.heldAbroad === true) {
    out.push({ id: 'from-china', label: 'It ships from China', patch: { shipFrom: 'CN', heldAbroad: false } });
  }
  if (tested.has('fromChina') && facts.shipFrom !== undefined) {
    if (facts.shipFrom === 'CN') out.push({ id: 'not-from-china', label: 'It ships from outside China', patch: { shipFrom: 'ZZ' } });
    else out.push({ id: 'from-china', label: 'It ships from China', patch: { shipFrom: 'CN' } });
  }
  if (facts.collaboration?.chineseProvider !== undefined && tested.has('collaboration.chineseProvider')) {
    const p = facts.collaboration.chineseProvider;
    out.push(p
      ? { id: 'provider-foreign', label: 'A non-Chinese party provides it', patch: { collaboration: { ...facts.collaboration, chineseProvider: false } } }
      : { id: 'provider-chinese', label: 'A Chinese party provides it', patch: { collaboration: { ...facts.collaboration, chineseProvider: true } } });
  }
  return out.slice(0, 3);
}

/** Applies a correction's patch to the conversation's facts: fields set replace, fields set to undefined go. */
export function applyCorrection(facts: Facts, patch: Partial<Facts>): Facts {
  const out: Record<string, unknown> = { ...facts };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else if (k === 'item' && typeof v === 'object') {
      const item: Record<string, unknown> = { ...(facts.item ?? {}) };
      for (const [ik, iv] of Object.entries(v as Record<string, unknown>)) {
        if (iv === undefined) delete item[ik];
        else item[ik] = iv;
      }
      out.item = item;
    } else out[k] = v;
  }
  return out as Facts;
}
