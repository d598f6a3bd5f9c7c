import { afterEach, describe, expect, it } from 'vitest';
import type { CaseService } from '../../src/cases/case-service.js';
import { factsKey } from '../../src/cases/normalise-facts.js';
import { decision, escalation, magnetFacts, officer, replyTo, RULES_VERSION, service } from './fixtures.js';

describe('precedents', () => {
  let svc: CaseService;
  afterEach(() => svc.close());

  it('finds the resolved case with the same facts under the same rules version, with its reusable flag', () => {
    ({ svc } = service());
    const { case: c } = svc.openCase(escalation());
    svc.decide(c.id, officer, { verdict: 'license_required', note: 'Dy present.', reusable: true });
    expect(svc.findPrecedent(factsKey(magnetFacts), RULES_VERSION)).toEqual({
      caseId: c.id, decision: 'license_required', decidedAt: '2026-03-02T09:00:00.000Z', decidedBy: officer,
      reusable: true, rulesVersion: RULES_VERSION,
    });
  });

  it('matches the same facts written differently and asked on another day', () => {
    ({ svc } = service());
    const { case: c } = svc.openCase(escalation());
    svc.decide(c.id, officer, { verdict: 'not_required', reusable: false });
    const sameFacts = { destination: 'US', endUses: ['civil' as const], item: { elementsPresent: ['Dy' as const, 'Nd' as const], form: 'magnet' as const, magnetType: 'ndfeb' as const }, asOf: '2027-01-01' };
    expect(svc.findPrecedent(factsKey(sameFacts), RULES_VERSION)).toMatchObject({ caseId: c.id, reusable: false });
  });

  it('finds nothing under another rules version, for other facts, or while the case is unresolved', () => {
    ({ svc } = service());
    const { case: c } = svc.openCase(escalation());
    expect(svc.findPrecedent(factsKey(magnetFacts), RULES_VERSION)).toBeUndefined();
    svc.decide(c.id, officer, { verdict: 'license_required', reusable: true });
    expect(svc.findPrecedent(factsKey(magnetFacts), 'another00000')).toBeUndefined();
    expect(svc.findPrecedent(factsKey({ ...magnetFacts, destination: 'DE' }), RULES_VERSION)).toBeUndefined();
    svc.reopen(c.id, officer, 'Under review again.');
    expect(svc.findPrecedent(factsKey(magnetFacts), RULES_VERSION)).toBeUndefined();
  });

  it('returns the latest decision when the same facts were decided more than once', () => {
    let clock;
    ({ svc, clock } = service());
    const first = svc.openCase(escalation({ replyTo: replyTo('conv-1') })).case;
    svc.decide(first.id, officer, { verdict: 'not_required', reusable: true });
    clock.advance(3_600_000);
    const second = svc.openCase(escalation({ replyTo: replyTo('conv-2') })).case;
    svc.decide(second.id, officer, { verdict: 'license_required', reusable: false });
    expect(svc.findPrecedent(factsKey(magnetFacts), RULES_VERSION)).toMatchObject({
      caseId: second.id, decision: 'license_required', reusable: false,
    });
    // A case decided under other rules does not shadow it.
    const third = svc.openCase(escalation({ replyTo: replyTo('conv-3'), decision: decision('escalate', 'newrules0000') })).case;
    clock.advance(3_600_000);
    svc.decide(third.id, officer, { verdict: 'prohibited', reusable: true });
    expect(svc.findPrecedent(factsKey(magnetFacts), RULES_VERSION)?.caseId).toBe(second.id);
  });
});
