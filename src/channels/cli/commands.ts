/**
 * The `lodestone` commands (design §7). Each validates its input with zod and fails with one clear line.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { defaultAnchorPath, type AnchorCheck } from '../../cases/audit-anchor.js';
import { AuditLog } from '../../cases/audit-log.js';
import { verifyAuditTrail } from '../../cases/audit-verify.js';
import { checkIntegrity, defaultDbPath, openReadOnlyDatabase } from '../../cases/database.js';
import { DatabaseError } from '../../cases/database-error.js';
import { MessageSchema, newMessage, type Message } from '../../contracts/message.js';
import { readScenarios, scoreScenario, summarise, type Scenario, type ScenarioResult } from '../../eval/scenarios.js';
import { evaluate } from '../../rules/engine.js';
import { FactsSchema, IsoDateSchema } from '../../rules/facts.js';
import { lintRuleSet } from '../../rules/lint.js';
import { readRuleFiles, RulesError, toRuleSet } from '../../rules/loader.js';
import { ruleBoundaries, ruleStatus } from '../../rules/rule-status.js';
import { AuditAnchorEnvSchema } from '../../config.js';
import { isoDay } from '../../core/clock.js';
import { CliError } from './cli-error.js';
import { renderText, replyJson } from './render-text.js';
import { createCliAssistant, createCliTurns, loadRules } from './runtime.js';
import { serverOverlay } from './rules-status-commands.js';
import type { Reply } from '../../contracts/reply.js';

export type Out = (line: string) => void;

function asOfOption(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const r = IsoDateSchema.safeParse(v);
  if (!r.success) throw new CliError(`--as-of: "${v}" is not ${r.error.issues[0]?.message ?? 'a date'}`);
  return r.data;
}

function message(text: string, conversation: string, n: number, asOf: string | undefined): Message {
  return newMessage(MessageSchema.parse({
    id: `cli-${conversation}-${n}`, text, user: 'cli', conversation, channel: 'cli', receivedAt: new Date(), ...(asOf ? { asOf } : {}),
  }));
}

/** Said under an escalation the in-memory case store will forget on exit. */
function unrecordedCase(reply: Reply, audit: boolean): string {
  const { caseId } = reply.escalation;
  return !audit && caseId ? `\n(${caseId} is held in memory only and not sent to the compliance team: run ask --audit to record it.)` : '';
}

export async function askCommand(turns: string[], opts: { asOf?: string; json?: boolean; audit?: boolean }, out: Out): Promise<number> {
  if (turns.length === 0) throw new CliError('ask needs a question, e.g. lodestone ask "Do Dy magnets from China need a licence?"');
  const asOf = asOfOption(opts.asOf);
  const audit = opts.audit ?? false;
  const app = await createCliTurns({ asOf, audit });
  try {
    // An in-memory ask still decides on what officers recorded in the server's database (PostgreSQL's with DATABASE_URL).
    if (!audit) app.rules.update(await serverOverlay());
    const conversation = `ask-${process.pid}-${Date.now()}`;
    for (const [i, t] of turns.entries()) {
      const reply = await app.ask(message(t, conversation, i, asOf));
      out(opts.json ? JSON.stringify(replyJson(reply)) : `${renderText(reply)}${unrecordedCase(reply, audit)}\n`);
    }
  } finally {
    await app.close();
  }
  return 0;
}

/** Scenario files named directly, or every `.jsonl` file in a named folder (a set written by several writers). */
function scenarioFiles(paths: readonly string[]): string[] {
  return paths.flatMap((p) => {
    if (!existsSync(p)) throw new CliError(`eval: no such file: ${p}`);
    if (!statSync(p).isDirectory()) return [p];
    const files = readdirSync(p).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(p, f));
    if (files.length === 0) throw new CliError(`eval: no .jsonl files in ${p}`);
    return files;
  });
}

/**
 * Runs scenario sets and prints the four scores. `verbose` prints each miss with its question and reason, for error
 * analysis on a dev set; `summaryOnly` prints the scores alone, so a sealed set can be reported without being read.
 */
