import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/contracts/reply.js';
import { renderDetails, renderReply, type Block, type RenderableReply } from '../../../src/channels/slack/render-blocks.js';
import { renderCaseCard, renderDecisionNotice } from '../../../src/channels/slack/render-case.js';
import { SLACK_ACTIONS } from '../../../src/channels/slack/slack-ids.js';
import { ELLIPSIS, LIMITS, fitMrkdwn, fitPlain } from '../../../src/channels/slack/text-limits.js';

const VERDICTS = ['license_required', 'prohibited', 'escalate', 'need_info', 'not_required', 'none'] as const;
const STATES = ['not_needed', 'offered', 'opened', 'existing', 'claimed', 'resolved'] as const;

/** Any text: full Unicode (astral characters too), Slack markup characters, and lengths past every limit. */
const text = (max: number) => fc.oneof(
  fc.string({ unit: 'binary', maxLength: max }),
  fc.string({ unit: fc.constantFrom('<', '>', '&', '|', '*', ' ', 'a', '😀', '\n', '@'), maxLength: max }),
);

const replyArb: fc.Arbitrary<RenderableReply> = fc.record({
  headline: text(400).map((s) => s || 'x'),
  verdict: fc.constantFrom(...VERDICTS),
  reasons: fc.array(text(4000), { maxLength: 60 }),
  citations: fc.array(fc.record({
    source: text(300),
    article: fc.option(text(300), { nil: undefined }),
    title: fc.option(text(3500), { nil: undefined }),
    url: fc.option(fc.oneof(fc.webUrl(), text(200)), { nil: undefined }),
  }), { maxLength: 60 }),
  followUps: fc.array(fc.record({ fact: fc.string(), question: text(4000), choices: fc.array(text(2500), { maxLength: 40 }) }), { maxLength: 6 }),
  nextSteps: fc.array(text(4000), { maxLength: 40 }),
  escalation: fc.record({ state: fc.constantFrom(...STATES), caseId: fc.option(fc.string(), { nil: undefined }), note: fc.option(text(4000), { nil: undefined }) }),
  disclaimer: text(4000),
  inputNote: fc.option(text(4000), { nil: undefined }),
  readAs: fc.option(fc.record({ text: text(4000), corrections: fc.array(fc.record({ label: text(75).map((s) => s || 'x') }), { maxLength: 5 }) }), { nil: undefined }),
});

const optionsArb = fc.record({
  ref: fc.option(fc.constantFrom('t:C123:1700000000.000100', 'd:D1', 's:C1:U1'), { nil: undefined }),
  turnId: fc.option(fc.constantFrom('Ev123ABC', 'cmd:1.2.abc'), { nil: undefined }),
  shareable: fc.boolean(),
  preface: fc.option(fc.record({ user: fc.option(fc.constantFrom('U1', 'bad id'), { nil: undefined }), text: text(3000) }), { nil: undefined }),
});

interface TextObject { type: string; text: string }
function textsOf(blocks: Block[]): { kind: string; t: TextObject }[] {
  const out: { kind: string; t: TextObject }[] = [];
  for (const b of blocks) {
    if (b.type === 'header') out.push({ kind: 'header', t: b.text });
    if (b.type === 'section' && b.text) out.push({ kind: 'section', t: b.text as TextObject });
    if (b.type === 'context') for (const e of b.elements) if ('text' in e && typeof e.text === 'string') out.push({ kind: 'context', t: e as TextObject });
    if (b.type === 'actions') for (const e of b.elements) if (e.type === 'button') out.push({ kind: 'button', t: e.text });
  }
  return out;
}

/** What is left of a mrkdwn text once the markup Lodestone writes on purpose is taken out. */
function strayMarkup(s: string): boolean {
  const rest = s.replace(/<https?:\/\/[^\s|<>]+\|[^<>\n]+>/g, '').replace(/<@[A-Z0-9_]+>/g, '').replace(/^>/gm, '');
  return /[<>]/.test(rest) || /&(?!amp;|lt;|gt;)/.test(rest);
}

