/**
 * A screening as output: JSON (the whole result), or the BOM annotated — the file's own columns, then the verdicts
 * for both views, the deciding column and the rare-earth note — as CSV (csv-stringify) or XLSX (exceljs). Every text
 * cell that a spreadsheet would run as a formula is written defused (`'=`).
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { defuseCell } from './cell-values.js';
import type { Bom } from './read-bom.js';
import type { Screening, ViewResult } from './screen-bom.js';

const ADDED = [
  'Lodestone: part export from China', 'Lodestone: part: deciding column', 'Lodestone: product export', 'Lodestone: product: deciding column',
  'Lodestone: Chinese rare-earth content', 'Lodestone: content value', 'Lodestone: reasons', 'Lodestone: citations',
];

function cite(v: ViewResult): string {
  return v.citations.map((c) => `${c.source}${c.article ? ` ${c.article}` : ''}`).join('; ');
}

/** The annotated table: header row, then one row per BOM line, then the product summary rows. */
export function annotatedRows(bom: Bom, s: Screening): string[][] {
  const width = bom.headers.length;
  const rows: string[][] = [[...bom.headers, ...ADDED]];
  s.lines.forEach((l, i) => {
    const cells = bom.lines[i]?.cells ?? [];
    const own = Array.from({ length: width }, (_, c) => cells[c] ?? '');
    const citations = [...new Set([cite(l.partExport), cite(l.productExport)].filter(Boolean))].join('; ');
    rows.push([
      ...own,
      l.partExport.verdict, l.partExport.decidingColumn ?? '', l.productExport.verdict, l.productExport.decidingColumn ?? '',
      l.content.counted ? `counted: ${l.content.note}` : l.content.note,
      l.content.value !== undefined ? l.content.value.toFixed(2) : '',
      [...l.partExport.reasons.slice(0, 2), ...l.productExport.reasons.slice(0, 2)].join(' | '),
      citations,
    ]);
  });
  const p = s.product;
  rows.push([]);
  rows.push(['Product', `as of ${s.asOf}`, `made in ${p.madeIn ?? 'not given'}`, `value ${p.productValue?.toFixed(2) ?? 'not known'} ${p.currency ?? ''}`.trim(),
    `Chinese-origin rare-earth content ${p.chineseContentValue.toFixed(2)}`, `share ${p.sharePercent === undefined ? 'not known' : `${p.sharePercent.toFixed(4)} %`} (${p.shareStatus} the ${p.thresholdPercent} % line)`,
    `verdict ${p.verdict.verdict}`, cite(p.verdict)]);
  for (const r of [...p.notes, ...p.verdict.reasons]) rows.push(['', r]);
  return rows.map((r) => r.map(defuseCell));
}

export function screeningCsv(bom: Bom, s: Screening): string {
  return rowsCsv(annotatedRows(bom, s));
}

export async function screeningXlsx(bom: Bom, s: Screening): Promise<Buffer> {
  return rowsXlsx(annotatedRows(bom, s));
}

/** Annotated rows (already defused) as CSV: what the chat channels keep and hand out again. */
export function rowsCsv(rows: readonly (readonly string[])[]): string {
  return stringify(rows.map((r) => r.map(defuseCell)));
}

export async function rowsXlsx(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Screening');
  // Strings only: exceljs writes a string as text, never as a formula, and the cells are defused for other readers.
  for (const row of rows) sheet.addRow(row.map(defuseCell));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
