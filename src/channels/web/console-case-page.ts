/**
 * One case for an officer: the conversation, the facts, the engine's preliminary decision with its full rule
 * trace (each condition's expected and actual value), the history, and the claim / decide / note / reopen forms.
 */
import { readAsText } from '../../assistant/read-as.js';
import type { CaseView } from '../../cases/case-view.js';
import type { RuleResult } from '../../rules/decision.js';
import { OFFICER_DECISIONS } from '../../cases/case-view.js';
import { formatValue } from './format-value.js';
import { html, type SafeHtml } from './html.js';
import { CASE_STATE_LABELS, DECISION_LABELS, VERDICT_LABELS } from './labels.js';
import { page } from './layout.js';
import { shortTime } from './console-cases-page.js';
import { renderRuleResult } from './render-trace.js';

export interface CasePageInput {
  readonly view: CaseView;
  /** The rules evaluated again on the case's facts (caseTrace); undefined when the rules version has changed since. */
  readonly trace: readonly RuleResult[] | undefined;
  readonly officer: string;
  readonly csrfToken: string;
  readonly loggedIn: boolean;
  readonly done?: string;
  readonly error?: string;
  /** The screened bill of materials whose lines this case holds, for the officer to download. */
  readonly bomUpload?: string | undefined;
}

function renderTrace(c: CaseView, trace: readonly RuleResult[] | undefined): SafeHtml {
  if (trace === undefined) {
    return html`<p>The rules have changed since this case was opened (it was decided under version <code>${c.rulesVersion}</code>), so its
  trace is not shown. The rules that added to the verdict: ${c.decision.ruleIds.length === 0 ? 'none' : c.decision.ruleIds.map((id, i) => html`${i > 0 ? ', ' : ''}<code>${id}</code>`)}.</p>`;
  }
  return html`<p class="hint">Every rule the engine evaluated on ${c.decision.asOf}${c.decision.knownOn ? ` with what was published by ${c.decision.knownOn}` : ''}; the rules that added to the verdict are open.</p>
  ${trace.length === 0 ? html`<p>No rule bears on these facts.</p>` : trace.map((r) => renderRuleResult(r, { open: r.contributes !== null }))}`;
}

export function renderCasePage(input: CasePageInput): SafeHtml {
  const c = input.view;
  return page({
    title: `Case ${c.id}`,
    section: 'cases',
    csrfToken: input.csrfToken,
    loggedIn: input.loggedIn,
    body: html`<p><a href="/console">← All cases</a></p>
<h1>Case ${c.id} <span class="state state-${c.state}">${CASE_STATE_LABELS[c.state]}</span></h1>
${input.done && html`<p class="done" role="status">${input.done}</p>`}
${input.error && html`<p class="error" role="alert">${input.error}</p>`}
<dl class="summary">
  <dt>Preliminary verdict</dt><dd><span class="badge badge-${c.verdict}">${VERDICT_LABELS[c.verdict]}</span></dd>
  <dt>Asked by</dt><dd>${c.asker.name ?? c.asker.user} (${c.asker.channel})</dd>
  <dt>Opened</dt><dd><time datetime="${c.createdAt}">${shortTime(c.createdAt)}</time></dd>
  <dt>Updated</dt><dd><time datetime="${c.updatedAt}">${shortTime(c.updatedAt)}</time></dd>
  <dt>Claimed by</dt><dd>${c.claimedBy ? `${c.claimedBy.name ?? c.claimedBy.user} (${c.claimedBy.channel})` : 'nobody'}</dd>
  <dt>Rules</dt><dd>version <code>${c.rulesVersion}</code> as of ${c.decision.asOf}</dd>
  ${input.bomUpload && html`<dt>Bill of materials</dt><dd id="case-bom">the annotated file: <a href="/console/bom/${input.bomUpload}/annotated.xlsx">XLSX</a> · <a href="/console/bom/${input.bomUpload}/annotated.csv">CSV</a></dd>`}
</dl>
${c.resolution && html`<section class="resolution" aria-labelledby="resolution-heading">
  <h2 id="resolution-heading">Decision</h2>
  <p><span class="badge badge-${c.resolution.decision}">${DECISION_LABELS[c.resolution.decision]}</span>
    by ${c.resolution.by.name ?? c.resolution.by.user} on <time datetime="${c.resolution.at}">${shortTime(c.resolution.at)}</time>${c.resolution.reusable ? ', reusable for the same facts' : ''}.</p>
  ${c.resolution.note && html`<blockquote class="officer-note"><p>${c.resolution.note}</p></blockquote>`}
</section>`}
<section aria-labelledby="conversation-heading">
  <h2 id="conversation-heading">Conversation</h2>
  ${c.turns.length === 0
    ? html`<p class="said">${c.question}</p>`
    : html`<ol class="turns">${c.turns.map((t) => html`<li class="from-${t.from}"><span class="who">${t.from === 'user' ? 'Asker' : 'Lodestone'}:</span> <span class="said">${t.text}</span></li>`)}</ol>`}
</section>
<section aria-labelledby="facts-heading">
  <h2 id="facts-heading">Facts</h2>
  <p class="read-as">${readAsText(c.facts)}</p>
  ${renderFacts(c.facts)}
</section>
<section aria-labelledby="preliminary-heading">
  <h2 id="preliminary-heading">Preliminary decision</h2>
  <ul class="reasons">${c.decision.reasons.map((r) => html`<li>${r}</li>`)}</ul>
  ${c.decision.citations.length > 0 && html`<p>Sources: ${c.decision.citations.map((ct, i) => html`${i > 0 ? ', ' : ''}<a href="/sources#${encodeURIComponent(ct.source)}">${ct.source}${ct.article ? ` ${ct.article}` : ''}</a>`)}</p>`}
</section>
<section aria-labelledby="actions-heading" id="actions">
  <h2 id="actions-heading">Actions</h2>
  ${renderActions(c, input)}
</section>
<section aria-labelledby="trace-heading">
  <h2 id="trace-heading">Rule trace</h2>
  ${renderTrace(c, input.trace)}
</section>
<section aria-labelledby="history-heading">
  <h2 id="history-heading">History</h2>
  <table class="history">
    <caption class="visually-hidden">History of case ${c.id}</caption>
    <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Who</th><th scope="col">Note</th></tr></thead>
    <tbody>${c.history.map((h) => html`<tr><td><time datetime="${h.at}">${shortTime(h.at)}</time></td><td>${h.action}${h.decision ? `: ${DECISION_LABELS[h.decision]}${h.reusable ? ' (reusable)' : ''}` : ''}</td><td>${h.by ? h.by.name ?? h.by.user : 'system'}</td><td class="said">${h.note ?? ''}</td></tr>`)}</tbody>
  </table>
</section>`,
  });
}

