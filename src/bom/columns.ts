/**
 * The BOM columns Lodestone reads, the header names and synonyms that find them, and `--map col=Header` overrides.
 * Header text is compared normalised (lower case, punctuation and units in brackets dropped), so "Unit Price (EUR)"
 * and "unit price" are the same header.
 */
import { z } from 'zod';
import { BomError } from './bom-error.js';

export const BOM_COLUMNS = [
  'partNumber', 'description', 'quantity', 'unitValue', 'lineValue', 'currency', 'material', 'magnetGrade', 'mass',
  'origin', 'supplier', 'customer', 'madeIn', 'level', 'parent',
] as const;
export const BomColumnSchema = z.enum(BOM_COLUMNS);
export type BomColumn = z.infer<typeof BomColumnSchema>;

/** How each column is named in output and in `need_info` ("the column that would decide it"). */
export const COLUMN_LABELS: Record<BomColumn, string> = {
  partNumber: 'part number', description: 'description', quantity: 'quantity', unitValue: 'unit value',
  lineValue: 'line value', currency: 'currency', material: 'material / composition', magnetGrade: 'magnet grade',
  mass: 'mass', origin: 'country of origin', supplier: 'supplier', customer: 'customer', madeIn: 'made in', level: 'level', parent: 'parent',
};

const SYNONYMS: Record<BomColumn, readonly string[]> = {
  partNumber: ['part number', 'part no', 'part #', 'pn', 'p n', 'item number', 'item no', 'article', 'article number', 'sku', 'material number', 'component number', 'part', 'no', 'number'],
  description: ['description', 'desc', 'part description', 'part desc', 'item description', 'component', 'name', 'part name', 'item', 'designation', 'component description'],
  quantity: ['quantity', 'qty', 'qty per', 'quantity per', 'count', 'pcs', 'units', 'amount', 'qty per assembly'],
  unitValue: ['unit value', 'unit price', 'unit cost', 'price', 'cost', 'value', 'price per unit', 'cost per unit', 'unit', 'cost unit', 'price unit', 'cost per unit price'],
  lineValue: ['line value', 'extended value', 'extended price', 'extended cost', 'total value', 'total price', 'total cost', 'line total', 'cost total', 'price total'],
  currency: ['currency', 'curr', 'ccy', 'cur', 'cost currency', 'price currency'],
  material: ['material', 'composition', 'material composition', 'materials', 'alloy', 'chemistry', 'magnet material', 'material spec'],
  magnetGrade: ['magnet grade', 'grade', 'magnet', 'material grade'],
  mass: ['mass', 'weight', 'net weight', 'mass kg', 'weight kg', 'mass g', 'weight g', 'net mass', 'unit mass', 'unit weight'],
  origin: ['country of origin', 'origin', 'coo', 'origin country', 'country', 'source country', 'origin coo'],
  supplier: ['supplier', 'vendor', 'manufacturer', 'mfr', 'maker', 'source', 'supplier name', 'vendor name'],
  customer: ['customer', 'buyer', 'consignee', 'end user', 'end customer', 'sold to', 'ship to', 'customer name', 'buyer name'],
  madeIn: ['made in', 'manufactured in', 'production country', 'plant country', 'assembled in', 'place of manufacture'],
  level: ['level', 'lvl', 'bom level', 'indent', 'depth'],
  parent: ['parent', 'parent part', 'parent part number', 'parent pn', 'assembly', 'parent item', 'next higher assembly', 'used in'],
};

/** Lower case, brackets (units like "(kg)" or "(EUR)") and punctuation dropped, spaces collapsed. */
export function normaliseHeader(text: string): string {
  return text.toLowerCase().replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/[^a-z0-9#]+/g, ' ').trim();
}

const LOOKUP: ReadonlyMap<string, BomColumn> = new Map(
  BOM_COLUMNS.flatMap((c) => [normaliseHeader(c), ...SYNONYMS[c].map(normaliseHeader)].map((s) => [s, c] as const)).reverse(),
);

/** The column a header names, by its name or a synonym; undefined when it names none. */
export function columnForHeader(text: string): BomColumn | undefined {
  const n = normaliseHeader(text);
  return n ? LOOKUP.get(n) : undefined;
}

/** `--map description=Part Desc`: the column name (or a synonym of it) on the left, the file's header on the right. */
export function parseColumnMap(entries: readonly string[]): Map<BomColumn, string> {
  const map = new Map<BomColumn, string>();
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const left = eq > 0 ? entry.slice(0, eq).trim() : '';
    const right = eq > 0 ? entry.slice(eq + 1).trim() : '';
    const column = BomColumnSchema.safeParse(left).success ? (left as BomColumn) : columnForHeader(left);
    if (!column || !right) {
      throw new BomError('bad_map', `--map "${entry}": write column=Header, with column one of ${BOM_COLUMNS.join(', ')}`);
    }
    map.set(column, normaliseHeader(right));
  }
  return map;
}
