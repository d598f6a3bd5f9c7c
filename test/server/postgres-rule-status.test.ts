/**
 * The rule status overlay served from PostgreSQL (app-postgres.ts): recorded statuses are loaded at start, and a
 * status recorded on one instance decides the next answer on another, which checks the newest record's id on each
 * turn's connection before answering.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresApp } from '../../src/app-postgres.js';
import type { PostgresApp } from '../../src/app-context.js';
import { CaseError } from '../../src/cases/case-error.js';
import { ConfigSchema } from '../../src/config.js';
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
async function ask(app: PostgresApp) {
  n++;
  const out = await app.webChat.ask(`c${n}`, newMessage({ id: `m${n}`, text: QUESTION, user: 'u1', conversation: `c${n}`, channel: 'web', receivedAt: new Date(NOW) }), undefined);
  if (out.kind !== 'answered') throw new Error(`turn ${n} was not answered`);
  return out.reply;
}

describe('the rule status overlay on PostgreSQL, served', () => {
  it('decides the next answer on another instance on a status recorded on one', async () => {
    const url = await cluster().freshDatabase();
    const [a, b] = [await instance(url), await instance(url)];
    const before = await ask(b);
    expect(before.verdict).toBe('escalate');
    const outcome = await a.statusOverlay.record(RESUMED);
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
    const outcome = await a.statusOverlay.record(RESUMED);
    await expect(a.statusOverlay.record({ ...RESUMED, target: 'no-such-rule' })).rejects.toThrow(CaseError);
    const started = await instance(url);
    expect(started.rules.version).toBe(outcome.version);
    expect(await started.statusOverlay.list()).toHaveLength(1);
  });
});
