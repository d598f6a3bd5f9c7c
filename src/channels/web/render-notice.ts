/** An officer's decision as it arrives in the asker's chat. */
import { html, type SafeHtml } from './html.js';
import type { Notice } from './inbox-store.js';
import { DECISION_LABELS, VERDICT_LABELS } from './labels.js';
import { verdictBadge } from '../reply-view.js';
import { verdictIcon } from './render-reply.js';

export function renderNotice(n: Notice, idSuffix: string): SafeHtml {
  const headingId = `notice-${idSuffix}`;
  if ('kind' in n) {
    return html`<article class="card notice verdict-${n.verdict}" aria-labelledby="${headingId}">
  <header class="card-head">
    <span class="badge badge-${n.verdict}">${VERDICT_LABELS[n.verdict]}</span>
    <h3 id="${headingId}" class="headline">An earlier answer has changed: now ${VERDICT_LABELS[n.verdict]}</h3>
  </header>
  <p>${n.text}</p>
  ${n.citations.length > 0 && html`<ul class="citations">${n.citations.map((c) => html`<li>${c.source}${c.article ? ` ${c.article}` : ''}${c.title ? `: ${c.title}` : ''}</li>`)}</ul>`}
</article>`;
  }
  return html`<article class="card notice verdict-${n.decision}" aria-labelledby="${headingId}">
  <header class="card-head">
    <span class="badge badge-${n.decision}">${verdictIcon(verdictBadge(n.decision)?.icon ?? 'info')}<span class="badge-label">${DECISION_LABELS[n.decision]}</span></span>
    <h3 id="${headingId}" class="headline">Compliance decision on case ${n.caseId}: ${DECISION_LABELS[n.decision]}</h3>
  </header>
  ${n.note && html`<blockquote class="officer-note"><p>${n.note}</p></blockquote>`}
  <p class="meta">Decided by ${n.by} on <time datetime="${n.decidedAt}">${n.decidedAt.slice(0, 16).replace('T', ' ')} UTC</time>.</p>
</article>`;
}
