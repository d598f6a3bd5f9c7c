import { afterEach, describe, expect, it } from 'vitest';
import type { CaseService } from '../../src/cases/case-service.js';
import { factsKey } from '../../src/cases/normalise-facts.js';
import { escalation, magnetFacts, officer, replyTo, service } from './fixtures.js';

describe('case lifecycle', () => {
  let svc: CaseService;
  afterEach(() => svc.close());

  it('opens a case holding the question, turns, facts, preliminary decision, asker and reply address', () => {
    ({ svc } = service());
    const { case: c, created } = svc.openCase(escalation());
    expect(created).toBe(true);
    expect(c.id).toBe('C-000001');
    expect(c.state).toBe('open');
    expect(c.question).toMatch(/NdFeB/);
    expect(c.turns).toHaveLength(2);
    expect(c.facts).toEqual(magnetFacts);
    expect(c.factsKey).toBe(factsKey(magnetFacts));
    expect(c.decision.verdict).toBe('escalate');
    expect(c.verdict).toBe('escalate');
    expect(c.asker).toEqual({ channel: 'slack', user: 'U-ASKER', name: 'Ada' });
    // Free-form platform fields survive the trip through SQLite.
    expect(c.replyTo).toEqual(replyTo());
    expect(c.history.map((h) => h.action)).toEqual(['opened']);
    expect(svc.get(c.id)).toEqual(c);
  });

  it('opens a case and queues its card in one step, so the card cannot be lost', () => {
    ({ svc } = service());
    const { case: c } = svc.openCase(escalation());
    expect(svc.outbox.byKey(`post_case:${c.id}`)?.state).toBe('pending');
    expect(svc.audit.records().map((r) => r.kind)).toEqual(['escalation']);
  });

  it('claims, decides and notifies: open -> claimed -> resolved, with history and audit records', () => {
    let clock;
    ({ svc, clock } = service());
    const { case: opened } = svc.openCase(escalation());
    clock.advance(60_000);
    const claimed = svc.claim(opened.id, officer);
    expect(claimed.state).toBe('claimed');
    expect(claimed.claimedBy).toEqual(officer);
    clock.advance(60_000);
    const resolved = svc.decide(opened.id, officer, { verdict: 'license_required', note: 'Dy content: licence needed.', reusable: true });
    expect(resolved.state).toBe('resolved');
    expect(resolved.resolution).toEqual({
      decision: 'license_required', note: 'Dy content: licence needed.', by: officer,
      at: '2026-03-02T09:02:00.000Z', reusable: true,
    });
    expect(resolved.history.map((h) => h.action)).toEqual(['opened', 'claimed', 'decided']);
    expect(resolved.updatedAt).toBe('2026-03-02T09:02:00.000Z');
    expect(svc.audit.records().map((r) => r.kind)).toEqual(['escalation', 'officer_action', 'decision']);
    expect(svc.outbox.byKey(`notify_asker:${opened.id}:0`)?.state).toBe('pending');
  });

  it('claiming twice by the same officer changes nothing; a second officer cannot take a claimed case', () => {
    ({ svc } = service());
    const { case: c } = svc.openCase(escalation());
    svc.claim(c.id, officer);
    const again = svc.claim(c.id, officer);
    expect(again.history.map((h) => h.action)).toEqual(['opened', 'claimed']);
    expect(() => svc.claim(c.id, { channel: 'teams', user: 'aad-officer-2' }))
      .toThrow(expect.objectContaining({ code: 'bad_state', message: expect.stringMatching(/already claimed by Olga/) }));
    expect(() => svc.decide(c.id, { channel: 'teams', user: 'aad-officer-2' }, { verdict: 'not_required' }))
      .toThrow(expect.objectContaining({ code: 'bad_state' }));
  });

  it('lets an officer decide an unclaimed case directly', () => {
    ({ svc } = service());
    const { case: c } = svc.openCase(escalation());
    const resolved = svc.decide(c.id, officer, { verdict: 'prohibited', note: 'Military end user.' });
    expect(resolved.state).toBe('resolved');
    expect(resolved.resolution?.reusable).toBe(false);
  });

  it('reopens a resolved case, keeping the old decision in the history, and decides it again', () => {
    ({ svc } = service());
    const { case: c } = svc.openCase(escalation());
    svc.decide(c.id, officer, { verdict: 'not_required', note: 'Civil use.' });
    const reopened = svc.reopen(c.id, officer, 'End user turned out to be on the control list.');
    expect(reopened.state).toBe('reopened');
    expect(reopened.resolution).toBeNull();
    expect(reopened.claimedBy).toBeNull();
    expect(reopened.history.find((h) => h.action === 'decided')).toMatchObject({ decision: 'not_required', note: 'Civil use.' });
    const again = svc.decide(c.id, officer, { verdict: 'prohibited', note: 'Control-list end user.' });
    expect(again.resolution?.decision).toBe('prohibited');
    // Each decision gets its own notification.
    expect(svc.outbox.byKey(`notify_asker:${c.id}:0`)).toBeDefined();
    expect(svc.outbox.byKey(`notify_asker:${c.id}:1`)).toBeDefined();
  });

  it('refuses actions that do not fit the state with bad_state', () => {
    ({ svc } = service());
    const { case: c } = svc.openCase(escalation());
    expect(() => svc.reopen(c.id, officer, 'why')).toThrow(expect.objectContaining({ code: 'bad_state' }));
    svc.decide(c.id, officer, { verdict: 'not_required' });
    expect(() => svc.claim(c.id, officer)).toThrow(expect.objectContaining({ code: 'bad_state' }));
    expect(() => svc.decide(c.id, officer, { verdict: 'prohibited' })).toThrow(expect.objectContaining({ code: 'bad_state' }));
  });

  it('answers not_found for unknown or malformed case ids', () => {
    ({ svc } = service());
    expect(() => svc.claim('C-000042', officer)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => svc.claim('nonsense', officer)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(svc.get('C-000042')).toBeUndefined();
  });

  it('adds notes in any state and queues a card update for each officer action', () => {
    ({ svc } = service());
    const { case: c } = svc.openCase(escalation());
    svc.addNote(c.id, officer, 'Asked sales for the end-user statement.');
    svc.decide(c.id, officer, { verdict: 'license_required' });
    const v = svc.addNote(c.id, officer, 'Licence application filed.');
    expect(v.history.filter((h) => h.action === 'note').map((h) => h.note))
      .toEqual(['Asked sales for the end-user statement.', 'Licence application filed.']);
    expect(() => svc.addNote(c.id, officer, '   ')).toThrow();
    const updates = svc.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'update_case'`).get();
    expect(updates).toEqual({ n: 3 });
  });

  it('lists cases newest first, by state, up to a limit', () => {
    ({ svc } = service());
    const a = svc.openCase(escalation({ replyTo: replyTo('conv-a') })).case;
    const b = svc.openCase(escalation({ replyTo: replyTo('conv-b') })).case;
    const c = svc.openCase(escalation({ replyTo: replyTo('conv-c') })).case;
    svc.decide(b.id, officer, { verdict: 'not_required' });
    expect(svc.list().map((x) => x.id)).toEqual([c.id, b.id, a.id]);
    expect(svc.list({ state: 'open' }).map((x) => x.id)).toEqual([c.id, a.id]);
    expect(svc.list({ state: 'resolved' }).map((x) => x.id)).toEqual([b.id]);
    expect(svc.list({ limit: 1 }).map((x) => x.id)).toEqual([c.id]);
  });
});

describe('duplicate escalation', () => {
  let svc: CaseService;
  afterEach(() => svc.close());

  it('returns the open case with created: false when the same question is escalated again in the conversation', () => {
    ({ svc } = service());
    const first = svc.openCase(escalation());
    // Same facts, listed in another order and on another day: still the same question.
    const second = svc.openCase(escalation({
      facts: { endUses: ['civil'], destination: 'US', item: { elementsPresent: ['Dy', 'Nd'], magnetType: 'ndfeb', form: 'magnet' }, asOf: '2026-03-03' },
    }));
    expect(second.created).toBe(false);
    expect(second.case.id).toBe(first.case.id);
    expect(svc.list()).toHaveLength(1);
    expect(svc.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'post_case'`).get()).toEqual({ n: 1 });
    // The question's text is audited with the escalation that opened the case, not again with the one that joined it.
    const escalations = svc.audit.records().filter((r) => r.kind === 'escalation');
    expect(escalations.map((r) => [r.payload['created'], r.text])).toEqual([[true, first.case.question], [false, null]]);
    expect(svc.verifyAuditTrail().ok).toBe(true);
  });

  it('still dedupes while the case is claimed', () => {
    ({ svc } = service());
    const first = svc.openCase(escalation());
    svc.claim(first.case.id, officer);
    expect(svc.openCase(escalation())).toMatchObject({ created: false, case: { id: first.case.id, state: 'claimed' } });
  });

  it('opens a new case for different facts, another conversation, or once the earlier case is resolved', () => {
    ({ svc } = service());
    const first = svc.openCase(escalation());
    expect(svc.openCase(escalation({ facts: { ...magnetFacts, destination: 'DE' } })).created).toBe(true);
    expect(svc.openCase(escalation({ replyTo: replyTo('another-thread') })).created).toBe(true);
    svc.decide(first.case.id, officer, { verdict: 'not_required' });
    const after = svc.openCase(escalation());
    expect(after.created).toBe(true);
    expect(after.case.id).not.toBe(first.case.id);
  });
});

