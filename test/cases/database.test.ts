import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { checkIntegrity, defaultDbPath, openCaseDatabase, openReadOnlyDatabase } from '../../src/cases/database.js';
import { DatabaseError } from '../../src/cases/database-error.js';
import { MIGRATIONS, SCHEMA_VERSION, userVersion } from '../../src/cases/migrations.js';

const dir = mkdtempSync(join(tmpdir(), 'lodestone-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('case database', () => {
  it('creates the schema through numbered migrations recorded in user_version, in WAL mode', () => {
    const file = join(dir, 'nested', 'fresh.db');
    const db = openCaseDatabase(file);
    expect(userVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual(
      expect.arrayContaining(['audit_log', 'case_cards', 'case_events', 'cases', 'outbox', 'outbox_deliveries']),
    );
    db.close();
  });

  it('creates every table the channels and the delivery claim use, so none of them creates its own', () => {
    const db = openCaseDatabase(':memory:');
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all().map((t) => (t as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining([
      'deliveries', 'slack_turns', 'slack_feedback', 'web_turns', 'web_inbox', 'web_alerts', 'web_keys',
      'teams_settings', 'teams_deferred_cards',
    ]));
    db.close();
  });

  it('migrates a field database whose channels had already created their tables, keeping their rows', () => {
    const file = join(dir, 'field.db');
    const raw = new Database(file);
    for (const step of MIGRATIONS.slice(0, 2)) raw.exec(step);
    raw.exec(`CREATE TABLE web_keys (name TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE deliveries (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);`);
    raw.prepare(`INSERT INTO web_keys VALUES ('session', 'k1')`).run();
    raw.prepare(`INSERT INTO deliveries VALUES ('slack:event:Ev1', 99)`).run();
    raw.pragma('user_version = 2');
    raw.close();
    const db = openCaseDatabase(file);
    expect(userVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT value FROM web_keys').all()).toEqual([{ value: 'k1' }]);
    expect(db.prepare('SELECT key FROM deliveries').all()).toEqual([{ key: 'slack:event:Ev1' }]);
    db.close();
  });

  it('keeps every CREATE TABLE, INDEX and TRIGGER in src/ inside the numbered migrations', () => {
    const creators = readdirSync('src', { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /\bCREATE\s+(UNIQUE\s+)?(TABLE|INDEX|TRIGGER|VIEW)\b/i.test(readFileSync(join('src', f), 'utf8')));
    // The SQLite steps and the same steps in PostgreSQL's dialect (pg-database.test.ts compares the two schemas).
    expect(creators.sort()).toEqual([join('cases', 'migrations.ts'), join('cases', 'postgres', 'pg-migrations.ts')]);
  });

  it('reopens an up-to-date database without migrating again, keeping its data', () => {
    const file = join(dir, 'reopen.db');
    const first = openCaseDatabase(file);
    first.prepare(`INSERT INTO outbox (key, kind, payload, next_at, created_at) VALUES ('k', 'alert', '{}', 0, 'now')`).run();
    first.close();
    const again = openCaseDatabase(file);
    expect(userVersion(again)).toBe(SCHEMA_VERSION);
    expect(again.prepare('SELECT key FROM outbox').all()).toEqual([{ key: 'k' }]);
    again.close();
  });

  it('refuses a database written by a newer build', () => {
    const file = join(dir, 'newer.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openCaseDatabase(file)).toThrow(/newer than this build understands/);
  });

  it('puts the database in DATA_DIR, defaulting to ./data', () => {
    expect(defaultDbPath({})).toBe(join('data', 'lodestone.db'));
    expect(defaultDbPath({ DATA_DIR: '/var/lib/lodestone' })).toBe('/var/lib/lodestone/lodestone.db');
  });
});

/** A database with enough rows to span many pages, then three of its pages overwritten, as the probe did. */
function corruptDatabase(name: string): string {
  const file = join(dir, name);
  const db = openCaseDatabase(file);
  const insert = db.prepare(`INSERT INTO outbox (key, kind, payload, next_at, created_at) VALUES (?, 'alert', ?, 0, 'now')`);
  db.transaction(() => {
    for (let i = 0; i < 500; i++) insert.run(`k${i}`, JSON.stringify({ text: 'x'.repeat(200) }));
  })();
  db.close();
  const fd = openSync(file, 'r+');
  for (const page of [3, 7, 11]) writeSync(fd, Buffer.alloc(4096, 0x41), 0, 4096, page * 4096);
  closeSync(fd);
  return file;
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('damaged and read-only database files', () => {
  it('refuses a file whose pages were overwritten, with a one-line DatabaseError naming it', () => {
    const file = corruptDatabase('corrupt.db');
    const err = caught(() => openCaseDatabase(file));
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err).toMatchObject({ code: 'corrupt', file });
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).not.toContain('\n');
  });

  it('refuses a file that is not a database at all', () => {
    const file = join(dir, 'not-a-db.db');
    writeFileSync(file, 'this is not SQLite '.repeat(400));
    expect(caught(() => openCaseDatabase(file))).toMatchObject({ code: 'corrupt', file });
  });

  it('finds the damage with integrity_check on a read-only handle', () => {
    const db = openReadOnlyDatabase(corruptDatabase('corrupt-ro.db'));
    expect(checkIntegrity(db, 'full')).toBeDefined();
    db.close();
    const sound = openCaseDatabase(join(dir, 'sound.db'));
    expect(checkIntegrity(sound, 'full')).toBeUndefined();
    expect(checkIntegrity(sound, 'quick')).toBeUndefined();
    sound.close();
  });

  it('opens for verifying read-only: no write goes through', () => {
    const file = join(dir, 'for-audit.db');
    openCaseDatabase(file).close();
    const db = openReadOnlyDatabase(file);
    expect(db.readonly).toBe(true);
    expect(() => db.prepare(`INSERT INTO outbox (key, kind, payload, next_at, created_at) VALUES ('k', 'alert', '{}', 0, 'now')`).run())
      .toThrow(/readonly/);
    db.close();
    expect(caught(() => openReadOnlyDatabase(join(dir, 'absent.db')))).toMatchObject({ code: 'missing' });
  });
});
