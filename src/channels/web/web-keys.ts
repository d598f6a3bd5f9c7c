/**
 * The secret the web channel signs CSRF tokens and login cookies with. Kept in the database, so a restart does
 * not log everyone out or invalidate the forms on open pages.
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';

export function webSecret(db: Database.Database, name = 'session'): Buffer {
  const insert = db.prepare('INSERT OR IGNORE INTO web_keys (name, value) VALUES (?, ?)');
  insert.run(name, randomBytes(32).toString('base64url'));
  const row = z.object({ value: z.string().min(32) }).parse(db.prepare('SELECT value FROM web_keys WHERE name = ?').get(name));
  return Buffer.from(row.value, 'base64url');
}
