/** The sources the rules cite, so every citation in an answer has somewhere to link to. */
import type { RuleSet } from '../../rules/ruleset.js';
import { html, safeHttpUrl, type SafeHtml } from './html.js';
import { page } from './layout.js';
import { renderPartiesSection } from './parties-section.js';

export function renderSourcesPage(rules: Pick<RuleSet, 'sources' | 'version' | 'parties' | 'partyScreening'>, loggedIn: boolean, csrfToken: string, partyQuery?: string): SafeHtml {
  const sources = [...rules.sources.values()].sort((a, b) => a.id.localeCompare(b.id));
  return page({
    title: 'Sources',
    section: 'sources',
    loggedIn,
    csrfToken,
    body: html`<h1>Sources</h1>
<p>The announcements and laws Lodestone's rules are built from (rules version <code>${rules.version}</code>).</p>
<dl class="sources">${sources.map((s) => {
  const url = safeHttpUrl(s.url);
  return html`
  <dt id="${s.id}"><code>${s.id}</code> ${s.title}</dt>
  <dd><p>${s.date}. ${s.summary}</p>${url && (s.urlConfirmed
    ? html`<p><a href="${url}" rel="noopener noreferrer" target="_blank">Official text<span class="visually-hidden"> of ${s.id}, opens in a new tab</span></a></p>`
    : html`<p class="hint">Address given but not confirmed as the official page: <code>${url}</code></p>`)}</dd>`;
})}</dl>
${renderPartiesSection({ rules, query: partyQuery, action: '/sources' })}`,
  });
}