function hasLoneSurrogate(s: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

describe('Block Kit rendering of a Reply', () => {
  it('stays inside every Slack limit for any Reply, with no stray markup and no broken characters', () => {
    fc.assert(fc.property(replyArb, optionsArb, (reply, options) => {
      const { text: fallback, blocks } = renderReply(reply, options);
      expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
      expect(fallback.length).toBeLessThanOrEqual(LIMITS.fallbackText);
      expect(blocks[0]?.type === 'header' || blocks[1]?.type === 'header').toBe(true);
      for (const { kind, t } of textsOf(blocks)) {
        const max = kind === 'header' ? LIMITS.headerText : kind === 'button' ? LIMITS.buttonText : LIMITS.sectionText;
        expect(t.text.length).toBeLessThanOrEqual(max);
        expect(t.text.trim().length).toBeGreaterThan(0);
        expect(hasLoneSurrogate(t.text)).toBe(false);
        if (t.type === 'mrkdwn') expect(strayMarkup(t.text)).toBe(false);
      }
      const blockIds = blocks.flatMap((b) => (b.block_id ? [b.block_id] : []));
      expect(new Set(blockIds).size).toBe(blockIds.length);
      const actionIds: string[] = [];
      for (const b of blocks) {
        if (b.block_id) expect(b.block_id.length).toBeLessThanOrEqual(LIMITS.blockId);
        if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
        if (b.type !== 'actions') continue;
        expect(b.elements.length).toBeLessThanOrEqual(LIMITS.actionsElements);
        for (const e of b.elements) {
          if (e.type !== 'button') continue;
          expect((e.value ?? '').length).toBeLessThanOrEqual(LIMITS.buttonValue);
          if (e.action_id) actionIds.push(e.action_id);
        }
      }
      expect(new Set(actionIds).size).toBe(actionIds.length);
      for (const id of actionIds) expect(SLACK_ACTIONS).toContain(id.split(':')[0]);
    }), { numRuns: 300 });
  });

  it('cuts an over-long reason with an ellipsis instead of letting Slack refuse the message', () => {
    const reply = { ...base(), reasons: ['word '.repeat(2000)] };
    const section = renderReply(reply).blocks.find((b) => b.type === 'section' && b.text?.text.startsWith('• word'));
    expect(section?.type === 'section' && section.text?.text.endsWith(ELLIPSIS)).toBe(true);
  });

  it('puts the verdict in the header, the primary citation as a link and the disclaimer last', () => {
    const { blocks } = renderReply({
      ...base(),
      citations: [{ source: 'CN-ANN-2025-18', article: 'art. 1', title: 'Announcement <18>', url: 'https://www.mofcom.gov.cn/a?b=1&c=2' }],
    });
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: ':page_facing_up: Licence required — Ship only with a MOFCOM licence' } });
    const all = JSON.stringify(blocks);
    expect(all).toContain('<https://www.mofcom.gov.cn/a?b=1&amp;c=2|CN-ANN-2025-18 art. 1> — Announcement &lt;18&gt;');
    expect(blocks.at(-1)).toMatchObject({ type: 'context', elements: [{ text: 'Not legal advice.' }] });
  });

  it('offers follow-up choices as buttons that carry the choice and the conversation', () => {
    const { blocks } = renderReply({
      ...base(), verdict: 'need_info', followUps: [{ fact: 'item.elements', question: 'Which?', choices: ['It contains dysprosium', 'It is SmCo'] }],
    }, { ref: 't:C1:1700000000.000100', turnId: 'Ev1' });
    const actions = blocks.find((b) => b.type === 'actions' && b.block_id?.startsWith('fu0|'));
    expect(actions).toMatchObject({
      block_id: 'fu0|t:C1:1700000000.000100',
      elements: [{ action_id: 'followup_choice:0:0', value: 'It contains dysprosium' }, { action_id: 'followup_choice:0:1', value: 'It is SmCo' }],
    });
  });

  it('shows "I read this as" right after the headline, with each correction as a button carrying its label and the conversation', () => {
    const { blocks } = renderReply({
      ...base(),
      readAs: { text: 'I read this as: NdFeB magnet, containing dysprosium, <loose>, from China, to Germany.', corrections: [{ label: 'It contains no Dy or Tb' }, { label: 'It ships from outside China' }] },
    }, { ref: 't:C1:1700000000.000100', turnId: 'Ev1' });
    expect(blocks.slice(0, 4).map((b) => b.type)).toEqual(['header', 'section', 'context', 'actions']);
    expect(JSON.stringify(blocks[2])).toContain('I read this as: NdFeB magnet, containing dysprosium, &lt;loose&gt;, from China, to Germany.');
    expect(blocks[3]).toMatchObject({
      block_id: 'ra|t:C1:1700000000.000100',
      elements: [
        { action_id: 'readas_correct:0', value: 'It contains no Dy or Tb', text: { text: 'It contains no Dy or Tb' } },
        { action_id: 'readas_correct:1', value: 'It ships from outside China' },
      ],
    });
  });

  it('offers a correction once when a follow-up choice already says the same, and keeps only the line on a shared copy', () => {
    const reply: RenderableReply = {
      ...base(), verdict: 'need_info',
      followUps: [{ fact: 'item.elements', question: 'Which?', choices: ['It contains dysprosium', 'It is SmCo'] }],
      readAs: { text: 'I read this as: magnet, loose.', corrections: [{ label: 'It contains Dysprosium' }, { label: 'It ships from China' }] },
    };
    const values = (bs: Block[]) => bs.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('value' in e ? e.value : '')) : []));
    const live = renderReply(reply, { ref: 'd:D1' }).blocks;
    expect(values(live).filter((v) => v?.toLowerCase() === 'it contains dysprosium')).toHaveLength(1);
    expect(values(live)).toContain('It ships from China');
    const shared = renderReply(reply).blocks;
    expect(JSON.stringify(shared)).toContain('I read this as: magnet, loose.');
    expect(shared.some((b) => b.type === 'actions')).toBe(false);
  });

  it('offers Escalate only where escalation is on offer, and no buttons at all on a shared copy', () => {
    const offered = renderReply(base(), { ref: 'd:D1', turnId: 'Ev1', shareable: true });
    const ids = offered.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : []));
    expect(ids).toEqual(['escalate', 'feedback_helpful', 'feedback_not_helpful', 'share_in_channel']);
    const opened = renderReply({ ...base(), escalation: { state: 'opened', caseId: 'C-000001', note: 'Case C-000001 is with the compliance team.' } }, { ref: 'd:D1', turnId: 'Ev1' });
    expect(JSON.stringify(opened.blocks)).not.toContain('"escalate"');
    expect(JSON.stringify(opened.blocks)).toContain('Case C-000001 is with the compliance team.');
    expect(renderReply(base()).blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('never lets text typed by a person become a mention or a broadcast', () => {
    const { text, blocks } = renderReply({ ...base(), reasons: ['Hi <!channel> and <@U123>'] });
    const mrkdwn = textsOf(blocks).filter((x) => x.t.type === 'mrkdwn').map((x) => x.t.text).join('\n');
    expect(mrkdwn).toContain('Hi &lt;!channel&gt; and &lt;@U123&gt;');
    expect(mrkdwn).not.toContain('<!channel>');
    expect(renderReply({ ...base(), headline: '<!here>' }).text).toBe('Licence required: &lt;!here&gt;');
    expect(text).not.toContain('<');
  });
});

