/** The dashboard's numbers: the pure shaping of counts, and the SQL that counts them in a seeded case database. */
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseService } from '../../src/cases/case-service.js';
import { readDashboard } from '../../src/cases/dashboard-queries.js';
import { dashboardSince, DashboardSchema, shapeDashboard, type DashboardRows } from '../../src/cases/dashboard.js';
import type { Facts } from '../../src/rules/facts.js';
import { escalation, magnetFacts, message, officer, replyTo, reply, service, T0 } from './fixtures.js';

const NOW = new Date('2026-03-31T15:00:00Z');
const DAY = 86_400_000;

function series(d: ReturnType<typeof shapeDashboard>, verdict: string): number[] {
  return d.answersByVerdict.find((s) => s.verdict === verdict)?.counts ?? [];
}

describe('shapeDashboard', () => {
  const empty: DashboardRows = { answers: [], openCases: [], items: [] };

  it('has every day of the window, oldest first, ending today (UTC), and every verdict in strictness order', () => {
    const d = shapeDashboard(empty, NOW);
    expect(d.days).toHaveLength(30);
    expect(d.days[0]).toBe('2026-03-02');
    expect(d.days.at(-1)).toBe('2026-03-31');
    expect(d.answersByVerdict.map((s) => s.verdict)).toEqual(['prohibited', 'escalate', 'license_required', 'need_info', 'not_required', 'none']);
    expect(d.answersByVerdict.every((s) => s.counts.length === 30 && s.counts.every((n) => n === 0))).toBe(true);
    expect(dashboardSince(NOW).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(DashboardSchema.parse(d)).toEqual(d);
  });

  it('puts each count on its day and verdict, and leaves out days outside the window and verdicts it does not know', () => {
    const d = shapeDashboard({
      answers: [
        { day: '2026-03-31', verdict: 'license_required', n: 3 },
        { day: '2026-03-31', verdict: 'prohibited', n: 1 },
        { day: '2026-03-02', verdict: 'need_info', n: 2 },
        { day: '2026-03-01', verdict: 'need_info', n: 9 },
        { day: '2026-03-30', verdict: 'maybe', n: 5 },
      ],
      openCases: [], items: [],
    }, NOW);
    expect(series(d, 'license_required').at(-1)).toBe(3);
    expect(series(d, 'prohibited').at(-1)).toBe(1);
    expect(series(d, 'need_info')[0]).toBe(2);
    expect(d.answersTotal).toBe(6);
  });

  it('buckets unresolved cases by whole days since opened, waiting apart from claimed', () => {
    const d = shapeDashboard({
      answers: [], items: [],
      openCases: [
        { state: 'open', ageDays: 0, n: 2 }, { state: 'claimed', ageDays: 0, n: 1 }, { state: 'reopened', ageDays: 2, n: 1 },
        { state: 'open', ageDays: 3, n: 1 }, { state: 'open', ageDays: 6, n: 1 }, { state: 'claimed', ageDays: 7, n: 4 },
        { state: 'open', ageDays: 40, n: 1 },
      ],
    }, NOW);
    expect(d.openCasesByAge.map((b) => [b.label, b.waiting, b.claimed])).toEqual([
      ['Under a day', 2, 1], ['1–2 days', 1, 0], ['3–6 days', 2, 0], ['1–2 weeks', 0, 4], ['2 weeks or more', 1, 0],
    ]);
    expect(d.openCasesTotal).toBe(11);
  });

  it('keeps the ten most asked items, most first, ties by name', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ item: `item ${String.fromCharCode(97 + i)}`, n: i % 3 }));
    const d = shapeDashboard({ answers: [], openCases: [], items }, NOW);
    expect(d.topItems).toHaveLength(10);
    expect(d.topItems.slice(0, 4)).toEqual([
      { item: 'item c', count: 2 }, { item: 'item f', count: 2 }, { item: 'item i', count: 2 }, { item: 'item l', count: 2 },
    ]);
  });
});

describe('readDashboard on a seeded database', () => {
  let svc: CaseService;
  afterEach(() => svc.close());

  it('counts answers per day and verdict, unresolved cases by age and the asked items from the audit log and cases', () => {
    let clock;
    ({ svc, clock } = service());
    const oxide: Facts = { item: { form: 'oxide', elementsPresent: ['Tb'] } };
    // 2026-03-02 (T0): two magnet answers and one case; 20 days later two cases, one decided; on the last day three answers.
    svc.recordQuestion(message(), { ...reply(), facts: magnetFacts });
    svc.recordQuestion(message(), { ...reply(), verdict: 'need_info', facts: magnetFacts });
    const old = svc.openCase(escalation()).case;
    clock.advance(20 * DAY);
    const claimed = svc.openCase(escalation({ replyTo: replyTo('C02-thread') })).case;
    svc.claim(claimed.id, officer);
    const resolved = svc.openCase(escalation({ replyTo: replyTo('C03-thread') })).case;
    svc.decide(resolved.id, officer, { verdict: 'license_required', note: 'ok' });
    clock.set('2026-03-31T10:00:00Z');
    svc.recordQuestion(message(), { ...reply(), verdict: 'prohibited', facts: oxide });
    svc.recordQuestion(message(), { ...reply(), facts: oxide });
    svc.recordQuestion(message(), { ...reply(), verdict: 'none' });

    const d = readDashboard(svc.db, NOW);
    expect(DashboardSchema.parse(d)).toEqual(d);
    expect(d.days[0]).toBe(T0.slice(0, 10));
    expect(series(d, 'license_required')[0]).toBe(1);
    expect(series(d, 'need_info')[0]).toBe(1);
    expect(series(d, 'prohibited').at(-1)).toBe(1);
    expect(series(d, 'license_required').at(-1)).toBe(1);
    expect(series(d, 'none').at(-1)).toBe(1);
    expect(d.answersTotal).toBe(5);
    // The first case is 29 days old and waiting, the claimed one 9 days; the resolved one is not counted.
    expect(d.openCasesByAge.map((b) => [b.bucket, b.waiting, b.claimed])).toEqual([
      ['under_1d', 0, 0], ['1_3d', 0, 0], ['3_7d', 0, 0], ['7_14d', 0, 1], ['14d_plus', 1, 0],
    ]);
    expect(d.openCasesTotal).toBe(2);
    expect(svc.get(old.id)?.state).toBe('open');
    expect(d.topItems).toEqual([{ item: 'NdFeB magnet (Dy)', count: 2 }, { item: 'oxide (Tb)', count: 2 }]);

    // A day later the first day has left the window.
    const next = readDashboard(svc.db, new Date(NOW.getTime() + DAY));
    expect(next.answersTotal).toBe(3);
    expect(next.topItems).toEqual([{ item: 'oxide (Tb)', count: 2 }]);
  });
});
