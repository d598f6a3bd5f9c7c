/** Shared builders for the cases tests: a valid preliminary decision, facts, a reply address, officers. */
import type { Message } from '../../src/contracts/message.js';
import type { Reply } from '../../src/contracts/reply.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Decision } from '../../src/rules/decision.js';
import type { Facts } from '../../src/rules/facts.js';
import type { Verdict } from '../../src/rules/verdict.js';
import { CaseService, type CaseServiceOptions, type OpenCaseInput } from '../../src/cases/case-service.js';
import type { Actor, ReplyTo } from '../../src/cases/case-view.js';

export const RULES_VERSION = 'abc123def456';

export function decision(verdict: Verdict = 'escalate', rulesVersion = RULES_VERSION): Decision {
  return {
    verdict,
    reasons: ['The end use is unclear, so a compliance officer decides.'],
    citations: [{ source: 'CN-ANN-2025-61', article: '§4' }],
    fired: [],
    trace: [],
    missing: [],
    nextSteps: [],
    rulesVersion,
    asOf: '2026-03-02',
  };
}

export const magnetFacts: Facts = {
  item: { form: 'magnet', magnetType: 'ndfeb', elementsPresent: ['Nd', 'Dy'] },
  destination: 'US',
  endUses: ['civil'],
  asOf: '2026-03-02',
};

export function replyTo(conversation = 'C01-thread-1', user = 'U-ASKER'): ReplyTo {
  return { channel: 'slack', user, conversation, threadRef: '1712345678.000100', team: 'T-ACME' };
}

export function escalation(overrides: Partial<OpenCaseInput> = {}): OpenCaseInput {
  return {
    question: 'Can we ship NdFeB magnets with Dy to a US motor maker?',
    turns: [
      { from: 'user', text: 'Can we ship NdFeB magnets with Dy to a US motor maker?' },
      { from: 'assistant', text: 'I need a compliance officer to decide this one.' },
    ],
    facts: magnetFacts,
    decision: decision(),
    replyTo: replyTo(),
    askerName: 'Ada',
    ...overrides,
  };
}

export const officer: Actor = { channel: 'slack', user: 'U-OFFICER', name: 'Olga' };
export const otherOfficer: Actor = { channel: 'teams', user: 'aad-officer-2', name: 'Tom' };
export const employee: Actor = { channel: 'slack', user: 'U-EMPLOYEE', name: 'Eve' };

export const officers = { slack: ['U-OFFICER'], teams: ['aad-officer-2'], web: [] };

export const T0 = '2026-03-02T09:00:00.000Z';

export function service(
  overrides: Partial<CaseServiceOptions> = {},
): { svc: CaseService; clock: ReturnType<typeof fixedClock> } {
  const clock = fixedClock(T0);
  const svc = new CaseService({ db: ':memory:', officers, clock, ...overrides });
  return { svc, clock };
}

export function message(text = 'Do NdFeB magnets to the US need a licence?'): Message {
  return {
    id: 'Ev-1', text, user: 'U-ASKER', conversation: 'C01-thread-1', channel: 'slack',
    receivedAt: new Date(T0), asOf: '2026-03-02',
  };
}

export function reply(): Reply {
  return {
    headline: 'A licence is required.',
    verdict: 'license_required',
    intent: { name: 'part_license', confidence: 0.9 },
    reasons: ['NdFeB magnets with Dy are controlled.'],
    citations: [{ source: 'CN-ANN-2025-18' }],
    followUps: [],
    nextSteps: [],
    escalation: { state: 'not_needed' },
    fired: [],
    missing: [],
    disclaimer: 'Not legal advice.',
    rulesVersion: RULES_VERSION,
    asOf: '2026-03-02',
  };
}