export function evalCommand(paths: readonly string[], opts: { json?: boolean; verbose?: boolean; summaryOnly?: boolean }, out: Out): number {
  if (paths.length === 0) throw new CliError('eval needs a scenarios file, e.g. lodestone eval ../shared/eval/scenarios.jsonl');
  let scenarios: Scenario[];
  try {
    scenarios = scenarioFiles(paths).flatMap((f) => readScenarios(f));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`eval: ${(e as Error).message}`);
  }
  const { assistant } = createCliAssistant();
  const results: ScenarioResult[] = scenarios.map((s) => {
    // Only the reply to the last turn is scored; the earlier turns build the conversation.
    const replies = s.turns.map((t, i) => assistant.handle(message(t, `eval-${s.id}`, i, s.asOf)));
    const last = replies[replies.length - 1];
    if (!last) throw new CliError(`eval: scenario ${s.id} has no turns`);
    return scoreScenario(s, { verdict: last.verdict, citations: last.citations.map((c) => c.source), intent: last.intent.name });
  });
  const summary = summarise(results);
  if (opts.json) {
    out(JSON.stringify({ summary, cases: results.map((r) => ({ id: r.id, verdict: r.verdict, citations: r.citations, intent: r.intent })) }));
    return 0;
  }
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  for (const r of opts.summaryOnly ? [] : results.filter((x) => !x.verdictOk || x.citesFound < x.citesExpected || x.intentOk === false)) {
    const what = [
      !r.verdictOk ? `verdict ${r.verdict}${r.unsafe ? ' (UNSAFE)' : ''}` : '',
      r.citesFound < r.citesExpected ? `cited ${r.citesFound}/${r.citesExpected}` : '',
      r.intentOk === false ? `intent ${r.intent}` : '',
    ].filter(Boolean).join(', ');
    out(`  miss ${r.id}: ${what}`);
    const s = byId.get(r.id);
    if (opts.verbose && s) {
      out(`      ${s.asOf} ${s.turns.map((t) => JSON.stringify(t)).join(' → ')}`);
      out(`      expected ${s.expect.verdict.join('|')} citing ${s.expect.cites.join(', ') || 'nothing'}; got ${r.verdict} citing ${r.citations.join(', ') || 'nothing'}${s.reason ? `; ${s.reason}` : ''}`);
    }
  }
  out(`scenarios: ${summary.scenarios}`);
  out(`verdict accuracy: ${(summary.verdictAccuracy * 100).toFixed(1)} %`);
  out(`unsafe answers: ${summary.unsafeAnswers}`);
  out(`citation recall: ${(summary.citationRecall * 100).toFixed(1)} %`);
  out(`intent accuracy: ${(summary.intentAccuracy * 100).toFixed(1)} %`);
  return 0;
}

const DecideFactsSchema = FactsSchema;

/** One zod issue as `path: message` (zod 4's messages name unknown keys and the allowed values). */
function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.map(String).join('.') || 'facts'}: ${issue.message}`;
}

export function decideCommand(opts: { facts?: string; asOf?: string; json?: boolean }, out: Out, stdin: () => string): number {
  if (!opts.facts) throw new CliError('decide needs --facts FILE (or --facts - for standard input)');
  let text: string;
  try {
    text = opts.facts === '-' ? stdin() : readFileSync(opts.facts, 'utf8');
  } catch {
    throw new CliError(`decide: cannot read ${opts.facts}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`decide: the facts are not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const parsed = DecideFactsSchema.safeParse(json);
  if (!parsed.success) {
    // Every problem at once: fixing a facts file one error per run is slow.
    const problems = parsed.error.issues.map(describeIssue);
    throw new CliError(problems.length === 1
      ? `decide: ${problems[0] ?? ''}`
      : `decide: ${problems.length} problems in the facts (lodestone schema facts prints the schema):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  const asOf = asOfOption(opts.asOf) ?? parsed.data.asOf ?? isoDay(new Date());
  const decision = evaluate(loadRules(), parsed.data, asOf);
  if (opts.json) {
    out(JSON.stringify(decision));
    return 0;
  }
  out(`verdict: ${decision.verdict}`);
  for (const r of decision.reasons) out(`  - ${r}`);
  for (const m of decision.missing) out(`  missing: ${m.label}: ${m.question}`);
  for (const c of decision.citations) out(`  cite: ${c.source}${c.article ? ` ${c.article}` : ''}`);
  out(`rules version ${decision.rulesVersion}, as of ${decision.asOf}`);
  return 0;
}

