/**
 * A BOM table as typed lines: the header row found by its column names (or `--map`), group headings above it
 * merged in, blank and repeated-header rows skipped, values read with their units, nesting by level or parent.
 * Every line is zod-validated; at most MAX_BOM_LINES lines are read.
 */
import { z } from 'zod';
import { BomError, MAX_BOM_LINES } from './bom-error.js';
import { readCurrency, readLevel, readMassKg, readNumber, massUnitOfHeader } from './cell-values.js';
import { BOM_COLUMNS, COLUMN_LABELS, columnForHeader, normaliseHeader, type BomColumn } from './columns.js';
import { readTable, type Table } from './read-table.js';

export const BomLineSchema = z.object({
  /** Row number in the file (1-based), as a spreadsheet shows it. */
  row: z.number().int().positive(),
  partNumber: z.string().max(200).optional(),
  description: z.string().max(2000),
  quantity: z.number().nonnegative().finite(),
  /** True when the file gave no quantity and 1 was taken. */
  quantityAssumed: z.boolean(),
  unitValue: z.number().nonnegative().finite().optional(),
  lineValue: z.number().nonnegative().finite().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  material: z.string().max(2000).optional(),
  magnetGrade: z.string().max(200).optional(),
  massKg: z.number().nonnegative().finite().optional(),
  origin: z.string().max(200).optional(),
  supplier: z.string().max(500).optional(),
  customer: z.string().max(500).optional(),
  madeIn: z.string().max(200).optional(),
  level: z.number().int().min(0).max(50).optional(),
  parent: z.string().max(200).optional(),
  /** A formula's saved result was read on this row (never recomputed). */
  fromFormula: z.boolean(),
  /** The row's cells as read, for the annotated output. */
  cells: z.array(z.string()),
});
export type BomLine = z.infer<typeof BomLineSchema>;

export interface Bom {
  readonly name: string;
  readonly sheet?: string;
  readonly headerRow: number;
  /** The file's header text for each column, as written (after merged group headings were joined in). */
  readonly headers: readonly string[];
  readonly columns: ReadonlyMap<BomColumn, number>;
  readonly lines: readonly BomLine[];
}

const HEADER_SEARCH_ROWS = 30;

function isBlank(row: readonly string[]): boolean {
  return row.every((c) => c.trim() === '');
}

/** The header text of each column: the cell, with the group heading above it when the cell alone names nothing. */
function headerTexts(table: Table, at: number): string[] {
  const row = table.rows[at] ?? [];
  const above = at > 0 ? table.rows[at - 1] ?? [] : [];
  return Array.from({ length: Math.max(row.length, above.length) }, (_, i) => {
    const cell = row[i] ?? '';
    const group = above[i]?.trim() ?? '';
    if (columnForHeader(cell) || !group || group === cell.trim()) return cell.trim() || group;
    return cell.trim() ? `${group} ${cell.trim()}` : group;
  });
}

function matchColumns(headers: readonly string[], map: ReadonlyMap<BomColumn, string>): Map<BomColumn, number> {
  const columns = new Map<BomColumn, number>();
  const normalised = headers.map(normaliseHeader);
  for (const [column, header] of map) {
    const i = normalised.indexOf(header);
    if (i >= 0) columns.set(column, i);
  }
  const taken = new Set(columns.values());
  headers.forEach((h, i) => {
    if (taken.has(i)) return;
    const column = columnForHeader(h);
    if (column && !columns.has(column) && !map.has(column)) columns.set(column, i);
  });
  return columns;
}

