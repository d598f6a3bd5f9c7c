/** CSV as RFC 4180 has it: CRLF between records; fields with a comma, quote, CR or LF quoted, quotes doubled. */

export type CsvCell = string | number | boolean | null;

export function csvField(value: CsvCell): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvRow(cells: readonly CsvCell[]): string {
  return cells.map(csvField).join(',');
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [csvRow(header)];
  for (const r of rows) lines.push(csvRow(r));
  return `${lines.join('\r\n')}\r\n`;
}
