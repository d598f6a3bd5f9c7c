/**
 * Case shapes in Slack: the card in the compliance channel (with Claim and Decide while it is open), the
 * decision as the asker sees it in their thread, and the Decide modal. Pure: a CaseView in, Block Kit out.
 */
import { readAsText } from '../../assistant/read-as.js';
import type { types } from '@slack/bolt';
import { OFFICER_DECISIONS, type Actor, type CaseView, type OfficerDecision } from '../../cases/case-view.js';
import type { Block } from './render-blocks.js';
import { citationLine, plainVerdict, verdictLabel } from './render-blocks.js';
import { ACTION, DECIDE_FORM, VIEW } from './slack-ids.js';
import { LIMITS, fitMrkdwn, fitPlain, nonEmpty, packLines } from './text-limits.js';

const USER_ID = /^[A-Z0-9_]{1,40}$/;
const MAX_FACT_LINES = 20;
const MAX_CARD_REASONS = 4;
const MAX_CARD_CITATIONS = 8;

const STATE_LABEL: Record<CaseView['state'], string> = {
  open: 'Open', claimed: 'Claimed', resolved: 'Resolved', reopened: 'Reopened',
};

export const DECISION_LABEL: Record<OfficerDecision, string> = {
  license_required: 'Licence required',
  not_required: 'No licence required',
  prohibited: 'Prohibited',
};

/** A person as mrkdwn: a Slack mention for Slack users, the name and platform otherwise. */
export function who(a: Actor): string {
  if (a.channel === 'slack' && USER_ID.test(a.user)) return `<@${a.user}>`;
  return fitMrkdwn(`${a.name ?? a.user} (${a.channel})`, 200);
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** Facts flattened to `path: value` lines, for an officer to scan. */
export function factLines(value: unknown, path = ''): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.length === 0 ? [] : [`${path}: ${value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')}`];
  if (typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => factLines(v, path ? `${path}.${k}` : k));
  }
  return [`${path}: ${String(value)}`];
}

/** A blockquote; the `>` markers are ours, the text inside is escaped. */
function quote(text: string, max: number): string {
  return fitMrkdwn(nonEmpty(text, '(empty)'), max - 200).split('\n').map((l) => `>${l}`).join('\n');
}

/** The card in the compliance channel. */
export function renderCaseCard(c: CaseView): { text: string; blocks: Block[] } {
  const blocks: Block[] = [];
  blocks.push({ type: 'header', text: { type: 'plain_text', text: fitPlain(`Case ${c.id} · ${STATE_LABEL[c.state]}`, LIMITS.headerText), emoji: true } });
  blocks.push(section(quote(c.question, LIMITS.sectionText)));
  blocks.push(section(`Asked by ${who(c.asker)} on ${c.createdAt.slice(0, 16).replace('T', ' ')} UTC\n`
    + `*Preliminary verdict:* ${plainVerdict(c.verdict)} · rules ${fitMrkdwn(c.rulesVersion, 40)}`));
  // The officer sees the question as Lodestone read it, the same line the asker was shown.
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: fitMrkdwn(readAsText(c.facts), LIMITS.contextText) }] });
  const facts = factLines(c.facts);
  if (facts.length > 0) {
    const lines = facts.slice(0, MAX_FACT_LINES).map((l) => `• ${fitMrkdwn(l, 300)}`);
    for (const t of packLines(['*Facts*', ...lines], LIMITS.sectionText, (l) => l)) blocks.push(section(t));
  }
  const reasons = c.decision.reasons.slice(0, MAX_CARD_REASONS).map((r) => `• ${fitMrkdwn(r, 700)}`);
  if (reasons.length > 0) for (const t of packLines(['*Why it was escalated*', ...reasons], LIMITS.sectionText, (l) => l)) blocks.push(section(t));
  const cites = c.decision.citations.slice(0, MAX_CARD_CITATIONS).map((x) => `• ${citationLine(x)}`);
  if (cites.length > 0) for (const t of packLines(['*Sources*', ...cites], LIMITS.sectionText, (l) => l)) blocks.push(section(t));

  if (c.claimedBy && c.state === 'claimed') blocks.push(section(`:raising_hand: Claimed by ${who(c.claimedBy)}`));
  if (c.resolution && c.state === 'resolved') {
    const r = c.resolution;
    const note = r.note.trim() ? `\n${quote(r.note, 2000)}` : '';
    blocks.push(section(`:white_check_mark: *${DECISION_LABEL[r.decision]}* — decided by ${who(r.by)}${r.reusable ? ' (reusable for the same facts)' : ''}${note}`));
  }
  if (c.state === 'reopened') blocks.push(context('Reopened: this case was decided before and is under review again.'));

  const actions: types.Button[] = [];
  if (c.state === 'open' || c.state === 'reopened') {
    actions.push({ type: 'button', action_id: ACTION.claim, text: { type: 'plain_text', text: 'Claim' }, value: c.id });
  }
  if (c.state !== 'resolved') {
    actions.push({ type: 'button', action_id: ACTION.decide, text: { type: 'plain_text', text: 'Decide' }, value: c.id, style: 'primary' });
  }
  if (actions.length > 0) blocks.push({ type: 'actions', block_id: `case|${c.id}`, elements: actions });
  blocks.push(context(`Lodestone case ${c.id} · updated ${c.updatedAt.slice(0, 16).replace('T', ' ')} UTC`));
  return { text: fitMrkdwn(`Case ${c.id} (${STATE_LABEL[c.state]}): ${c.question}`, 300), blocks: blocks.slice(0, LIMITS.blocks) };
}

