/** `lodestone screen bom.xlsx`: screen a bill of materials line by line and for the product (issue 15). */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { BomError } from '../../bom/bom-error.js';
import { parseColumnMap } from '../../bom/columns.js';
import { readBom } from '../../bom/read-bom.js';
import { createScreener, type Screening, type ViewResult } from '../../bom/screen-bom.js';
import { screeningCsv, screeningXlsx } from '../../bom/write-screening.js';
import { createUnderstanding } from '../../assistant/create-understanding.js';
import { INTENTS_DIR, RULES_DIR } from '../../core/paths.js';
import { isoDay } from '../../core/clock.js';
import { IsoDateSchema } from '../../rules/facts.js';
import { CliError } from './cli-error.js';
import { loadRules } from './runtime.js';

export const ScreenOptionsSchema = z.object({
  file: z.string().min(1),
  asOf: IsoDateSchema.optional(),
  productValue: z.coerce.number().positive().finite().optional(),
  madeIn: z.string().min(2).max(100).optional(),
  json: z.boolean().default(false),
  csv: z.string().min(1).optional(),
  xlsx: z.string().min(1).optional(),
  map: z.array(z.string()).default([]),
}).strict();
export type ScreenCommandOptions = z.input<typeof ScreenOptionsSchema>;

/** Progress is shown from this many lines on. */
const PROGRESS_FROM = 2000;

function view(v: ViewResult): string {
  return `${v.verdict}${v.decidingColumn ? ` (decided by: ${v.decidingColumn})` : ''}`;
}

function printText(s: Screening, out: (line: string) => void): void {
  out(`${s.file}${s.sheet ? ` [${s.sheet}]` : ''}: ${s.lines.length} lines (nested by ${s.nestedBy}), as of ${s.asOf}, rules version ${s.rulesVersion}`);
  for (const l of s.lines) {
    out(`row ${l.row}${'  '.repeat(l.level)} ${l.partNumber ? `${l.partNumber} ` : ''}${l.description}`);
    out(`    part exported from China: ${view(l.partExport)}; in the product's export: ${view(l.productExport)}`);
    if (l.content.counted) out(`    Chinese rare-earth content${l.content.value !== undefined ? ` ${l.content.value.toFixed(2)}` : ''}: ${l.content.note}`);
  }
  const p = s.product;
  out('');
  out(`Product (made in ${p.madeIn ?? 'not given'}): value ${p.productValue?.toFixed(2) ?? 'not known'} ${p.currency ?? ''} (${p.productValueSource.replace(/_/g, ' ')})`);
  out(`  Chinese-origin rare-earth content ${p.chineseContentValue.toFixed(2)}, share ${p.sharePercent === undefined ? 'not known' : `${p.sharePercent.toFixed(4)} %`}: ${p.shareStatus.replace(/_/g, ' ')} the ${p.thresholdPercent} % line`);
  for (const e of p.estimatedLines) out(`  estimated: row ${e.row}: ${e.note}`);
  for (const n of p.notes) out(`  note: ${n}`);
  out(`  product verdict as of ${s.asOf}: ${view(p.verdict)}`);
  for (const r of p.verdict.reasons) out(`    - ${r}`);
  for (const c of p.verdict.citations) out(`    cite: ${c.source}${c.article ? ` ${c.article}` : ''}`);
}

export async function screenCommand(raw: ScreenCommandOptions, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const parsed = ScreenOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`screen: ${issue?.path.join('.') || 'options'}: ${issue?.message ?? 'invalid'}`);
  }
  const o = parsed.data;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(o.file);
  } catch {
    throw new CliError(`screen: cannot read ${o.file}`);
  }
  const rules = loadRules();
  try {
    const bom = await readBom(basename(o.file), bytes, parseColumnMap(o.map));
    const { understander } = createUnderstanding(rules, RULES_DIR, INTENTS_DIR);
    const screen = createScreener(rules, understander);
    const large = bom.lines.length >= PROGRESS_FROM;
    let shown = -1;
    const screening = screen(bom, {
      asOf: o.asOf ?? isoDay(new Date()),
      ...(o.productValue !== undefined ? { productValue: o.productValue } : {}),
      ...(o.madeIn ? { madeIn: o.madeIn } : {}),
      ...(large ? {
        onProgress: (done: number, total: number) => {
          const pct = Math.floor((done / total) * 20);
          if (pct === shown) return;
          shown = pct;
          err(`screening [${'#'.repeat(pct)}${'.'.repeat(20 - pct)}] ${done}/${total} lines`);
        },
      } : {}),
    });
    if (o.csv) writeFileSync(o.csv, screeningCsv(bom, screening));
    if (o.xlsx) writeFileSync(o.xlsx, await screeningXlsx(bom, screening));
    if (o.json) out(JSON.stringify(screening));
    else printText(screening, out);
    return 0;
  } catch (e) {
    if (e instanceof BomError) throw new CliError(`screen: ${e.message} [${e.code}]`);
    throw e;
  }
}
