/** `lodestone screen`: the real command in-process, on the fixture BOMs, with its outputs read back. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../../../src/channels/cli/run.js';
import { messyBomXlsx, MESSY_EXPECTED } from '../../bom/messy-bom.js';

const FIXTURES = join(import.meta.dirname, '../../bom/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'lodestone-screen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), stdin: () => '' };
  return { code: await run(args, io), out, err };
}

describe('lodestone screen', () => {
  it('prints each line with both views and the product summary', async () => {
    const r = await cli(['screen', join(FIXTURES, 'ev-traction-motor.csv'), '--as-of', '2026-06-01', '--made-in', 'Germany']);
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toMatch(/row 4 EVM-120 Sintered NdFeB magnet segment\n\s+part exported from China: license_required; in the product's export: not_required/);
    expect(text).toMatch(/share 17\.4455 %: at or over the 0\.1 % line/);
    expect(text).toMatch(/product verdict as of 2026-06-01: not_required/);
  });

  it('writes JSON that says which lines were estimated and how', async () => {
    const r = await cli(['screen', join(FIXTURES, 'hard-disk-drive.csv'), '--as-of', '2026-11-30', '--json']);
    const s = JSON.parse(r.out.join('')) as { product: { estimatedLines: { row: number; note: string }[]; verdict: { verdict: string } }; lines: { partNumber: string; partExport: { verdict: string; decidingColumn?: string } }[] };
    expect(s.product.verdict.verdict).toBe('escalate');
    expect(s.product.estimatedLines).toEqual([{ row: 6, note: expect.stringMatching(/mass share \(15\.0 %\) of its parent's value/) }]);
    expect(s.lines.find((l) => l.partNumber === 'SPM-MAG')?.partExport).toMatchObject({ verdict: 'need_info', decidingColumn: 'material / composition' });
  });

  it('annotates the BOM as CSV and XLSX with formula-like text defused', async () => {
    const file = join(dir, 'messy.xlsx');
    writeFileSync(file, await messyBomXlsx());
    const csvOut = join(dir, 'out.csv');
    const xlsxOut = join(dir, 'out.xlsx');
    const r = await cli(['screen', file, '--as-of', '2026-11-30', '--made-in', 'DE', '--csv', csvOut, '--xlsx', xlsxOut]);
    // (The command's own error text is the message if it fails: one CI run saw exit code 2 that no rerun repeated.)
    expect(r.code, r.err.join('\n')).toBe(0);
    const rows = parse(readFileSync(csvOut, 'utf8'), { relax_column_count: true }) as string[][];
    expect(rows[0]).toEqual(expect.arrayContaining(['Description', 'Lodestone: part export from China', 'Lodestone: product export']));
    const magnet = rows.find((row) => row[0] === 'HM-02');
    expect(magnet).toEqual(expect.arrayContaining(['license_required', 'escalate']));
    const injected = rows.find((row) => row[0] === 'HM-05');
    expect(injected?.[1]).toBe(`'${MESSY_EXPECTED.injectionText}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsxOut) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const cells: unknown[] = [];
    sheet?.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain(`'${MESSY_EXPECTED.injectionText}`);
    expect(cells.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
  });

  it('maps columns with --map and refuses bad input with one line and exit code 2', async () => {
    const file = join(dir, 'german.csv');
    writeFileSync(file, 'Sachnummer,Benennung,Menge,Ursprung\nX-1,Sintered NdFeB magnets with Dy,2,China\n');
    const ok = await cli(['screen', file, '--as-of', '2026-06-01', '--map', 'description=Benennung', '--map', 'origin=Ursprung', '--json']);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out.join('')) as { lines: { partExport: { verdict: string } }[] }).lines[0]?.partExport.verdict).toBe('license_required');
    const macro = join(dir, 'bom.xlsm');
    writeFileSync(macro, 'PK');
    const bad = await cli(['screen', macro]);
    expect([bad.code, bad.err.join('')]).toEqual([2, expect.stringMatching(/^lodestone: screen: .*\.xlsm files are not read.*\[unsupported_type\]$/)]);
    const date = await cli(['screen', file, '--as-of', '2026-02-30']);
    expect(date.err.join('')).toMatch(/asOf: a real calendar date/);
    const where = await cli(['screen', join(FIXTURES, 'ev-traction-motor.csv'), '--made-in', 'Narnia']);
    expect([where.code, where.err.join('')]).toEqual([2, expect.stringMatching(/--made-in "Narnia" names no country .*\[bad_option\]$/)]);
    const value = await cli(['screen', file, '--product-value', 'lots']);
    expect(value.err.join('')).toMatch(/productValue/);
  });

  it('shows progress on a large file', async () => {
    const file = join(dir, 'large.csv');
    writeFileSync(file, `Description,Qty,Unit price,Currency,Origin\n${'Steel bracket,1,2.00,EUR,DE\n'.repeat(2500)}`);
    const r = await cli(['screen', file, '--as-of', '2026-06-01', '--made-in', 'DE', '--json']);
    expect(r.code).toBe(0);
    expect(r.err[0]).toMatch(/^screening \[\.{20}\] 0\/2500 lines$/);
    expect(r.err.at(-1)).toMatch(/^screening \[#{20}\] 2500\/2500 lines$/);
    const done = r.err.map((l) => Number(/ (\d+)\/2500 lines$/.exec(l)?.[1]));
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });
});
