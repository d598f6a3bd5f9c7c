/** Opens the SQLite file cases, the outbox and the audit log live in, and brings its schema up to date. */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseError } from './database-error.js';
import { migrate, SCHEMA_VERSION, userVersion } from './migrations.js';

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

/** SQLite's codes for a file that is damaged or not a database at all. */
const DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

function sqliteCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
}

/** What PRAGMA quick_check or integrity_check found: undefined when the file is sound. */
export function checkIntegrity(db: Database.Database, depth: 'quick' | 'full'): string | undefined {
  let rows: unknown;
  try {
    rows = db.pragma(depth === 'quick' ? 'quick_check' : 'integrity_check', { simple: false });
  } catch (err) {
    // Damage in the schema pages stops the check itself.
    if (DAMAGED.has(sqliteCode(err))) return (err as Error).message;
    throw err;
  }
  const found = Array.isArray(rows) ? rows.map((r: unknown) => (typeof r === 'object' && r !== null ? Object.values(r)[0] : r)) : [];
  if (found.length === 1 && found[0] === 'ok') return undefined;
  return found.map(String).join('; ').slice(0, 500) || 'no answer';
}

function damaged(file: string, what: string): DatabaseError {
  return new DatabaseError('corrupt', file, `database ${file} is corrupt (${what}); restore it from a backup`);
}

/**
 * Opens (creating if need be) the database the server writes. A damaged file is refused before anything is read or
 * written: `quick_check` first (it reads every page, so it is not free on a large file, but a server that keeps
 * opening cases on a broken file is worse), then the schema is brought up to date.
 */
export function openCaseDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw new DatabaseError('cannot_open', file, `cannot open database ${file}: ${(err as Error).message}`);
  }
  try {
    const problem = checkIntegrity(db, 'quick');
    if (problem) throw damaged(file, problem);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    // Another process (a dispatcher, the CLI) may hold the write lock for a moment.
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    if (DAMAGED.has(sqliteCode(err))) throw damaged(file, (err as Error).message);
    throw err;
  }
}

/** Codes SQLite gives when it would need to write (the -shm file of a WAL database) to open a file for reading. */
const NEEDS_WRITE = new Set(['SQLITE_READONLY_DIRECTORY', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_READONLY_CANTINIT', 'SQLITE_READONLY_RECOVERY']);

/**
 * Opens a database for reading only, as `audit verify` and `audit export` do: an auditor's archive may be read-only.
 *
 * SQLite reads a WAL database read-only where it can create the `-shm` file beside it (a live server's folder). In a
 * read-only folder it cannot, and this build has no URI filenames for `immutable=1`, so when there is no write-ahead
 * log to read the file is read into memory and opened from there (marked as a rollback-journal file, which is all
 * that differs: bytes 18 and 19 of the header). A non-empty `-wal` beside it would be silently ignored that way, so
 * that is refused with what to do instead.
 */
export function openReadOnlyDatabase(file: string): Database.Database {
  if (!existsSync(file)) throw new DatabaseError('missing', file, `no database at ${file}`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('schema_version');
  } catch (err) {
    if (DAMAGED.has(sqliteCode(err))) throw damaged(file, (err as Error).message);
    if (!NEEDS_WRITE.has(sqliteCode(err))) throw new DatabaseError('cannot_open', file, `cannot open database ${file}: ${(err as Error).message}`);
    const wal = `${file}-wal`;
    if (existsSync(wal) && statSync(wal).size > 0) {
      throw new DatabaseError('unreadable_wal', file,
        `cannot read ${wal} without write access to its folder; verify a copy in a writable folder, or copy the database after the server has stopped (it then leaves no -wal)`);
    }
    const bytes = readFileSync(file);
    if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes.fill(1, 18, 20);
    try {
      db = new Database(bytes, { readonly: true });
      db.pragma('schema_version');
    } catch (e) {
      if (DAMAGED.has(sqliteCode(e))) throw damaged(file, (e as Error).message);
      throw new DatabaseError('cannot_open', file, `cannot open database ${file}: ${(e as Error).message}`);
    }
  }
  const version = userVersion(db);
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new DatabaseError('cannot_open', file, `database ${file} has schema version ${version}, newer than this build understands (${SCHEMA_VERSION})`);
  }
  return db;
}
