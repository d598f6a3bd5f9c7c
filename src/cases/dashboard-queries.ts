/**
 * The dashboard's counts, in SQL over the audit log and the cases, so a year of records is never read into memory:
 * answers per UTC day and verdict, unresolved cases per state and whole days since they were (re)opened, and
 * answers per asked item (the `item` of answer records, case-service.ts; older records have none and are not counted).
 */
import type Database from 'better-sqlite3';
import { dashboardSince, DashboardRowsSchema, shapeDashboard, TOP_ITEMS, type Dashboard } from './dashboard.js';

export function readDashboard(db: Database.Database, now: Date, days?: number): Dashboard {
  const since = dashboardSince(now, days).toISOString();
  const rows = DashboardRowsSchema.parse({
    answers: db.prepare(
      `SELECT substr(at, 1, 10) AS day, json_extract(payload, '$.verdict') AS verdict, COUNT(*) AS n
       FROM audit_log WHERE kind = 'answer' AND at >= ? AND json_extract(payload, '$.verdict') IS NOT NULL
       GROUP BY day, verdict`,
    ).all(since),
    openCases: db.prepare(
      `SELECT state, CAST(julianday(?) - julianday(open_since) AS INTEGER) AS ageDays, COUNT(*) AS n
       FROM cases WHERE state IN ('open', 'reopened', 'claimed') GROUP BY state, ageDays`,
    ).all(now.toISOString()),
    items: db.prepare(
      `SELECT json_extract(payload, '$.item') AS item, COUNT(*) AS n
       FROM audit_log WHERE kind = 'answer' AND at >= ? AND json_type(payload, '$.item') = 'text'
       GROUP BY item ORDER BY n DESC, item LIMIT ?`,
    ).all(since, TOP_ITEMS),
  });
  return shapeDashboard(rows, now, days);
}
