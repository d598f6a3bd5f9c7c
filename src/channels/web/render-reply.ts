/**
 * The web rendering of a Reply, in the shape every channel uses (reply-view.ts): at a glance the verdict badge
 * (icon and words) and headline, "I read this as" with its corrections, the one or two deciding reasons, the
 * question with its choices, the case status or the offer to talk to compliance, and the primary source; behind one
 * disclosure every other reason, the facts still needed, the next steps, every source and the rule trace. Pure: the
 * server-rendered page and the JSON API both call it, so a reloaded page and a live answer look the same.
 */
import type { Citation } from '../../rules/decision.js';
import type { Reply } from '../../contracts/reply.js';
import { replyView, type CaseStatus, type ReplyView, type VerdictIcon } from '../reply-view.js';
import { html, safeHttpUrl, type SafeHtml } from './html.js';
import { ESCALATION_LABELS } from './labels.js';
import { renderRuleResult, type ShownRule } from './render-trace.js';

/** A Reply as drawn: a live one, or one redrawn from the transcript, whose rules carry no checks. */
export type ShownReply = Omit<Reply, 'fired'> & { readonly fired: readonly ShownRule[] };

/** What the escalate button sends: the assistant's own "talk to compliance" path, so the request is audited. */
export const ESCALATE_TEXT = 'I want to talk to compliance';

export interface RenderContext {
  /** The session's CSRF token, for the forms inside the card (choices, corrections, escalate). */
  readonly csrfToken: string;
  /** Makes element ids unique on a page holding several cards. */
  readonly idSuffix: string;
  /**
   * Set once the conversation has moved on: what was sent next. The card's buttons are then disabled (they answer
   * a question no longer open), and the one that was sent is marked as chosen.
   */
  readonly answeredWith?: string;
}

/** Drawn with lines in the text colour, so the verdict never rests on hue alone. */
const ICONS: Record<VerdictIcon, SafeHtml> = {
  licence: html`<path d="M4 1.5h5.5l3 3v10H4z M6.3 7h4.2 M6.3 9.5h4.2 M6.3 12h2.7"/>`,
  stop: html`<circle cx="8" cy="8" r="6.3"/><path d="M3.6 12.4 12.4 3.6"/>`,
  check: html`<path d="M2.8 8.6 6.3 12 13.2 4.6"/>`,
  officer: html`<circle cx="8" cy="5" r="2.8"/><path d="M2.6 14.5c.6-3 2.7-4.6 5.4-4.6s4.8 1.6 5.4 4.6"/>`,
  question: html`<circle cx="8" cy="8" r="6.3"/><path d="M6.1 6.2a1.95 1.95 0 1 1 2.7 1.8c-.6.3-.8.7-.8 1.3v.5 M8 11.2v1"/>`,
  info: html`<circle cx="8" cy="8" r="6.3"/><path d="M8 7.2v4.5 M8 4.4v1"/>`,
};

export function verdictIcon(icon: VerdictIcon): SafeHtml {
  return html`<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${ICONS[icon]}</svg>`;
}

export function renderReply(reply: ShownReply, ctx: RenderContext): SafeHtml {
  const view = replyView(reply);
  const headingId = `reply-${ctx.idSuffix}`;
  return html`<article class="card reply verdict-${reply.verdict}${ctx.answeredWith !== undefined ? ' answered' : ''}" aria-labelledby="${headingId}">
  <header class="card-head">
    ${view.badge && html`<span class="badge badge-${reply.verdict}">${verdictIcon(view.badge.icon)}<span class="badge-label">${view.badge.label}</span></span> <span class="badge-action">${view.badge.action}</span>`}
    <h3 id="${headingId}" class="headline">${view.headline}</h3>
  </header>
  ${renderReadAs(view, ctx)}
  ${view.inputNote && html`<p class="input-note" role="note">${view.inputNote}</p>`}
  ${view.keyReasons.length > 0 && html`<ul class="reasons key-reasons">${view.keyReasons.map((r) => html`<li>${r}</li>`)}</ul>`}
  ${view.question && renderFollowUp(view.question.text, view.question.choices, ctx, `${ctx.idSuffix}-0`)}
  ${view.caseStatus && renderCaseStatus(view.caseStatus)}
  ${(view.primaryCitation || view.offersEscalation) && html`<div class="glance-foot">
    ${view.primaryCitation ? html`<p class="primary-source"><span class="label">Source:</span> ${renderCitation(view.primaryCitation)}</p>` : html`<span></span>`}
    ${view.offersEscalation && renderEscalate(ctx)}
  </div>`}
  ${renderDetails(view, reply.fired)}
  <p class="disclaimer">${view.disclaimer}</p>
</article>`;
}

