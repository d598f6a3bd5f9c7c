/**
 * The deliberately messy BOM of issue 15, as a real XLSX written with exceljs: a title row, group headings merged
 * over two columns ("Part" over No./Description, "Cost" over per unit/currency), a heading merged down two rows,
 * units inside cells ("24 pcs", "€ 0,95", "8 g"), blank rows, a formula with its saved result, a subtotal row, and a
 * description that starts like a formula. An e-bike hub motor made in Germany.
 */
import ExcelJS from 'exceljs';

export const MESSY_EXPECTED = {
  madeIn: 'DE',
  /** 38.50 + 24 x 0.95 + 22.00 + 4.50 + 3.00 */
  productValue: 90.8,
  /** The Dy magnets, 22.80, of 90.80 */
  sharePercent: 25.1101,
  lines: {
    'HM-01': ['none', 'not_required', 'none', 'escalate'],
    'HM-02': ['license_required', 'not_required', 'license_required', 'escalate'],
    'HM-03': ['none', 'not_required', 'none', 'escalate'],
    'HM-04': ['none', 'not_required', 'none', 'escalate'],
    'HM-05': ['none', 'not_required', 'none', 'escalate'],
  },
  formulaRow: 10,
  injectionText: '=cmd|\' /C calc\'!A0',
} as const;

export async function messyBomXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('BOM export');
  ws.getCell('A1').value = 'BOM export - hub motor HM-250 - rev C';
  ws.mergeCells('A1:H1');
  // Row 2 blank. Row 3: group headings; row 4: the headings under them.
  ws.getCell('A3').value = 'Part';
  ws.mergeCells('A3:B3');
  ws.getCell('C3').value = 'Qty';
  ws.mergeCells('C3:C4');
  ws.getCell('D3').value = 'Cost';
  ws.mergeCells('D3:E3');
  ws.getCell('F3').value = 'Weight';
  ws.getCell('G3').value = 'Country of origin';
  ws.mergeCells('G3:G4');
  ws.getCell('H3').value = 'Material';
  ws.mergeCells('H3:H4');
  ws.getCell('A4').value = 'No.';
  ws.getCell('B4').value = 'Description';
  ws.getCell('D4').value = 'per unit';
  ws.getCell('E4').value = 'currency';
  ws.getCell('F4').value = '(g)';
  const rows: [number, (string | number | ExcelJS.CellFormulaValue)[]][] = [
    [5, ['HM-01', 'Stator with windings', '1 pc', 'EUR 38,50', 'EUR', '1450 g', 'Germany', 'electrical steel and copper']],
    [7, ['HM-02', 'Neodymium magnets N35SH, Dy-containing', '24 pcs', '€ 0,95', '', '8 g', 'China', 'sintered NdFeB with Dy']],
    [8, ['HM-03', 'Hub shell', 1, 'EUR 22.00', 'EUR', '0.9 kg', 'Germany', 'aluminium']],
    [10, ['HM-04', 'Hall sensor board', '1 pcs', { formula: '1.5*3', result: 4.5 }, 'EUR', '12', 'Germany', 'FR4 circuit board']],
    [11, ['HM-05', MESSY_EXPECTED.injectionText, 1, 3, 'EUR', '', 'DE', 'rubber']],
    [13, ['', '', 'Total', { formula: 'SUM(D5:D11)', result: 72.95 }, 'EUR', '', '', '']],
  ];
  for (const [r, cells] of rows) ws.getRow(r).values = cells;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
