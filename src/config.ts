/**
 * Configuration from the environment, validated with zod, with embedded defaults so `npm start` runs with none:
 * the server on 127.0.0.1:3978, SQLite in ./data, Teams in local (emulator) mode, Slack off.
 */
import { z } from 'zod';

const csv = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const optional = z.string().trim().min(1).optional().catch(undefined);

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
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Officers' platform user IDs, comma-separated, per channel. */
    OFFICERS_SLACK: csv,
    OFFICERS_TEAMS: csv,
    /** Web console officers: names typed into the console. On loopback the default officer is "console". */
    OFFICERS_WEB: csv,
    CONSOLE_TOKEN: optional,
    REMINDER_HOURS: z.coerce.number().positive().default(4),
    RETENTION_DAYS: z.coerce.number().int().positive().default(365),
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
  })
  .transform((c) => ({
    ...c,
    slackEnabled: c.SLACK_BOT_TOKEN !== undefined && (c.SLACK_SIGNING_SECRET !== undefined || c.SLACK_APP_TOKEN !== undefined),
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
