/**
 * The console dashboard counted on both engines: the same turns through each engine's pipeline (answers of several
 * verdicts and items, cases opened, one claimed) give the same numbers from SQLite's queries (dashboard-queries.ts)
 * and PostgreSQL's (pg-dashboard-queries.ts). The numbers themselves are pinned by console-dashboard.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../src/cases/dashboard.js';
import type { Message } from '../../src/contracts/message.js';
import { bothEngines, T0, type Engine } from '../support/turn-engines.js';

const QUESTIONS = [
  'Can we export samarium metal from China to a company that builds missiles for a European army?',
  'Sintered NdFeB magnets with 5% dysprosium shipped from Ningbo to Germany: licence?',
  'Terbium oxide from Baotou to Japan, do we need a licence?',
  'Ferrite magnets from Shenzhen to Mexico, licence?',
  'Can we export samarium metal from China to a company that builds missiles for a European army?',
];
const make = bothEngines();

async function counted(engine: Engine): Promise<Dashboard> {
  const [a] = await engine.instances(1);
  const caseIds: string[] = [];
  for (const [i, text] of QUESTIONS.entries()) {
    const m: Message = { id: `d${i}`, text, user: 'U1', conversation: `thread-${i}`, channel: 'slack', receivedAt: new Date(T0) };
    const out = await a!.ask(m);
    if (out.kind === 'answered' && out.reply.escalation.caseId) caseIds.push(out.reply.escalation.caseId);
  }
  await a!.desk.claim(caseIds[0]!, { channel: 'slack', user: 'UOFF1' });
  // Two days on: the cases have waited two whole days.
  return engine.dashboard(new Date(Date.parse(T0) + 2 * 86_400_000 + 3_600_000));
}

describe('the dashboard on both engines', () => {
  const engines = [make.sqlite(), make.postgres()];
  afterEach(async () => {
    for (const e of engines) await e.close();
  });

  it('counts the same answers, waiting cases and items from the same turns', async () => {
    const [onSqlite, onPostgres] = [await counted(engines[0]!), await counted(engines[1]!)];
    expect(onPostgres).toEqual(onSqlite);
    expect(onSqlite.answersTotal).toBe(QUESTIONS.length);
    expect(onSqlite.openCasesTotal).toBeGreaterThanOrEqual(2);
    expect(onSqlite.openCasesByAge.find((b) => b.bucket === '1_3d')).toMatchObject({ claimed: 1 });
    expect(onSqlite.topItems.length).toBeGreaterThanOrEqual(3);
  });
});
