/**
 * Probe replay (issue 12, defect 3): edits to a real server's data folder by someone with write access to it,
 * checked by the real `lodestone audit verify` (bundled, run as its own process). The folder is written by the real
 * app: questions through app.answer, an escalation, an officer's decision, a clean shutdown (which anchors the head).
 * Each edit works on its own copy, with a plain SQLite connection, as the sqlite3 shell would.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { newMessage } from '../../src/contracts/message.js';
import { AuditAnchors } from '../../src/cases/audit-anchor.js';
import { AuditRowSchema, GENESIS_HASH, recordHash } from '../../src/cases/audit-log.js';
import { ConfigSchema } from '../../src/config.js';
import { bundleEntry, type Bundle } from '../support/bundle.js';
import { clockOn } from '../support/clock.js';
import { runNode } from '../support/run-node.js';

const KEY = 'anchor-key-for-the-tamper-probe-0123456789';
const DB = 'lodestone.db';
const ANCHORS = 'lodestone-audit-anchors.jsonl';
let cli: Bundle;
let work: string;
let live: string;
let copies = 0;

beforeAll(async () => {
  cli = await bundleEntry('src/channels/cli/bin.ts', 'audit-tamper-cli');
  work = mkdtempSync(join(tmpdir(), 'lodestone-tamper-'));
  live = join(work, 'live');
  const app = createApp({
    config: ConfigSchema.parse({ DATA_DIR: live, LOG_LEVEL: 'silent', OFFICERS_WEB: 'olga', AUDIT_ANCHOR_KEY: KEY }),
    clock: clockOn('2026-03-02'),
  });
  const ask = (text: string, conversation: string) => app.answer(newMessage({
    id: `probe-${conversation}-${text.length}`, text, user: 'visitor-1', conversation, channel: 'web', receivedAt: app.clock.now(),
  }));
  ask('Do sintered NdFeB magnets with Dy from Ningbo to Germany need a licence?', 'c1');
  ask('Can we export terbium-containing magnets from China to a European company that builds missiles?', 'c2');
  ask('I want to talk to compliance', 'c2');
  ask('Terbium metal from Baotou to Italy?', 'c3');
  const [c] = app.cases.list();
  if (!c) throw new Error('the probe question did not open a case');
  app.cases.decide(c.id, { channel: 'web', user: 'olga' }, { verdict: 'prohibited', note: 'Military end user.', reusable: true });
  ask('Is a licence needed for Dy oxide from Xiamen to Korea?', 'c4');
  await app.close();
}, 120_000);

afterAll(() => {
  cli.remove();
  rmSync(work, { recursive: true, force: true });
});

/** A copy of the live data folder, and a plain connection to it: no Lodestone code, no redaction gate. */
function copy(): { dir: string; db: Database.Database } {
  const dir = join(work, `copy-${++copies}`);
  mkdirSync(dir);
  copyFileSync(join(live, DB), join(dir, DB));
  copyFileSync(join(live, ANCHORS), join(dir, ANCHORS));
  return { dir, db: new Database(join(dir, DB)) };
}

function dropGuards(db: Database.Database): void {
  db.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_only_redaction;');
}


/** Edits one record and recomputes every hash from there, so the chain links up again. */
function rewriteChainFrom(db: Database.Database, seq: number, actor: string): void {
  let prev = GENESIS_HASH;
  for (const raw of db.prepare('SELECT * FROM audit_log ORDER BY seq').all()) {
    const r = AuditRowSchema.parse(raw);
    if (r.seq < seq) {
      prev = r.hash;
      continue;
    }
    const who = r.seq === seq ? actor : r.actor;
    const hash = recordHash(prev, { seq: r.seq, at: r.at, kind: r.kind, actor: who, payload: JSON.parse(r.payload), textHash: r.text_hash });
    db.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(who, prev, hash, r.seq);
    prev = hash;
  }
}

async function verify(dir: string, env: Record<string, string> = { AUDIT_ANCHOR_KEY: KEY }) {
  const r = await runNode(cli.file, ['audit', 'verify'], { DATA_DIR: dir, ...env });
  return { code: r.code, out: r.stdout.trim(), err: r.stderr.trim() };
}

describe('probe: tampering with the audit log', () => {
  it('verifies the untouched folder, anchored and HMAC checked, cases included', async () => {
    const { dir, db } = copy();
    const count = db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    db.close();
    const r = await verify(dir);
    expect(r.err).toBe('');
    expect(r.out).toMatch(new RegExp(`^ok: ${String(count)} records, .*anchored up to #${String(count)} .*HMAC checked; cases checked against their audit records: 1, all match$`));
    expect(r.code).toBe(0);
  }, 30_000);

  it('fails when the newest record is deleted', async () => {
    const { dir, db } = copy();
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)').run();
    db.close();
    const r = await verify(dir);
    expect(r.out).toMatch(/^TAMPERED: record #\d+: truncated: /);
    expect(r.code).toBe(1);
  }, 30_000);

  it('fails when the newest three records are deleted', async () => {
    const { dir, db } = copy();
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)').run();
    db.close();
    expect((await verify(dir)).out).toMatch(/: truncated: /);
  }, 30_000);

  it('fails when a record is edited and every later hash recomputed', async () => {
    const { dir, db } = copy();
    dropGuards(db);
    rewriteChainFrom(db, 2, 'assistant-forged');
    db.close();
    const r = await verify(dir);
    expect(r.out).toMatch(/^TAMPERED: record #\d+: anchor_mismatch: /);
    expect(r.code).toBe(1);
  }, 30_000);

  it('fails when the forger also rewrites the anchor file, without the key', async () => {
    const { dir, db } = copy();
    dropGuards(db);
    rewriteChainFrom(db, 2, 'assistant-forged');
    writeFileSync(join(dir, ANCHORS), '');
    new AuditAnchors({ file: join(dir, ANCHORS), key: 'a-key-the-forger-made-up-0123456789abc' }).anchor(db, 'shutdown');
    db.close();
    expect((await verify(dir)).out).toMatch(/: bad_anchor: /);
  }, 30_000);

  it('fails when the anchor file is removed', async () => {
    const { dir, db } = copy();
    db.close();
    rmSync(join(dir, ANCHORS));
    expect((await verify(dir)).out).toMatch(/: unanchored: no anchors in /);
  }, 30_000);

  it('refuses a plain UPDATE that redacts; with the triggers dropped, verify fails', async () => {
    const { dir, db } = copy();
    const redact = `UPDATE audit_log SET text = NULL, text_salt = NULL, redacted_at = '2026-03-02T10:00:00.000Z'
      WHERE seq = (SELECT min(seq) FROM audit_log WHERE text IS NOT NULL)`;
    expect(() => db.prepare(redact).run()).toThrow(/lodestone_may_redact/);
    dropGuards(db);
    db.prepare(redact).run();
    db.close();
    expect((await verify(dir)).out).toMatch(/^TAMPERED: record #\d+: unjustified_redaction: /);
  }, 30_000);

  it('fails when a case\'s decision is flipped in the cases table', async () => {
    const { dir, db } = copy();
    const row = db.prepare('SELECT num, resolution FROM cases').get() as { num: number; resolution: string };
    db.prepare('UPDATE cases SET resolution = ? WHERE num = ?').run(JSON.stringify({ ...JSON.parse(row.resolution), decision: 'not_required' }), row.num);
    db.close();
    expect((await verify(dir)).out).toMatch(/^TAMPERED: record #\d+: case_mismatch: case C-000001: its decision is not the one audited/);
  }, 30_000);
});
