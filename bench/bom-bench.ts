/**
 * Issue 15: screening a generated 20,000-line BOM, CSV and XLSX, each in a fresh process through the real CLI.
 * Target on this machine: under 10 s and 300 MB.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBomCsv, benchBomXlsx } from './bom-generate.js';

interface ChildResult { code: number; totalMs: number; afterLoadMs: number; outputMb: number; peakRssMb: number }

/** `lines`: 20,000 for the target; fewer for the quick pass. */
export async function benchBom(lines = 20_000): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-bom-bench-'));
  const child = join(dirname(fileURLToPath(import.meta.url)), 'bom-screen-child.js');
  try {
    const csv = join(dir, `bom-${lines}.csv`);
    const xlsx = join(dir, `bom-${lines}.xlsx`);
    writeFileSync(csv, benchBomCsv(lines));
    writeFileSync(xlsx, await benchBomXlsx(lines));
    const measure = (file: string) => JSON.parse(execFileSync(process.execPath, [child, file], { encoding: 'utf8', maxBuffer: 1 << 20 })) as ChildResult;
    const c = measure(csv);
    const x = measure(xlsx);
    if (c.code !== 0 || x.code !== 0) throw new Error(`screen exited ${c.code}/${x.code}`);
    return {
      lines,
      csvTotalMs: c.totalMs, csvScreenMsAfterLoad: c.afterLoadMs, csvPeakRssMb: c.peakRssMb,
      xlsxTotalMs: x.totalMs, xlsxScreenMsAfterLoad: x.afterLoadMs, xlsxPeakRssMb: x.peakRssMb,
      jsonOutputMb: c.outputMb,
      // The targets are for the 20,000-line BOM (npm run bench -- --full).
      ...(lines === 20_000 ? { targetMs: 10_000, targetMb: 300 } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