export function rulesLintCommand(dir: string, out: Out): number {
  let set;
  try {
    set = toRuleSet(readRuleFiles(dir));
  } catch (e) {
    if (e instanceof RulesError) {
      out(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const problems = lintRuleSet(set);
  for (const p of problems) out(`error: ${p.file} ${p.where}: ${p.message} [${p.code}]`);
  if (problems.length > 0) return 1;
  out(`ok: ${set.rules.length} rules, ${set.sources.size} sources, ${set.topics.length} topics; rules version ${set.version}`);
  return 0;
}

export function rulesShowCommand(id: string | undefined, asOf: string | undefined, out: Out): number {
  const set = loadRules();
  if (!id) {
    for (const r of set.rules) out(`${r.id}  ${r.verdict}  ${r.title}`);
    return 0;
  }
  const rule = set.rules.find((r) => r.id === id);
  if (!rule) throw new CliError(`rules show: no rule "${id}" (see lodestone rules show for the list)`);
  const day = asOfOption(asOf) ?? isoDay(new Date());
  out(`${rule.id}: ${rule.title}`);
  out(`  verdict: ${rule.verdict}${rule.confirmed ? '' : ' (unconfirmed)'}   applies to: ${rule.appliesTo}`);
  out(`  effective from ${rule.effectiveFrom}${rule.effectiveUntil ? ` until ${rule.effectiveUntil}` : ''}`);
  for (const s of rule.suspensions) out(`  suspended ${s.from} .. ${s.until} by ${s.source.id}${s.then ? `; then ${s.then.status} on ${s.then.date}` : '; nothing recorded after'}`);
  out(`  status on ${day}: ${ruleStatus(rule, day).kind}   boundaries: ${ruleBoundaries(rule).join(', ')}`);
  out(`  ${rule.explanation}`);
  if (rule.confirmedNote) out(`  note: ${rule.confirmedNote}`);
  for (const s of rule.sources) {
    const src = set.sources.get(s.id);
    out(`  source ${s.id}${s.article ? ` ${s.article}` : ''}: ${src?.title ?? '?'}${src?.url ? ` <${src.url}>${src.urlConfirmed ? '' : ' (URL unconfirmed)'}` : ''}`);
  }
  out(`  when: ${JSON.stringify(rule.when)}`);
  return 0;
}

export const ExportRangeSchema = z.object({ from: IsoDateSchema.optional(), to: IsoDateSchema.optional(), out: z.string().optional() });

export function describeAnchors(a: AnchorCheck | undefined, head: number, file: string): string {
  if (!a || a.checked === 0) return `no anchors in ${file}`;
  const tail = head - a.anchoredTo;
  const how = a.authenticated ? 'HMAC checked' : 'not authenticated (no AUDIT_ANCHOR_KEY, or anchors written without it)';
  return `anchored up to #${a.anchoredTo} by ${a.checked} anchors in ${file}, ${how}${tail > 0 ? `; the newest ${tail} records are after the last anchor` : ''}`;
}

/** Opens the database read-only (an auditor's archive may be), turning why it cannot be opened into one line. */
function openForAudit(file: string): Database.Database {
  try {
    return openReadOnlyDatabase(file);
  } catch (e) {
    if (!(e instanceof DatabaseError)) throw e;
    if (e.code === 'missing') throw new CliError(`audit: no database at ${file} (set DATA_DIR, or run the assistant first)`);
    throw new CliError(`audit: ${e.message}`, 1);
  }
}

export function auditCommand(sub: string | undefined, opts: { from?: string; to?: string; out?: string }, out: Out): number {
  const file = defaultDbPath();
  if (sub !== 'verify' && sub !== 'export') throw new CliError('audit needs verify or export');
  const db = openForAudit(file);
  try {
    if (sub === 'verify') {
      // Every page first: a damaged file can hold a chain that "verifies" over the rows that can still be read.
      const damage = checkIntegrity(db, 'full');
      if (damage) {
        out(`CORRUPT: database ${file} fails integrity_check: ${damage}`);
        return 1;
      }
    }
    const log = new AuditLog(db);
    if (sub === 'verify') {
      const env = AuditAnchorEnvSchema.safeParse(process.env);
      if (!env.success) throw new CliError(`audit verify: ${String(env.error.issues[0]?.path[0])}: ${env.error.issues[0]?.message}`);
      const anchorFile = env.data.AUDIT_ANCHOR_FILE ?? defaultAnchorPath(file);
      const v = verifyAuditTrail(db, { anchorFile, anchorKey: env.data.AUDIT_ANCHOR_KEY, requireAnchors: true });
      if (v.ok) {
        out(`ok: ${v.count} records, chain head #${v.head.seq} ${v.head.hash.slice(0, 16)}; ${describeAnchors(v.anchors, v.head.seq, anchorFile)}; cases checked against their audit records: ${v.cases}, all match`);
        return 0;
      }
      out(`TAMPERED: record #${v.firstBad.seq}: ${v.firstBad.reason}: ${v.firstBad.detail} (${v.count} records checked)`);
      return 1;
    }
    const r = ExportRangeSchema.safeParse(opts);
    if (!r.success) throw new CliError(`audit export: --${String(r.error.issues[0]?.path[0])}: ${r.error.issues[0]?.message}`);
    const csv = log.exportAuditCsv({ ...(r.data.from ? { from: r.data.from } : {}), ...(r.data.to ? { to: r.data.to } : {}) });
    if (r.data.out) writeFileSync(r.data.out, csv);
    else out(csv.trimEnd());
    return 0;
  } finally {
    db.close();
  }
}

/** Words that end `chat`, besides the end of input (Ctrl-D). */
const QUIT_WORDS = new Set(['quit', 'exit']);

export interface ChatInput {
  readonly input: Readable;
  /** A person at a terminal: prompt, and let readline echo what they type. Otherwise each line read is echoed. */
  readonly interactive: boolean;
}

export async function chatCommand(opts: { asOf?: string; audit?: boolean }, out: Out, chat: ChatInput): Promise<number> {
  const asOf = asOfOption(opts.asOf);
  const audit = opts.audit ?? false;
  const app = await createCliTurns({ asOf, audit });
  const rl = chat.interactive
    ? createInterface({ input: chat.input, output: process.stdout, prompt: 'you> ' })
    : createInterface({ input: chat.input, terminal: false });
  const conversation = `chat-${process.pid}`;
  let n = 0;
  out('Lodestone chat. Ask about China\'s rare-earth export controls; "new" starts a new question, "quit" (or Ctrl-D) ends.');
  if (chat.interactive) rl.prompt();
  let conv = conversation;
  try {
    for await (const line of rl) {
      const said = line.trim();
      // Piped questions are echoed, so the transcript reads as a conversation and not as answers to nothing.
      if (!chat.interactive && said) out(`you> ${said}`);
      if (QUIT_WORDS.has(said.toLowerCase())) break;
      if (said === 'new') {
        conv = `${conversation}-${++n}`;
        out('(new conversation)');
      } else if (said) {
        const reply = await app.ask(message(line, conv, ++n, asOf));
        out(`${renderText(reply)}${unrecordedCase(reply, audit)}`);
      }
      if (chat.interactive) rl.prompt();
    }
  } finally {
    rl.close();
    await app.close();
  }
  return 0;
}
