/**
 * Reading the values people type into BOM cells: numbers with units or currency signs beside them ("4 pcs",
 * "EUR 12,50", "120 g"), decimal commas, and outline levels ("..2", "1.2.1"). Pure; undefined when a cell says
 * nothing that can be read, never a guess.
 */

const CURRENCY_SIGNS: Readonly<Record<string, string>> = { '€': 'EUR', '$': 'USD', '£': 'GBP', '¥': 'CNY', '￥': 'CNY', 'RMB': 'CNY' };

/** A plain number from text that may carry thousands separators and a decimal comma. */
export function readNumber(text: string): number | undefined {
  const m = /-?\d[\d.,' ]*/.exec(text.replace(/\u00a0/g, ' '));
  if (!m) return undefined;
  let s = m[0].trim().replace(/[' ]/g, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: whichever comes last is the decimal mark.
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    s = /^-?\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (/^-?\d{1,3}(\.\d{3}){2,}$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  s = s.replace(/[.,]$/, '');
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** The currency a value cell names by code or sign, if any ("EUR 12.50", "12,50 €", "$3"). */
export function readCurrency(text: string): string | undefined {
  const code = /\b([A-Z]{3})\b/.exec(text.toUpperCase());
  if (code?.[1] && /^(EUR|USD|GBP|CNY|JPY|KRW|CHF|SEK|DKK|NOK|PLN|CZK|HUF|INR|CAD|AUD|MXN|BRL|TWD|HKD|SGD|VND|THB|MYR|RMB)$/.test(code[1])) {
    return code[1] === 'RMB' ? 'CNY' : code[1];
  }
  for (const [sign, iso] of Object.entries(CURRENCY_SIGNS)) if (text.includes(sign)) return iso;
  return undefined;
}

const MASS_UNITS: Readonly<Record<string, number>> = { mg: 1e-6, g: 1e-3, gr: 1e-3, gram: 1e-3, grams: 1e-3, kg: 1, kgs: 1, t: 1000, lb: 0.45359237, lbs: 0.45359237, oz: 0.028349523 };

/** The unit a header names for a mass column ("Weight (g)", "mass kg"), kilograms when it names none. */
export function massUnitOfHeader(header: string): number {
  const m = /(?:\(|\[|\s|^)(mg|g|gr|kg|t|lb|lbs|oz)(?:\)|\]|\s|$)/i.exec(header.trim());
  return (m?.[1] && MASS_UNITS[m[1].toLowerCase()]) || 1;
}

/** A mass in kilograms: the unit in the cell wins over the header's. */
export function readMassKg(text: string, headerUnitKg: number): number | undefined {
  const n = readNumber(text);
  if (n === undefined) return undefined;
  const unit = /\d\s*(mg|kgs?|grams?|gr|g|t|lbs?|oz)\b/i.exec(text);
  const factor = unit?.[1] ? MASS_UNITS[unit[1].toLowerCase()] ?? headerUnitKg : headerUnitKg;
  return n * factor;
}

/** A BOM level: "1", "02", "..2" (dots before the digit), "1.2.1" (outline numbering: depth is the parts). */
export function readLevel(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)+$/.test(t)) return t.split('.').length;
  const dots = /^(\.+)\s*(\d+)?$/.exec(t);
  if (dots?.[1]) return dots[2] !== undefined ? Number(dots[2]) : dots[1].length;
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

/** A cell whose text a spreadsheet would run as a formula, written so it stays text (`'=`). */
export function defuseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
