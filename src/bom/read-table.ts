/**
 * A BOM file as a table of text cells. CSV through csv-parse, XLSX through exceljs; nothing is evaluated: a formula
 * cell gives the result the spreadsheet saved with it (or nothing), and macro-enabled or legacy formats are refused.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { assertNever } from '../rules/verdict.js';
import { BomError, MAX_BOM_LINES } from './bom-error.js';

export interface Table {
  readonly rows: readonly (readonly string[])[];
  /** 1-based row numbers in the file, parallel to `rows` (for messages and the annotated output). */
  readonly rowNumbers: readonly number[];
  readonly sheet?: string;
  /** Rows whose cells held formulas: their saved results were read, never recomputed. */
  readonly formulaRows: ReadonlySet<number>;
}

/** Rows read past the line limit, for titles, headings and blank rows, before a file is known to be too long. */
const HEADER_ALLOWANCE = 1000;

/** Files larger than this are refused before parsing (a 20,000-line BOM is a few megabytes). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export type BomFileType = 'csv' | 'xlsx';

export function fileTypeOf(name: string, bytes: Uint8Array): BomFileType {
  const ext = extname(name).toLowerCase();
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (ext === '.xlsx') {
    if (!zip) throw new BomError('malformed', `${name} is named .xlsx but is not an XLSX (zip) file`);
    return 'xlsx';
  }
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') {
    if (zip || bytes.subarray(0, 4096).includes(0)) throw new BomError('malformed', `${name} is named ${ext} but holds binary data`);
    return 'csv';
  }
  if (ext === '.xlsm' || ext === '.xlsb' || ext === '.xls' || ext === '.ods' || ext === '.xltm') {
    throw new BomError('unsupported_type', `${name}: ${ext} files are not read (macro-enabled, legacy or other formats); save the BOM as .xlsx or .csv`);
  }
  throw new BomError('unsupported_type', `${name}: only .csv and .xlsx bills of materials are read`);
}

/** The delimiter a CSV uses: the one of , ; tab that splits its first lines most consistently. */
function sniffDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, 10);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', ';', '\t']) {
    const counts = lines.map((l) => l.replace(/"[^"]*"/g, '').split(d).length - 1);
    const min = Math.min(...counts);
    if (min > bestScore) {
      best = d;
      bestScore = min;
    }
  }
  return best;
}

function readCsv(name: string, bytes: Uint8Array): Table {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: sniffDelimiter(text), relax_column_count: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (e) {
    throw new BomError('malformed', `${name}: not a readable CSV (${(e as Error).message.split('\n')[0]})`);
  }
  return { rows: records, rowNumbers: records.map((_, i) => i + 1), formulaRows: new Set() };
}

function cellText(value: ExcelJS.CellValue): { text: string; formula: boolean } {
  if (value === null || value === undefined) return { text: '', formula: false };
  if (typeof value === 'string') return { text: value, formula: false };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value), formula: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join(''), formula: false };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    const r = result === undefined || result === null || typeof result === 'object' ? '' : String(result);
    return { text: r, formula: true };
  }
  if ('text' in value && typeof value.text === 'string') return { text: value.text, formula: false };
  if ('error' in value) return { text: '', formula: false };
  return { text: '', formula: false };
}

const WORKSHEET_ENTRY = /^xl\/worksheets\/[^/]+\.xml$/;

/**
 * The same workbook with its worksheets after every other entry. A zip may hold its entries in any order (exceljs's
 * own writer puts the worksheet before the shared strings and xl/workbook.xml last), and exceljs's streaming reader
 * parks a worksheet that comes before the shared strings in a temp file, a path that loses them: a stored
 * (uncompressed) sheet always read back with empty text cells, a deflated one now and then under load (the messy-XLSX
 * tests failed in CI that way). Read through the central directory (jszip, which exceljs itself depends on), the
 * entries are re-packed as they are: a deflated entry's bytes are copied, not inflated, so a zip bomb is no bigger
 * here than in the file, and the streaming reader still stops at the line limit.
 */
async function worksheetsLast(bytes: Uint8Array): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const reordered = new JSZip();
  const paths = Object.keys(zip.files);
  for (const path of [...paths.filter((p) => !WORKSHEET_ENTRY.test(p)), ...paths.filter((p) => WORKSHEET_ENTRY.test(p))]) {
    const entry = zip.files[path];
    // The loaded entry itself, not its content: jszip then copies its compressed bytes when the method matches.
    if (entry) reordered.files[path] = entry;
  }
  return reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * XLSX through exceljs's streaming reader: the first worksheet, row by row, so a 20,000-line BOM is never held as a
 * whole workbook model. A merged cell's text is in its first cell only; the header reader joins a heading merged
 * above (or down into) an empty header cell, so merged headings still name their columns.
 */
async function readXlsx(name: string, bytes: Uint8Array): Promise<Table> {
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const formulaRows = new Set<number>();
  let sheet: string | undefined;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([await worksheetsLast(bytes)]), {
      worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore',
    });
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: string[] = [];
        // row.values is 1-based; missing cells are holes.
        for (let c = 1; c < values.length; c++) {
          const { text, formula } = cellText(values[c] as ExcelJS.CellValue);
          if (formula) formulaRows.add(row.number);
          cells.push(text);
        }
        // Rows skipped in the file are blank rows: keep their numbers honest for messages.
        rows.push(cells);
        rowNumbers.push(row.number);
        if (rows.length > MAX_BOM_LINES + HEADER_ALLOWANCE) break;
      }
      sheet = (worksheet as unknown as { name?: string }).name;
      if (rows.length > 0) break;
    }
  } catch (e) {
    throw new BomError('malformed', `${name}: not a readable XLSX file (${(e as Error).message.split('\n')[0]})`);
  }
  if (rows.length === 0) throw new BomError('empty', `${name}: the workbook has no sheet with data`);
  return { rows, rowNumbers, ...(sheet ? { sheet } : {}), formulaRows };
}

export async function readTable(name: string, bytes: Uint8Array): Promise<Table> {
  if (bytes.byteLength === 0) throw new BomError('empty', `${name} is empty`);
  if (bytes.byteLength > MAX_FILE_BYTES) throw new BomError('too_many_lines', `${name} is ${(bytes.byteLength / 1048576).toFixed(0)} MB; at most ${MAX_FILE_BYTES / 1048576} MB are read`);
  const type = fileTypeOf(name, bytes);
  switch (type) {
    case 'csv':
      return readCsv(name, bytes);
    case 'xlsx':
      return readXlsx(name, bytes);
    default:
      return assertNever(type, 'BOM file type');
  }
}