/** The header row: of the first rows, the one naming the most known columns, including a description. */
function findHeader(table: Table, map: ReadonlyMap<BomColumn, string>, name: string): { at: number; headers: string[]; columns: Map<BomColumn, number> } {
  let best: { at: number; headers: string[]; columns: Map<BomColumn, number>; score: number } | undefined;
  for (let at = 0; at < Math.min(HEADER_SEARCH_ROWS, table.rows.length); at++) {
    if (isBlank(table.rows[at] ?? [])) continue;
    const headers = headerTexts(table, at);
    const columns = matchColumns(headers, map);
    if (!columns.has('description') && !columns.has('partNumber')) continue;
    // A row that names the description beats a row of group headings naming as many columns.
    const score = columns.size + (columns.has('description') ? 0.5 : 0);
    if (columns.size >= 2 && (!best || score > best.score)) best = { at, headers, columns, score };
  }
  if (!best && map.size > 0) {
    const seen = new Set(table.rows.slice(0, HEADER_SEARCH_ROWS).flatMap((_, at) => headerTexts(table, at).map(normaliseHeader)));
    const absent = [...map].filter(([, header]) => !seen.has(header)).map(([column]) => column);
    if (absent.length) throw new BomError('bad_map', `${name}: --map names a header not in the file for ${absent.join(', ')}`);
  }
  if (!best) {
    throw new BomError('no_header', `${name}: no header row found in the first ${HEADER_SEARCH_ROWS} rows (looked for ${BOM_COLUMNS.map((c) => COLUMN_LABELS[c]).join(', ')}); name the columns with --map, e.g. --map description="Part Desc"`);
  }
  const missing = [...map.keys()].filter((c) => !best.columns.has(c));
  if (missing.length) throw new BomError('bad_map', `${name}: --map names a header not in the file for ${missing.join(', ')}`);
  if (!best.columns.has('description')) {
    throw new BomError('no_description', `${name}: no description column found; map it with --map description="<header>"`);
  }
  return best;
}

function text(row: readonly string[], columns: ReadonlyMap<BomColumn, number>, column: BomColumn): string | undefined {
  const i = columns.get(column);
  const t = i === undefined ? undefined : row[i]?.trim();
  return t ? t : undefined;
}

export async function readBom(name: string, bytes: Uint8Array, map: ReadonlyMap<BomColumn, string> = new Map()): Promise<Bom> {
  const table = await readTable(name, bytes);
  if (table.rows.every(isBlank)) throw new BomError('empty', `${name} has no data`);
  const { at, headers, columns } = findHeader(table, map, name);
  const massIndex = columns.get('mass');
  const massUnit = massIndex === undefined ? 1 : massUnitOfHeader(headers[massIndex] ?? '');
  const headerKey = (table.rows[at] ?? []).map(normaliseHeader).join('|');
  const lines: BomLine[] = [];
  for (let r = at + 1; r < table.rows.length; r++) {
    const row = table.rows[r] ?? [];
    if (isBlank(row) || row.map(normaliseHeader).join('|') === headerKey) continue;
    if (lines.length >= MAX_BOM_LINES) {
      throw new BomError('too_many_lines', `${name}: more than ${MAX_BOM_LINES.toLocaleString('en')} lines; split the BOM (at most ${MAX_BOM_LINES.toLocaleString('en')} lines per file)`);
    }
    const rowNumber = table.rowNumbers[r] ?? r + 1;
    const get = (c: BomColumn) => text(row, columns, c);
    const description = get('description') ?? '';
    const quantityText = get('quantity');
    const quantity = quantityText === undefined ? undefined : readNumber(quantityText);
    const unitText = get('unitValue');
    const lineText = get('lineValue');
    const massText = get('mass');
    const levelText = get('level');
    const candidate = {
      row: rowNumber,
      partNumber: get('partNumber'),
      description,
      quantity: quantity ?? 1,
      quantityAssumed: quantity === undefined,
      unitValue: unitText === undefined ? undefined : readNumber(unitText),
      lineValue: lineText === undefined ? undefined : readNumber(lineText),
      currency: (get('currency') ? readCurrency(get('currency') ?? '') : undefined) ?? readCurrency(unitText ?? '') ?? readCurrency(lineText ?? '') ?? readCurrency(headers[columns.get('unitValue') ?? -1] ?? ''),
      material: get('material'),
      magnetGrade: get('magnetGrade'),
      massKg: massText === undefined ? undefined : readMassKg(massText, massUnit),
      origin: get('origin'),
      supplier: get('supplier'),
      customer: get('customer'),
      madeIn: get('madeIn'),
      level: levelText === undefined ? undefined : readLevel(levelText),
      parent: get('parent'),
      fromFormula: table.formulaRows.has(rowNumber),
      cells: [...row],
    };
    const parsed = BomLineSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BomError('malformed', `${name} row ${rowNumber}: ${issue?.path.join('.') ?? 'line'}: ${issue?.message ?? 'invalid'}`);
    }
    // A row with no description and no part number is a note or a subtotal, not a part.
    if (!parsed.data.description && !parsed.data.partNumber) continue;
    lines.push(parsed.data);
  }
  if (lines.length === 0) throw new BomError('empty', `${name}: no BOM lines under the header row ${table.rowNumbers[at] ?? at + 1}`);
  return { name, ...(table.sheet ? { sheet: table.sheet } : {}), headerRow: table.rowNumbers[at] ?? at + 1, headers, columns, lines };
}