/** The decision as the asker reads it in their thread. */
export function renderDecisionNotice(c: CaseView): { text: string; blocks: Block[] } {
  const r = c.resolution;
  if (!r) throw new Error(`case ${c.id} has no decision to announce`);
  const mention = c.replyTo.channel === 'slack' && USER_ID.test(c.replyTo.user) ? `<@${c.replyTo.user}> ` : '';
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: fitPlain(verdictLabel(r.decision), LIMITS.headerText), emoji: true } },
    section(`${mention}A compliance officer decided case ${c.id}: *${DECISION_LABEL[r.decision]}*.`),
  ];
  if (r.note.trim()) blocks.push(section(quote(r.note, LIMITS.sectionText)));
  blocks.push(context(`Decided by ${who(r.by)} on ${r.at.slice(0, 10)} under Lodestone rules version ${fitMrkdwn(c.rulesVersion, 40)}.`));
  return { text: fitMrkdwn(`Compliance decided case ${c.id}: ${DECISION_LABEL[r.decision]}`, 300), blocks };
}

/** The Decide modal; the case id rides in private_metadata. */
export function renderDecideModal(c: CaseView): types.ModalView {
  const option = (d: OfficerDecision): types.PlainTextOption => ({ text: { type: 'plain_text', text: DECISION_LABEL[d] }, value: d });
  return {
    type: 'modal',
    callback_id: VIEW.decide,
    private_metadata: JSON.stringify({ caseId: c.id }),
    title: { type: 'plain_text', text: fitPlain(`Decide ${c.id}`, LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: 'Decide' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(quote(c.question, LIMITS.sectionText)),
      context(`Preliminary verdict: ${plainVerdict(c.verdict)} · asked by ${who(c.asker)}`),
      {
        type: 'input',
        block_id: DECIDE_FORM.verdictBlock,
        label: { type: 'plain_text', text: 'Decision' },
        element: {
          type: 'static_select',
          action_id: DECIDE_FORM.verdictAction,
          placeholder: { type: 'plain_text', text: 'Choose a decision' },
          options: OFFICER_DECISIONS.map(option),
        },
      },
      {
        type: 'input',
        block_id: DECIDE_FORM.noteBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Note to the asker' },
        element: { type: 'plain_text_input', action_id: DECIDE_FORM.noteAction, multiline: true, max_length: 4000 },
      },
      {
        type: 'input',
        block_id: DECIDE_FORM.reusableBlock,
        optional: true,
        label: { type: 'plain_text', text: 'Precedent' },
        element: {
          type: 'checkboxes',
          action_id: DECIDE_FORM.reusableAction,
          options: [{
            text: { type: 'plain_text', text: 'Reusable for the same facts and rules version' },
            description: { type: 'plain_text', text: 'Later questions with these facts get this answer' },
            value: DECIDE_FORM.reusableValue,
          }],
        },
      },
    ],
  };
}
