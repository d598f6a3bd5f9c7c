/**
 * The console dashboard: three charts (questions per day by verdict, unresolved cases by age, the most asked items)
 * drawn by /assets/dashboard.js with Chart.js from /console/dashboard.json. Each chart's numbers are also in a table
 * rendered here, so the page says everything without a script or a canvas; the canvas carries a one-line summary.
 */
import type { Dashboard } from '../../cases/dashboard.js';
import { html, type SafeHtml } from './html.js';
import { VERDICT_LABELS } from './labels.js';
import { page } from './layout.js';

export interface DashboardPageInput {
  readonly dashboard: Dashboard;
  readonly csrfToken: string;
  readonly loggedIn: boolean;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function renderDashboardPage(input: DashboardPageInput): SafeHtml {
  const d = input.dashboard;
  const first = d.days[0] ?? '';
  const last = d.days.at(-1) ?? '';
  const busiest = d.topItems[0];
  return page({
    title: 'Dashboard',
    section: 'dashboard',
    csrfToken: input.csrfToken,
    loggedIn: input.loggedIn,
    scripts: ['chart.umd.min.js', 'dashboard.js'],
    body: html`<h1>Dashboard</h1>
<p class="intro">The last ${d.days.length} days (${first} to ${last}, UTC), counted from the audit log and the cases.</p>
<div class="dashboard" data-source="/console/dashboard.json">
<section class="panel chart-panel" aria-labelledby="answers-heading">
  <h2 id="answers-heading">Questions per day by verdict</h2>
  <div class="chart-box wide"><canvas id="chart-answers" role="img" aria-label="Stacked bar chart: ${plural(d.answersTotal, 'question')} answered in the last ${d.days.length} days, by verdict. The table below has the numbers."></canvas></div>
  <details class="chart-table">
    <summary>The numbers as a table</summary>
    <div class="table-scroll"><table id="table-answers">
      <caption>Answers per day (UTC) by verdict</caption>
      <thead><tr><th scope="col">Day</th>${d.answersByVerdict.map((s) => html`<th scope="col" data-series="${s.verdict}"><span class="badge badge-${s.verdict}">${VERDICT_LABELS[s.verdict]}</span></th>`)}<th scope="col">Total</th></tr></thead>
      <tbody>${d.days.map((day, i) => html`<tr><th scope="row">${day}</th>${d.answersByVerdict.map((s) => html`<td>${s.counts[i] ?? 0}</td>`)}<td>${d.answersByVerdict.reduce((t, s) => t + (s.counts[i] ?? 0), 0)}</td></tr>`)}</tbody>
      <tfoot><tr><th scope="row">Total</th>${d.answersByVerdict.map((s) => html`<td>${s.counts.reduce((a, b) => a + b, 0)}</td>`)}<td>${d.answersTotal}</td></tr></tfoot>
    </table></div>
  </details>
</section>
<section class="panel chart-panel" aria-labelledby="cases-heading">
  <h2 id="cases-heading">Open cases by age</h2>
  <div class="chart-box"><canvas id="chart-cases" role="img" aria-label="Stacked bar chart: ${plural(d.openCasesTotal, 'unresolved case')} by time since opened, waiting or claimed. The table below has the numbers."></canvas></div>
  <details class="chart-table">
    <summary>The numbers as a table</summary>
    <table id="table-cases">
      <caption>Unresolved cases by time since they were opened or reopened</caption>
      <thead><tr><th scope="col">Age</th><th scope="col" data-series="waiting"><span class="state state-open">Waiting</span></th><th scope="col" data-series="claimed"><span class="state state-claimed">Claimed</span></th><th scope="col">Total</th></tr></thead>
      <tbody>${d.openCasesByAge.map((b) => html`<tr><th scope="row">${b.label}</th><td>${b.waiting}</td><td>${b.claimed}</td><td>${b.waiting + b.claimed}</td></tr>`)}</tbody>
      <tfoot><tr><th scope="row">Total</th><td>${d.openCasesByAge.reduce((t, b) => t + b.waiting, 0)}</td><td>${d.openCasesByAge.reduce((t, b) => t + b.claimed, 0)}</td><td>${d.openCasesTotal}</td></tr></tfoot>
    </table>
  </details>
</section>
<section class="panel chart-panel" aria-labelledby="items-heading">
  <h2 id="items-heading">Most asked items</h2>
  ${d.topItems.length === 0
    ? html`<p class="empty">No answers in the last ${d.days.length} days named goods.</p>`
    : html`<div class="chart-box"><canvas id="chart-items" role="img" aria-label="Bar chart: the ${plural(d.topItems.length, 'most asked item')}; the first is ${busiest?.item ?? ''} (${plural(busiest?.count ?? 0, 'question')}). The table below has the numbers."></canvas></div>
  <details class="chart-table">
    <summary>The numbers as a table</summary>
    <table id="table-items">
      <caption>The ${d.topItems.length} most asked items, last ${d.days.length} days</caption>
      <thead><tr><th scope="col">Item</th><th scope="col">Questions</th></tr></thead>
      <tbody>${d.topItems.map((t) => html`<tr><th scope="row">${t.item}</th><td>${t.count}</td></tr>`)}</tbody>
    </table>
  </details>`}
</section>
</div>
<p class="hint">The same numbers as JSON: <a href="/console/dashboard.json">/console/dashboard.json</a>.</p>`,
  });
}
