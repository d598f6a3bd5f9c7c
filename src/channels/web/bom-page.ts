/**
 * The web chat's bill-of-materials pages: the upload form, and a screened file as a table of lines with verdict
 * badges, filters (a GET form, so they work without scripts), the product summary, the downloads and the offer to
 * escalate the lines that need a decision as one case.
 */
import type { Screening, ScreenedLine } from '../../bom/screen-bom.js';
import { SCREENING_VERDICT_WORDS, summariseScreening } from '../../bom/screening-summary.js';
import { ReplyVerdictSchema, type ReplyVerdict } from '../../rules/verdict.js';
import { html, type SafeHtml } from './html.js';
import type { BomFilter } from './input-schemas.js';
import { page } from './layout.js';

/** Lines drawn at most; the annotated file has them all. */
export const MAX_TABLE_LINES = 1000;

export interface UploadPageInput {
  readonly csrfToken: string;
  readonly loggedIn: boolean;
  readonly maxMb: number;
  readonly error?: string;
}

export function renderUploadPage(input: UploadPageInput): SafeHtml {
  return page({
    title: 'Screen a bill of materials',
    section: 'chat',
    csrfToken: input.csrfToken,
    loggedIn: input.loggedIn,
    body: html`<h1>Screen a bill of materials</h1>
<p class="intro">Upload a BOM as CSV or XLSX. Each line is read as a question about that part and decided twice: exporting the part from China, and exporting the finished product. The product gets its Chinese-origin rare-earth content share against the 0.1 % line.</p>
<form id="bom-upload" method="post" action="/chat/bom" enctype="multipart/form-data" class="panel">
  <input type="hidden" name="csrf" value="${input.csrfToken}">
  <label for="bom-file">BOM file (.csv or .xlsx, at most ${input.maxMb} MB)</label>
  <input type="file" id="bom-file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required>
  <label for="bom-as-of">Screen as of this date (optional)</label>
  <input type="date" id="bom-as-of" name="asOf" min="2000-01-01" max="2100-12-31">
  ${input.error && html`<p class="error" role="alert" id="bom-error">${input.error}</p>`}
  <div class="actions"><button type="submit" id="bom-screen">Screen</button></div>
</form>
<p><a href="/">Back to the chat</a></p>`,
  });
}

export interface ResultPageInput {
  readonly id: string;
  readonly fileName: string;
  readonly screening: Screening;
  readonly filter: BomFilter;
  readonly csrfToken: string;
  readonly loggedIn: boolean;
  /** The case the lines went to, if they were escalated. */
  readonly caseId?: string | undefined;
  /** Said after an escalation was asked for. */
  readonly notice?: string | undefined;
}

function badge(v: ReplyVerdict): SafeHtml {
  return html`<span class="badge badge-${v}">${SCREENING_VERDICT_WORDS[v]}</span>`;
}

function matches(l: ScreenedLine, f: BomFilter): boolean {
  if (f.part !== 'all' && l.partExport.verdict !== f.part) return false;
  if (f.product !== 'all' && l.productExport.verdict !== f.product) return false;
  if (f.decision && l.partExport.verdict !== 'escalate' && l.productExport.verdict !== 'escalate') return false;
  return true;
}

function verdictSelect(id: string, name: string, label: string, chosen: ReplyVerdict | 'all'): SafeHtml {
  return html`<label for="${id}">${label}</label>
  <select id="${id}" name="${name}">
    <option value="all"${chosen === 'all' ? html` selected` : ''}>any</option>
    ${ReplyVerdictSchema.options.map((v) => html`<option value="${v}"${chosen === v ? html` selected` : ''}>${SCREENING_VERDICT_WORDS[v]}</option>`)}
  </select>`;
}

function lineRow(l: ScreenedLine): SafeHtml {
  const cites = [...new Set([...l.partExport.citations, ...l.productExport.citations].map((c) => `${c.source}${c.article ? ` ${c.article}` : ''}`))];
  return html`<tr class="bom-line" data-row="${l.row}">
  <th scope="row">${l.row}</th>
  <td>${l.partNumber ?? ''}</td>
  <td>${'· '.repeat(l.level)}${l.description}</td>
  <td>${l.origin ?? ''}</td>
  <td class="part-verdict">${badge(l.partExport.verdict)}${l.partExport.decidingColumn && html`<br><small>decided by: ${l.partExport.decidingColumn}</small>`}</td>
  <td class="product-verdict">${badge(l.productExport.verdict)}${l.productExport.decidingColumn && html`<br><small>decided by: ${l.productExport.decidingColumn}</small>`}</td>
  <td>${l.content.counted ? l.content.note : ''}</td>
  <td><small>${cites.join('; ')}</small></td>
</tr>`;
}

