import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { AuditLog, recordHash } from '../../src/cases/audit-log.js';
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

/** What an attacker with file access does first: remove the guard. */
function dropGuards(db: Database.Database): void {
  db.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_only_redaction;');
}

describe('audit log chain', () => {
  let db: Database.Database;
  afterEach(() => db.close());

  it('links each record to the one before and verifies clean', () => {
    let log: AuditLog;
    ({ db, log } = logWith(5));
    const recs = log.records();
    expect(recs.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(recs[0]?.prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < recs.length; i++) expect(recs[i]?.prevHash).toBe(recs[i - 1]?.hash);
    expect(log.verifyAudit()).toEqual({ ok: true, count: 5, head: { seq: 5, hash: recs[4]?.hash } });
  });

  it('blocks UPDATE and DELETE with triggers, except redacting the text', () => {
    ({ db } = logWith(2));
    expect(() => db.prepare(`UPDATE audit_log SET payload = '{}' WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`UPDATE audit_log SET text = 'rewritten' WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(() => db.prepare(`UPDATE audit_log SET text = NULL, text_salt = NULL, redacted_at = 'now' WHERE seq = 1`).run())
      .not.toThrow();
    // A redaction happens once: it cannot be used to rewrite redacted_at later.
    expect(() => db.prepare(`UPDATE audit_log SET redacted_at = 'later' WHERE seq = 1`).run()).toThrow(/append-only/);
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
    fc.assert(fc.property(anyUtf16, anyUtf16, anyUtf16, (text, actor, value) => {
      const rec = log.append({ kind: 'question', actor: `web:${actor}`, at: new Date(T0), payload: { value }, text });
      const stored = log.records().at(-1);
      expect(stored?.text).toBe(text.toWellFormed());
      expect(stored?.actor).toBe(`web:${actor}`.toWellFormed());
      expect(stored?.hash).toBe(rec.hash);
      expect(log.verifyAudit()).toMatchObject({ ok: true });
    }), { numRuns: 300 });
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
    expect(recs.filter((r) => r.text === null).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(recs.every((r) => r.textHash !== null)).toBe(true);
    expect(recs[5]?.text).toMatch(/question number 5/);
    expect(log.verifyAudit()).toMatchObject({ ok: true, count: 10 });
    // Running it again redacts nothing more.
    expect(log.redactOlderThan(5, new Date('2026-01-10T12:00:00Z'))).toBe(0);
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
