import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/cases/csv.js';

describe('CSV cells', () => {
  it('quotes commas, quotes and newlines as RFC 4180 has it', () => {
    expect(csvField('a,"b"\nc')).toBe('"a,""b""\nc"');
  });

  it('defuses text a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(csvField('=HYPERLINK("http://x","click")')).toBe('"\'=HYPERLINK(""http://x"",""click"")"');
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-5)).toBe('-5');
  });
});
