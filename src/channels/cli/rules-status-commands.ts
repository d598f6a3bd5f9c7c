/**
 * `lodestone rules record|status|overlay export`: the rule status desk from the command line. `record` goes through
 * the server's own composition on its database (DATA_DIR), so the record is audited, applied and the answers it
 * changes are re-decided exactly as from the console; `status` and `overlay export` only read.
 */
import { existsSync } from 'node:fs';
import { defaultDbPath, openReadOnlyDatabase } from '../../cases/database.js';
import { CaseError } from '../../cases/case-error.js';
import { readStatusRecords } from '../../cases/status-overlay-store.js';
import { isoDay } from '../../core/clock.js';
import { RULES_DIR } from '../../core/paths.js';
import { CurrentRules } from '../../rules/current-rules.js';
import { IsoDateSchema } from '../../rules/facts.js';
import { exportOverlay } from '../../rules/overlay-export.js';
import { ruleStatus } from '../../rules/rule-status.js';
import type { StatusRecord } from '../../rules/status-overlay.js';
import { CliError } from './cli-error.js';
import type { Out } from './commands.js';
import { createCliApp, loadRules } from './runtime.js';

/** What officers recorded in the server's database; none when there is no database yet. */
export function recordedOverlay(file = defaultDbPath()): StatusRecord[] {
  if (!existsSync(file)) return [];
  const db = openReadOnlyDatabase(file);
  try {
    return readStatusRecords(db);
  } finally {
    db.close();
  }
}

export interface RecordOptions {
  readonly status?: string | undefined;
  readonly from?: string | undefined;
  readonly until?: string | undefined;
  readonly source?: string | undefined;
  readonly sourceTitle?: string | undefined;
  readonly sourceDate?: string | undefined;
  readonly sourceUrl?: string | undefined;
  readonly by?: string | undefined;
  readonly note?: string | undefined;
  readonly json?: boolean | undefined;
}

export async function rulesRecordCommand(target: string | undefined, opts: RecordOptions, out: Out): Promise<number> {
  if (!target) throw new CliError('rules record needs a rule id or the source ID of a suspension, e.g. lodestone rules record CN-ANN-2025-70 --status resumed --from 2026-11-10 --source ID --by WHO --note TEXT');
  if (!opts.source) throw new CliError('rules record needs --source ID (with --source-title, --source-date and --source-url for a source not in sources.yaml)');
  const isNew = opts.sourceTitle !== undefined || opts.sourceUrl !== undefined || opts.sourceDate !== undefined;
  const input = {
    target, status: opts.status, by: opts.by, why: opts.note,
    ...(opts.from ? { from: opts.from } : {}), ...(opts.until ? { until: opts.until } : {}),
    source: isNew ? { new: { id: opts.source, title: opts.sourceTitle, date: opts.sourceDate, url: opts.sourceUrl } } : { id: opts.source },
  };
  const app = createCliApp({ audit: true });
  try {
    const outcome = app.statusDesk.record(input);
    if (opts.json) {
      out(JSON.stringify(outcome));
    } else if (outcome.kind === 'unchanged') {
      out(`unchanged: the same status is already recorded (record ${outcome.record.id}); rules version ${outcome.version}`);
    } else {
      out(`recorded ${outcome.record.id}: ${target} ${outcome.record.status}; ${outcome.rules.length} rules changed (${outcome.rules.join(', ')}); rules version ${outcome.previousVersion} -> ${outcome.version}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof CaseError) throw new CliError(`rules record: ${e.message}`);
    throw e;
  } finally {
    await app.close();
  }
}

export function rulesStatusCommand(opts: { asOf?: string | undefined; json?: boolean | undefined }, out: Out): number {
  const day = opts.asOf === undefined ? isoDay(new Date()) : IsoDateSchema.parse(opts.asOf);
  const rules = new CurrentRules(loadRules(), recordedOverlay());
  const rows = rules.rules.map((rule) => ({ rule: rule.id, title: rule.title, status: ruleStatus(rule, day), origin: rules.originOf(rule.id) }));
  if (opts.json) {
    out(JSON.stringify({ asOf: day, rulesVersion: rules.version, rules: rows }));
    return 0;
  }
  for (const r of rows) out(`${r.rule.padEnd(40)} ${r.status.kind.padEnd(15)} ${r.origin}`);
  out(`rules version ${rules.version}, as of ${day}`);
  return 0;
}

export function rulesOverlayExportCommand(outDir: string | undefined, out: Out, rulesDir = RULES_DIR): number {
  if (!outDir) throw new CliError('rules overlay export needs --out DIR (a copy of rules/ with the recorded statuses written in)');
  const records = recordedOverlay();
  const { changed } = exportOverlay(rulesDir, loadRules(rulesDir), records, outDir);
  out(`${records.length} recorded statuses written into ${outDir}: ${changed.length > 0 ? changed.join(', ') : 'no file changed'}; check with lodestone rules lint ${outDir}`);
  return 0;
}
