/**
 * The web rendering of a Reply: exactly what the Reply says, in the order every channel uses (headline and
 * verdict, "I read this as" with its corrections, reasons, follow-up, next steps, escalation, sources, disclaimer). Pure: the server-rendered page and
 * the JSON API both call it, so a reloaded page and a live answer look the same.
 */
import type { Citation } from '../../rules/decision.js';
import type { Reply } from '../../contracts/reply.js';
import { correctionLabels } from '../read-as-corrections.js';
import { html, safeHttpUrl, type SafeHtml } from './html.js';
import { ESCALATION_LABELS, VERDICT_LABELS } from './labels.js';
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
}

export function renderReply(reply: ShownReply, ctx: RenderContext): SafeHtml {
  const headingId = `reply-${ctx.idSuffix}`;
  const notes = reply.escalation.note && !reply.reasons.includes(reply.escalation.note) ? reply.escalation.note : undefined;
  return html`<article class="card reply verdict-${reply.verdict}" aria-labelledby="${headingId}">
  <header class="card-head">
    ${reply.verdict === 'none' ? '' : html`<span class="badge badge-${reply.verdict}">${VERDICT_LABELS[reply.verdict]}</span>`}
    <h3 id="${headingId}" class="headline">${reply.headline}</h3>
  </header>
  ${renderReadAs(reply, ctx)}
  ${reply.inputNote && html`<p class="input-note" role="note">${reply.inputNote}</p>`}
  ${reply.reasons.length > 0 && html`<ul class="reasons">${reply.reasons.map((r) => html`<li>${r}</li>`)}</ul>`}
  ${reply.followUps.map((f, i) => renderFollowUp(f.question, f.choices, ctx, `${ctx.idSuffix}-${i}`))}
  ${reply.missing.length > 0 && html`<p class="missing">Still needed: ${reply.missing.join('; ')}.</p>`}
  ${reply.nextSteps.length > 0 && html`<h4>Next steps</h4><ol class="next-steps">${reply.nextSteps.map((s) => html`<li>${s}</li>`)}</ol>`}
  ${renderEscalation(reply, notes, ctx)}
  ${reply.citations.length > 0 && html`<h4>Sources</h4><ul class="citations">${reply.citations.map(renderCitation)}</ul>`}
  ${reply.fired.length > 0 && html`<details class="fired"><summary>Rules that decided (${reply.fired.length})</summary>${reply.fired.map((r) => renderRuleResult(r))}</details>`}
  <p class="disclaimer">${reply.disclaimer}</p>
</article>`;
}

function renderFollowUp(question: string, choices: readonly string[], ctx: RenderContext, id: string): SafeHtml {
  const qId = `follow-up-${id}`;
  return html`<div class="follow-up">
  <p id="${qId}" class="question">${question}</p>
  ${choices.length > 0 && html`<form method="post" action="/chat" class="choices" data-chat-send>
    <input type="hidden" name="csrf" value="${ctx.csrfToken}">
    <div role="group" aria-labelledby="${qId}">${choices.map((c) => html`<button type="submit" name="text" value="${c}">${c}</button> `)}</div>
  </form>`}
  <p class="hint">Or type your answer below.</p>
</div>`;
}

/**
 * "I read this as …" and its corrections as buttons. A correction is sent as the next message, like a choice
 * (the assistant knows it by its label), so it is the same kind of form and works without the script.
 */
function renderReadAs(reply: ShownReply, ctx: RenderContext): SafeHtml {
  const readAs = reply.readAs;
  if (!readAs) return html``;
  const labels = correctionLabels(readAs.corrections, reply.followUps.flatMap((f) => f.choices));
  const lineId = `read-as-${ctx.idSuffix}`;
  return html`<div class="read-as">
  <p id="${lineId}" class="read-as-text">${readAs.text}</p>
  ${labels.length > 0 && html`<form method="post" action="/chat" class="choices corrections" data-chat-send>
    <input type="hidden" name="csrf" value="${ctx.csrfToken}">
    <div role="group" aria-label="Not right? Correct the reading" aria-describedby="${lineId}">${labels.map((l) => html`<button type="submit" name="text" value="${l}">${l}</button> `)}</div>
  </form>`}
</div>`;
}

function renderEscalation(reply: ShownReply, note: string | undefined, ctx: RenderContext): SafeHtml {
  const e = reply.escalation;
  if (e.state === 'offered') {
    return html`<form method="post" action="/chat" class="escalate" data-chat-send>
  <input type="hidden" name="csrf" value="${ctx.csrfToken}">
  <button type="submit" name="text" value="${ESCALATE_TEXT}" class="secondary">Talk to compliance</button>
</form>`;
  }
  if (e.state === 'not_needed' && !note) return html``;
  const label = ESCALATION_LABELS[e.state];
  return html`<p class="escalation escalation-${e.state}">${e.caseId ? html`<strong>Case ${e.caseId}${label ? `: ${label}` : ''}.</strong> ` : ''}${note ?? ''}</p>`;
}

function renderCitation(c: Citation): SafeHtml {
  const label = `${c.source}${c.article ? ` ${c.article}` : ''}`;
  const official = safeHttpUrl(c.url);
  return html`<li><a href="/sources#${encodeURIComponent(c.source)}">${label}</a>${c.title ? html`: ${c.title}` : ''}${official ? html` (<a href="${official}" rel="noopener noreferrer" target="_blank">official text<span class="visually-hidden">, opens in a new tab</span></a>)` : ''}</li>`;
}
