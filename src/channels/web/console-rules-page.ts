/**
 * The rules browser: every rule's window and suspensions on a timeline, and an as-of date picker that shows what
 * each rule's status was on that day (ruleStatus, the same function the engine uses).
 */
import { formatCaseId } from '../../cases/case-id.js';
import type { HorizonEvent, StatusPreview } from '../../cases/status-desk.js';
import { ruleStatus } from '../../rules/rule-status.js';
import type { StatusRecord } from '../../rules/status-overlay.js';
import type { RecordStatusForm } from './input-schemas.js';
import type { Rule } from '../../rules/schema.js';
import { html, type SafeHtml } from './html.js';
import { RULE_STATUS_LABELS, ruleStatusDetail, VERDICT_LABELS } from './labels.js';
import { page } from './layout.js';
import { renderPartiesSection } from './parties-section.js';
import type { RuleSet } from '../../rules/ruleset.js';
import { renderTimeline, TIMELINE_END, TIMELINE_START } from './rule-timeline.js';

/** The rule status desk on the rules page: the horizon events, the record form, its preview. */
export interface DeskInput {
  readonly events: readonly HorizonEvent[];
  readonly records: readonly StatusRecord[];
  readonly officer: string;
  /** Pre-selected rule or suspension (from an event's "record what followed"). */
  readonly target?: string | undefined;
  /** The form as filled, with what it would change, waiting for the officer to confirm. */
  readonly preview?: { readonly form: RecordStatusForm['form']; readonly result: StatusPreview } | undefined;
  readonly error?: string | undefined;
  readonly done?: string | undefined;
}

export interface RulesPageInput {
  readonly rules: readonly Rule[];
  readonly rulesVersion: string;
  readonly asOf: string;
  readonly csrfToken: string;
  readonly loggedIn: boolean;
  readonly desk?: DeskInput;
  /** The listed parties and their announcements, searchable. */
  readonly lists?: Pick<RuleSet, 'parties' | 'partyScreening' | 'sources'>;
  readonly partyQuery?: string;
}

/** "No. 70" for a numbered announcement, the ID otherwise. */
function instrumentName(sourceId: string): string {
  const m = /^CN-ANN-(\d{4})-0*(\d+)$/.exec(sourceId);
  return m ? `No. ${m[2]} (${m[1]})` : sourceId;
}

const STATUS_CHOICES = ['resumed', 'extended', 'revoked', 'amended'] as const;