function officerField(id: string, officer: string): SafeHtml {
  return html`<label for="${id}">Officer</label>
    <input id="${id}" name="officer" value="${officer}" required maxlength="200" autocomplete="username">`;
}

function renderActions(c: CaseView, input: CasePageInput): SafeHtml {
  const base = `/console/cases/${encodeURIComponent(c.id)}`;
  const csrf = html`<input type="hidden" name="csrf" value="${input.csrfToken}">`;
  const waiting = c.state === 'open' || c.state === 'reopened';
  return html`<div class="actions-grid">
  ${waiting && html`<form method="post" action="${base}/claim" class="panel">
    <fieldset><legend>Claim</legend>${csrf}
    ${officerField('claim-officer', input.officer)}
    <button type="submit">Claim this case</button></fieldset>
  </form>`}
  ${c.state !== 'resolved' && html`<form method="post" action="${base}/decide" class="panel">
    <fieldset><legend>Decide</legend>${csrf}
    ${officerField('decide-officer', input.officer)}
    <label for="verdict">Decision</label>
    <select id="verdict" name="verdict" required>
      <option value="">Choose a decision…</option>
      ${OFFICER_DECISIONS.map((d) => html`<option value="${d}">${DECISION_LABELS[d]}</option>`)}
    </select>
    <label for="decide-note">Note to the asker</label>
    <textarea id="decide-note" name="note" rows="3" maxlength="4000"></textarea>
    <p class="checkbox"><input type="checkbox" id="reusable" name="reusable" value="on" aria-describedby="reusable-hint"> <label for="reusable">Reusable</label></p>
    <p id="reusable-hint" class="hint">The same facts under the same rules version may then be answered from this decision without a new case.</p>
    <button type="submit">Record decision</button></fieldset>
  </form>`}
  ${c.state === 'resolved' && html`<form method="post" action="${base}/reopen" class="panel">
    <fieldset><legend>Reopen</legend>${csrf}
    ${officerField('reopen-officer', input.officer)}
    <label for="reopen-reason">Reason</label>
    <textarea id="reopen-reason" name="reason" rows="2" required maxlength="4000"></textarea>
    <button type="submit" class="secondary">Reopen this case</button></fieldset>
  </form>`}
  <form method="post" action="${base}/note" class="panel">
    <fieldset><legend>Add a note</legend>${csrf}
    ${officerField('note-officer', input.officer)}
    <label for="note-text">Note</label>
    <textarea id="note-text" name="note" rows="2" required maxlength="4000"></textarea>
    <button type="submit" class="secondary">Add note</button></fieldset>
  </form>
</div>`;
}

/** Facts as a flat list of paths (`item.form`), since they nest and every field may be missing. */
function renderFacts(facts: object): SafeHtml {
  const rows = flatten(facts, '');
  if (rows.length === 0) return html`<p>No facts are known.</p>`;
  return html`<dl class="facts">${rows.map(([k, v]) => html`<dt><code>${k}</code></dt><dd>${v}</dd>`)}</dl>`;
}

function flatten(value: object, prefix: string): [string, string][] {
  return Object.entries(value).flatMap(([k, v]): [string, string][] => {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return flatten(v, key);
    return [[key, formatValue(v)]];
  });
}
