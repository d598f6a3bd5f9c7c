/**
 * The rule status overlay served from PostgreSQL (app-postgres.ts): recorded statuses are loaded at start, and a
 * status recorded on one instance decides the next answer on another, which checks the newest record's id on each
 * turn's connection before answering; recording re-decides the answers already given, and an answer being decided
 * while a status is recorded is either decided on it or re-decided by it, never left on the old rules untold.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresApp } from '../../src/app-postgres.js';
import type { PostgresApp } from '../../src/app-context.js';
import { CaseError } from '../../src/cases/case-error.js';
import { ConfigSchema } from '../../src/config.js';
import { openPostgres } from '../../src/cases/postgres/pg-database.js';
import { fixedClock } from '../../src/core/clock.js';
import { newMessage } from '../../src/contracts/message.js';
import { RESUMED } from '../cases/status-fixtures.js';
import { useThrowawayPostgres } from '../support/postgres.js';

const QUESTION = 'Our Dutch warehouse resells Chinese-origin Tb oxide to the UK. Licence?';
const NOW = '2026-11-30T10:00:00Z';

const cluster = useThrowawayPostgres();

const apps: PostgresApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function instance(url: string): Promise<PostgresApp> {
  const config = ConfigSchema.parse({ LOG_LEVEL: 'silent', DATABASE_URL: url });
  const app = await createPostgresApp({ config: { ...config, DATABASE_URL: url }, clock: fixedClock(NOW) });
  apps.push(app);
  return app;
}

let n = 0;
async function ask(app: PostgresApp, conversation?: string) {
  n++;
  const out = await app.webChat.ask(conversation ?? `c${n}`, newMessage({ id: `m${n}`, text: QUESTION, user: 'u1', conversation: conversation ?? `c${n}`, channel: 'web', receivedAt: new Date(NOW) }), undefined);
  if (out.kind !== 'answered') throw new Error(`turn ${n} was not answered`);
  return out.reply;
}

describe('the rule status overlay on PostgreSQL, served', () => {
  it('decides the next answer on another instance on a status recorded on one', async () => {
    const url = await cluster().freshDatabase();
    const [a, b] = [await instance(url), await instance(url)];
    const before = await ask(b);
    expect(before.verdict).toBe('escalate');
    const outcome = await a.ruleDesk.record(RESUMED);
    expect(outcome.kind).toBe('recorded');
    const after = await ask(b);
    expect(after.verdict).toBe('license_required');
    expect(after.citations.map((c) => c.source)).toContain('CN-ANN-2026-99');
    expect(after.rulesVersion).toBe(outcome.version);
    expect(b.rules.version).toBe(outcome.version);
    expect((await ask(a)).verdict).toBe('license_required');
  });

  it('loads the recorded statuses at start, and refuses an invalid record with the reason', async () => {
    const url = await cluster().freshDatabase();
    const a = await instance(url);
    const outcome = await a.ruleDesk.record(RESUMED);
    await expect(a.ruleDesk.record({ ...RESUMED, target: 'no-such-rule' })).rejects.toThrow(CaseError);
    const started = await instance(url);
    expect(started.rules.version).toBe(outcome.version);
    expect(await started.ruleDesk.list()).toHaveLength(1);
  });

  it('re-decides the answers given before a record, and leaves no answer decided during it on the old rules untold', async () => {
    const url = await cluster().freshDatabase();
    const [a, b] = [await instance(url), await instance(url)];
    const before = await Promise.all([0, 1, 2].map((i) => ask(b, `before-${i}`)));
    expect(before.map((r) => r.verdict)).toEqual(['escalate', 'escalate', 'escalate']);
    // Twenty turns on one instance while the other records: each is answered on the new record or re-decided by it.
    const during = Array.from({ length: 20 }, (_, i) => ask(b, `during-${i}`).then((reply) => ({ conversation: `web:during-${i}`, verdict: reply.verdict })));
    const recorded = await a.ruleDesk.record(RESUMED);
    const answered = await Promise.all(during);
    expect(recorded.kind).toBe('recorded');
    const pool = await openPostgres(url, { poolMax: 1 });
    try {
      const told = new Set((await pool.query<{ conversation_key: string }>('SELECT conversation_key FROM answer_updates')).rows.map((r) => r.conversation_key));
      for (const i of [0, 1, 2]) expect(told.has(`web:before-${i}`)).toBe(true);
      const untold = answered.filter((x) => x.verdict !== 'license_required' && !told.has(x.conversation));
      expect(untold).toEqual([]);
      expect(recorded.answers).toBe(told.size);
    } finally {
      await pool.end();
    }
  });
});
