/** The Adaptive Cards, as pure functions of a Reply or a case. */
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/contracts/reply.js';
import type { CaseView } from '../../../src/cases/case-view.js';
import { renderCaseCard } from '../../../src/channels/teams/render-case-card.js';
import { DETAILS_ID, renderReplyCard } from '../../../src/channels/teams/render-card.js';
import { renderDecisionCard } from '../../../src/channels/teams/render-decision-card.js';
import { cardActions, cardText } from './harness.js';

function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    headline: 'Licence required: exporting dysprosium magnets from China needs a MOFCOM dual-use export licence.',
    verdict: 'license_required',
    intent: { name: 'part_license', confidence: 0.9 },
    reasons: ['Dysprosium magnets are listed in Announcement 2025 No. 18.'],
    citations: [
      { source: 'CN-ANN-2025-18', article: 'art. 1', title: 'Medium and heavy rare earths', url: 'https://www.mofcom.gov.cn/a(1).html' },
      { source: 'CN-DUAL-USE-REG', article: 'art. 17' },
    ],
    followUps: [],
    nextSteps: ['Apply to MOFCOM.'],
    escalation: { state: 'offered' },
    fired: [],
    missing: [],
    disclaimer: 'Not legal advice. Based on Lodestone rules version abc as of 2026-03-02; when unsure, ask compliance.',
    rulesVersion: 'abc',
    asOf: '2026-03-02',
    ...overrides,
  };
}

const ISO = '2026-03-02T09:00:00.000Z';

function caseView(overrides: Partial<CaseView> = {}): CaseView {
  return {
    id: 'C-000007', state: 'open', question: 'Can we ship [free money](https://evil.example) magnets?', turns: [],
    facts: {}, factsKey: 'k',
    decision: {
      verdict: 'escalate', reasons: ['The end use is unclear.'], citations: [{ source: 'CN-ANN-2025-61' }], ruleIds: [],
      missing: [], rulesVersion: 'abc', asOf: '2026-03-02',
    },
    verdict: 'escalate', rulesVersion: 'abc',
    asker: { channel: 'teams', user: 'asker-aad-id', name: 'Ada' },
    replyTo: { channel: 'teams', user: 'asker-aad-id', conversation: 'a:chat' },
    claimedBy: null, claimedAt: null, resolution: null, createdAt: ISO, updatedAt: ISO, redactedAt: null, history: [],
    ...overrides,
  };
}

describe('reply card: the compact shape', () => {
  const needInfo = reply({
    verdict: 'need_info',
    headline: 'I need a little more information to answer about NdFeB magnets.',
    reasons: [
      'Announcement 2025 No. 18 may apply, depending on facts not yet known.',
      'Announcement 2025 No. 57 may apply, but its status on 2026-11-30 is unknown: a compliance officer must decide.',
    ],
    followUps: [{ fact: 'item.elements', question: 'Which rare earths does it contain?', choices: ['It contains dysprosium', 'It contains terbium', 'It is SmCo', 'No Dy or Tb'] }],
    nextSteps: ['Apply to MOFCOM.'],
    missing: ['rare earths contained'],
  });
  const shown = (c: ReturnType<typeof renderReplyCard>) => {
    const body = c.body as Record<string, unknown>[];
    return body.filter((e) => e.id !== DETAILS_ID);
  };
  const hidden = (c: ReturnType<typeof renderReplyCard>) => (c.body as Record<string, unknown>[]).find((e) => e.id === DETAILS_ID);

  it('a need_info card shows at most 9 body elements: band, reading, one reason, the question, the source, the Details toggle, the disclaimer', () => {
    const c = renderReplyCard(needInfo);
    expect(shown(c).length).toBeLessThanOrEqual(9);
    const glance = cardText({ body: shown(c) });
    expect(glance).toContain('❓ MORE INFORMATION NEEDED — Answer the question below');
    expect(glance).toContain('Announcement 2025 No. 18 may apply');
    expect(glance).not.toContain('No. 57');
    expect(glance).toContain('Which rare earths does it contain?');
    expect(glance).toContain('Source: [CN-ANN-2025-18 art. 1');
    for (const t of glance.split('\n')) expect(t.length).toBeLessThanOrEqual(2_000);
    // The rest is in a container the Details toggle shows; a question still open lists no next steps.
    expect(hidden(c)).toMatchObject({ type: 'Container', isVisible: false });
    const more = cardText(hidden(c));
    expect(more).toContain('No. 57');
    expect(more).toContain('rare earths contained');
    expect(more).not.toContain('Apply to MOFCOM.');
    expect(cardActions(c)).toContainEqual({ type: 'Action.ToggleVisibility', title: 'Details', targetElements: [DETAILS_ID] });
    expect((c.actions as unknown[]).length).toBeLessThanOrEqual(6);
  });

  it('a licence_required card shows two reasons and the primary source; next steps, once each, and every source are behind Details', () => {
    const c = renderReplyCard(reply({ reasons: ['First.', 'Second.', 'Third.'], nextSteps: ['Apply to MOFCOM.', 'Apply to MOFCOM.', 'Wait.'] }));
    const glance = cardText({ body: shown(c) });
    expect(glance).toContain('📄 LICENCE REQUIRED — Ship only with a MOFCOM licence');
    expect(glance).toContain('• First.');
    expect(glance).toContain('• Second.');
    expect(glance).not.toContain('Third.');
    expect(glance).not.toContain('Apply to MOFCOM.');
    expect(glance).not.toContain('CN-DUAL-USE-REG');
    const more = cardText(hidden(c));
    expect(more.match(/Apply to MOFCOM\./g)).toHaveLength(1);
    expect(more).toContain('CN-DUAL-USE-REG art. 17');
    expect(more).toContain('Third.');
  });

  it('licence required and prohibited differ in emoji and words', () => {
    expect(cardText(renderReplyCard(reply({ verdict: 'prohibited' })))).toContain('⛔ PROHIBITED — Do not ship');
    expect(cardText(renderReplyCard(reply()))).not.toContain('⛔');
  });
});

