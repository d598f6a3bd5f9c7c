/**
 * One turn-pipeline suite, two engines: a turn claims its delivery, answers, opens or finds its case, queues the
 * case's post and audits the question and answer the same way on SQLite (the group commit, turn-pipeline.ts) and on
 * PostgreSQL (a unit of work per turn, postgres/pg-turn-pipeline.ts). Both run the real assistant, rules and
 * language side. What only several instances have (a follow-up landing on another instance) runs on PostgreSQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../src/cases/audit-log.js';
import type { Message } from '../../src/contracts/message.js';
import { fixedClock } from '../../src/core/clock.js';
import type { HumanChannel } from '../../src/cases/human-channel.js';
import { bothEngines, T0 } from '../support/turn-engines.js';

const MISSILES = 'Can we export samarium metal from China to a company that builds missiles for a European army?';
const make = bothEngines();

let n = 0;
function message(text: string, conversation: string, extra: Partial<Message> = {}): Message {
  n++;
  return { id: `m${n}`, text, user: 'U1', conversation, channel: 'slack', receivedAt: new Date(T0), ...extra };
}

/** The audit records as both engines must write them: everything but the hashes and salts. */
function comparable(records: readonly AuditRecord[]): unknown[] {
  return records.map((r) => ({ seq: r.seq, kind: r.kind, actor: r.actor, at: r.at, payload: r.payload, text: r.text }));
}

/** A channel that keeps the answers it was asked to post; cases and alerts are not this suite's concern. */
class PostLog implements HumanChannel {
  readonly posts: unknown[] = [];
  /** `failing`: every post throws it, as a platform that is down. */
  constructor(private readonly failing?: Error) {}
  async postCase(): Promise<{ ref: string }> {
    return { ref: 'card' };
  }
  async updateCase(): Promise<void> {}
  async notifyAsker(): Promise<void> {}
  async notifyAnswerChanged(): Promise<void> {}
  async postAlert(): Promise<void> {}
  async postAnswer(post: unknown): Promise<void> {
    if (this.failing) throw this.failing;
    this.posts.push(post);
  }
}

const engines = [['sqlite', make.sqlite], ['postgres', make.postgres]] as const;

describe.each(engines)('turns on %s', (_name, makeEngine) => {
  const engine = makeEngine();
  afterEach(async () => {
    await engine.close();
  });

  it('answers a delivery once: its repeat is a duplicate and audits nothing', async () => {
    const [a] = await engine.instances(1);
    const m = message('Dy oxide from Baotou to Japan, licence?', 'thread-1');
    const first = await a!.ask(m, 'slack:event:Ev1');
    expect(first).toMatchObject({ kind: 'answered', reply: { verdict: 'license_required' } });
    expect(await a!.ask(m, 'slack:event:Ev1')).toEqual({ kind: 'duplicate', kept: undefined });
    expect((await engine.audit()).map((r) => r.kind)).toEqual(['question', 'answer']);
  });

  it('opens one case for an escalated question, queues its post once, and finds it again on a repeat', async () => {
    const [a] = await engine.instances(1);
    const r1 = await a!.ask(message(MISSILES, 'thread-2'), 'slack:event:Ev2');
    const r2 = await a!.ask(message(MISSILES, 'thread-2'), 'slack:event:Ev3');
    if (r1.kind !== 'answered' || r2.kind !== 'answered') throw new Error('not answered');
    expect(r1.reply.escalation).toMatchObject({ state: 'opened', caseId: 'C-000001' });
    expect(r2.reply.escalation).toMatchObject({ state: 'existing', caseId: 'C-000001' });
    expect(await engine.cases()).toEqual([{ num: 1, state: 'open', conversation_key: 'slack:thread-2' }]);
    expect(await engine.outboxKeys()).toEqual(['post_case:C-000001']);
    expect((await engine.audit()).map((r) => r.kind)).toEqual(['escalation', 'question', 'answer', 'escalation', 'question', 'answer']);
    expect(await engine.verify()).toMatchObject({ ok: true, count: 6 });
  });

  it('posts an answer through the outbox once, after the commit, and not for a repeat of its delivery', async () => {
    const [a] = await engine.instances(1);
    const posted = new PostLog();
    const events: string[] = [];
    const m = message('Dy oxide from Baotou to Japan, licence?', 'thread-8');
    const first = await a!.askAndPost(m, 'slack:event:Ev8', posted, () => events.push(`committed with ${posted.posts.length} posts`));
    expect(first).toMatchObject({ kind: 'answered', reply: { verdict: 'license_required' } });
    expect(await a!.askAndPost(m, 'slack:event:Ev8', posted, () => events.push('repeat committed'))).toEqual({ kind: 'duplicate', kept: undefined });
    expect(events).toEqual(['committed with 0 posts', 'repeat committed']);
    expect(posted.posts).toEqual([{ verdict: 'license_required' }]);
    expect(await engine.outboxKeys()).toEqual(['answer:slack:slack:event:Ev8']);
    // Posted, so no dispatcher (this instance's or another's) posts it again.
    expect(await a!.dispatcher({ slack: posted }).runOnce()).toMatchObject({ done: 0 });
    expect(posted.posts).toHaveLength(1);
  });

  it('carries the facts of a follow-up in the same conversation', async () => {
    const [a] = await engine.instances(1);
    const r1 = await a!.ask(message('Do we need a licence for our magnets?', 'thread-3'));
    const r2 = await a!.ask(message('they contain dysprosium and go from Shenzhen to Italy', 'thread-3'));
    expect(r1).toMatchObject({ kind: 'answered', reply: { verdict: 'need_info' } });
    expect(r2).toMatchObject({ kind: 'answered', reply: { verdict: 'license_required' } });
  });
});

