import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditAnchors, checkAnchors, defaultAnchorPath, readAnchors } from '../../src/cases/audit-anchor.js';
import { AuditLog, GENESIS_HASH, recordHash } from '../../src/cases/audit-log.js';
import { openCaseDatabase } from '../../src/cases/database.js';
import { AuditAnchorEnvSchema } from '../../src/config.js';
import { fixedClock } from '../../src/core/clock.js';

const dir = mkdtempSync(join(tmpdir(), 'lodestone-anchor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KEY = 'k'.repeat(32);
let n = 0;
let db: Database.Database;
let file: string;

beforeEach(() => {
  n++;
  db = openCaseDatabase(':memory:');
  file = join(dir, `anchors-${n}.jsonl`);
});
afterEach(() => db.close());

function anchored(options: { key?: string; every?: number } = {}): { log: AuditLog; anchors: AuditAnchors } {
  const anchors = new AuditAnchors({ file, clock: fixedClock('2026-03-02T09:00:00Z'), ...options });
  return { log: new AuditLog(db, { anchors }), anchors };
}

function add(log: AuditLog, count: number): void {
  for (let i = 0; i < count; i++) {
    log.append({ kind: 'question', actor: `web:u${i}`, at: new Date(Date.UTC(2026, 2, 2, 9, i)), payload: { i }, text: `question ${i}` });
  }
}

/** Lets the anchor scheduled after the commit run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function dropGuards(): void {
  db.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_only_redaction;');
}

/** What a careful forger does: rewrites a record and recomputes every hash after it, so the chain links up again. */
function rewriteFrom(log: AuditLog, seq: number, actor: string): void {
  let prev = GENESIS_HASH;
  for (const r of log.records()) {
    const fields = r.seq === seq ? { ...r, actor } : r;
    const hash = r.seq >= seq ? recordHash(prev, fields) : r.hash;
    if (r.seq >= seq) db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(fields.actor, prev, hash, r.seq);
    prev = hash;
  }
}

describe('writing anchors', () => {
  it('anchors the committed head after each transaction that appended, once per transaction', async () => {
    const { log } = anchored();
    db.transaction(() => add(log, 3))();
    expect(readAnchors(file).anchors).toEqual([]); // not before the commit's work is done
    await settle();
    add(log, 1);
    await settle();
    expect(readAnchors(file).anchors.map((a) => a.seq)).toEqual([3, 4]);
    expect(readAnchors(file).anchors[1]).toEqual({ seq: 4, hash: log.records()[3]?.hash, at: '2026-03-02T09:00:00.000Z' });
  });

  it('never anchors a head that was rolled back', async () => {
    const { log } = anchored();
    add(log, 2);
    await settle();
    expect(() => db.transaction(() => {
      add(log, 1);
      throw new Error('the turn failed');
    })()).toThrow('the turn failed');
    await settle();
    expect(readAnchors(file).anchors.map((a) => a.seq)).toEqual([2]);
    expect(checkAnchors(db, readAnchors(file), undefined)).toMatchObject({ ok: true });
  });

  it('with every = 5, anchors every fifth record, and at shutdown whatever is left', async () => {
    const { log, anchors } = anchored({ every: 5 });
    for (let i = 0; i < 12; i++) {
      add(log, 1);
      await settle();
    }
    expect(readAnchors(file).anchors.map((a) => a.seq)).toEqual([5, 10]);
    expect(anchors.anchor(db, 'shutdown')?.seq).toBe(12);
    expect(anchors.anchor(db, 'shutdown')).toBeUndefined();
  });

  it('signs each anchor with the key, and carries on from the file after a restart', async () => {
    const { log } = anchored({ key: KEY });
    add(log, 2);
    await settle();
    const again = new AuditAnchors({ file, key: KEY });
    expect(again.anchor(db, 'start')).toBeUndefined(); // the head is already anchored
    const [a] = readAnchors(file).anchors;
    expect(a?.mac).toMatch(/^[0-9a-f]{64}$/);
    expect(checkAnchors(db, readAnchors(file), KEY)).toEqual({ ok: true, check: { checked: 1, anchoredTo: 2, authenticated: true } });
  });

  it('reports a write that fails instead of throwing into the turn', async () => {
    const errors: unknown[] = [];
    const anchors = new AuditAnchors({ file: join(dir, 'no-such-dir-file', 'x'), onError: (e) => errors.push(e) });
    writeFileSync(join(dir, 'no-such-dir-file'), 'a file where the folder should be');
    add(new AuditLog(db, { anchors }), 1);
    await settle();
    expect(errors).toHaveLength(1);
  });

  it('puts the anchors beside the database by default', () => {
    expect(defaultAnchorPath('/var/lib/lodestone/lodestone.db')).toBe('/var/lib/lodestone/lodestone-audit-anchors.jsonl');
  });
});

describe('checking a chain against its anchors', () => {
  it('catches the newest records cut off, which the chain alone cannot', async () => {
    const { log } = anchored();
    add(log, 5);
    await settle();
    dropGuards();
    db.prepare('DELETE FROM audit_log WHERE seq >= 4').run();
    expect(log.verifyAudit()).toMatchObject({ ok: true, count: 3 });
    expect(checkAnchors(db, readAnchors(file), undefined)).toMatchObject({ ok: false, problem: { reason: 'truncated', seq: 5 } });
  });

  it('catches a record rewritten with every later hash recomputed', async () => {
    const { log } = anchored();
    add(log, 5);
    await settle();
    dropGuards();
    rewriteFrom(log, 2, 'web:FORGED');
    expect(log.verifyAudit()).toMatchObject({ ok: true, count: 5 });
    expect(checkAnchors(db, readAnchors(file), undefined)).toMatchObject({ ok: false, problem: { reason: 'anchor_mismatch', seq: 5 } });
  });

  it('with a key, refuses anchors the forger wrote to match the rewrite', async () => {
    const { log } = anchored({ key: KEY });
    add(log, 3);
    await settle();
    dropGuards();
    rewriteFrom(log, 1, 'web:FORGED');
    // The forger rewrites the anchor file too, with a MAC under a key of their own.
    writeFileSync(file, '');
    new AuditAnchors({ file, key: 'f'.repeat(32) }).anchor(db, 'start');
    expect(checkAnchors(db, readAnchors(file), undefined)).toMatchObject({ ok: true }); // without the key, nothing to tell
    expect(checkAnchors(db, readAnchors(file), KEY)).toMatchObject({ ok: false, problem: { reason: 'bad_anchor', seq: 3 } });
  });

  it('skips a torn last line (a crash mid-write) but not a damaged line before it', async () => {
    const { log } = anchored();
    add(log, 2);
    await settle();
    appendFileSync(file, '{"seq":3,"hash":"ab');
    expect(checkAnchors(db, readAnchors(file), undefined)).toMatchObject({ ok: true, check: { checked: 1 } });
    appendFileSync(file, '\n');
    expect(readAnchors(file).badLines).toEqual([2]);
    expect(checkAnchors(db, readAnchors(file), undefined)).toMatchObject({ ok: false, problem: { reason: 'bad_anchor' } });
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(3);
  });
});

describe('anchor settings', () => {
  it('refuses a key shorter than 32 characters, and reads an empty one as none', () => {
    expect(AuditAnchorEnvSchema.safeParse({ AUDIT_ANCHOR_KEY: 'short' }).success).toBe(false);
    expect(AuditAnchorEnvSchema.parse({ AUDIT_ANCHOR_KEY: '', AUDIT_ANCHOR_FILE: '' })).toEqual({ DATA_DIR: './data', AUDIT_ANCHOR_EVERY: 1 });
    expect(AuditAnchorEnvSchema.parse({ AUDIT_ANCHOR_KEY: KEY, AUDIT_ANCHOR_EVERY: '10' })).toMatchObject({ AUDIT_ANCHOR_KEY: KEY, AUDIT_ANCHOR_EVERY: 10 });
  });
});
