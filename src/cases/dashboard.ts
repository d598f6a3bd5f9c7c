/**
 * The console dashboard's numbers: questions per day by verdict, unresolved cases by age, the most asked items.
 * dashboard-queries.ts counts them in SQL; this shapes those counts into what the charts draw (every day of the
 * window present, verdicts in a fixed order, ages in buckets). Pure: the clock is passed in.
 */
import { z } from 'zod';
import { isoDay } from '../core/clock.js';
import { ReplyVerdictSchema } from '../rules/verdict.js';

export const DASHBOARD_DAYS = 30;
export const TOP_ITEMS = 10;

/** Stacked strictest first, so the answers that stop a shipment sit at the foot of each bar. */
export const DASHBOARD_VERDICTS = ReplyVerdictSchema.options;

/** Lower bound in whole days (inclusive) of each age bucket; the last one is open-ended. */
export const AGE_BUCKETS = [
  { key: 'under_1d', from: 0, label: 'Under a day' },
  { key: '1_3d', from: 1, label: '1–2 days' },
  { key: '3_7d', from: 3, label: '3–6 days' },
  { key: '7_14d', from: 7, label: '1–2 weeks' },
  { key: '14d_plus', from: 14, label: '2 weeks or more' },
] as const;

/** What SQL hands over, checked at the boundary (SQLite's types are loose). */
export const DashboardRowsSchema = z.object({
  answers: z.array(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), verdict: z.string(), n: z.number().int().nonnegative() })),
  openCases: z.array(z.object({ state: z.enum(['open', 'reopened', 'claimed']), ageDays: z.number().int(), n: z.number().int().nonnegative() })),
  items: z.array(z.object({ item: z.string(), n: z.number().int().nonnegative() })),
});
export type DashboardRows = z.infer<typeof DashboardRowsSchema>;

const CountSchema = z.number().int().nonnegative();

/** The JSON the dashboard endpoint serves. */
export const DashboardSchema = z.object({
  generatedAt: z.string(),
  days: z.array(z.string()),
  /** One series per verdict, one count per day in `days`. */
  answersByVerdict: z.array(z.object({ verdict: ReplyVerdictSchema, counts: z.array(CountSchema) })),
  answersTotal: CountSchema,
  /** Unresolved cases by how long since they were opened (or reopened): waiting for an officer, or claimed. */
  openCasesByAge: z.array(z.object({ bucket: z.string(), label: z.string(), waiting: CountSchema, claimed: CountSchema })),
  openCasesTotal: CountSchema,
  topItems: z.array(z.object({ item: z.string(), count: CountSchema })),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

/** The first instant of the window: midnight UTC `days - 1` days before today. */
export function dashboardSince(now: Date, days = DASHBOARD_DAYS): Date {
  return new Date(Date.parse(`${isoDay(now)}T00:00:00.000Z`) - (days - 1) * 86_400_000);
}

function windowDays(now: Date, days: number): string[] {
  const first = dashboardSince(now, days).getTime();
  return Array.from({ length: days }, (_, i) => isoDay(new Date(first + i * 86_400_000)));
}

function bucketOf(ageDays: number): (typeof AGE_BUCKETS)[number]['key'] {
  let key: (typeof AGE_BUCKETS)[number]['key'] = AGE_BUCKETS[0].key;
  for (const b of AGE_BUCKETS) if (ageDays >= b.from) key = b.key;
  return key;
}

export function shapeDashboard(rows: DashboardRows, now: Date, days = DASHBOARD_DAYS): Dashboard {
  const dayList = windowDays(now, days);
  const dayIndex = new Map(dayList.map((d, i) => [d, i]));
  const series = new Map(DASHBOARD_VERDICTS.map((v) => [v as string, new Array<number>(dayList.length).fill(0)]));
  let answersTotal = 0;
  for (const r of rows.answers) {
    const i = dayIndex.get(r.day);
    // A verdict this version does not know is left out rather than drawn as another.
    const counts = series.get(r.verdict);
    if (i === undefined || !counts) continue;
    counts[i] = (counts[i] ?? 0) + r.n;
    answersTotal += r.n;
  }
  const buckets = new Map(AGE_BUCKETS.map((b) => [b.key as string, { bucket: b.key, label: b.label, waiting: 0, claimed: 0 }]));
  let openCasesTotal = 0;
  for (const r of rows.openCases) {
    const b = buckets.get(bucketOf(Math.max(0, r.ageDays)));
    if (!b) continue;
    if (r.state === 'claimed') b.claimed += r.n;
    else b.waiting += r.n;
    openCasesTotal += r.n;
  }
  const topItems = [...rows.items]
    .sort((a, b) => b.n - a.n || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0))
    .slice(0, TOP_ITEMS)
    .map((r) => ({ item: r.item, count: r.n }));
  return {
    generatedAt: now.toISOString(),
    days: dayList,
    answersByVerdict: DASHBOARD_VERDICTS.map((verdict) => ({ verdict, counts: series.get(verdict) ?? [] })),
    answersTotal,
    openCasesByAge: [...buckets.values()],
    openCasesTotal,
    topItems,
  };
}
