/**
 * The cases' cross-check against their audit records on both engines: the same replay (crossCheckCaseRows) over
 * rows SQLite reads from its file and PostgreSQL from one snapshot. Cases are opened and decided the way they are in
 * production (an escalated turn, an officer's desk), then edited behind the service as an operator or an attacker
 * with database access would. The single-engine details (redaction, reopen counts) are in audit-cross-check.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/cases/case-view.js';
import type { Message } from '../../src/contracts/message.js';
import { bothEngines, T0, type Engine, type Instance } from '../support/turn-engines.js';

const ARMY = 'Can we export samarium metal from China to a company that builds missiles for a European army?';
const officer: Actor = { channel: 'slack', user: 'UOFF1', name: 'Olga' };
const make = bothEngines();

let n = 0;
function message(text: string, conversation: string): Message {
  n++;
  return { id: `x${n}`, text, user: 'U1', conversation, channel: 'slack', receivedAt: new Date(T0) };
}

async function escalate(inst: Instance, conversation: string): Promise<string> {
  const out = await inst.ask(message(ARMY, conversation));
  if (out.kind !== 'answered' || !out.reply.escalation.caseId) throw new Error('no case opened');
  return out.reply.escalation.caseId;
}

/** Two cases: the first decided prohibited (not reusable), the second claimed and waiting. */
async function history(engine: Engine): Promise<[string, string]> {
  const [a] = await engine.instances(1);
  const first = await escalate(a!, 'thread-a');
  await a!.desk.claim(first, officer);
  await a!.desk.decide(first, officer, { verdict: 'prohibited', note: 'Military end user.' });
  const second = await escalate(a!, 'thread-b');
  await a!.desk.claim(second, officer);
  return [first, second];
}

describe.each([['sqlite', make.sqlite], ['postgres', make.postgres]] as const)('the cases\' cross-check on %s', (name, makeEngine) => {
  const engine = makeEngine();
  afterEach(async () => {
    await engine.close();
  });

  it('finds every case as its audit records leave it after a real history', async () => {
    await history(engine);
    expect(await engine.crossCheck()).toEqual({ checked: 2, problems: [] });
  });

  it('catches a decision flipped to a reusable not_required, which would answer later askers as a precedent', async () => {
    const [first] = await history(engine);
    await engine.raw(`UPDATE cases SET resolution = replace(replace(resolution, '"prohibited"', '"not_required"'), '"reusable":false', '"reusable":true') WHERE num = 1`);
    expect((await engine.crossCheck())?.problems).toEqual([
      expect.objectContaining({ caseId: first, reason: 'case_mismatch', detail: expect.stringContaining('its decision is not the one audited (prohibited, by slack:UOFF1)') }),
    ]);
  });

  it('catches a claimed case put back to open, and a case deleted', async () => {
    const [, second] = await history(engine);
    await engine.raw(`UPDATE cases SET state = 'open', claimed_by = NULL WHERE num = 2`);
    expect((await engine.crossCheck())?.problems.map((p) => [p.caseId, p.reason, p.detail])).toEqual([
      [second, 'case_mismatch', expect.stringContaining('it is open, but its audit records leave it claimed')],
    ]);
    // The case's history and outbox rows point at it: delete them all with their foreign keys off, as an attacker could.
    await engine.raw(name === 'sqlite'
      ? 'PRAGMA foreign_keys = OFF; DELETE FROM cases WHERE num = 2; PRAGMA foreign_keys = ON;'
      : 'SET session_replication_role = replica; DELETE FROM cases WHERE num = 2; SET session_replication_role = DEFAULT;');
    expect((await engine.crossCheck())?.problems).toEqual([expect.objectContaining({ caseId: second, reason: 'case_missing' })]);
  });
});
