/**
 * The rules browser: every rule's window and suspensions on a timeline, and an as-of date picker that shows what
 * each rule's status was on that day (ruleStatus, the same function the engine uses).
 */
import { ruleStatus } from '../../rules/rule-status.js';
import type { Rule } from '../../rules/schema.js';
import { html, type SafeHtml } from './html.js';
import { RULE_STATUS_LABELS, ruleStatusDetail, VERDICT_LABELS } from './labels.js';
import { page } from './layout.js';
import { renderPartiesSection } from './parties-section.js';
import type { RuleSet } from '../../rules/ruleset.js';
import { renderTimeline, TIMELINE_END, TIMELINE_START } from './rule-timeline.js';

export interface RulesPageInput {
  readonly rules: readonly Rule[];
  readonly rulesVersion: string;
  readonly asOf: string;
  readonly csrfToken: string;
  readonly loggedIn: boolean;
  /** The listed parties and their announcements, searchable. */
  readonly lists?: Pick<RuleSet, 'parties' | 'partyScreening' | 'sources'>;
  readonly partyQuery?: string;
}

export function renderRulesPage(input: RulesPageInput): SafeHtml {
  return page({
    title: `Rules as of ${input.asOf}`,
    section: 'rules',
    csrfToken: input.csrfToken,
    loggedIn: input.loggedIn,
    body: html`<h1>Rules</h1>
<p>Rules version <code>${input.rulesVersion}</code>, ${input.rules.length} rules.</p>
<form method="get" action="/console/rules" class="as-of-form">
  <label for="as-of">What did the rules say on</label>
  <input type="date" id="as-of" name="asOf" value="${input.asOf}" min="2000-01-01" max="2100-12-31" required>
  <button type="submit">Show</button>
</form>
<h2>Timeline</h2>
<ul class="legend" aria-label="Legend">
  <li><span class="swatch swatch-in_force" aria-hidden="true"></span> In force</li>
  <li><span class="swatch swatch-suspended" aria-hidden="true"></span> Suspended</li>
  <li><span class="swatch swatch-status_unknown" aria-hidden="true"></span> Status unknown</li>
  <li><span class="swatch swatch-as-of" aria-hidden="true"></span> ${input.asOf}</li>
</ul>
<div class="timeline-frame">${renderTimeline(input.rules, input.asOf)}</div>
${(input.asOf < TIMELINE_START || input.asOf > TIMELINE_END) && html`<p class="hint">${input.asOf} is outside the timeline (${TIMELINE_START} to ${TIMELINE_END}); the table still gives each rule's status that day.</p>`}
<h2 id="status-heading">Status on ${input.asOf}</h2>
<table class="rules" aria-labelledby="status-heading">
  <colgroup><col class="col-rule"><col class="col-gives"><col class="col-status"><col class="col-window"><col class="col-suspensions"><col class="col-sources"></colgroup>
  <thead><tr><th scope="col">Rule</th><th scope="col">Gives</th><th scope="col">Status on ${input.asOf}</th><th scope="col">In force</th><th scope="col">Suspensions</th><th scope="col">Sources</th></tr></thead>
  <tbody>${input.rules.map((r) => renderRow(r, input.asOf))}</tbody>
</table>
${input.lists ? renderPartiesSection({ rules: input.lists, query: input.partyQuery, action: '/console/rules', keep: { asOf: input.asOf } }) : ''}`,
  });
}

function renderRow(r: Rule, asOf: string): SafeHtml {
  const status = ruleStatus(r, asOf);
  const detail = ruleStatusDetail(status);
  return html`<tr id="rule-${r.id}">
  <th scope="row"><code>${r.id}</code>${r.brief ? html` <span class="hint">(${r.brief})</span>` : ''}<br>${r.title}${r.confirmed ? '' : html`<br><em>not confirmed</em>`}</th>
  <td><span class="badge badge-${r.verdict}">${VERDICT_LABELS[r.verdict]}</span></td>
  <td><span class="rule-status rule-status-${status.kind}">${RULE_STATUS_LABELS[status.kind]}</span>${detail && html`<br>${detail}`}</td>
  <td>from <span class="nowrap">${r.effectiveFrom}</span>${r.effectiveUntil ? html` until <span class="nowrap">${r.effectiveUntil}</span>` : ''}</td>
  <td>${r.suspensions.length === 0 ? 'none' : html`<ul class="plain">${r.suspensions.map((s) => html`<li>${s.from} to ${s.until} by ${s.source.id}${s.then ? `; then ${s.then.status} on ${s.then.date} (${s.then.source.id})${s.then.until ? ` until ${s.then.until}` : ''}` : '; nothing recorded after'}</li>`)}</ul>`}</td>
  <td>${r.sources.map((s, i) => html`${i > 0 ? ', ' : ''}<a href="/sources#${encodeURIComponent(s.id)}">${s.id}${s.article ? ` ${s.article}` : ''}</a>`)}</td>
</tr>`;
}
