/** Reading BOM files: headers by name and synonym, --map, units in cells, nesting, limits and typed errors. */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { BomError, MAX_BOM_LINES } from '../../src/bom/bom-error.js';
import { buildTree } from '../../src/bom/bom-tree.js';
import { defuseCell, readLevel, readMassKg, readNumber } from '../../src/bom/cell-values.js';
import { parseColumnMap } from '../../src/bom/columns.js';
import { readBom } from '../../src/bom/read-bom.js';
import { messyBomXlsx, MESSY_EXPECTED } from './messy-bom.js';

const csv = (text: string) => new TextEncoder().encode(text);

async function bomError(p: Promise<unknown>): Promise<BomError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(BomError);
  return e as BomError;
}

describe('cell values', () => {
  it('reads numbers with currency signs, decimal commas and thousands separators', () => {
    expect(readNumber('EUR 12,50')).toBe(12.5);
    expect(readNumber('€ 1.234,56')).toBe(1234.56);
    expect(readNumber('1,234.56 USD')).toBe(1234.56);
    expect(readNumber('24 pcs')).toBe(24);
    expect(readNumber('n/a')).toBeUndefined();
  });
  it('reads masses in the unit written in the cell, else the header unit', () => {
    expect(readMassKg('120 g', 1)).toBeCloseTo(0.12);
    expect(readMassKg('0.9 kg', 1e-3)).toBeCloseTo(0.9);
    expect(readMassKg('12', 1e-3)).toBeCloseTo(0.012);
  });
  it('reads levels as numbers, dots or outline numbering', () => {
    expect([readLevel('2'), readLevel('..2'), readLevel('..'), readLevel('1.2.1')]).toEqual([2, 2, 2, 3]);
  });
  it('defuses text that a spreadsheet would run', () => {
    expect(['=1+1', '+A1', '-2+3', '@SUM(A1)', 'plain'].map(defuseCell)).toEqual(["'=1+1", "'+A1", "'-2+3", "'@SUM(A1)", 'plain']);
  });
});

