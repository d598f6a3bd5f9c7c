/**
 * Each rule's life from 2023-12 to 2027-01 as one SVG: bars where it is in force, hatched where suspended, dotted
 * where its status is unknown, and a line on the as-of day. The status between two boundaries comes from
 * ruleStatus itself, so the picture cannot disagree with the engine. Colours are backed by patterns and by the
 * table beside it, so nothing depends on colour alone.
 */
import { ruleBoundaries, ruleStatus, type RuleStatus } from '../../rules/rule-status.js';
import type { Rule } from '../../rules/schema.js';
import { html, type SafeHtml } from './html.js';
import { RULE_STATUS_LABELS } from './labels.js';

export const TIMELINE_START = '2023-12-01';
export const TIMELINE_END = '2027-01-01';

const WIDTH = 1000;
const LABEL_W = 230;
const BAR_W = WIDTH - LABEL_W - 10;
const ROW_H = 24;
const TOP = 34;

export interface Segment {
  readonly from: string;
  readonly until: string;
  readonly status: RuleStatus['kind'];
}

/** The rule's status on each stretch between its boundaries, clipped to the timeline. */
export function ruleSegments(rule: Rule, start = TIMELINE_START, end = TIMELINE_END): Segment[] {
  const edges = [start, ...ruleBoundaries(rule).filter((d) => d > start && d < end), end];
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i];
    const until = edges[i + 1];
    if (from === undefined || until === undefined || from === until) continue;
    const status = ruleStatus(rule, from).kind;
    const last = segments.at(-1);
    if (last && last.status === status) segments[segments.length - 1] = { ...last, until };
    else segments.push({ from, until, status });
  }
  return segments;
}

function x(day: string): number {
  const s = Date.parse(`${TIMELINE_START}T00:00:00Z`);
  const e = Date.parse(`${TIMELINE_END}T00:00:00Z`);
  const t = Math.min(Math.max(Date.parse(`${day}T00:00:00Z`), s), e);
  return Math.round((LABEL_W + ((t - s) / (e - s)) * BAR_W) * 10) / 10;
}

const FILL: Record<RuleStatus['kind'], string | undefined> = {
  in_force: '#1d4ed8',
  suspended: 'url(#hatch-suspended)',
  status_unknown: 'url(#dots-unknown)',
  not_yet: undefined,
  ended: undefined,
};

export function renderTimeline(rules: readonly Rule[], asOf: string): SafeHtml {
  const height = TOP + rules.length * ROW_H + 8;
  const years = ['2024-01-01', '2025-01-01', '2026-01-01', '2027-01-01'];
  const inRange = asOf >= TIMELINE_START && asOf <= TIMELINE_END;
  return html`<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="timeline-title timeline-desc" xmlns="http://www.w3.org/2000/svg">
  <title id="timeline-title">Rules timeline, December 2023 to January 2027</title>
  <desc id="timeline-desc">Solid bars: in force. Hatched: suspended. Dotted: status unknown. The red line marks ${asOf}. The table below gives the same dates in words.</desc>
  <defs>
    <pattern id="hatch-suspended" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#fde68a"/><rect width="3" height="6" fill="#92400e"/>
    </pattern>
    <pattern id="dots-unknown" width="6" height="6" patternUnits="userSpaceOnUse">
      <rect width="6" height="6" fill="#ede9fe"/><circle cx="3" cy="3" r="1.6" fill="#5b21b6"/>
    </pattern>
  </defs>
  ${years.map((y) => html`<line x1="${x(y)}" x2="${x(y)}" y1="${TOP - 6}" y2="${height}" stroke="#9ca3af" stroke-width="1"/>
  <text x="${x(y) - 2}" y="${TOP - 12}" font-size="12" text-anchor="end" fill="#374151">${y.slice(0, 4)}</text>`)}
  ${rules.map((rule, i) => {
    const y = TOP + i * ROW_H;
    return html`<g class="timeline-row">
    <text x="0" y="${y + 16}" font-size="12" fill="#111827">${rule.id.length > 34 ? `${rule.id.slice(0, 33)}…` : rule.id}</text>
    <line x1="${LABEL_W}" x2="${LABEL_W + BAR_W}" y1="${y + 12}" y2="${y + 12}" stroke="#d1d5db" stroke-width="1"/>
    ${ruleSegments(rule).map((s) => {
      const fill = FILL[s.status];
      return fill === undefined ? '' : html`<rect x="${x(s.from)}" y="${y + 4}" width="${Math.max(1, x(s.until) - x(s.from))}" height="16" fill="${fill}" stroke="#111827" stroke-width="0.5"><title>${rule.id}: ${RULE_STATUS_LABELS[s.status]} from ${s.from} to ${s.until}</title></rect>`;
    })}
  </g>`;
  })}
  ${inRange && html`<line x1="${x(asOf)}" x2="${x(asOf)}" y1="${TOP - 8}" y2="${height}" stroke="#b91c1c" stroke-width="2" stroke-dasharray="4 2"/>
  <text x="${x(asOf) + 4}" y="${TOP - 24}" font-size="12" fill="#b91c1c">${asOf}</text>`}
</svg>`;
}
