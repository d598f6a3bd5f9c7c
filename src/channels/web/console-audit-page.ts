/** The audit log: whether its hash chain verifies, the latest records, and the CSV export of all of them. */
import type { AuditRecord } from '../../cases/audit-log.js';
import { problemScope, type TrailVerification } from '../../cases/audit-verify.js';
import { clip, shortTime } from './console-cases-page.js';
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';
import { renderFields } from './render-fields.js';

export interface AuditPageInput {
  readonly verification: TrailVerification;
  /** Newest first. */
  readonly records: readonly AuditRecord[];
  readonly total: number;
  readonly csrfToken: string;
  readonly loggedIn: boolean;
}

export function renderAuditPage(input: AuditPageInput): SafeHtml {
  const v = input.verification;
  return page({
    title: 'Audit log',
    section: 'audit',
    csrfToken: input.csrfToken,
    loggedIn: input.loggedIn,
    body: html`<h1>Audit log</h1>
<section class="verification ${v.ok ? 'verified' : 'broken'}" aria-labelledby="verification-heading">
  <h2 id="verification-heading">Verification</h2>
  ${v.ok
    ? html`<p><strong>The chain verifies.</strong> ${plural(v.count, 'record')}; the latest is #${v.head.seq} with hash <code>${v.head.hash.slice(0, 16)}…</code>. Cases checked against their audit records: ${v.cases}, all match.</p>`
    : problemScope(v.firstBad.reason) === 'record'
      ? html`<p><strong>The chain is broken at record #${v.firstBad.seq}</strong> (${v.firstBad.reason}): ${v.firstBad.detail}. The ${plural(v.count, 'record')} before it verify.</p>`
      : html`<p><strong>The audit trail does not verify</strong> (${v.firstBad.reason}): ${v.firstBad.detail}. The ${plural(v.count, 'record')} of the chain itself verify.</p>`}
</section>
<p><a href="/console/audit.csv" download>Export the whole log as CSV</a></p>
<table class="audit">
  <caption>${input.records.length < input.total ? `The latest ${input.records.length} of ${input.total} records` : `All ${plural(input.total, 'record')}`}, newest first</caption>
  <thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Kind</th><th scope="col">Actor</th><th scope="col">Text</th><th scope="col">Details</th></tr></thead>
  <tbody>${input.records.map((r) => html`
    <tr><th scope="row">${r.seq}</th><td class="nowrap"><time datetime="${r.at}">${shortTime(r.at)}</time></td><td>${r.kind}</td><td>${r.actor}</td>
      <td class="said">${r.redactedAt ? html`<em>redacted</em>` : clip(r.text ?? '', 200)}</td>
      <td>${renderFields(r.payload)}</td></tr>`)}
  </tbody>
</table>`,
  });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
