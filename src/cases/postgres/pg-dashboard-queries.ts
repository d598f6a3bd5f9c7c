/**
 * The console dashboard's counts on PostgreSQL: the same three queries as dashboard-queries.ts (SQLite), in
 * PostgreSQL's dialect, shaped by the same pure shapeDashboard, so both engines draw the same charts from the same
 * records (test/cases/dashboard-engines.test.ts). Payloads are TEXT holding JSON, as on SQLite, read with `::jsonb`;
 * timestamps are ISO text, compared byte-wise (COLLATE "C") as SQLite compares them.
 */
import type pg from 'pg';
import { dashboardSince, DashboardRowsSchema, shapeDashboard, TOP_ITEMS, type Dashboard } from '../dashboard.js';

export async function readPgDashboard(db: pg.Pool | pg.PoolClient, now: Date, days?: number): Promise<Dashboard> {
  const since = dashboardSince(now, days).toISOString();
  const [answers, openCases, items] = await Promise.all([
    db.query(
      `SELECT substr(at, 1, 10) AS day, payload::jsonb ->> 'verdict' AS verdict, COUNT(*)::int AS n
       FROM audit_log WHERE kind = 'answer' AND at COLLATE "C" >= $1 AND payload::jsonb ->> 'verdict' IS NOT NULL
       GROUP BY day, verdict`,
      [since],
    ),
    // Whole days since (re)opening, truncated toward zero as SQLite's CAST(... AS INTEGER) truncates.
    db.query(
      `SELECT state, trunc(extract(epoch FROM ($1::timestamptz - open_since::timestamptz)) / 86400)::int AS "ageDays", COUNT(*)::int AS n
       FROM cases WHERE state IN ('open', 'reopened', 'claimed') GROUP BY state, "ageDays"`,
      [now.toISOString()],
    ),
    db.query(
      `SELECT payload::jsonb ->> 'item' AS item, COUNT(*)::int AS n
       FROM audit_log WHERE kind = 'answer' AND at COLLATE "C" >= $1 AND jsonb_typeof(payload::jsonb -> 'item') = 'string'
       GROUP BY item ORDER BY n DESC, (payload::jsonb ->> 'item') COLLATE "C" LIMIT $2`,
      [since, TOP_ITEMS],
    ),
  ]);
  const rows = DashboardRowsSchema.parse({ answers: answers.rows, openCases: openCases.rows, items: items.rows });
  return shapeDashboard(rows, now, days);
}