/** Everything not shown at a glance, collapsed: the summary says what is inside, so opening it is a choice. */
function renderDetails(view: ReplyView, fired: ShownReply['fired']): SafeHtml {
  const d = view.details;
  if (!view.hasDetails && fired.length === 0) return html``;
  const parts = [
    d.reasons.length > 0 && `${d.reasons.length} more ${d.reasons.length === 1 ? 'reason' : 'reasons'}`,
    d.nextSteps.length > 0 && 'next steps',
    d.citations.length > 0 && `${d.citations.length} ${d.citations.length === 1 ? 'source' : 'sources'}`,
    fired.length > 0 && 'rule trace',
  ].filter((p): p is string => typeof p === 'string');
  return html`<details class="reply-details">
  <summary>Details<span class="summary-parts">${parts.length > 0 ? `: ${parts.join(', ')}` : ''}</span></summary>
  ${d.reasons.length > 0 && html`<h4>More reasons</h4><ul class="reasons more-reasons">${d.reasons.map((r) => html`<li>${r}</li>`)}</ul>`}
  ${d.missing.length > 0 && html`<p class="missing">Still needed: ${d.missing.join('; ')}.</p>`}
  ${d.nextSteps.length > 0 && html`<h4>Next steps</h4><ol class="next-steps">${d.nextSteps.map((s) => html`<li>${s}</li>`)}</ol>`}
  ${d.citations.length > 0 && html`<h4>Sources</h4><ul class="citations">${d.citations.map((c) => html`<li>${renderCitation(c)}</li>`)}</ul>`}
  ${fired.length > 0 && html`<details class="fired"><summary>Rules that decided (${fired.length})</summary>${fired.map((r) => renderRuleResult(r))}</details>`}
</details>`;
}

function choiceButton(choice: string, ctx: RenderContext): SafeHtml {
  const answered = ctx.answeredWith !== undefined;
  const chosen = answered && ctx.answeredWith?.trim().toLowerCase() === choice.trim().toLowerCase();
  return html`<button type="submit" name="text" value="${choice}"${chosen ? html` class="chosen"` : ''}${answered ? html` disabled` : ''}>${choice}${chosen ? html`<span class="visually-hidden"> (sent)</span>` : ''}</button> `;
}

function renderFollowUp(question: string, choices: readonly string[], ctx: RenderContext, id: string): SafeHtml {
  const qId = `follow-up-${id}`;
  return html`<div class="follow-up">
  <p id="${qId}" class="question">${question}</p>
  <div class="answer-row">
  ${choices.length > 0 && html`<form method="post" action="/chat" class="choices" data-chat-send>
    <input type="hidden" name="csrf" value="${ctx.csrfToken}">
    <div role="group" aria-labelledby="${qId}">${choices.map((c) => choiceButton(c, ctx))}</div>
  </form>`}
  ${ctx.answeredWith === undefined && html`<p class="hint">${choices.length > 0 ? 'Or type your answer below.' : 'Type your answer below.'}</p>`}
  </div>
</div>`;
}

/**
 * "I read this as …" and its corrections as buttons. A correction is sent as the next message, like a choice
 * (the assistant knows it by its label), so it is the same kind of form and works without the script.
 */
function renderReadAs(view: ReplyView, ctx: RenderContext): SafeHtml {
  const readAs = view.readAs;
  if (!readAs) return html``;
  const lineId = `read-as-${ctx.idSuffix}`;
  return html`<div class="read-as">
  <p id="${lineId}" class="read-as-text">${readAs.text}</p>
  ${readAs.corrections.length > 0 && html`<form method="post" action="/chat" class="choices corrections" data-chat-send>
    <input type="hidden" name="csrf" value="${ctx.csrfToken}">
    <div role="group" aria-label="Not right? Correct the reading" aria-describedby="${lineId}">${readAs.corrections.map((l) => choiceButton(l, ctx))}</div>
  </form>`}
</div>`;
}

function renderEscalate(ctx: RenderContext): SafeHtml {
  return html`<form method="post" action="/chat" class="escalate" data-chat-send>
  <input type="hidden" name="csrf" value="${ctx.csrfToken}">
  <button type="submit" name="text" value="${ESCALATE_TEXT}" class="secondary"${ctx.answeredWith !== undefined ? html` disabled` : ''}>Talk to compliance</button>
</form>`;
}

function renderCaseStatus(s: CaseStatus): SafeHtml {
  const label = ESCALATION_LABELS[s.state];
  return html`<p class="escalation escalation-${s.state}">${s.caseId ? html`<strong>Case ${s.caseId}${label ? `: ${label}` : ''}.</strong> ` : ''}${s.note ?? ''}</p>`;
}

function renderCitation(c: Citation): SafeHtml {
  const label = `${c.source}${c.article ? ` ${c.article}` : ''}`;
  const official = safeHttpUrl(c.url);
  return html`<a href="/sources#${encodeURIComponent(c.source)}">${label}</a>${c.title ? html`: ${c.title}` : ''}${official ? html` (<a href="${official}" rel="noopener noreferrer" target="_blank">official text<span class="visually-hidden">, opens in a new tab</span></a>)` : ''}`;
}
