import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog, canonicalRecordHash, GENESIS_HASH, recordHash, textCommitment } from '../../src/cases/audit-log.js';
import { canonicalJson } from '../../src/cases/canonical-json.js';
import type { CaseService } from '../../src/cases/case-service.js';
import { openCaseDatabase } from '../../src/cases/database.js';
import { T0, escalation, message, officer, reply, service } from './fixtures.js';

function logWith(n: number): { db: Database.Database; log: AuditLog } {
  const db = openCaseDatabase(':memory:');
  const log = new AuditLog(db);
  for (let i = 0; i < n; i++) {
    log.append({
      kind: 'question', actor: `slack:U${i}`, at: new Date(Date.UTC(2026, 0, 1 + i)),
      payload: { messageId: `m${i}` }, text: `question number ${i}, with "quotes", commas\nand a newline`,
    });
  }
  return { db, log };
}

/**
 * sha256('0' x 64 + '{"actor":"slack:U1","at":"2026-01-01T00:00:00.000Z","kind":"question","payload":{"messageId":"m1"},
 * "seq":1,"textHash":"abab…ab"}'), worked out once outside Lodestone (`printf %s … | sha256sum`).
 */
const KNOWN_HASH = 'e838c45a9095f921a84bbc0b1b5e581b383010298f6d7b54b692acf8d70d1f71';

/** What an attacker with file access does first: remove the guard. */
function dropGuards(db: Database.Database): void {
  db.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_only_redaction;');
}