describe('turns on both engines', () => {
  it('write the same audit records for the same conversation', async () => {
    const chains: unknown[][] = [];
    for (const [, makeEngine] of engines) {
      const engine = makeEngine();
      try {
        const [a] = await engine.instances(1);
        for (const [i, text] of ['Do we need a licence for our magnets?', 'they contain dysprosium and go from Shenzhen to Italy', MISSILES].entries()) {
          await a!.ask({ id: `same-${i}`, text, user: 'U7', conversation: 'same', channel: 'teams', receivedAt: new Date(T0) });
        }
        chains.push(comparable(await engine.audit()));
      } finally {
        await engine.close();
      }
    }
    expect(chains[0]!.length).toBe(7);
    expect(chains[1]).toEqual(chains[0]);
  });
});

describe('turns on PostgreSQL, several instances', () => {
  const engine = make.postgres();
  afterEach(async () => {
    await engine.close();
  });

  it('continue a conversation on another instance', async () => {
    const [a, b] = await engine.instances(2);
    expect(await a!.ask(message('Do we need a licence for our magnets?', 'thread-4'))).toMatchObject({ reply: { verdict: 'need_info' } });
    expect(await b!.ask(message('they contain dysprosium and go from Shenzhen to Italy', 'thread-4'))).toMatchObject({ reply: { verdict: 'license_required' } });
  });

  it('answer a retry landing on three instances at once exactly once, and open one case for it', async () => {
    const instances = await engine.instances(3);
    const outcomes = await Promise.all(Array.from({ length: 6 }, (_, k) =>
      Promise.all(instances.map((inst, i) => inst.ask(message(k % 2 === 0 ? MISSILES : 'Tb metal from China to Korea?', `thread-5-${k}`, { id: `r${k}-${i}` }), `slack:event:Ev5-${k}`)))));
    for (const perDelivery of outcomes) expect(perDelivery.filter((o) => o.kind === 'answered')).toHaveLength(1);
    expect((await engine.cases()).map((c) => c.conversation_key).sort()).toEqual(['slack:thread-5-0', 'slack:thread-5-2', 'slack:thread-5-4']);
    expect((await engine.outboxKeys()).sort()).toEqual(['post_case:C-000001', 'post_case:C-000002', 'post_case:C-000003']);
    expect(await engine.verify()).toMatchObject({ ok: true, count: 3 * 3 + 3 * 2 });
  });

  it('post an answer whose first post failed once, from whichever instance\'s dispatcher takes it first', async () => {
    const [a, b] = await engine.instances(2);
    const down = new PostLog(new Error('slack is down'));
    const posted = new PostLog();
    const m = message('Dy oxide from Baotou to Japan, licence?', 'thread-9');
    expect(await a!.askAndPost(m, 'slack:event:Ev9', down)).toMatchObject({ kind: 'answered' });
    expect(down.posts).toEqual([]);
    // An hour on, past the retry's backoff: both instances' dispatchers run; the row's lease lets one post it.
    const later = fixedClock(new Date(Date.parse(T0) + 3_600_000).toISOString());
    const reports = await Promise.all([a, b].map((i) => i!.dispatcher({ slack: posted }, { clock: later }).runOnce()));
    expect(reports.map((r) => r.done).sort()).toEqual([0, 1]);
    expect(posted.posts).toEqual([{ verdict: 'license_required' }]);
  });

  it('keeps the text of a message with NUL characters, which PostgreSQL refuses, as U+FFFD', async () => {
    const [a] = await engine.instances(1);
    expect(await a!.ask(message('Dy oxide\u0000 from Baotou to Japan?', 'thread-6'))).toMatchObject({ kind: 'answered' });
    const [question] = await engine.audit();
    expect(question).toMatchObject({ kind: 'question', text: 'Dy oxide\uFFFD from Baotou to Japan?' });
    expect(await engine.verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('rolls back the whole turn, the claim and the case with it, when it fails, so the retry is answered', async () => {
    const [a] = await engine.instances(1);
    // A head row that does not parse fails the turn's first audit append, after its case and outbox rows are written.
    await engine.raw('UPDATE audit_head SET seq = -1');
    await expect(a!.ask(message(MISSILES, 'thread-7'), 'slack:event:Ev7')).rejects.toThrow();
    expect(await engine.cases()).toEqual([]);
    expect(await engine.outboxKeys()).toEqual([]);
    await engine.raw('UPDATE audit_head SET seq = 0');
    expect(await a!.ask(message(MISSILES, 'thread-7'), 'slack:event:Ev7')).toMatchObject({ kind: 'answered', reply: { escalation: { state: 'opened' } } });
    expect(await engine.cases()).toHaveLength(1);
    expect(await engine.outboxKeys()).toHaveLength(1);
    expect(await engine.verify()).toMatchObject({ ok: true, count: 3 });
  });
});