describe('the compact reply shape in Slack', () => {
  const needInfo: RenderableReply = {
    ...base(),
    verdict: 'need_info',
    headline: 'I need a little more information to answer about NdFeB magnets.',
    reasons: [
      'Announcement 2025 No. 18 (medium and heavy rare earths) may apply, depending on facts not yet known.',
      'Announcement 2025 No. 57 (Ho, Er, Tm, Eu, Yb items) may apply, but its status on 2026-11-30 is unknown: a compliance officer must decide.',
      'Announcement 2025 No. 61 §1(3) may apply, but its status on 2026-11-30 is unknown: a compliance officer must decide.',
    ],
    followUps: [{ fact: 'item.elements', question: 'Which rare earths does it contain?', choices: ['It contains dysprosium', 'It contains terbium', 'It is SmCo', 'No Dy or Tb'] }],
    nextSteps: ['The exporter in China applies to MOFCOM for a dual-use export licence.'],
    missing: ['rare earths contained', 'shipped from China'],
    citations: [{ source: 'CN-ANN-2025-18', article: '1C902-1C908' }, { source: 'CN-ANN-2025-57' }, { source: 'CN-ANN-2025-61' }],
    readAs: { text: 'I read this as: NdFeB magnet, loose, to Germany.', corrections: [{ label: 'They are built into a product' }] },
  };
  const licence: RenderableReply = {
    ...base(),
    reasons: ['The item is listed in No. 18.', 'A second reason.', 'A third reason.'],
    nextSteps: ['Apply to MOFCOM.', 'Allow 45 working days.', 'Apply to MOFCOM.'],
    citations: [{ source: 'CN-ANN-2025-18', article: '1C902-1C908', url: 'https://www.mofcom.gov.cn/18.html' }, { source: 'CN-DUR-2024' }],
  };
  const opts = { ref: 't:C1:1700000000.000100', turnId: 'Ev1', shareable: true };
  const bullets = (bs: Block[]) => bs.filter((b) => b.type === 'section' && b.text?.text.startsWith('• ')).map((b) => (b.type === 'section' ? b.text?.text : ''));

  it('a need_info answer is at most 10 blocks: header, headline, reading, one reason, the question with its choices, the source, buttons, disclaimer', () => {
    const { blocks } = renderReply(needInfo, opts);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'actions', 'section', 'section', 'actions', 'context', 'actions', 'context']);
    expect(blocks[0]).toMatchObject({ text: { text: ':grey_question: More information needed — Answer the question below' } });
    expect(bullets(blocks)).toEqual(['• Announcement 2025 No. 18 (medium and heavy rare earths) may apply, depending on facts not yet known.']);
    const all = JSON.stringify(blocks);
    expect(all).not.toContain('No. 57');
    expect(all).not.toContain('MOFCOM for a dual-use');
    expect(all).toContain('Source: *CN-ANN-2025-18 1C902-1C908*');
    for (const { kind, t } of textsOf(blocks)) expect(t.text.length).toBeLessThanOrEqual(kind === 'header' ? LIMITS.headerText : kind === 'button' ? LIMITS.buttonText : 300);
  });

  it('a licence_required answer shows two reasons and the primary source; Details holds the rest, next steps once each and every source', () => {
    const { blocks } = renderReply(licence, opts);
    expect(blocks.length).toBeLessThanOrEqual(8);
    expect(bullets(blocks)).toEqual(['• The item is listed in No. 18.\n• A second reason.']);
    expect(JSON.stringify(blocks)).not.toContain('Next steps');
    const buttons = blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : []));
    expect(buttons).toEqual(['escalate', 'reply_details', 'feedback_helpful', 'feedback_not_helpful', 'share_in_channel']);

    const details = JSON.stringify(renderDetails(licence).blocks);
    expect(details).toContain('A third reason.');
    expect(details.match(/Apply to MOFCOM\./g)).toHaveLength(1);
    expect(details).toContain('Allow 45 working days.');
    expect(details).toContain('CN-DUR-2024');
    expect(JSON.stringify(renderDetails(needInfo).blocks)).not.toContain('Next steps');
    expect(JSON.stringify(renderDetails(needInfo).blocks)).toContain('rare earths contained');
  });

  it('licence required and prohibited differ in emoji and words', () => {
    const header = (r: RenderableReply) => renderReply(r).blocks.find((b) => b.type === 'header');
    expect(header(licence)).toMatchObject({ text: { text: ':page_facing_up: Licence required — Ship only with a MOFCOM licence' } });
    expect(header({ ...licence, verdict: 'prohibited' })).toMatchObject({ text: { text: ':no_entry: Prohibited — Do not ship' } });
  });
});

