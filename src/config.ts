/**
 * Configuration from the environment, validated with zod, with embedded defaults so `npm start` runs with none:
 * the server on 127.0.0.1:3978, SQLite in ./data, Teams in local (emulator) mode, Slack off.
 */
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { LOG_FORMATS } from './core/logger.js';

const csv = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const optional = z.string().trim().min(1).optional().catch(undefined);

/** The channels the server can run; CHANNELS picks among them (src/channels/channel-plan.ts). */
export const SERVER_CHANNELS = ['web', 'slack', 'teams'] as const;
export type ServerChannel = (typeof SERVER_CHANNELS)[number];

function isServerChannel(name: string): name is ServerChannel {
  return (SERVER_CHANNELS as readonly string[]).includes(name);
}

const channelList = csv.transform((names, ctx) => {
  const chosen: ServerChannel[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    if (!isServerChannel(lower)) ctx.addIssue({ code: 'custom', message: `"${name}" is not a channel (${SERVER_CHANNELS.join(', ')})` });
    else if (!chosen.includes(lower)) chosen.push(lower);
  }
  return chosen;
});

/** Express's `trust proxy` list: addresses, subnets, and the names loopback, linklocal and uniquelocal. */
const proxyList = csv.superRefine((entries, ctx) => {
  for (const entry of entries) {
    try {
      proxyAddr.compile(entry);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address, a subnet (10.0.0.0/8) or one of loopback, linklocal, uniquelocal` });
    }
  }
});

const headerName = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().trim().regex(/^[A-Za-z0-9-]{1,100}$/, 'a header name, such as X-Forwarded-User').optional(),
);
/** An empty or blank variable (as `.env.example` leaves them) means "not set"; anything else must be valid. */
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/**
 * The audit anchors (src/cases/audit-anchor.ts). On their own as well, because `lodestone audit verify` reads just
 * these and DATA_DIR: an auditor's shell need not hold the server's whole configuration.
 */
const auditAnchorFields = {
  /** Where the audit chain's head is anchored; default beside the database, `lodestone-audit-anchors.jsonl`. */
  AUDIT_ANCHOR_FILE: optional,
  /** HMAC key for the anchors; kept out of DATA_DIR, so whoever can rewrite the data cannot forge anchors. */
  AUDIT_ANCHOR_KEY: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)').optional(),
  ),
  /** Anchor once the head is this many records past the last anchor (and always at start and shutdown). */
  AUDIT_ANCHOR_EVERY: z.coerce.number().int().min(1).default(1),
};

export const AuditAnchorEnvSchema = z.object({ DATA_DIR: z.string().default('./data'), ...auditAnchorFields });

export const ConfigSchema = z
  .object({
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    DATA_DIR: z.string().default('./data'),
    /**
     * postgres://… selects PostgreSQL for the shared stores of several instances (src/cases/postgres/); unset, SQLite
     * in DATA_DIR. The URL may carry the password; it is never logged (redactUrl).
     */
    DATABASE_URL: z.preprocess(blankAsUnset, z.string().trim().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL').optional()),
    /** Connections each instance keeps to PostgreSQL. */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    /** PostgreSQL cancels any one statement that runs longer than this. */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /**
     * PostgreSQL: how long an answer is left to the instance whose turn queued it, and an outbox post to the instance
     * whose dispatcher took it, before any instance takes it over (one that died meanwhile). Longer than a post takes.
     */
    ANSWER_HOLD_MS: z.coerce.number().int().min(1_000).default(30_000),
    OUTBOX_LEASE_MS: z.coerce.number().int().min(1_000).default(300_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** `json` (one object a line) or `pretty` (for people); unset: pretty on a terminal, JSON otherwise. */
    LOG_FORMAT: z.preprocess(blankAsUnset, z.enum(LOG_FORMATS).optional()),
    /** Officers' platform user IDs, comma-separated, per channel. */
    OFFICERS_SLACK: csv,
    OFFICERS_TEAMS: csv,
    /** Web console officers: names typed into the console. On loopback the default officer is "console". */
    OFFICERS_WEB: csv,
    /** Guards the web pages and /metrics off loopback; long enough that guessing it is hopeless. */
    CONSOLE_TOKEN: z.preprocess(blankAsUnset, z.string().trim().min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)').optional()),
    /**
     * `on` (default): with SQLite, the web chat's turns are answered in a worker thread on its own connection, so the
     * HTTP event loop never waits for a turn's work or its commit (turn-worker.ts). `off`: on the HTTP thread.
     */
    TURN_WORKER: z.enum(['on', 'off']).default('on'),
    REMINDER_HOURS: z.coerce.number().positive().default(4),
    RETENTION_DAYS: z.coerce.number().int().positive().default(365),
    /** When an officer records a rule status, answers of this many past days are re-decided (and askers told). */
    REDECIDE_DAYS: z.coerce.number().int().positive().default(90),
    /** Updates about changed answers sent per platform per minute, at most (the outbox holds the rest). */
    ANSWER_UPDATES_PER_MINUTE: z.coerce.number().int().positive().default(20),
    /** Where people reach this server, for links Lodestone hands out (a Teams asker's annotated BOM); default http://HOST:PORT. */
    PUBLIC_URL: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/ }).optional()),
    /** The largest bill of materials the chat channels take (web upload, Slack file, Teams attachment), in MB. */
    BOM_UPLOAD_MAX_MB: z.coerce.number().positive().max(50).default(10),
    ...auditAnchorFields,
    SLACK_BOT_TOKEN: optional,
    SLACK_SIGNING_SECRET: optional,
    SLACK_APP_TOKEN: optional,
    SLACK_API_URL: z.string().url().optional().catch(undefined),
    SLACK_COMPLIANCE_CHANNEL: optional,
    MICROSOFT_APP_ID: optional,
    MICROSOFT_APP_PASSWORD: optional,
    MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MICROSOFT_APP_TENANT_ID: optional,
    /** Which channels run (web, slack, teams); unset: the web and Teams, and Slack when any Slack variable is set. */
    CHANNELS: channelList,
    /** Proxies whose X-Forwarded-* headers (and TRUSTED_USER_HEADER) are believed, in Express's `trust proxy` terms. */
    TRUSTED_PROXIES: proxyList,
    /** The header in which a trusted proxy names the signed-in employee, for the web chat (never the console). */
    TRUSTED_USER_HEADER: headerName,
    /** Local (emulator) mode answers only activities whose serviceUrl has this origin: the Bot Framework Emulator's. */
    TEAMS_EMULATOR_URL: z.preprocess(blankAsUnset, z.url({ protocol: /^https?$/ }).optional()),
    /** Local mode has no caller identity; officers' claim and decide work there only when this is true. */
    TEAMS_LOCAL_OFFICER_ACTIONS: z.preprocess(blankAsUnset, z.stringbool().default(false)),
  })
  .transform((c) => ({
    ...c,
    teamsAuthenticated: c.MICROSOFT_APP_ID !== undefined,
    loopback: isLoopback(c.HOST),
  }));

export type Config = z.infer<typeof ConfigSchema>;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = ConfigSchema.safeParse(env);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ConfigError(`configuration: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}
