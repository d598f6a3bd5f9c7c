/** The console's case list: filter tabs by state, the cases in a table, and the latest alerts. */
import type { CaseView } from '../../cases/case-view.js';
import type { Alert } from './alert-store.js';
import { html, type SafeHtml } from './html.js';
import { CASE_FILTERS, type CaseFilter } from './input-schemas.js';
import { CASE_STATE_LABELS, VERDICT_LABELS } from './labels.js';
import { page } from './layout.js';

export interface CasesPageInput {
  readonly filter: CaseFilter;
  readonly cases: readonly CaseView[];
  readonly counts: Readonly<Record<CaseFilter, number>>;
  readonly alerts: readonly Alert[];
  /** How many alerts officers have acknowledged (they leave the list). */
  readonly acknowledgedAlerts?: number;
  readonly csrfToken: string;
  readonly loggedIn: boolean;
}

const FILTER_LABELS: Record<CaseFilter, string> = { open: 'Open', claimed: 'Claimed', resolved: 'Resolved', all: 'All' };

export function renderCasesPage(input: CasesPageInput): SafeHtml {
  return page({
    title: 'Cases',
    section: 'cases',
    csrfToken: input.csrfToken,
    loggedIn: input.loggedIn,
    body: html`<h1>Compliance console</h1>
${input.alerts.length > 0 && html`<section class="alerts" aria-labelledby="alerts-heading">
  <h2 id="alerts-heading">Alerts <span class="count">(${input.alerts.length})</span></h2>
  <ul class="alert-list">${input.alerts.map((a, i) => renderAlert(a, i, input.csrfToken))}</ul>
  ${(input.acknowledgedAlerts ?? 0) > 0 && html`<p class="hint">${input.acknowledgedAlerts} acknowledged.</p>`}
</section>`}
<h2>Cases</h2>
<nav aria-label="Filter cases by state">
  <ul class="tabs">${CASE_FILTERS.map((f) => html`<li><a href="/console?state=${f}"${f === input.filter ? html` aria-current="page"` : ''}>${FILTER_LABELS[f]} <span class="count">(${input.counts[f]})</span></a></li>`)}</ul>
</nav>
${input.cases.length === 0
  ? html`<p class="empty">No ${input.filter === 'all' ? '' : `${FILTER_LABELS[input.filter].toLowerCase()} `}cases.</p>`
  : html`<table class="cases">
  <caption>${FILTER_LABELS[input.filter]} cases, newest first</caption>
  <thead><tr><th scope="col">Case</th><th scope="col">State</th><th scope="col">Preliminary verdict</th><th scope="col">Question</th><th scope="col">Asked by</th><th scope="col">Opened</th><th scope="col">Updated</th></tr></thead>
  <tbody>${input.cases.map((c) => html`
    <tr>
      <th scope="row"><a href="/console/cases/${c.id}">${c.id}</a></th>
      <td><span class="state state-${c.state}">${CASE_STATE_LABELS[c.state]}</span></td>
      <td><span class="badge badge-${c.verdict}">${VERDICT_LABELS[c.verdict]}</span></td>
      <td class="question-cell">${clip(c.question, 160)}</td>
      <td>${c.asker.name ?? c.asker.user} <span class="hint">(${c.asker.channel})</span></td>
      <td><time datetime="${c.createdAt}">${shortTime(c.createdAt)}</time></td>
      <td><time datetime="${c.updatedAt}">${shortTime(c.updatedAt)}</time></td>
    </tr>`)}
  </tbody>
</table>`}`,
  });
}

/** One line per alert (its first sentence), the full text one click away, and a button to acknowledge it. */
function renderAlert(a: Alert, i: number, csrfToken: string): SafeHtml {
  const first = firstSentence(a.text);
  const line = html`<time datetime="${a.at}">${shortTime(a.at)}</time> <span id="alert-${i}">${clip(first, 140)}</span>`;
  return html`<li class="alert">
    ${first === a.text && a.text.length <= 140
      ? html`<p class="alert-line">${line}</p>`
      : html`<details class="alert-line"><summary>${line}</summary><p>${a.text}</p></details>`}
    <form method="post" action="/console/alerts/ack" class="ack">
      <input type="hidden" name="csrf" value="${csrfToken}"><input type="hidden" name="key" value="${a.key}">
      <button type="submit" class="secondary small" aria-describedby="alert-${i}">Acknowledge</button>
    </form>
  </li>`;
}

function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/s.exec(text.trim());
  return (m?.[1] ?? text).replace(/\s+/g, ' ').trim();
}

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function shortTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