function renderDesk(rules: readonly Rule[], d: DeskInput, csrfToken: string): SafeHtml {
  const suspensions = [...new Set(rules.flatMap((r) => r.suspensions.map((s) => s.source.id)))].sort();
  const f = d.preview?.form;
  const target = f?.target ?? d.target ?? '';
  const field = (name: string, value: string | undefined) => html`name="${name}" value="${value ?? ''}"`;
  return html`<section id="status-desk" aria-labelledby="desk-heading">
<h2 id="desk-heading">Rule status desk</h2>
${d.done && html`<p class="flash" role="status">${d.done}</p>`}
${d.error && html`<p class="error" role="alert">${d.error}</p>`}
${d.events.length === 0 ? html`<p>No rule has an unknown status today.</p>` : html`<ul class="horizon-events">${d.events.map((e) => html`<li class="horizon-event" data-source="${e.sourceId}">
  <strong>${instrumentName(e.sourceId)} ended on ${e.since}: ${e.rules.length} rules, status unknown.</strong>
  ${e.conversations} recent conversations and ${e.cases} open cases depend on them.
  <a href="/console/rules?target=${encodeURIComponent(e.sourceId)}#record">Record what followed</a>
</li>`)}</ul>`}
<form method="post" action="/console/rules/preview" id="record" class="record-form">
  <input type="hidden" name="csrf" value="${csrfToken}">
  <p><label for="rec-officer">Officer</label> <input id="rec-officer" ${field('officer', f?.officer ?? d.officer)} required></p>
  <p><label for="rec-target">Rule or suspension</label>
  <select id="rec-target" name="target" required>
    <option value="">choose…</option>
    <optgroup label="Suspensions (every rule they cover)">${suspensions.map((id) => html`<option value="${id}" ${id === target ? 'selected' : ''}>${id}: ${instrumentName(id)}</option>`)}</optgroup>
    <optgroup label="Rules">${rules.map((r) => html`<option value="${r.id}" ${r.id === target ? 'selected' : ''}>${r.id}</option>`)}</optgroup>
  </select></p>
  <p><label for="rec-status">What followed</label>
  <select id="rec-status" name="status">${STATUS_CHOICES.map((s) => html`<option value="${s}" ${s === (f?.status ?? 'resumed') ? 'selected' : ''}>${s}</option>`)}</select></p>
  <p><label for="rec-from">From (resumed, revoked, amended)</label> <input type="date" id="rec-from" ${field('from', f?.from)}>
  <label for="rec-until">Until (extended)</label> <input type="date" id="rec-until" ${field('until', f?.until)}></p>
  <p><label for="rec-source">Source ID</label> <input id="rec-source" ${field('sourceId', f?.sourceId)} required placeholder="CN-ANN-2026-…"></p>
  <fieldset><legend>A new source (leave empty for one in sources.yaml)</legend>
  <label for="rec-title">Title</label> <input id="rec-title" ${field('sourceTitle', f?.sourceTitle)}>
  <label for="rec-date">Date</label> <input type="date" id="rec-date" ${field('sourceDate', f?.sourceDate)}>
  <label for="rec-url">Official URL</label> <input type="url" id="rec-url" ${field('sourceUrl', f?.sourceUrl)}></fieldset>
  <p><label for="rec-why">Why (the note every answer and update carries)</label><br><textarea id="rec-why" name="why" rows="3" required>${f?.why ?? ''}</textarea></p>
  <button type="submit">Preview</button>
</form>
${d.preview && renderPreview(d.preview.form, d.preview.result, csrfToken)}
${d.records.length > 0 && html`<h3>Recorded</h3><ol class="overlay-records">${d.records.map((r) => html`<li>${r.recordedAt.slice(0, 16).replace('T', ' ')}: ${r.target} ${r.status}${r.from ? ` from ${r.from}` : ''}${r.until ? ` until ${r.until}` : ''} (${'id' in r.source ? r.source.id : r.source.new.id}), by ${r.by}: ${r.why}</li>`)}</ol>`}
</section>`;
}

function renderPreview(form: RecordStatusForm['form'], p: StatusPreview, csrfToken: string): SafeHtml {
  const hidden = Object.entries(form).filter(([, v]) => v !== undefined).map(([k, v]) => html`<input type="hidden" name="${k}" value="${String(v)}">`);
  return html`<div class="preview" id="preview" role="region" aria-labelledby="preview-heading">
  <h3 id="preview-heading">This will change ${p.answers} answers and ${p.cases} open cases</h3>
  <p>${p.rules.length} rules change (${p.rules.join(', ')}); answers will name a new rules version.</p>
  ${p.sampleAnswers.length > 0 && html`<ul class="preview-answers">${p.sampleAnswers.map((a) => html`<li>${a.conversationKey}: ${a.previousVerdict} → ${a.verdict}. ${a.text}</li>`)}</ul>`}
  ${p.sampleCases.length > 0 && html`<ul class="preview-cases">${p.sampleCases.map((c) => html`<li><a href="/console/cases/${formatCaseId(c.caseNum)}">${formatCaseId(c.caseNum)}</a>: ${c.previousVerdict} → ${c.verdict}</li>`)}</ul>`}
  <form method="post" action="/console/rules/record">
    <input type="hidden" name="csrf" value="${csrfToken}">
    ${hidden}
    <button type="submit">Confirm and record</button>
  </form>
</div>`;
}

export function renderRulesPage(input: RulesPageInput): SafeHtml {
  return page({
    title: `Rules as of ${input.asOf}`,
    section: 'rules',
    csrfToken: input.csrfToken,
    loggedIn: input.loggedIn,
    body: html`<h1>Rules</h1>
<p>Rules version <code id="rules-version">${input.rulesVersion}</code>, ${input.rules.length} rules.</p>
${input.desk && renderDesk(input.rules, input.desk, input.csrfToken)}
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
