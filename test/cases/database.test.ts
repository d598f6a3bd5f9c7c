import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDbPath, openCaseDatabase } from '../../src/cases/database.js';
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
