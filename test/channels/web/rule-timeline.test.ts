import { describe, expect, test } from 'vitest';
import { ruleSegments, renderTimeline, TIMELINE_END, TIMELINE_START } from '../../../src/channels/web/rule-timeline.js';
import { ruleStatus } from '../../../src/rules/rule-status.js';
import { RuleSchema, type Rule } from '../../../src/rules/schema.js';

function rule(overrides: Record<string, unknown> = {}): Rule {
  return RuleSchema.parse({
    id: 'no57-items', title: 'Announcement 2025 No. 57', appliesTo: 'goods', sources: [{ id: 'CN-ANN-2025-57' }],
    when: { fact: 'fromChina', op: 'equal', value: true }, verdict: 'license_required',
    explanation: 'Listed items need a licence.', effectiveFrom: '2025-11-08', confirmed: true,
    suspensions: [{ from: '2025-11-07', until: '2026-11-10', source: { id: 'CN-ANN-2025-70' } }],
    ...overrides,
  });
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

describe('rule timeline', () => {
  test('each segment has the status ruleStatus gives on its first and last day', () => {
    for (const r of [rule(), rule({ suspensions: [] }), rule({ effectiveFrom: '2024-12-03', effectiveUntil: '2026-01-01' })]) {
      const segments = ruleSegments(r);
      expect(segments[0]?.from).toBe(TIMELINE_START);
      expect(segments.at(-1)?.until).toBe(TIMELINE_END);
      for (const s of segments) {
        expect(ruleStatus(r, s.from).kind, `${r.id} ${s.from}`).toBe(s.status);
        expect(ruleStatus(r, dayBefore(s.until)).kind, `${r.id} ${s.until}`).toBe(s.status);
      }
    }
  });

  test('a suspension that ends with nothing recorded after shows as suspended, then unknown', () => {
    expect(ruleSegments(rule()).map((s) => [s.status, s.from, s.until])).toEqual([
      ['not_yet', TIMELINE_START, '2025-11-07'],
      ['suspended', '2025-11-07', '2026-11-10'],
      ['status_unknown', '2026-11-10', TIMELINE_END],
    ]);
  });

  test('the SVG marks the as-of day and describes itself for screen readers', () => {
    const svg = renderTimeline([rule()], '2025-10-20').value;
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="timeline-title">');
    expect(svg).toContain('>2025-10-20</text>');
    expect(svg).toContain('no57-items: Suspended from 2025-11-07 to 2026-11-10');
    expect(renderTimeline([rule()], '2030-01-01').value).not.toContain('>2030-01-01</text>');
  });
});
