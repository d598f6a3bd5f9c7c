/**
 * The outbox dispatcher, one suite on both engines (SQLite's stores; PostgreSQL's pg-dispatch-store.ts): a case
 * escalated by a real turn is posted once, its card updated after an officer acts, the decision sent to the asker,
 * failures retried (Retry-After not counted as an attempt) and dead-lettered with an audit record. Several instances
 * draining one outbox at once: PostgreSQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { HumanChannelError } from '../../src/cases/human-channel.js';
import { MemoryHumanChannel } from '../../src/cases/memory-human-channel.js';
import type { Message } from '../../src/contracts/message.js';
import { bothEngines, T0, type Instance } from '../support/turn-engines.js';

const MISSILES = 'Can we export samarium metal from China to a company that builds missiles for a European army?';
const make = bothEngines();

let n = 0;
function message(text: string, conversation: string): Message {
  n++;
  return { id: `d${n}`, text, user: 'U1', conversation, channel: 'slack', receivedAt: new Date(T0) };
}

async function escalate(inst: Instance, conversation: string): Promise<string> {
  const out = await inst.ask(message(MISSILES, conversation));
  if (out.kind !== 'answered' || !out.reply.escalation.caseId) throw new Error('no case opened');
  return out.reply.escalation.caseId;
}

describe.each([['sqlite', make.sqlite], ['postgres', make.postgres]] as const)('the outbox dispatcher on %s', (_name, makeEngine) => {
  const engine = makeEngine();
  afterEach(async () => {
    await engine.close();
  });

  it('posts a case once, updates its card after an officer acts, and sends the decision to the asker', async () => {
    const [a] = await engine.instances(1);
    const slack = new MemoryHumanChannel('slack');
    const dispatcher = a!.dispatcher({ slack });
    const id = await escalate(a!, 'thread-1');
    expect(await dispatcher.runOnce()).toEqual({ done: 1, retrying: 0, dead: 0 });
    expect(await dispatcher.runOnce()).toEqual({ done: 0, retrying: 0, dead: 0 });
    await a!.desk.decide(id, { channel: 'slack', user: 'UOFF1' }, { verdict: 'prohibited', note: 'Military end user.' });
    expect(await dispatcher.runOnce()).toEqual({ done: 2, retrying: 0, dead: 0 });
    expect(slack.calls.map((c) => c.op)).toEqual(['postCase', 'notifyAsker', 'updateCase']);
    expect(slack.callsOf('updateCase')).toEqual([{ op: 'updateCase', caseId: id, state: 'resolved', ref: 'slack-msg-1' }]);
    expect(slack.callsOf('notifyAsker')).toEqual([{ op: 'notifyAsker', caseId: id, decision: 'prohibited', conversation: 'thread-1' }]);
  });

  it('waits as the platform asks without counting it, retries failures, and dead-letters with an audit record', async () => {
    const [a] = await engine.instances(1);
    const slack = new MemoryHumanChannel('slack');
    const dispatcher = a!.dispatcher({ slack }, { maxAttempts: 2, backoff: { baseMs: 0, maxMs: 0 } });
    await escalate(a!, 'thread-2');
    slack.failNext(new HumanChannelError('rate limited', { retryAfterMs: 0 }), new Error('boom'), new Error('boom again'));
    expect(await dispatcher.runOnce()).toEqual({ done: 0, retrying: 1, dead: 0 });
    expect(await dispatcher.runOnce()).toEqual({ done: 0, retrying: 1, dead: 0 });
    expect(await dispatcher.runOnce()).toEqual({ done: 0, retrying: 0, dead: 1 });
    expect(slack.calls).toEqual([]);
    expect((await engine.audit()).at(-1)).toMatchObject({ kind: 'alert', payload: { type: 'outbox_dead', outboxKind: 'post_case', attempts: 2 } });
    expect(await engine.verify()).toMatchObject({ ok: true });
  });
});

describe('the outbox dispatcher on PostgreSQL, several instances', () => {
  const engine = make.postgres();
  afterEach(async () => {
    await engine.close();
  });

  it('posts every case once when three instances drain the outbox at once', async () => {
    const instances = await engine.instances(3);
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push(await escalate(instances[i % 3]!, `thread-3-${i}`));
    const channels = instances.map((_, i) => new MemoryHumanChannel(`slack${i}`));
    const dispatchers = instances.map((inst, i) => inst.dispatcher({ slack: channels[i]! }, { batchSize: 5 }));
    for (let round = 0; round < 4; round++) await Promise.all(dispatchers.map((d) => d.runOnce()));
    const posted = channels.flatMap((c) => c.callsOf('postCase').map((p) => p.caseId));
    expect(posted.sort()).toEqual([...ids].sort());
  });
});
