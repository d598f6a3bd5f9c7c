import { describe, expect, test } from 'vitest';
import type { Reply } from '../../src/contracts/reply.js';
import { keyReasonCount, replyView, verdictBadge } from '../../src/channels/reply-view.js';

function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    headline: 'Licence required: exporting dysprosium magnets from China needs a MOFCOM dual-use export licence.',
    verdict: 'license_required',
    intent: { name: 'part_license', confidence: 0.9 },
    reasons: ['The item is listed in Announcement 2025 No. 18.', 'Second reason.', 'Third reason.'],
    citations: [
      { source: 'CN-ANN-2025-18', article: '1C902-1C908', title: 'Announcement 2025 No. 18' },
      { source: 'CN-DUR-2024', article: 'art. 17' },
    ],
    followUps: [],
    nextSteps: ['Apply to MOFCOM.', 'Allow 45 working days.', 'Apply to MOFCOM.'],
    escalation: { state: 'offered' },
    fired: [],
    missing: [],
    disclaimer: 'Not legal advice.',
    rulesVersion: 'abc',
    asOf: '2026-03-02',
    ...overrides,
  };
}

describe('replyView: what every channel shows at a glance', () => {
  test('a decided verdict shows its badge, headline, the two deciding reasons and the primary citation; the rest is in the details', () => {
    const v = replyView(reply());
    expect(v.badge).toEqual({ icon: 'licence', label: 'Licence required', action: 'Ship only with a MOFCOM licence' });
    expect(v.headline).toMatch(/^Licence required: /);
    expect(v.keyReasons).toEqual(['The item is listed in Announcement 2025 No. 18.', 'Second reason.']);
    expect(v.primaryCitation).toEqual({ source: 'CN-ANN-2025-18', article: '1C902-1C908', title: 'Announcement 2025 No. 18' });
    expect(v.details.reasons).toEqual(['Third reason.']);
    expect(v.details.citations.map((c) => c.source)).toEqual(['CN-ANN-2025-18', 'CN-DUR-2024']);
    expect(v.hasDetails).toBe(true);
    expect(v.offersEscalation).toBe(true);
    expect(v.caseStatus).toBeUndefined();
  });

  test('next steps appear once each, and only in the details', () => {
    const v = replyView(reply());
    expect(v.details.nextSteps).toEqual(['Apply to MOFCOM.', 'Allow 45 working days.']);
  });

  test('a question still open shows the question with its choices and one reason, and no next steps of a verdict not given', () => {
    const v = replyView(reply({
      verdict: 'need_info',
      headline: 'I need a little more information.',
      reasons: ['No. 18 may apply, depending on facts not yet known.', 'No. 57 may apply, but its status is unknown.'],
      followUps: [{ fact: 'item.elements', question: 'Which rare earths does it contain?', choices: ['It contains dysprosium', 'No Dy or Tb', 'No Dy or Tb'] }],
      missing: ['rare earths contained', 'shipped from China'],
    }));
    expect(v.badge?.label).toBe('More information needed');
    expect(v.question).toEqual({ text: 'Which rare earths does it contain?', choices: ['It contains dysprosium', 'No Dy or Tb'] });
    expect(v.keyReasons).toEqual(['No. 18 may apply, depending on facts not yet known.']);
    expect(v.details.reasons).toEqual(['No. 57 may apply, but its status is unknown.']);
    expect(v.details.nextSteps).toEqual([]);
    expect(v.details.missing).toEqual(['rare earths contained', 'shipped from China']);
  });

  test('licence required and prohibited differ in icon and words, not only colour', () => {
    const licence = verdictBadge('license_required');
    const banned = verdictBadge('prohibited');
    expect(licence?.icon).not.toBe(banned?.icon);
    expect(licence?.label).not.toBe(banned?.label);
    expect(banned?.action).toBe('Do not ship');
    expect(verdictBadge('none')).toBeUndefined();
  });

  test('an opened case is shown as the case status, and the escalate offer goes', () => {
    const v = replyView(reply({ verdict: 'escalate', escalation: { state: 'opened', caseId: 'C-000001', note: 'Case C-000001 is with the compliance team.' } }));
    expect(v.caseStatus).toEqual({ state: 'opened', caseId: 'C-000001', note: 'Case C-000001 is with the compliance team.' });
    expect(v.offersEscalation).toBe(false);
  });

  test('a case note that the reasons already say is not said twice', () => {
    const note = 'Case C-000002 is with the compliance team.';
    const v = replyView(reply({ verdict: 'escalate', reasons: [note], escalation: { state: 'opened', caseId: 'C-000002', note } }));
    expect(v.caseStatus).toEqual({ state: 'opened', caseId: 'C-000002' });
    expect(v.keyReasons).toEqual([note]);
  });

  test('corrections that repeat a choice of the question are offered once, as the choice', () => {
    const v = replyView(reply({
      verdict: 'need_info',
      followUps: [{ fact: 'item.elements', question: 'Which?', choices: ['No Dy or Tb'] }],
      readAs: { text: 'I read this as: magnets.', corrections: [{ id: 'a', label: 'No Dy or Tb', patch: {} }, { id: 'b', label: 'They are built into a product', patch: {} }] },
    }));
    expect(v.readAs).toEqual({ text: 'I read this as: magnets.', corrections: ['They are built into a product'] });
  });

  test('a short answer with one source and nothing else has no details to open', () => {
    const v = replyView(reply({ reasons: ['One reason.'], nextSteps: [], citations: [{ source: 'CN-ANN-2025-18' }] }));
    expect(v.hasDetails).toBe(false);
  });

  test('information replies show more of their lines at a glance than decided verdicts', () => {
    expect(keyReasonCount('none')).toBeGreaterThan(keyReasonCount('license_required'));
    expect(keyReasonCount('need_info')).toBe(1);
  });
});