describe('audit log chain', () => {
  let db: Database.Database;
  afterEach(() => db.close());

  it('stores hashes and salts as bytes, and verifies a chain whose older records hold them as hex text', () => {
    db = openCaseDatabase(':memory:');
    const log = new AuditLog(db);
    // Two records as a build before this one stored them: every hash and salt as hex text.
    const salt = 'cd'.repeat(16);
    let prev = GENESIS_HASH;
    for (const seq of [1, 2]) {
      const at = new Date(Date.UTC(2026, 0, seq)).toISOString();
      const text = `old question ${seq}`;
      const textHash = textCommitment(salt, text);
      const hash = recordHash(prev, { seq, at, kind: 'question', actor: 'web:old', payload: { n: seq }, textHash });
      db.prepare(`INSERT INTO audit_log (seq, at, kind, actor, payload, text, text_salt, text_hash, prev_hash, hash)
        VALUES (?, ?, 'question', 'web:old', ?, ?, ?, ?, ?, ?)`).run(seq, at, canonicalJson({ n: seq }), text, salt, textHash, prev, hash);
      prev = hash;
    }
    const added = log.append({ kind: 'question', actor: 'web:new', at: new Date(Date.UTC(2026, 0, 3)), payload: { n: 3 }, text: 'new question' });
    expect(added.prevHash).toBe(prev);
    const stored = db.prepare('SELECT typeof(text_salt) AS salt, typeof(text_hash) AS textHash, typeof(prev_hash) AS prev, typeof(hash) AS hash FROM audit_log WHERE seq = 3').get();
    expect(stored).toEqual({ salt: 'blob', textHash: 'blob', prev: 'blob', hash: 'blob' });
    expect(db.prepare('SELECT length(hash) FROM audit_log WHERE seq = 3').pluck().get()).toBe(32);
    expect(log.records().map((r) => r.hash).at(-1)).toBe(added.hash);
    expect(log.verifyAudit()).toEqual({ ok: true, count: 3, head: { seq: 3, hash: added.hash } });
    // And a new record's hash bytes changed are caught like hex ones.
    dropGuards(db);
    db.prepare('UPDATE audit_log SET hash = ? WHERE seq = 3').run(Buffer.alloc(32, 1));
    expect(log.verifyAudit()).toMatchObject({ ok: false, firstBad: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('gives every record with text its own 16-byte salt, across refills of the salt pool', () => {
    ({ db } = logWith(600));
    const salts = db.prepare('SELECT hex(text_salt) FROM audit_log').pluck().all();
    expect(salts).toHaveLength(600);
    expect(new Set(salts).size).toBe(600);
    expect(salts.every((s) => typeof s === 'string' && /^[0-9A-F]{32}$/.test(s))).toBe(true);
  });

  it('links each record to the one before and verifies clean', () => {
    let log: AuditLog;
    ({ db, log } = logWith(5));
    const recs = log.records();
    expect(recs.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(recs[0]?.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < recs.length; i++) expect(recs[i]?.prevHash).toBe(recs[i - 1]?.hash);
    expect(log.verifyAudit()).toEqual({ ok: true, count: 5, head: { seq: 5, hash: recs[4]?.hash } });
  });

  it('blocks UPDATE and DELETE with triggers, a plain UPDATE that redacts included', () => {
    let log: AuditLog;
    ({ db, log } = logWith(2));
    expect(() => db.prepare(`UPDATE audit_log SET payload = '{}' WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`UPDATE audit_log SET text = 'rewritten' WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    // Shaped exactly like a redaction, but not the retention job's.
    expect(() => db.prepare(`UPDATE audit_log SET text = NULL, text_salt = NULL, redacted_at = 'now' WHERE seq = 1`).run())
      .toThrow(/only the retention job may redact/);
    expect(log.redactOlderThan(0, new Date('2026-02-01T00:00:00Z'))).toBe(2);
    // A redaction happens once: it cannot be used to rewrite redacted_at later.
    expect(() => db.prepare(`UPDATE audit_log SET redacted_at = 'later' WHERE seq = 1`).run()).toThrow(/append-only/);
  });

  it('refuses a redaction from another program\'s connection, which does not have the gate at all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lodestone-audit-'));
    try {
      const file = join(dir, 'audit.db');
      db = openCaseDatabase(file);
      new AuditLog(db).append({ kind: 'question', actor: 'web:u', at: new Date(T0), payload: {}, text: 'Dy magnets?' });
      const other = new Database(file);
      expect(() => other.prepare(`UPDATE audit_log SET text = NULL, text_salt = NULL, redacted_at = 'now' WHERE seq = 1`).run())
        .toThrow(/lodestone_may_redact/);
      other.close();
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
      db = openCaseDatabase(':memory:');
    }
  });

  it('fails verify when text is cleared like a redaction behind dropped triggers, without the retention job', () => {
    let log: AuditLog;
    ({ db, log } = logWith(3));
    dropGuards(db);
    db.prepare(`UPDATE audit_log SET text = NULL, text_salt = NULL, redacted_at = '2026-01-05T00:00:00.000Z' WHERE seq = 2`).run();
    expect(log.verifyAudit()).toMatchObject({ ok: false, count: 3, firstBad: { seq: 2, reason: 'unjustified_redaction' } });
  });

  it('fails verify when a forged redaction borrows a real run\'s time for a record newer than its cutoff', () => {
    let log: AuditLog;
    ({ db, log } = logWith(6)); // 2026-01-01 .. 2026-01-06
    const now = new Date('2026-01-10T00:00:00Z');
    expect(log.redactOlderThan(7, now)).toBe(2); // cutoff 2026-01-03: records 1 and 2
    expect(log.verifyAudit()).toMatchObject({ ok: true, count: 7 });
    dropGuards(db);
    db.prepare(`UPDATE audit_log SET text = NULL, text_salt = NULL, redacted_at = ? WHERE seq = 5`).run(now.toISOString());
    expect(log.verifyAudit()).toMatchObject({ ok: false, firstBad: { seq: 1, reason: 'unjustified_redaction' } });
  });

  it('names the first edited record with hash_mismatch when a payload is changed behind the triggers', () => {
    let log: AuditLog;
    ({ db, log } = logWith(5));
    dropGuards(db);
    db.prepare(`UPDATE audit_log SET payload = '{"messageId":"forged"}' WHERE seq = 3`).run();
    expect(log.verifyAudit()).toMatchObject({ ok: false, count: 2, firstBad: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('detects a record rewritten with a correctly recomputed hash as a broken link in the next record', () => {
    let log: AuditLog;
    ({ db, log } = logWith(4));
    dropGuards(db);
    // A careful forger recomputes the edited record's own hash; the next record still points at the old one.
    const rec = log.records()[1];
    if (!rec) throw new Error('fixture has no record 2');
    const forged = recordHash(rec.prevHash, { ...rec, actor: 'slack:FORGED' });
    db.prepare(`UPDATE audit_log SET actor = 'slack:FORGED', hash = ? WHERE seq = 2`).run(forged);
    expect(log.verifyAudit()).toMatchObject({ ok: false, count: 2, firstBad: { seq: 3, reason: 'broken_link' } });
  });

  it('hashes the previous record\'s hash into each record: a known answer', () => {
    const fields = { seq: 1, at: '2026-01-01T00:00:00.000Z', kind: 'question', actor: 'slack:U1', payload: { messageId: 'm1' }, textHash: 'ab'.repeat(32) };
    expect(recordHash(GENESIS_HASH, fields)).toBe(KNOWN_HASH);
    expect(recordHash('f'.repeat(64), fields)).not.toBe(KNOWN_HASH);
  });

  it('hashes a payload given as canonical JSON exactly as recordHash hashes the payload itself', () => {
    fc.assert(fc.property(
      fc.nat(), fc.string(), fc.string(), fc.string(), fc.dictionary(fc.string(), fc.jsonValue()), fc.option(fc.string(), { nil: null }),
      (seq, at, kind, actor, payload, textHash) => {
        const plain = JSON.parse(JSON.stringify(payload)) as Parameters<typeof recordHash>[1]['payload'];
        expect(canonicalRecordHash('p'.repeat(64), { seq, at, kind, actor, payloadJson: canonicalJson(plain), textHash }))
          .toBe(recordHash('p'.repeat(64), { seq, at, kind, actor, payload: plain, textHash }));
      },
    ));
  });

  it('detects a record rewritten together with the next record\'s prev_hash (the next record\'s hash covers it)', () => {
    let log: AuditLog;
    ({ db, log } = logWith(4));
    dropGuards(db);
    const [, rec] = log.records();
    if (!rec) throw new Error('fixture has no record 2');
    const forged = recordHash(rec.prevHash, { ...rec, actor: 'slack:FORGED' });
    db.prepare(`UPDATE audit_log SET actor = 'slack:FORGED', hash = ? WHERE seq = 2`).run(forged);
    db.prepare('UPDATE audit_log SET prev_hash = ? WHERE seq = 3').run(forged);
    expect(log.verifyAudit()).toMatchObject({ ok: false, count: 2, firstBad: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('detects a deleted record as a broken link in the record after it', () => {
    let log: AuditLog;
    ({ db, log } = logWith(4));
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(log.verifyAudit()).toMatchObject({ ok: false, firstBad: { seq: 3, reason: 'broken_link' } });
  });

  it('detects edited free text through its commitment', () => {
    let log: AuditLog;
    ({ db, log } = logWith(3));
    dropGuards(db);
    db.prepare(`UPDATE audit_log SET text = 'I never asked about magnets' WHERE seq = 2`).run();
    expect(log.verifyAudit()).toMatchObject({ ok: false, firstBad: { seq: 2, reason: 'text_mismatch' } });
  });

  it('detects text removed without a redaction', () => {
    let log: AuditLog;
    ({ db, log } = logWith(3));
    dropGuards(db);
    db.prepare('UPDATE audit_log SET text = NULL WHERE seq = 1').run();
    expect(log.verifyAudit()).toMatchObject({ ok: false, firstBad: { seq: 1, reason: 'text_mismatch' } });
  });
});

/** Any UTF-16 string, with unpaired surrogates mixed in far more often than random code units would give them. */
const anyUtf16 = fc.array(fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u)),
  fc.constantFrom('Dy ', 'magnets', '\ufffd', '🧲', '氧化镝'),
), { maxLength: 8 }).map((parts) => parts.join(''));

describe('audit log and text that is not well-formed UTF-16', () => {
  let db: Database.Database;
  afterEach(() => db.close());

  it('verifies whatever strings it was given, unpaired surrogates included, and stores them well-formed', () => {
    db = openCaseDatabase(':memory:');
    const log = new AuditLog(db);
    // Each run reads back only its own record; the whole chain of every run's strings is verified at the end (verifying
    // it after every run made the test quadratic: 9 s idle, over the 20 s timeout on a busy CI machine).
    const last = db.prepare('SELECT text, actor, lower(hex(hash)) AS hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    let runs = 0;
    fc.assert(fc.property(anyUtf16, anyUtf16, anyUtf16, (text, actor, value) => {
      const rec = log.append({ kind: 'question', actor: `web:${actor}`, at: new Date(T0), payload: { value }, text });
      runs++;
      expect(last.get()).toEqual({ text: text.toWellFormed(), actor: `web:${actor}`.toWellFormed(), hash: rec.hash });
    }), { numRuns: 300 });
    expect(log.verifyAudit()).toEqual({ ok: true, count: runs, head: expect.objectContaining({ seq: runs }) as unknown });
  });

  it('verifies the probe\'s message "Dy \\ud800"', () => {
    db = openCaseDatabase(':memory:');
    const log = new AuditLog(db);
    log.append({ kind: 'question', actor: 'teams:29:\ud800', at: new Date(T0), payload: {}, text: 'Dy \ud800' });
    expect(log.records()[0]).toMatchObject({ text: 'Dy \ufffd', actor: 'teams:29:\ufffd' });
    expect(log.verifyAudit()).toMatchObject({ ok: true, count: 1 });
  });
});

describe('audit retention and export', () => {
  let db: Database.Database;
  afterEach(() => db.close());

  it('redacts text older than the retention period and the chain still verifies', () => {
    let log: AuditLog;
    ({ db, log } = logWith(10)); // one record a day, 2026-01-01 .. 2026-01-10
    const redacted = log.redactOlderThan(5, new Date('2026-01-10T12:00:00Z'));
    expect(redacted).toBe(5);
    const recs = log.records();
    expect(recs.filter((r) => r.redactedAt !== null).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(recs.slice(0, 10).every((r) => r.textHash !== null)).toBe(true);
    expect(recs[5]?.text).toMatch(/question number 5/);
    // The retention job audits itself: one redaction record, with its cutoff and count.
    expect(recs[10]).toMatchObject({
      kind: 'redaction', actor: 'system', at: '2026-01-10T12:00:00.000Z',
      payload: { days: 5, cutoff: '2026-01-05T12:00:00.000Z', auditRecords: 5 },
    });
    expect(log.verifyAudit()).toMatchObject({ ok: true, count: 11 });
    // Running it again redacts nothing more.
    expect(log.redactOlderThan(5, new Date('2026-01-10T12:00:00Z'))).toBe(0);
    expect(log.verifyAudit()).toMatchObject({ ok: true, count: 12 });
    expect(() => log.append({ kind: 'redaction', actor: 'system', at: new Date(T0), payload: { cutoff: T0, auditRecords: 0 } }))
      .toThrow(/redactOlderThan/);
  });

  it('exports a date range as RFC 4180 CSV', () => {
    let log: AuditLog;
    ({ db, log } = logWith(4));
    const csv = log.exportAuditCsv({ from: '2026-01-02T00:00:00Z', to: '2026-01-04T00:00:00Z' });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('seq,at,kind,actor,payload,text,text_hash,prev_hash,hash,redacted_at');
    expect(csv.endsWith('\r\n')).toBe(true);
    // Two records; each has a quoted multi-line text field, quotes doubled.
    expect(csv).toContain('"question number 1, with ""quotes"", commas\nand a newline"');
    expect(csv).toContain('"{""messageId"":""m2""}"');
    expect(csv).not.toContain('m0');
    expect(csv).not.toContain('m3');
    expect(csv.match(/^\d+,2026-/gm)?.map((s) => s.split(',')[0])).toEqual(['2', '3']);
  });
});

describe('audit records written by the case service', () => {
  let svc: CaseService;
  afterEach(() => svc.close());

  it('records a question and its answer with verdict, rules version, as-of date, fired rules and citations', () => {
    ({ svc } = service());
    const { questionSeq, answerSeq } = svc.recordQuestion(message(), reply());
    const [q, a] = svc.audit.records();
    expect(q).toMatchObject({ seq: questionSeq, kind: 'question', actor: 'slack:U-ASKER', text: 'Do NdFeB magnets to the US need a licence?' });
    expect(a).toMatchObject({
      seq: answerSeq, kind: 'answer',
      payload: {
        questionSeq, verdict: 'license_required', rulesVersion: 'abc123def456', asOf: '2026-03-02', fired: [],
        citations: [{ source: 'CN-ANN-2025-18' }],
      },
    });
  });

  it('keeps a citation as its source and article: its title and link are the rules data\'s at the record\'s rules version', () => {
    ({ svc } = service());
    const cited = { source: 'CN-ANN-2025-18', article: '1C902', title: 'MOFCOM/GAC Announcement 2025 No. 18', url: 'https://www.mofcom.gov.cn/' };
    svc.recordQuestion(message(), { ...reply(), citations: [cited, { source: 'CN-FAQ-RE' }] });
    const answer = svc.audit.records().find((r) => r.kind === 'answer');
    expect(answer?.payload['citations']).toEqual([{ source: 'CN-ANN-2025-18', article: '1C902' }, { source: 'CN-FAQ-RE' }]);
    expect(svc.audit.verifyAudit()).toMatchObject({ ok: true, count: 2 });
  });

  it('writes one record per escalation, officer action, decision and refusal, and the chain verifies', () => {
    ({ svc } = service());
    const { case: c } = svc.openCase(escalation());
    svc.claim(c.id, officer);
    svc.addNote(c.id, officer, 'checking');
    svc.decide(c.id, officer, { verdict: 'license_required', note: 'licence needed' });
    expect(() => svc.reopen(c.id, { channel: 'web', user: 'intruder' }, 'x')).toThrow();
    expect(svc.audit.records().map((r) => r.kind)).toEqual(['escalation', 'officer_action', 'officer_action', 'decision', 'refusal']);
    expect(svc.audit.verifyAudit()).toMatchObject({ ok: true, count: 5 });
  });

  it('redacts old question text in audit and resolved cases, keeping facts, decisions and a valid chain', () => {
    let clock;
    ({ svc, clock } = service());
    const { case: c } = svc.openCase(escalation());
    svc.decide(c.id, officer, { verdict: 'not_required', note: 'Civil magnets, fine.', reusable: true });
    clock.advance(100 * 86_400_000);
    const { case: recent } = svc.openCase(escalation({ replyTo: { channel: 'web', user: 'w1', conversation: 's1' } }));
    const r = svc.redactOlderThan(90, clock.now());
    expect(r).toEqual({ auditRecords: 2, cases: 1 });
    const old = svc.get(c.id);
    expect(old?.question).toBe('[redacted]');
    expect(old?.turns).toEqual([]);
    expect(old?.history.every((h) => h.note === null)).toBe(true);
    expect(old?.resolution?.decision).toBe('not_required');
    expect(svc.get(recent.id)?.question).toMatch(/NdFeB/);
    expect(svc.audit.verifyAudit().ok).toBe(true);
    expect(svc.audit.records().at(-1)).toMatchObject({ kind: 'redaction', payload: { days: 90, auditRecords: 2, cases: 1 } });
  });
});
