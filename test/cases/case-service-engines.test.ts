/**
 * The officers' side of cases, one suite on both engines: CaseService on SQLite, PgCaseService on PostgreSQL. Cases
 * are opened the way they are in production, by an escalated turn through the engine's turn pipeline. Where several
 * instances act at once (two officers claiming one case; reminders run everywhere), PostgreSQL only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/cases/case-view.js';
import type { Message } from '../../src/contracts/message.js';
import { bothEngines, T0, type Instance } from '../support/turn-engines.js';

const MISSILES = 'Can we export samarium metal from China to a company that builds missiles for a European army?';
const officer: Actor = { channel: 'slack', user: 'UOFF1', name: 'Olga' };
const other: Actor = { channel: 'slack', user: 'UOFF2' };
const make = bothEngines();

let n = 0;
function message(text: string, conversation: string): Message {
  n++;
  return { id: `c${n}`, text, user: 'U1', conversation, channel: 'slack', receivedAt: new Date(T0) };
}

async function escalate(inst: Instance, conversation: string, text = MISSILES): Promise<string> {
  const out = await inst.ask(message(text, conversation));
  if (out.kind !== 'answered' || !out.reply.escalation.caseId) throw new Error('no case opened');
  return out.reply.escalation.caseId;
}

describe.each([['sqlite', make.sqlite], ['postgres', make.postgres]] as const)('cases on %s', (_name, makeEngine) => {
  const engine = makeEngine();
  afterEach(async () => {
    await engine.close();
  });

  it('are claimed, noted and decided by an officer, and the decision is queued for the asker', async () => {
    const [a] = await engine.instances(1);
    const id = await escalate(a!, 'thread-1');
    expect(await a!.desk.claim(id, officer)).toMatchObject({ state: 'claimed', claimedBy: officer });
    await expect(a!.desk.claim(id, other)).rejects.toMatchObject({ code: 'bad_state', message: expect.stringMatching(/already claimed by Olga/) });
    await a!.desk.addNote(id, officer, 'Asked the buyer for an end-user certificate.');
    const decided = await a!.desk.decide(id, officer, { verdict: 'prohibited', note: 'Military end user.' });
    expect(decided).toMatchObject({ state: 'resolved', resolution: { decision: 'prohibited', note: 'Military end user.', reusable: false } });
    expect(decided.history.map((h) => h.action)).toEqual(['opened', 'claimed', 'note', 'decided']);
    // The card, an update per officer action (keyed by its history entry), and the decision for the asker.
    expect(await engine.outboxKeys()).toEqual([
      `post_case:${id}`, `update_case:${id}:2`, `update_case:${id}:3`, `notify_asker:${id}:0`, `update_case:${id}:4`,
    ]);
    expect((await engine.audit()).map((r) => r.kind)).toEqual(['escalation', 'question', 'answer', 'officer_action', 'officer_action', 'decision']);
    expect(await engine.verify()).toMatchObject({ ok: true, count: 6 });
  });

  it('refuse a non-officer before looking the case up, and audit the refusal', async () => {
    const [a] = await engine.instances(1);
    const id = await escalate(a!, 'thread-2');
    await expect(a!.desk.claim(id, { channel: 'slack', user: 'U1' })).rejects.toMatchObject({ code: 'not_officer' });
    await expect(a!.desk.claim('C-999999', officer)).rejects.toMatchObject({ code: 'not_found' });
    expect((await engine.audit()).at(-1)).toMatchObject({ kind: 'refusal', actor: 'slack:U1', payload: { action: 'claim', caseId: id } });
  });

  it('reopen a decided case, and answer the same facts from a reusable decision', async () => {
    const [a] = await engine.instances(1);
    const id = await escalate(a!, 'thread-3');
    await a!.desk.decide(id, officer, { verdict: 'prohibited', note: 'No.', reusable: true });
    const later = await a!.ask(message(MISSILES, 'thread-3b'));
    expect(later).toMatchObject({ kind: 'answered', reply: { verdict: 'prohibited', escalation: { state: 'resolved', caseId: id } } });
    expect(await a!.desk.reopen(id, officer, 'The buyer changed.')).toMatchObject({ state: 'reopened', resolution: null });
    expect((await a!.desk.list({ state: 'reopened' })).map((c) => c.id)).toEqual([id]);
    expect(await a!.desk.get(id)).toMatchObject({ history: [{ action: 'opened' }, { action: 'decided' }, { action: 'reopened', note: 'The buyer changed.' }] });
  });

  it('remind about a waiting case once per period, and redact old text with the chain still verifying', async () => {
    const [a] = await engine.instances(1);
    const id = await escalate(a!, 'thread-4');
    const fiveHours = new Date(Date.parse(T0) + 5 * 3_600_000);
    expect(await a!.desk.sendReminders(fiveHours)).toEqual([id]);
    expect(await a!.desk.sendReminders(fiveHours)).toEqual([]);
    await a!.desk.decide(id, officer, { verdict: 'license_required' });
    const redacted = await a!.desk.redactOlderThan(30, new Date(Date.parse(T0) + 40 * 86_400_000));
    // The texts of the escalation and the question (the decision had no note).
    expect(redacted).toEqual({ auditRecords: 2, cases: 1 });
    expect(await a!.desk.get(id)).toMatchObject({ question: '[redacted]', turns: [] });
    expect(await engine.verify()).toMatchObject({ ok: true });
  });
});

describe('cases on PostgreSQL, several instances', () => {
  const engine = make.postgres();
  afterEach(async () => {
    await engine.close();
  });

  it('let one of two officers claiming one case at once on two instances have it', async () => {
    const [a, b] = await engine.instances(2);
    const id = await escalate(a!, 'thread-5');
    const results = await Promise.allSettled([a!.desk.claim(id, officer), b!.desk.claim(id, other)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.objectContaining({ code: 'bad_state' })]);
    expect((await engine.audit()).filter((r) => r.kind === 'officer_action')).toHaveLength(1);
  });

  it('forget conversations idle past the retention period with the retention run', async () => {
    const [a] = await engine.instances(1);
    await escalate(a!, 'thread-7');
    const count = async () => (await engine.rows('SELECT key FROM conversations')).length;
    expect(await count()).toBe(1);
    await a!.desk.redactOlderThan(30, new Date(Date.parse(T0) + 10 * 86_400_000));
    expect(await count()).toBe(1);
    await a!.desk.redactOlderThan(30, new Date(Date.parse(T0) + 31 * 86_400_000));
    expect(await count()).toBe(0);
  });

  it('send one reminder per case per period however many instances run the reminders', async () => {
    const instances = await engine.instances(3);
    const ids = [await escalate(instances[0]!, 'thread-6a'), await escalate(instances[1]!, 'thread-6b')];
    const at = new Date(Date.parse(T0) + 5 * 3_600_000);
    const reminded = (await Promise.all(instances.map((i) => i.desk.sendReminders(at)))).flat();
    expect(reminded.sort()).toEqual(ids.sort());
    expect((await engine.outboxKeys()).filter((k) => k.startsWith('reminder:'))).toHaveLength(2);
    expect(await engine.verify()).toMatchObject({ ok: true, count: 2 * 3 + 2 });
  });
});
