/**
 * `lodestone rules record|status|overlay export`: the rule status desk from the command line. `record` goes through
 * the server's own composition on its database (DATA_DIR), so the record is audited, applied and the answers it
 * changes are re-decided exactly as from the console; `status` and `overlay export` only read. With DATABASE_URL,
 * all three use the PostgreSQL database the instances share (rules-status-postgres.ts).
 */
import { existsSync } from 'node:fs';
import { defaultDbPath, openReadOnlyDatabase } from '../../cases/database.js';
import { CaseError } from '../../cases/case-error.js';
import type { RecordedStatus } from '../../cases/status-desk.js';
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
import { pgRecordedOverlay, pgRecordStatus } from './rules-status-postgres.js';
import { cliConfig, createCliApp, loadRules } from './runtime.js';

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
  const url = databaseUrl();
  if (url) {
    try {
      const outcome = await pgRecordStatus(url, loadRules(), input, cliConfig().REDECIDE_DAYS);
      printRecorded(target, outcome, opts.json, out, ' (on PostgreSQL: every instance answers on it from its next turn)');
      return 0;
    } catch (e) {
      if (e instanceof CaseError) throw new CliError(`rules record: ${e.message}`);
      throw e;
    }
  }
  const app = createCliApp({ audit: true });
  try {
    printRecorded(target, app.statusDesk.record(input), opts.json, out);
    return 0;
  } catch (e) {
    if (e instanceof CaseError) throw new CliError(`rules record: ${e.message}`);
    throw e;
  } finally {
    await app.close();
  }
}

function printRecorded(target: string, outcome: RecordedStatus, json: boolean | undefined, out: Out, note = ''): void {
  if (json) {
    out(JSON.stringify(outcome));
  } else if (outcome.kind === 'unchanged') {
    out(`unchanged: the same status is already recorded (record ${outcome.record.id}); rules version ${outcome.version}`);
  } else {
    out(`recorded ${outcome.record.id}: ${target} ${outcome.record.status}; ${outcome.rules.length} rules changed (${outcome.rules.join(', ')}); rules version ${outcome.previousVersion} -> ${outcome.version}${note}; `
      + `${outcome.answers} earlier ${outcome.answers === 1 ? 'answer' : 'answers'} and ${outcome.cases} open ${outcome.cases === 1 ? 'case' : 'cases'} re-decided (their askers are told)`);
  }
}

/** DATABASE_URL: the PostgreSQL database several instances share; without it, SQLite in DATA_DIR. */
function databaseUrl(): string | undefined {
  return process.env.DATABASE_URL?.trim() || undefined;
}

/** The recorded statuses where the servers keep them: PostgreSQL with DATABASE_URL, else SQLite in DATA_DIR. */
export async function serverOverlay(): Promise<StatusRecord[]> {
  const url = databaseUrl();
  return url ? pgRecordedOverlay(url) : recordedOverlay();
}

export async function rulesStatusCommand(opts: { asOf?: string | undefined; json?: boolean | undefined }, out: Out): Promise<number> {
  const day = opts.asOf === undefined ? isoDay(new Date()) : IsoDateSchema.parse(opts.asOf);
  const rules = new CurrentRules(loadRules(), await serverOverlay());
  const rows = rules.rules.map((rule) => ({ rule: rule.id, title: rule.title, status: ruleStatus(rule, day), origin: rules.originOf(rule.id) }));
  if (opts.json) {
    out(JSON.stringify({ asOf: day, rulesVersion: rules.version, rules: rows }));
    return 0;
  }
  for (const r of rows) out(`${r.rule.padEnd(40)} ${r.status.kind.padEnd(15)} ${r.origin}`);
  out(`rules version ${rules.version}, as of ${day}`);
  return 0;
}

export async function rulesOverlayExportCommand(outDir: string | undefined, out: Out, rulesDir = RULES_DIR): Promise<number> {
  if (!outDir) throw new CliError('rules overlay export needs --out DIR (a copy of rules/ with the recorded statuses written in)');
  const records = await serverOverlay();
  const { changed } = exportOverlay(rulesDir, loadRules(rulesDir), records, outDir);
  out(`${records.length} recorded statuses written into ${outDir}: ${changed.length > 0 ? changed.join(', ') : 'no file changed'}; check with lodestone rules lint ${outDir}`);
  return 0;
}
