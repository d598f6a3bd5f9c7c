/**
 * MOFCOM's control-list and watch-list parties (rules/parties.yaml) with their announcements, searchable by name,
 * alias, country, list or announcement, and by the screener itself, so "TDK Corporation" finds TDK with the match
 * said. Shared by the Sources page and the console's rules page; a plain GET form, no script needed.
 */
import { createPartyScreener, describeMatch } from '../../rules/party-screen.js';
import type { RuleSet } from '../../rules/ruleset.js';
import { announcementLabel } from '../../rules/party-screen.js';
import { html, type SafeHtml } from './html.js';

export interface PartiesSectionInput {
  readonly rules: Pick<RuleSet, 'parties' | 'partyScreening' | 'sources'>;
  readonly query: string | undefined;
  /** Where the search form goes (the page showing it). */
  readonly action: string;
  /** Other query parameters the page keeps (the console's as-of date). */
  readonly keep?: Readonly<Record<string, string>>;
}

export function renderPartiesSection(input: PartiesSectionInput): SafeHtml {
  const q = (input.query ?? '').trim();
  const needle = q.toLowerCase();
  const screened = q ? createPartyScreener(input.rules.parties, input.rules.partyScreening).find(q, { wholeName: true }) : [];
  const shown = input.rules.parties.filter((p) => !needle
    || [p.name, ...p.aliases, p.country, p.list === 'control' ? 'control list' : 'watch list', ...p.sources, ...p.sources.map(announcementLabel)].some((s) => s.toLowerCase().includes(needle))
    || screened.some((m) => m.party.name === p.name));
  return html`<section id="parties" aria-labelledby="parties-heading">
<h2 id="parties-heading">Listed parties</h2>
<p>Entities on MOFCOM's export control list (no dual-use items: prohibited) and watch list (single licence only, with a
risk-assessment report and a written commitment; no 45-working-day bound), as the brief reports them. The list contents
come from news and a screening dataset and are unconfirmed.</p>
<form method="get" action="${input.action}" class="party-search" role="search">
  ${Object.entries(input.keep ?? {}).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
  <label for="party-search">Search parties</label>
  <input type="search" id="party-search" name="party" value="${q}" maxlength="100" placeholder="name, alias, country or announcement">
  <button type="submit">Search</button>
</form>
${screened.length > 0 ? html`<ul class="party-matches">${screened.map((m) => html`<li>${describeMatch(m)}</li>`)}</ul>` : ''}
<p class="party-count">${shown.length} of ${input.rules.parties.length} parties${q ? html` matching <q>${q}</q>` : ''}.</p>
<table class="parties">
  <thead><tr><th scope="col">Party</th><th scope="col">Also written</th><th scope="col">List</th><th scope="col">Country</th><th scope="col">Announcements</th><th scope="col">Confirmed</th></tr></thead>
  <tbody>${shown.map((p) => html`
    <tr>
      <th scope="row">${p.name}</th>
      <td>${[...p.aliases, ...p.units.map((u) => `unit: ${u}`), ...p.group.map((g) => `group: ${g}`)].join('; ')}</td>
      <td>${p.list === 'control' ? 'Export control list' : 'Watch list'}</td>
      <td>${p.country}</td>
      <td>${p.sources.map((id, i) => html`${i > 0 ? ', ' : ''}<a href="/sources#${id}">${announcementLabel(id)}</a> (${input.rules.sources.get(id)?.date ?? ''})`)}</td>
      <td>${p.confirmed ? 'yes' : 'no (secondary reports)'}</td>
    </tr>`)}</tbody>
</table>
</section>`;
}
