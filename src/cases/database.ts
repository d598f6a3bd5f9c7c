/** Opens the SQLite file cases, the outbox and the audit log live in, and brings its schema up to date. */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

/** `$DATA_DIR/lodestone.db`, with DATA_DIR defaulting to `./data`. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DATA_DIR || './data', 'lodestone.db');
}

export interface OpenDatabaseOptions {
  /**
   * FULL (default) makes every commit survive a power cut, which an audit log of compliance decisions needs.
   * NORMAL is faster and still survives a process crash under WAL.
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

export function openCaseDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    // Another process (a dispatcher, the CLI) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
