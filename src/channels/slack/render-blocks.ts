/**
 * The Reply as a Block Kit message, in the shape every channel uses (reply-view.ts). At a glance: the verdict in a
 * header (an emoji and words, e.g. ":no_entry: Prohibited — do not ship"), the headline, "I read this as" with its
 * one-tap corrections, the one or two deciding reasons, the question with its choices as buttons, the case status,
 * the primary source, the buttons (Escalate, Details, helpful / not helpful, Share) and the disclaimer. Everything
 * else (every reason, next steps, facts still needed, every source) is one click away: "Details" posts them as an
 * ephemeral message (`renderDetails`). Pure: same Reply, same blocks.
 *
 * Everything is cut to Slack's limits (text-limits.ts), so no Reply can make Slack refuse the message.
 */
import type { types } from '@slack/bolt';
import type { Reply } from '../../contracts/reply.js';
import type { ReplyVerdict } from '../../rules/verdict.js';
import { replyView, verdictBadge, type ReplyView, type VerdictIcon } from '../reply-view.js';
import { ACTION } from './slack-ids.js';
import { ELLIPSIS, LIMITS, fitMrkdwn, fitPlain, nonEmpty, packLines } from './text-limits.js';

export type Block = types.KnownBlock;

/** What the renderer reads of "I read this as": the line and the corrections' labels (their patches stay in the core). */
export interface RenderableReadAs {
  readonly text: string;
  readonly corrections: readonly { readonly label: string }[];
}

/** What the renderer reads of a Reply; the trace (`fired`) stays out, so a stored reply stays small. */
export type RenderableReply = Pick<
  Reply, 'headline' | 'verdict' | 'reasons' | 'citations' | 'followUps' | 'nextSteps' | 'escalation' | 'disclaimer' | 'inputNote'
> & { readonly readAs?: RenderableReadAs | undefined; readonly missing?: readonly string[] | undefined };

export interface RenderOptions {
  /** The conversation (conversation-ref.ts) that follow-up and Escalate clicks continue; none: no such buttons. */
  readonly ref?: string;
  /** The stored turn that feedback and Share refer to; none: no feedback buttons. */
  readonly turnId?: string;
  /** Offer "Share in channel" (on ephemeral answers). */
  readonly shareable?: boolean;
  /** A line above the answer: who asked, or which choice was clicked. */
  readonly preface?: { readonly user?: string; readonly text: string };
}

export interface RenderedMessage {
  /** The notification and screen-reader fallback. */
  readonly text: string;
  readonly blocks: Block[];
}

const MAX_CHOICES = 10;
const MAX_CITATIONS = 20;
const SAFE_URL = /^https?:\/\/[^\s|<>]{1,1000}$/;
const USER_ID = /^[A-Z0-9_]{1,40}$/;

/** The view's icons as Slack emoji: licence required and prohibited differ in icon and words, not only colour. */
const EMOJI: Record<VerdictIcon, string> = {
  licence: ':page_facing_up:',
  stop: ':no_entry:',
  check: ':white_check_mark:',
  officer: ':busts_in_silhouette:',
  question: ':grey_question:',
  info: ':compass:',
};

/** The verdict as an emoji and words ("Licence required"); `none` has no badge. */
export function verdictLabel(v: ReplyVerdict): string {
  const badge = verdictBadge(v);
  return badge ? `${EMOJI[badge.icon]} ${badge.label}` : `${EMOJI.info} Lodestone`;
}

function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: fitPlain(nonEmpty(text, '-'), max), emoji: true };
}

/** Slack refuses an empty text object, so an empty line becomes a dash. */
function contextBlock(text: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: nonEmpty(text, '-') }] };
}

function mrkdwnSection(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: nonEmpty(text, '-') } };
}

/** A titled list as one or more sections, each within the section limit. */
function listSections(title: string, lines: readonly string[]): types.SectionBlock[] {
  const bullets = lines.map((l) => `• ${l}`);
  return packLines([`*${title}*`, ...bullets], LIMITS.sectionText, (l, max) => (l.length <= max ? l : `${l.slice(0, max - 1)}${ELLIPSIS}`))
    .map(mrkdwnSection);
}