describe('readBom', () => {
  it('finds the header by synonyms below a title row, skipping blank rows and repeated headers', async () => {
    const bom = await readBom('b.csv', csv('Exported 2026-11-30\n\nItem No,Part Name,Qty,Unit Cost,Curr,COO\nA-1,Sintered NdFeB magnet,4,"1,50",EUR,CN\n,,,,,\nItem No,Part Name,Qty,Unit Cost,Curr,COO\nA-2,Bracket,1,2,EUR,DE\n'));
    expect(bom.headerRow).toBe(3);
    expect(bom.lines.map((l) => [l.row, l.partNumber, l.description, l.quantity, l.unitValue, l.currency, l.origin])).toEqual([
      [4, 'A-1', 'Sintered NdFeB magnet', 4, 1.5, 'EUR', 'CN'],
      [7, 'A-2', 'Bracket', 1, 2, 'EUR', 'DE'],
    ]);
  });

  it('takes --map for headers it does not know', async () => {
    const text = 'Sachnummer,Benennung,Menge\nX-1,Dy magnet,2\n';
    await expect(readBom('b.csv', csv(text))).rejects.toThrow(/no header row/);
    const bom = await readBom('b.csv', csv(text), parseColumnMap(['partNumber=Sachnummer', 'description=Benennung', 'qty=Menge']));
    expect(bom.lines[0]).toMatchObject({ partNumber: 'X-1', description: 'Dy magnet', quantity: 2 });
    expect(() => parseColumnMap(['colour=Farbe'])).toThrow(/column=Header/);
    expect((await bomError(readBom('b.csv', csv(text), parseColumnMap(['description=Nope', 'partNumber=Sachnummer'])))).code).toBe('bad_map');
  });

  it('nests by level and by parent column, multiplying quantities down the tree', async () => {
    const byLevel = await readBom('l.csv', csv('Level,PN,Description,Qty\n0,P,Product,1\n1,M,Module,4\n2,X,Magnet,3\n1,H,Housing,1\n'));
    const t = buildTree(byLevel.lines);
    expect(t.parentOf).toEqual([-1, 0, 1, 0]);
    expect(t.multiplier).toEqual([1, 1, 4, 1]);
    const byParent = await readBom('p.csv', csv('PN,Description,Qty,Parent\nX,Magnet,3,M\nM,Module,4,P\nP,Product,1,\n'));
    const tp = buildTree(byParent.lines);
    expect(tp.nestedBy).toBe('parent');
    expect(tp.parentOf).toEqual([1, 2, -1]);
    expect(tp.multiplier).toEqual([4, 1, 1]);
  });

  it('cuts a cycle in the parent column instead of looping', async () => {
    const bom = await readBom('c.csv', csv('PN,Description,Parent\nA,One,B\nB,Two,A\n'));
    expect(buildTree(bom.lines).roots.length).toBeGreaterThan(0);
  });

  it('reads the messy XLSX: merged headings, units in cells, blank rows, a formula result never recomputed', async () => {
    const bom = await readBom('messy.xlsx', await messyBomXlsx());
    expect(bom.headerRow).toBe(4);
    expect(bom.headers.slice(0, 6)).toEqual(['No.', 'Description', 'Qty', 'Cost per unit', 'currency', 'Weight (g)']);
    expect(bom.lines.map((l) => l.partNumber)).toEqual(Object.keys(MESSY_EXPECTED.lines));
    const [stator, magnets, shell, hall] = bom.lines;
    expect(stator).toMatchObject({ quantity: 1, unitValue: 38.5, currency: 'EUR', massKg: 1.45 });
    expect(magnets).toMatchObject({ quantity: 24, unitValue: 0.95, currency: 'EUR', massKg: 0.008, origin: 'China' });
    expect(shell?.massKg).toBeCloseTo(0.9);
    expect(hall).toMatchObject({ row: MESSY_EXPECTED.formulaRow, unitValue: 4.5, fromFormula: true, massKg: 0.012 });
  });

  it('refuses unsupported, disguised, empty and malformed files with typed errors', async () => {
    expect((await bomError(readBom('b.xlsm', csv('x')))).code).toBe('unsupported_type');
    expect((await bomError(readBom('b.xls', csv('x')))).code).toBe('unsupported_type');
    expect((await bomError(readBom('b.pdf', csv('x')))).code).toBe('unsupported_type');
    expect((await bomError(readBom('b.xlsx', csv('Description\nmagnet\n')))).code).toBe('malformed');
    expect((await bomError(readBom('b.xlsx', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])))).code).toBe('malformed');
    expect((await bomError(readBom('b.csv', new Uint8Array()))).code).toBe('empty');
    expect((await bomError(readBom('b.csv', csv('Description,Qty\n"unclosed,1\n')))).code).toBe('malformed');
    expect((await bomError(readBom('b.csv', csv('Qty,Price\n1,2\n')))).code).toBe('no_header');
    expect((await bomError(readBom('b.csv', csv('Part number,Qty\nA,1\n')))).code).toBe('no_description');
  });

  it(`reads ${MAX_BOM_LINES.toLocaleString('en')} lines and refuses one more`, async () => {
    const body = (n: number) => `Description,Qty\n${'Bracket,1\n'.repeat(n)}`;
    expect((await readBom('ok.csv', csv(body(MAX_BOM_LINES)))).lines).toHaveLength(MAX_BOM_LINES);
    expect((await bomError(readBom('big.csv', csv(body(MAX_BOM_LINES + 1))))).code).toBe('too_many_lines');
  });

  it('reads an XLSX whose zip holds the worksheet before xl/workbook.xml (any entry order is valid)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Parts');
    ws.addRow(['Description', 'Qty']);
    ws.addRow(['Sintered NdFeB magnet with Dy', 4]);
    const written = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    // The relationships and shared strings first, then the worksheet, the workbook part last: as a writer that streams
    // its entries may order them. (The reader parses a worksheet at once when the first two are known.)
    const first = ['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml'];
    const paths = Object.keys(written.files).filter((p) => !written.files[p]?.dir && !first.includes(p) && p !== 'xl/workbook.xml');
    const reordered = new JSZip();
    for (const p of [...first, ...paths, 'xl/workbook.xml']) {
      const entry = written.file(p);
      if (!entry) throw new Error(`the written workbook has no ${p}`);
      reordered.file(p, await entry.async('uint8array'));
    }
    const bom = await readBom('late-workbook.xlsx', await reordered.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    expect(bom.lines.map((l) => l.description)).toEqual(['Sintered NdFeB magnet with Dy']);
  });

  it('reads an XLSX whose worksheet comes before its shared strings, stored or deflated, with or without data descriptors', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Parts');
    ws.addRow(['Description', 'Qty']);
    ws.addRow(['Sintered NdFeB magnet with Dy', 4]);
    const written = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    const sheet = 'xl/worksheets/sheet1.xml';
    const paths = [sheet, ...Object.keys(written.files).filter((p) => !written.files[p]?.dir && p !== sheet)];
    const descriptions: string[][] = [];
    for (const compression of ['STORE', 'DEFLATE'] as const) {
      for (const streamFiles of [false, true]) {
        const repacked = new JSZip();
        for (const p of paths) {
          const entry = written.file(p);
          if (!entry) throw new Error(`the written workbook has no ${p}`);
          repacked.file(p, await entry.async('uint8array'));
        }
        const bytes = await repacked.generateAsync({ type: 'uint8array', compression, streamFiles });
        descriptions.push((await readBom(`sheet-first-${compression}.xlsx`, bytes)).lines.map((l) => l.description));
      }
    }
    expect(descriptions).toEqual(Array(4).fill(['Sintered NdFeB magnet with Dy']));
  });

  it('reads an XLSX with no rows as empty', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('blank');
    expect((await bomError(readBom('h.xlsx', Buffer.from(await wb.xlsx.writeBuffer())))).code).toBe('empty');
  });
});