describe('input refused at the boundary', () => {
  let svc: CaseService;
  afterEach(() => svc.close());

  it('refuses malformed input with CaseError invalid, naming the field', () => {
    ({ svc } = service());
    expect(() => svc.openCase(escalation({ question: '' }))).toThrow(expect.objectContaining({ code: 'invalid', message: expect.stringMatching(/question/) }));
    expect(() => svc.openCase(escalation({ facts: { destination: 'usa' } }))).toThrow(expect.objectContaining({ code: 'invalid', message: expect.stringMatching(/facts\.destination/) }));
    const { case: c } = svc.openCase(escalation());
    // An engine verdict is not an officer's decision.
    expect(() => svc.decide(c.id, officer, { verdict: 'escalate' as never })).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(() => svc.checkRulesHorizon({ rules: [], version: 'x' }, '2026-02-30')).toThrow(expect.objectContaining({ code: 'invalid' }));
  });

  it('refuses to reopen a case when the same question already has a newer open case', () => {
    ({ svc } = service());
    const first = svc.openCase(escalation()).case;
    svc.decide(first.id, officer, { verdict: 'not_required' });
    const second = svc.openCase(escalation()).case;
    expect(() => svc.reopen(first.id, officer, 'look again')).toThrow(
      expect.objectContaining({ code: 'bad_state', message: `cannot reopen ${first.id}: ${second.id} is open for the same question` }),
    );
  });
});
