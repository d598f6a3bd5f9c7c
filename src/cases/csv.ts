/** CSV as RFC 4180 has it: CRLF between records; fields with a comma, quote, CR or LF quoted, quotes doubled. */

export type CsvCell = string | number | boolean | null;

/** A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe
 * (OWASP CSV injection); numbers stay numbers. */
function defuse(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function csvField(value: CsvCell): string {
  if (value === null) return '';
  const s = typeof value === 'string' ? defuse(value) : String(value);
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
