/** Cases against their audit records: edits to the cases table, which no hash covers, are found by replaying the log. */
import { afterEach, describe, expect, it } from 'vitest';
import { crossCheckCases } from '../../src/cases/audit-cross-check.js';
import type { CaseService } from '../../src/cases/case-service.js';
import { escalation, officer, replyTo, service } from './fixtures.js';

let svc: CaseService;
afterEach(() => svc.close());

/** Two cases: C-000001 claimed, decided, reopened and decided again; C-000002 claimed and waiting. */
function history(): { first: string; second: string; clock: ReturnType<typeof service>['clock'] } {
  let clock;
  ({ svc, clock } = service());
  const first = svc.openCase(escalation()).case.id;
  svc.claim(first, officer);
  svc.addNote(first, officer, 'checking the end user');
  svc.decide(first, officer, { verdict: 'license_required', note: 'Licence needed.' });
  svc.reopen(first, officer, 'new facts');
  svc.decide(first, officer, { verdict: 'prohibited', note: 'Military end user.', reusable: true });
  const second = svc.openCase(escalation({ replyTo: replyTo('C02-thread-9') })).case.id;
  svc.claim(second, officer);
  // The same question again in the same conversation: no second case, only an audit record.
  svc.openCase(escalation({ replyTo: replyTo('C02-thread-9') }));
  return { first, second, clock };
}

const edit = (sql: string, ...args: unknown[]) => svc.db.prepare(sql).run(...args);

describe('cases against their audit records', () => {
  it('finds nothing wrong after a real history, retention included', () => {
    const { clock } = history();
    expect(crossCheckCases(svc.db)).toEqual({ checked: 2, problems: [] });
    clock.advance(400 * 86_400_000);
    // The texts of the two opening escalations, the note, the two decisions and the reopening (the escalation that
    // joined the open case carries no text of its own).
    expect(svc.redactOlderThan(365, clock.now())).toEqual({ auditRecords: 6, cases: 1 });
    expect(crossCheckCases(svc.db)).toEqual({ checked: 2, problems: [] });
    expect(svc.verifyAuditTrail()).toMatchObject({ ok: true, cases: 2 });
  });

  it('catches a decision flipped to a reusable not_required (a poisoned precedent)', () => {
    const { first } = history();
    const row = svc.db.prepare('SELECT resolution FROM cases WHERE num = 1').pluck().get() as string;
    edit('UPDATE cases SET resolution = ? WHERE num = 1', JSON.stringify({ ...JSON.parse(row), decision: 'not_required' }));
    expect(crossCheckCases(svc.db).problems).toEqual([
      expect.objectContaining({ caseId: first, reason: 'case_mismatch', detail: expect.stringContaining('decision') }),
    ]);
    expect(svc.verifyAuditTrail()).toMatchObject({ ok: false, firstBad: { reason: 'case_mismatch', seq: 1 } });
  });

  it('catches a state, a claim, a question and a reopen count changed behind the service', () => {
    const { second } = history();
    edit(`UPDATE cases SET state = 'open', claimed_by = NULL WHERE num = 2`);
    expect(crossCheckCases(svc.db).problems.map((p) => [p.caseId, p.detail])).toEqual([[second, expect.stringContaining('it is open')]]);
    edit(`UPDATE cases SET state = 'claimed', claimed_by = ? WHERE num = 2`, JSON.stringify({ channel: 'web', user: 'mallory' }));
    expect(crossCheckCases(svc.db).problems[0]?.detail).toMatch(/claimed by someone other than slack:U-OFFICER/);
    edit(`UPDATE cases SET claimed_by = ?, question = 'Can we ship ferrite magnets?' WHERE num = 2`, JSON.stringify(officer));
    expect(crossCheckCases(svc.db).problems[0]?.detail).toMatch(/question is not the one asked/);
    edit(`UPDATE cases SET question = NULL WHERE num = 2`);
    expect(crossCheckCases(svc.db).problems[0]?.detail).toMatch(/never redacted/);
    edit(`UPDATE cases SET question = ?, reopen_count = 3 WHERE num = 2`, escalation().question);
    expect(crossCheckCases(svc.db).problems[0]?.detail).toMatch(/3 reopenings/);
  });

  it('catches a case deleted, and a case added, outside Lodestone', () => {
    history();
    svc.db.pragma('foreign_keys = OFF');
    edit('DELETE FROM cases WHERE num = 2');
    expect(crossCheckCases(svc.db).problems).toEqual([expect.objectContaining({ caseId: 'C-000002', reason: 'case_missing' })]);
    edit(`INSERT INTO cases (num, state, conversation_key, facts_key, facts_norm, facts, question, decision, verdict, rules_version,
      asker, reply_to, open_since, created_at, updated_at)
      SELECT 7, state, conversation_key || 'x', facts_key, facts_norm, facts, question, decision, verdict, rules_version,
      asker, reply_to, open_since, created_at, updated_at FROM cases WHERE num = 1`);
    expect(crossCheckCases(svc.db).problems.map((p) => [p.caseId, p.reason])).toEqual([['C-000002', 'case_missing'], ['C-000007', 'case_without_audit']]);
  });

  it('catches a case redacted when no retention run was audited', () => {
    history();
    edit(`UPDATE cases SET question = NULL, turns = NULL, redacted_at = '2026-03-02T10:00:00.000Z' WHERE num = 1`);
    expect(crossCheckCases(svc.db).problems[0]?.detail).toMatch(/no retention run was audited/);
  });
});
