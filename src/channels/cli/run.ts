/** The `lodestone` command line (design §7), as a function of argv and streams so tests run it in-process. */
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { CliError } from './cli-error.js';
import { RULES_DIR } from '../../core/paths.js';
import { screenCommand } from './screen-command.js';
import { rulesOverlayExportCommand, rulesRecordCommand, rulesStatusCommand } from './rules-status-commands.js';
import { auditPostgresCommand } from './audit-postgres-command.js';
import { askCommand, auditCommand, chatCommand, decideCommand, evalCommand, rulesLintCommand, rulesShowCommand } from './commands.js';
import { schemaCommand } from './schema-command.js';

const USAGE = `usage:
  lodestone ask [--as-of YYYY-MM-DD] [--json] [--audit] "turn 1" ["turn 2" ...]
  lodestone chat [--as-of YYYY-MM-DD] [--audit]
  lodestone eval FILE.jsonl|DIR ... [--json] [--verbose | --summary-only]
  lodestone decide --facts FILE|- [--as-of YYYY-MM-DD] [--json]
  lodestone schema facts                 the JSON Schema of the facts file decide reads
  lodestone rules lint [DIR] | rules show [ID] [--as-of YYYY-MM-DD]
  lodestone rules status [--as-of YYYY-MM-DD] [--json] | rules overlay export --out DIR
  lodestone rules record RULE-ID|SUSPENSION-SOURCE-ID --status resumed|extended|revoked|amended [--from D] [--until D]
                   --source ID [--source-title T --source-date D --source-url URL] --by WHO --note TEXT
  lodestone audit verify | audit export [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE (default: standard output)]
  lodestone screen BOM.csv|BOM.xlsx [--as-of YYYY-MM-DD] [--product-value V] [--made-in COUNTRY]
                   [--json] [--csv OUT.csv] [--xlsx OUT.xlsx] [--map column=Header ...]`;

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly stdin: () => string;
  /** What `chat` reads line by line; default standard input. */
  readonly lines?: () => Readable;
  /** True when `lines` is a person at a terminal: `chat` prompts and lets readline echo; piped input is echoed by `chat`. */
  readonly interactive?: boolean;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stdin: () => readFileSync(0, 'utf8'),
  lines: () => process.stdin,
  interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
};

/** Runs one command; never throws: a user's mistake is one line on stderr and exit code 2. */
export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    const parseError = e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS');
    const msg = e instanceof CliError ? e.message : parseError ? `${(e as Error).message}\n${USAGE}` : `internal error: ${(e as Error).message}`;
    io.err(`lodestone: ${msg}`);
    return e instanceof CliError ? e.exitCode : 2;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
      /** ask, chat: record the turns in the server's database (DATA_DIR) instead of an in-memory one. */
      audit: { type: 'boolean' },
      facts: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      verbose: { type: 'boolean' },
      'summary-only': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      'product-value': { type: 'string' },
      'made-in': { type: 'string' },
      csv: { type: 'string' },
      xlsx: { type: 'string' },
      map: { type: 'string', multiple: true },
      status: { type: 'string' },
      until: { type: 'string' },
      source: { type: 'string' },
      'source-title': { type: 'string' },
      'source-date': { type: 'string' },
      'source-url': { type: 'string' },
      by: { type: 'string' },
      note: { type: 'string' },
    },
  });
  const out = io.out;
  const [command, ...rest] = positionals;
  const asOf = values['as-of'];
  if (values.help || command === 'help') {
    out(USAGE);
    return 0;
  }
  // No command is a mistake: the usage goes to stderr, so a script piping stdout does not read it as output.
  if (!command) throw new CliError(`a command is needed\n${USAGE}`);
  switch (command) {
    case 'ask':
      return askCommand(rest, { ...(asOf ? { asOf } : {}), json: values.json ?? false, audit: values.audit ?? false }, out);
    case 'chat':
      return chatCommand({ ...(asOf ? { asOf } : {}), audit: values.audit ?? false }, out, {
        input: io.lines?.() ?? process.stdin, interactive: io.interactive ?? false,
      });
    case 'eval':
      return evalCommand(rest, { json: values.json ?? false, verbose: values.verbose ?? false, summaryOnly: values['summary-only'] ?? false }, out);
    case 'decide':
      return decideCommand({ ...(values.facts ? { facts: values.facts } : {}), ...(asOf ? { asOf } : {}), json: values.json ?? false }, out, io.stdin);
    case 'schema':
      return schemaCommand(rest[0], out);
    case 'rules':
      if (rest[0] === 'lint') return rulesLintCommand(rest[1] ?? RULES_DIR, out);
      if (rest[0] === 'show') return rulesShowCommand(rest[1], asOf, out);
      if (rest[0] === 'status') return rulesStatusCommand({ asOf, json: values.json }, out);
      if (rest[0] === 'overlay' && rest[1] === 'export') return rulesOverlayExportCommand(values.out, out);
      if (rest[0] === 'record') {
        return rulesRecordCommand(rest[1], {
          status: values.status, from: values.from, until: values.until, source: values.source, sourceTitle: values['source-title'],
          sourceDate: values['source-date'], sourceUrl: values['source-url'], by: values.by, note: values.note, json: values.json,
        }, out);
      }
      throw new CliError('rules needs lint, show, status, record or overlay export');
    case 'audit': {
      const range = { ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}), ...(values.out ? { out: values.out } : {}) };
      // DATABASE_URL names the PostgreSQL database several instances share; without it, SQLite in DATA_DIR.
      const url = process.env.DATABASE_URL?.trim();
      return url ? auditPostgresCommand(url, rest[0], range, out) : auditCommand(rest[0], range, out);
    }
    case 'screen':
      if (rest.length !== 1 || !rest[0]) throw new CliError(`screen needs one BOM file\n${USAGE}`);
      return screenCommand({
        file: rest[0], json: values.json ?? false, map: values.map ?? [],
        ...(asOf ? { asOf } : {}), ...(values['product-value'] ? { productValue: values['product-value'] } : {}),
        ...(values['made-in'] ? { madeIn: values['made-in'] } : {}), ...(values.csv ? { csv: values.csv } : {}), ...(values.xlsx ? { xlsx: values.xlsx } : {}),
      }, out, io.err);
    default:
      throw new CliError(`unknown command "${command}"\n${USAGE}`);
  }
}

