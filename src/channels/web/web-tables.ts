/**
 * The web channel's own tables in the app database: the chat transcript per conversation, the inbox officers'
 * decisions arrive in, the alerts shown in the console, and the key sessions are signed with. Prefixed `web_` and
 * created idempotently, so they never touch the cases module's numbered migrations.
 */
import type Database from 'better-sqlite3';

export function ensureWebTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS web_turns (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      conversation TEXT NOT NULL,
      at TEXT NOT NULL,
      text TEXT NOT NULL,
      reply TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS web_turns_conversation ON web_turns (conversation, id);
    CREATE TABLE IF NOT EXISTS web_inbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      conversation TEXT NOT NULL,
      key TEXT NOT NULL UNIQUE,
      at TEXT NOT NULL,
      notice TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS web_inbox_conversation ON web_inbox (conversation, id);
    CREATE TABLE IF NOT EXISTS web_alerts (
      key TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      text TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS web_keys (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `);
}