describe('text limits', () => {
  it('cuts at a word boundary with an ellipsis and never inside an escape or a surrogate pair', () => {
    expect(fitPlain('alpha beta gamma delta', 12)).toBe('alpha beta…');
    expect(fitMrkdwn('a&&&&&&&&', 9)).toBe('a&amp;…');
    expect(fitPlain('😀😀😀😀', 4)).toBe('😀…');
    expect(fitPlain('short', 10)).toBe('short');
  });
});

describe('case rendering', () => {
  it('fits any question, note and facts into a card and a notice within Slack\'s limits', () => {
    fc.assert(fc.property(text(30_000), text(5000), (question, note) => {
      const c = caseView(question, note);
      for (const r of [renderCaseCard(c), renderDecisionNotice(c)]) {
        expect(r.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
        for (const { kind, t } of textsOf(r.blocks)) {
          expect(t.text.length).toBeLessThanOrEqual(kind === 'header' ? LIMITS.headerText : LIMITS.sectionText);
          if (t.type === 'mrkdwn') expect(strayMarkup(t.text)).toBe(false);
        }
      }
    }), { numRuns: 100 });
  });
});

describe('case card: the question as read', () => {
  it('shows the officer the line the asker was shown', () => {
    const { blocks } = renderCaseCard(caseView('Tb magnets to Germany?', 'note'));
    expect(JSON.stringify(blocks)).toContain('I read this as: magnet, containing terbium, loose, not built into a product, to Germany.');
  });
});

function base(): RenderableReply {
  return {
    headline: 'Licence required: exporting samarium metal from China needs a MOFCOM dual-use export licence.',
    verdict: 'license_required',
    reasons: ['The item is listed.'],
    citations: [],
    followUps: [],
    nextSteps: [],
    escalation: { state: 'offered' },
    disclaimer: 'Not legal advice.',
  } satisfies Partial<Reply>;
}

function caseView(question: string, note: string): Parameters<typeof renderCaseCard>[0] {
  const at = '2026-03-02T10:00:00.000Z';
  const officer = { channel: 'slack' as const, user: 'U_OFFICER' };
  return {
    id: 'C-000001', state: 'resolved', question, turns: [], facts: { destination: 'DE', item: { form: 'magnet', elementsPresent: ['Tb'] } },
    factsKey: 'k', verdict: 'escalate', rulesVersion: 'abc123',
    decision: { verdict: 'escalate', reasons: [question], citations: [{ source: question.slice(0, 50), title: note }], ruleIds: [], missing: [], rulesVersion: 'abc123', asOf: '2026-03-02' },
    asker: { channel: 'teams', user: 'aad-1', name: note.slice(0, 200) },
    replyTo: { channel: 'slack', user: 'U_ASKER', conversation: 'slack:T:C:1.1' },
    claimedBy: officer, claimedAt: at,
    resolution: { decision: 'prohibited', note, by: officer, at, reusable: true },
    createdAt: at, updatedAt: at, redactedAt: null, history: [],
  };
}