function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): types.Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(text, LIMITS.buttonText),
    value: value.slice(0, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

function blockId(prefix: string, ref: string | undefined): string {
  return (ref ? `${prefix}|${ref}` : prefix).slice(0, LIMITS.blockId);
}

export function citationLine(c: RenderableReply['citations'][number]): string {
  const oneLine = (t: string | undefined) => (t ?? '').replace(/\s+/g, ' ').trim();
  const label = nonEmpty([oneLine(c.source), oneLine(c.article)].filter(Boolean).join(' '), 'source');
  const title = oneLine(c.title);
  const url = c.url && SAFE_URL.test(c.url) ? c.url : undefined;
  // Link text is cut short so a long title cannot push the closing `>` past the line limit.
  const head = url ? `<${url.replace(/&/g, '&amp;')}|${fitMrkdwn(label, 200)}>` : `*${fitMrkdwn(label, 200)}*`;
  return title ? `${head} — ${fitMrkdwn(title, 600)}` : head;
}

function prefaceText(p: NonNullable<RenderOptions['preface']>): string {
  const who = p.user && USER_ID.test(p.user) ? `<@${p.user}> ` : '';
  return `${who}${fitMrkdwn(p.text, 1000)}`;
}

/** Renders a Reply at a glance; options say which buttons this message gets. */
export function renderReply(reply: RenderableReply, options: RenderOptions = {}): RenderedMessage {
  const view = replyView(reply);
  const head: Block[] = [];
  const body: Block[] = [];
  const tail: Block[] = [];

  if (options.preface) head.push(contextBlock(prefaceText(options.preface)));
  head.push({ type: 'header', text: plain(view.badge ? `${verdictLabel(reply.verdict)} — ${view.badge.action}` : reply.headline, LIMITS.headerText) });
  if (reply.verdict !== 'none' || reply.headline.length > LIMITS.headerText) {
    head.push(mrkdwnSection(`*${fitMrkdwn(reply.headline, LIMITS.sectionText - 2)}*`));
  }
  head.push(...readAsBlocks(view, options.ref));
  if (view.inputNote) head.push(contextBlock(fitMrkdwn(view.inputNote, LIMITS.contextText)));

  if (view.keyReasons.length > 0) {
    body.push(...packLines(view.keyReasons.map((r) => `• ${fitMrkdwn(r, LIMITS.sectionText - 2)}`), LIMITS.sectionText, (l) => l).map(mrkdwnSection));
  }
  if (view.question) {
    body.push(mrkdwnSection(`:speech_balloon: ${fitMrkdwn(view.question.text, LIMITS.sectionText - 20)}`));
    const choices = shownChoices(view.question.choices);
    if (options.ref && choices.length > 0) {
      body.push({
        type: 'actions',
        block_id: blockId('fu0', options.ref),
        elements: choices.map((c, j) => button(`${ACTION.followupChoice}:0:${j}`, c, c)),
      });
    } else {
      body.push(contextBlock('Reply here with the answer.'));
    }
  }
  const status = view.caseStatus;
  if (status) body.push(mrkdwnSection(`:file_folder: ${fitMrkdwn(status.note ?? `Case ${status.caseId ?? ''}: ${status.state}.`, LIMITS.sectionText - 20)}`));
  if (view.primaryCitation) body.push(contextBlock(`Source: ${citationLine(view.primaryCitation)}`));

  const actions: types.Button[] = [];
  if (options.ref && view.offersEscalation) actions.push(button(ACTION.escalate, 'Ask a compliance officer', 'escalate'));
  if (options.turnId) {
    if (view.hasDetails) actions.push(button(ACTION.details, 'Details', options.turnId));
    actions.push(button(ACTION.helpful, ':thumbsup: Helpful', options.turnId), button(ACTION.notHelpful, ':thumbsdown: Not helpful', options.turnId));
    if (options.shareable) actions.push(button(ACTION.share, 'Share in channel', options.turnId, 'primary'));
  }
  if (actions.length > 0) tail.push({ type: 'actions', block_id: blockId('act', options.ref), elements: actions });
  tail.push(contextBlock(fitMrkdwn(nonEmpty(view.disclaimer, 'Not legal advice.'), LIMITS.contextText)));

  const text = fitMrkdwn(`${reply.verdict === 'none' ? '' : `${plainVerdict(reply.verdict)}: `}${reply.headline}`, LIMITS.fallbackText);
  return { text, blocks: [...head, ...fitBody(body, LIMITS.blocks - head.length - tail.length), ...tail] };
}

/** What the "Details" button posts: every reason not shown at a glance, the next steps, the facts still needed, every source. */
export function renderDetails(reply: RenderableReply): RenderedMessage {
  const d = replyView(reply).details;
  const head: Block[] = [contextBlock(`:mag: *Details:* ${fitMrkdwn(reply.headline, LIMITS.contextText - 20)}`)];
  const body: Block[] = [];
  if (d.reasons.length > 0) body.push(...listSections('More reasons', d.reasons.map((r) => fitMrkdwn(r, LIMITS.sectionText - 20))));
  if (d.missing.length > 0) body.push(...listSections('Still needed', d.missing.map((m) => fitMrkdwn(m, LIMITS.sectionText - 20))));
  if (d.nextSteps.length > 0) body.push(...listSections('Next steps', d.nextSteps.map((s) => fitMrkdwn(s, LIMITS.sectionText - 20))));
  if (d.citations.length > 0) {
    const lines = d.citations.slice(0, MAX_CITATIONS).map(citationLine);
    if (d.citations.length > MAX_CITATIONS) lines.push(`and ${d.citations.length - MAX_CITATIONS} more`);
    body.push(...listSections('Sources', lines));
  }
  if (body.length === 0) body.push(contextBlock('Nothing more than the answer shows.'));
  const tail = [contextBlock(fitMrkdwn(nonEmpty(reply.disclaimer, 'Not legal advice.'), LIMITS.contextText))];
  return {
    text: fitMrkdwn(`Details: ${reply.headline}`, LIMITS.fallbackText),
    blocks: [...head, ...fitBody(body, LIMITS.blocks - head.length - tail.length), ...tail],
  };
}

function fitBody(body: Block[], room: number): Block[] {
  return body.length <= room ? body : [...body.slice(0, room - 1), contextBlock(`${ELLIPSIS} more in the web console`)];
}

function shownChoices(choices: readonly string[]): string[] {
  return choices.filter((c) => c.trim().length > 0).slice(0, MAX_CHOICES);
}

/**
 * "I read this as …" in a context block, then its corrections as buttons (only where a click can name the
 * conversation). They sit in the head, so a long answer never cuts them off.
 */
function readAsBlocks(view: ReplyView, ref: string | undefined): Block[] {
  const readAs = view.readAs;
  if (!readAs) return [];
  const blocks: Block[] = [contextBlock(`:mag: ${fitMrkdwn(readAs.text, LIMITS.contextText - 10)}`)];
  // The view has already dropped corrections that repeat a choice of the question.
  const labels = readAs.corrections;
  if (ref && labels.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: blockId('ra', ref),
      elements: labels.map((label, i) => button(`${ACTION.readAsCorrection}:${i}`, label, label)),
    });
  }
  return blocks;
}

export function plainVerdict(v: ReplyVerdict): string {
  return verdictLabel(v).replace(/^:[a-z_]+: /, '');
}