export function renderResultPage(input: ResultPageInput): SafeHtml {
  const s = input.screening;
  const p = s.product;
  const summary = summariseScreening(s);
  const shown = s.lines.filter((l) => matches(l, input.filter));
  const drawn = shown.slice(0, MAX_TABLE_LINES);
  const base = `/chat/bom/${input.id}`;
  return page({
    title: `BOM ${input.fileName}`,
    section: 'chat',
    csrfToken: input.csrfToken,
    loggedIn: input.loggedIn,
    body: html`<h1>Bill of materials: ${input.fileName}</h1>
${input.notice && html`<p class="escalation" role="status" id="bom-notice">${input.notice}</p>`}
<section aria-labelledby="product-heading" class="panel" id="bom-product">
  <h2 id="product-heading">The product</h2>
  <p class="headline">${badge(p.verdict.verdict)} ${summary.headline}</p>
  <dl class="summary">
    <dt>As of</dt><dd>${s.asOf} (rules version ${s.rulesVersion})</dd>
    <dt>Made in</dt><dd>${p.madeIn ?? 'not given'}</dd>
    <dt>Value</dt><dd>${p.productValue === undefined ? 'not known' : `${p.productValue.toFixed(2)} ${p.currency ?? ''}`}</dd>
    <dt>Rare-earth share</dt><dd id="bom-share">${summary.share}</dd>
    <dt>Lines</dt><dd>${summary.partCounts} ${summary.productCounts}</dd>
  </dl>
  ${summary.notes.length > 0 && html`<ul class="reasons">${summary.notes.map((n) => html`<li>${n}</li>`)}</ul>`}
  ${p.verdict.citations.length > 0 && html`<p class="citations">Cited: ${p.verdict.citations.map((c, i) => html`${i > 0 ? '; ' : ''}<a href="/sources#${c.source}">${c.source}${c.article ? ` ${c.article}` : ''}</a>`)}</p>`}
  <p class="downloads">Download the annotated file: <a href="${base}/annotated.xlsx" id="download-xlsx">XLSX</a> · <a href="${base}/annotated.csv" id="download-csv">CSV</a></p>
  ${input.caseId
    ? html`<p class="escalation" id="bom-case">The lines that need a decision are with the compliance team as case ${input.caseId}; the decision will appear in the chat.</p>`
    : summary.needDecision.length > 0 && html`<form method="post" action="${base}/escalate" class="escalate">
    <input type="hidden" name="csrf" value="${input.csrfToken}">
    <p>${summary.needDecision.length} ${summary.needDecision.length === 1 ? 'line needs' : 'lines need'} a compliance decision.</p>
    <button type="submit" id="bom-escalate">Send ${summary.needDecision.length === 1 ? 'it' : 'them'} to compliance as one case</button>
  </form>`}
</section>
<section aria-labelledby="lines-heading">
  <h2 id="lines-heading">Lines</h2>
  <form method="get" action="${base}" class="as-of-form" id="bom-filters">
    ${verdictSelect('filter-part', 'part', 'Part exported from China', input.filter.part)}
    ${verdictSelect('filter-product', 'product', "In the product's export", input.filter.product)}
    <label><input type="checkbox" name="decision" value="1"${input.filter.decision ? html` checked` : ''}> Only lines that need a decision</label>
    <button type="submit" class="secondary">Filter</button>
  </form>
  <p id="bom-count" role="status">Showing ${drawn.length} of ${s.lines.length} lines${shown.length > drawn.length ? ` (the first ${MAX_TABLE_LINES} of ${shown.length} that match; the annotated file has them all)` : ''}.</p>
  <table class="bom-lines">
    <thead><tr><th scope="col">Row</th><th scope="col">Part</th><th scope="col">Description</th><th scope="col">Origin</th><th scope="col">Part exported from China</th><th scope="col">In the product's export</th><th scope="col">Rare-earth content</th><th scope="col">Citations</th></tr></thead>
    <tbody>${drawn.map(lineRow)}</tbody>
  </table>
</section>
<p><a href="/chat/bom">Screen another file</a> · <a href="/">Back to the chat</a></p>`,
  });
}