describe('reply card', () => {
  it('is an Adaptive Card 1.5 with the verdict, headline, reasons, next steps and disclaimer', () => {
    const card = renderReplyCard(reply());
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' });
    const text = cardText(card);
    for (const s of ['LICENCE REQUIRED', reply().headline, reply().reasons[0], 'Apply to MOFCOM.', reply().disclaimer]) expect(text).toContain(s);
  });

  it('links citations that have an address, escaping what would break the link', () => {
    const text = cardText(renderReplyCard(reply()));
    expect(text).toContain('[CN-ANN-2025-18 art. 1 — Medium and heavy rare earths](https://www.mofcom.gov.cn/a%281%29.html)');
    expect(text).toContain('CN-DUAL-USE-REG art. 17');
  });

  it('never links a citation address that is not http(s)', () => {
    const text = cardText(renderReplyCard(reply({ citations: [{ source: 'X', url: 'javascript:alert(1)' }] })));
    expect(text).not.toContain('javascript:');
  });

  it('offers the follow-up answers as Action.Submit buttons, then Escalate', () => {
    const card = renderReplyCard(reply({
      verdict: 'need_info',
      followUps: [{ fact: 'destination', question: 'Where does it go?', choices: ['Germany', 'United States'] }],
    }));
    expect(cardText(card)).toContain('Where does it go?');
    expect(cardActions(card).filter((a) => a.type === 'Action.Submit')).toEqual([
      { type: 'Action.Submit', title: 'Germany', data: { action: 'followup', text: 'Germany' } },
      { type: 'Action.Submit', title: 'United States', data: { action: 'followup', text: 'United States' } },
      { type: 'Action.Submit', title: 'Ask a compliance officer', data: { action: 'escalate' } },
    ]);
  });

  it('shows "I read this as" after the headline with its corrections in their own ActionSet, leaving the card actions to follow-ups and Escalate', () => {
    const card = renderReplyCard(reply({
      verdict: 'need_info',
      followUps: [{ fact: 'item.elements', question: 'Which?', choices: ['It contains dysprosium', 'It is SmCo'] }],
      readAs: {
        text: 'I read this as: [magnet](https://evil.example), loose.',
        corrections: [
          { id: 'has-dy', label: 'It contains dysprosium', patch: {} },
          { id: 'from-china', label: 'It ships from China', patch: { shipFrom: 'CN' } },
        ],
      },
    }));
    const body = card.body as Record<string, unknown>[];
    expect(body[1]).toEqual({ type: 'RichTextBlock', spacing: 'small', inlines: [{ type: 'TextRun', text: 'I read this as: [magnet](https://evil.example), loose.', isSubtle: true }] });
    // The correction that repeats a follow-up choice is offered once, as the choice.
    expect(body[2]).toEqual({ type: 'ActionSet', spacing: 'small', actions: [{ type: 'Action.Submit', title: 'It ships from China', data: { action: 'followup', text: 'It ships from China' } }] });
    expect((card.actions as unknown[]).map((a) => (a as { title: string }).title)).toEqual(['It contains dysprosium', 'It is SmCo', 'Ask a compliance officer']);
  });

  it('does not offer Escalate for a question already with compliance', () => {
    const card = renderReplyCard(reply({ verdict: 'escalate', escalation: { state: 'opened', caseId: 'C-000001' } }));
    expect(cardActions(card).filter((a) => a.type === 'Action.Submit')).toHaveLength(0);
    expect(cardText(card)).toContain('Case C-000001 is with the compliance team.');
  });

  it('shows text from the question literally, in TextRuns that do not render markdown', () => {
    const card = renderReplyCard(reply({ headline: '"[click](https://evil.example)" is not something Lodestone covers.' }));
    const json = JSON.stringify(card);
    expect(json).toContain('{"type":"TextRun","text":"\\"[click](https://evil.example)\\" is not something Lodestone covers."');
    expect(json).not.toMatch(/"type":"TextBlock","[^}]*evil\.example/);
  });
});

describe('case card', () => {
  it('shows the officer the question as Lodestone read it', () => {
    const card = renderCaseCard(caseView({ facts: { shipFrom: 'CN', destination: 'DE', item: { form: 'magnet', elementsPresent: ['Dy'] } } }));
    expect(JSON.stringify(card)).toContain('I read this as: magnet, containing dysprosium, loose, not built into a product, from China, to Germany.');
  });

  it('offers Claim and a Decide form with the three officer verdicts, a note and the reusable toggle', () => {
    const card = renderCaseCard(caseView());
    const actions = cardActions(card);
    expect(actions.map((a) => a.title)).toEqual(['Claim', 'Decide', 'Submit decision']);
    const json = JSON.stringify(card);
    expect(json).toContain('"type":"Input.ChoiceSet","id":"verdict"');
    expect(json).toContain('"type":"Input.Text","id":"note"');
    expect(json).toContain('"type":"Input.Toggle","id":"reusable"');
    for (const v of ['license_required', 'not_required', 'prohibited']) expect(json).toContain(`"value":"${v}"`);
  });

  it('keeps Decide but not Claim once claimed', () => {
    const card = renderCaseCard(caseView({ state: 'claimed', claimedBy: { channel: 'teams', user: 'o', name: 'Olga' } }));
    expect(cardText(card)).toContain('Claimed by Olga');
    expect(cardActions(card).map((a) => a.title)).toEqual(['Decide', 'Submit decision']);
  });

  it('shows the decision and offers nothing once resolved', () => {
    const card = renderCaseCard(caseView({
      state: 'resolved',
      resolution: { decision: 'prohibited', note: 'Military end user.', by: { channel: 'teams', user: 'o', name: 'Olga' }, at: ISO, reusable: true },
    }));
    expect(cardText(card)).toMatch(/Decided: Prohibited, by Olga[\s\S]*Military end user\./);
    expect(cardActions(card)).toHaveLength(0);
  });

  it("shows the asker's question literally", () => {
    expect(JSON.stringify(renderCaseCard(caseView()))).toContain('{"type":"TextRun","text":"Can we ship [free money](https://evil.example) magnets?"}');
  });
});

describe('decision card', () => {
  it("tells the asker the officer's verdict and note", () => {
    const resolution = { decision: 'not_required', note: 'Finished motors are out of scope.', by: { channel: 'teams', user: 'o', name: 'Olga' }, at: ISO, reusable: false } as const;
    const text = cardText(renderDecisionCard(caseView({ state: 'resolved', resolution }), resolution));
    expect(text).toMatch(/NO LICENCE REQUIRED[\s\S]*case C-000007[\s\S]*Finished motors are out of scope\.[\s\S]*Olga/);
    expect(text).toMatch(/Not legal advice/);
  });
});
