import { afterEach, describe, expect, it } from 'vitest';
import { CaseError } from '../../src/cases/case-error.js';
import type { CaseService } from '../../src/cases/case-service.js';
import { employee, escalation, officer, service } from './fixtures.js';

describe('who may act on cases', () => {
  let svc: CaseService;
  afterEach(() => svc.close());

  it('refuses a non-officer with CaseError not_officer and logs the attempt as a refusal', () => {
    ({ svc } = service());
    const { case: c } = svc.openCase(escalation());
    let caught: unknown;
    try {
      svc.decide(c.id, employee, { verdict: 'not_required', note: 'looks fine to me' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CaseError);
    expect(caught).toMatchObject({ code: 'not_officer', message: 'Eve (slack U-EMPLOYEE) is not a compliance officer, so cannot decide cases' });
    expect(svc.get(c.id)?.state).toBe('open');
    const refusal = svc.audit.records().at(-1);
    expect(refusal).toMatchObject({ kind: 'refusal', actor: 'slack:U-EMPLOYEE', payload: { action: 'decide', caseId: c.id } });
    expect(svc.audit.verifyAudit().ok).toBe(true);
  });

  it.each(['claim', 'reopen', 'note'] as const)('refuses and audits a non-officer trying to %s', (action) => {
    ({ svc } = service());
    const { case: c } = svc.openCase(escalation());
    const attempt = {
      claim: () => svc.claim(c.id, employee),
      reopen: () => svc.reopen(c.id, employee, 'please look again'),
      note: () => svc.addNote(c.id, employee, 'hello'),
    }[action];
    expect(attempt).toThrow(expect.objectContaining({ code: 'not_officer' }));
    expect(svc.audit.records().filter((r) => r.kind === 'refusal').map((r) => r.payload['action'])).toEqual([action]);
    expect(svc.get(c.id)?.history.map((h) => h.action)).toEqual(['opened']);
  });

  it('treats officer ids per channel: the officer Slack id on Teams is not an officer', () => {
    ({ svc } = service());
    const { case: c } = svc.openCase(escalation());
    expect(svc.isOfficer(officer)).toBe(true);
    expect(() => svc.claim(c.id, { channel: 'teams', user: officer.user })).toThrow(expect.objectContaining({ code: 'not_officer' }));
  });

  it('refuses a non-officer before looking the case up, so case ids cannot be probed', () => {
    ({ svc } = service());
    expect(() => svc.claim('C-009999', employee)).toThrow(expect.objectContaining({ code: 'not_officer' }));
    expect(() => svc.claim('C-009999', officer)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
