/** Acceptance: the issue 15 BOMs screened by the real understander and rules, against what the brief says. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUnderstanding } from '../../src/assistant/create-understanding.js';
import { INTENTS_DIR, RULES_DIR } from '../../src/core/paths.js';
import { readBom } from '../../src/bom/read-bom.js';
import { createScreener, type Screening } from '../../src/bom/screen-bom.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { AFTER, BEFORE, FIXTURES } from './bom-fixtures.js';
import { messyBomXlsx, MESSY_EXPECTED } from './messy-bom.js';

const DIR = join(import.meta.dirname, 'fixtures');
let screen: ReturnType<typeof createScreener>;

beforeAll(() => {
  const rules = loadRuleSet(RULES_DIR);
  screen = createScreener(rules, createUnderstanding(rules, RULES_DIR, INTENTS_DIR).understander);
});

async function screenFixture(file: string, asOf: string, opts: { madeIn?: string; productValue?: number }): Promise<Screening> {
  const bom = await readBom(file, readFileSync(join(DIR, file)));
  return screen(bom, { asOf, ...opts });
}

describe.each(FIXTURES)('$file', (fx) => {
  const opts = { ...(fx.madeIn ? { madeIn: fx.madeIn } : {}), ...(fx.productValue ? { productValue: fx.productValue } : {}) };

  it('gives each line the verdicts the brief gives, before and after No. 70 ends', async () => {
    const before = await screenFixture(fx.file, BEFORE, opts);
    const after = await screenFixture(fx.file, AFTER, opts);
    const got = Object.fromEntries(before.lines.map((l, i) => [l.partNumber, [l.partExport.verdict, l.productExport.verdict, after.lines[i]?.partExport.verdict, after.lines[i]?.productExport.verdict]]));
    expect(got).toEqual(fx.lines);
    for (const [pn, column] of Object.entries(fx.decidedBy ?? {})) {
      expect(before.lines.find((l) => l.partNumber === pn)?.partExport.decidingColumn, pn).toBe(column);
    }
  });

  it('works out the Chinese-origin rare-earth share and the product verdict as of the date asked', async () => {
    const before = await screenFixture(fx.file, BEFORE, opts);
    const after = await screenFixture(fx.file, AFTER, opts);
    expect(before.product.sharePercent).toBeCloseTo(fx.product.sharePercent, 3);
    expect(before.product.shareStatus).toBe(fx.product.status);
    expect(before.product.verdict.verdict).toBe(fx.product.before);
    expect(after.product.verdict.verdict).toBe(fx.product.after);
    expect(before.product.estimatedLines.map((e) => e.row)).toEqual(fx.product.estimatedRows ?? []);
    // A licence, a ban or a case always comes with the source that decides it.
    for (const line of [...before.lines, ...after.lines]) {
      for (const v of [line.partExport, line.productExport]) {
        if (v.verdict === 'license_required' || v.verdict === 'escalate') expect(v.citations.length, `${line.partNumber} ${v.verdict}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('product verdict after No. 70 ends', () => {
  it('names the unknown status of No. 61, never "no licence",, for a foreign product over 0.1 %', async () => {
    const s = await screenFixture('ev-traction-motor.csv', AFTER, { madeIn: 'DE' });
    expect(s.product.verdict.verdict).toBe('escalate');
    expect(s.product.verdict.citations.map((c) => c.source)).toContain('CN-ANN-2025-61');
    expect(s.product.verdict.reasons.join(' ')).toMatch(/status on 2026-11-30 is unknown/);
  });

  it('cites the suspension while it runs', async () => {
    const s = await screenFixture('wind-generator-segment.csv', BEFORE, { productValue: 25000 });
    expect(s.product.verdict.citations.map((c) => c.source)).toEqual(expect.arrayContaining(['CN-ANN-2025-61', 'CN-ANN-2025-70']));
  });
});

describe('the messy XLSX (merged headings, units in cells, blank rows)', () => {
  it('gives each line the verdicts the brief gives and the share of the Dy magnets', async () => {
    const bom = await readBom('messy.xlsx', await messyBomXlsx());
    const before = screen(bom, { asOf: BEFORE, madeIn: MESSY_EXPECTED.madeIn });
    const after = screen(bom, { asOf: AFTER, madeIn: MESSY_EXPECTED.madeIn });
    const got = Object.fromEntries(before.lines.map((l, i) => [l.partNumber, [l.partExport.verdict, l.productExport.verdict, after.lines[i]?.partExport.verdict, after.lines[i]?.productExport.verdict]]));
    expect(got).toEqual(MESSY_EXPECTED.lines);
    expect(before.product.productValue).toBeCloseTo(MESSY_EXPECTED.productValue, 6);
    expect(before.product.sharePercent).toBeCloseTo(MESSY_EXPECTED.sharePercent, 3);
    expect([before.product.shareStatus, before.product.verdict.verdict, after.product.verdict.verdict]).toEqual(['at_or_over', 'not_required', 'escalate']);
  });
});
