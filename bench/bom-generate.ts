/**
 * A generated 20,000-line BOM for the bench: a product with 400 modules of 49 parts, each description distinct
 * (dimensions vary), so no line is answered from another's reading. Magnets, rotor assemblies, sensors, fasteners,
 * housings, boards and cables of several origins, with values.
 */
import ExcelJS from 'exceljs';

const KINDS: readonly [description: string, material: string, origin: string][] = [
  ['Sintered NdFeB magnet {d} mm', 'NdFeB with Dy', 'CN'], ['Bonded NdFeB ring {d} mm', '', 'CN'], ['SmCo magnet {d} mm', 'SmCo', 'CN'],
  ['Ferrite magnet {d} mm', 'ferrite', 'CN'], ['Steel bracket {d} mm', 'steel', 'DE'], ['Copper busbar {d} mm', 'copper', 'PL'],
  ['Aluminium housing {d} mm', 'aluminium', 'CZ'], ['Rotor assembly {d} mm', 'steel, NdFeB magnets 12 %', 'CN'], ['PCB assembly {d}', '', 'TW'],
  ['Hex screw M{d}', 'stainless steel', 'DE'], ['Cable harness {d} mm', 'copper, PVC', 'MX'], ['Ball bearing 62{d}', 'bearing steel', 'SE'],
];

export const BENCH_HEADER = ['Level', 'Part Number', 'Description', 'Qty', 'Unit Price', 'Currency', 'Material', 'Country of Origin'];

export function benchBomRows(lines = 20_000): string[][] {
  const rows: string[][] = [['0', 'P-0', 'Generator', '1', '', 'EUR', '', '']];
  for (let i = 1; i < lines; i++) {
    const [d, m, o] = KINDS[i % KINDS.length] ?? KINDS[0] ?? ['', '', ''];
    rows.push([i % 50 === 1 ? '1' : '2', `P-${i}`, d.replace('{d}', String(3 + (i % 997)) + (i > 997 ? `.${Math.floor(i / 997)}` : '')), String(1 + (i % 4)), (0.5 + (i % 37)).toFixed(2), 'EUR', m, o]);
  }
  return rows;
}

export function benchBomCsv(lines?: number): string {
  const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [BENCH_HEADER, ...benchBomRows(lines)].map((r) => r.map(quote).join(',')).join('\n');
}

export async function benchBomXlsx(lines?: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('BOM');
  ws.addRow(BENCH_HEADER);
  for (const r of benchBomRows(lines)) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
