import { afterEach, describe, expect, it } from 'vitest';
import type { fixedClock } from '../../src/core/clock.js';
import type { CaseService } from '../../src/cases/case-service.js';
import { HumanChannelError } from '../../src/cases/human-channel.js';
import { MemoryHumanChannel } from '../../src/cases/memory-human-channel.js';
import { OutboxDispatcher } from '../../src/cases/outbox-dispatcher.js';
import { backoffMs } from '../../src/cases/outbox.js';
import { escalation, officer, replyTo, service } from './fixtures.js';

type TestClock = ReturnType<typeof fixedClock>;

describe('outbox dispatcher', () => {
  let svc: CaseService;
  let clock: TestClock;
  let slack: MemoryHumanChannel;
  let teams: MemoryHumanChannel;
  let dispatcher: OutboxDispatcher;

  function setup(options: { maxAttempts?: number } = {}): void {
    ({ svc, clock } = service());
    slack = new MemoryHumanChannel('slack');
    teams = new MemoryHumanChannel('teams');
    dispatcher = new OutboxDispatcher({
      db: svc.db, channels: { slack, teams }, clock, backoff: { baseMs: 1_000, maxMs: 60_000 }, ...options,
    });
  }

  afterEach(async () => {
    await dispatcher.stop();
    svc.close();
  });

  it('posts a new case card to every compliance channel once, however often it runs', async () => {
    setup();
    const { case: c } = svc.openCase(escalation());
    expect(await dispatcher.runOnce()).toEqual({ done: 1, retrying: 0, dead: 0 });
    await dispatcher.runOnce();
    expect(slack.callsOf('postCase')).toEqual([{ op: 'postCase', caseId: c.id, state: 'open', ref: 'slack-msg-1' }]);
    expect(teams.callsOf('postCase')).toEqual([{ op: 'postCase', caseId: c.id, state: 'open', ref: 'teams-msg-1' }]);
    expect(svc.outbox.cards(1, 'slack')).toEqual(['slack-msg-1']);
  });

  it('updates the posted card by its ref after an officer action, and tells the asker in their own channel', async () => {
    setup();
    const { case: c } = svc.openCase(escalation());
    await dispatcher.runOnce();
    svc.claim(c.id, officer);
    svc.decide(c.id, officer, { verdict: 'license_required', note: 'licence' });
    await dispatcher.runOnce();
    expect(slack.callsOf('updateCase').map((u) => [u.ref, u.state])).toEqual([['slack-msg-1', 'resolved'], ['slack-msg-1', 'resolved']]);
    expect(teams.callsOf('updateCase').map((u) => u.ref)).toEqual(['teams-msg-1', 'teams-msg-1']);
    // The asker asked in Slack, so only Slack tells them.
    expect(slack.callsOf('notifyAsker')).toEqual([
      { op: 'notifyAsker', caseId: c.id, decision: 'license_required', conversation: replyTo().conversation },
    ]);
    expect(teams.callsOf('notifyAsker')).toEqual([]);
  });

  it('retries only the channel that failed, after an exponential backoff', async () => {
    setup();
    svc.openCase(escalation());
    teams.failNext(new Error('socket hang up'), new Error('socket hang up'));
    expect(await dispatcher.runOnce()).toEqual({ done: 0, retrying: 1, dead: 0 });
    expect(svc.outbox.byKey('post_case:C-000001')).toMatchObject({ attempts: 1, last_error: 'teams: Error: socket hang up' });
    clock.advance(backoffMs(1, { baseMs: 1_000, maxMs: 60_000 }) - 1);
    expect(await dispatcher.runOnce()).toEqual({ done: 0, retrying: 0, dead: 0 });
    clock.advance(1);
    expect(await dispatcher.runOnce()).toEqual({ done: 0, retrying: 1, dead: 0 });
    // Second failure: the wait doubles.
    clock.advance(1_999);
    expect((await dispatcher.runOnce()).retrying + (await dispatcher.runOnce()).done).toBe(0);
    clock.advance(1);
    expect(await dispatcher.runOnce()).toEqual({ done: 1, retrying: 0, dead: 0 });
    expect(slack.callsOf('postCase')).toHaveLength(1);
    expect(teams.callsOf('postCase')).toHaveLength(1);
  });

  it('honours retryAfterMs from a rate-limited platform and does not count it as a failed attempt', async () => {
    setup({ maxAttempts: 1 });
    svc.openCase(escalation());
    slack.failNext(new HumanChannelError('rate limited', { retryAfterMs: 30_000 }));
    teams.failNext(Object.assign(new Error('429'), { retryAfterMs: 45_000 }));
    expect(await dispatcher.runOnce()).toEqual({ done: 0, retrying: 1, dead: 0 });
    clock.advance(44_999);
    expect(await dispatcher.runOnce()).toEqual({ done: 0, retrying: 0, dead: 0 });
    clock.advance(1);
    expect(await dispatcher.runOnce()).toEqual({ done: 1, retrying: 0, dead: 0 });
  });

  it('dead-letters a row after maxAttempts failures and records an alert in the audit log', async () => {
    setup({ maxAttempts: 2 });
    svc.openCase(escalation());
    slack.failNext(new Error('down'), new Error('down'));
    await dispatcher.runOnce();
    clock.advance(1_000);
    expect(await dispatcher.runOnce()).toEqual({ done: 0, retrying: 0, dead: 1 });
    expect(svc.outbox.byKey('post_case:C-000001')?.state).toBe('dead');
    expect(svc.audit.records().at(-1)).toMatchObject({
      kind: 'alert', payload: { type: 'outbox_dead', key: 'post_case:C-000001', attempts: 2 },
    });
  });

  it('dead-letters at once on a permanent error', async () => {
    setup();
    svc.openCase(escalation());
    slack.failNext(new HumanChannelError('channel_not_found', { permanent: true }));
    expect(await dispatcher.runOnce()).toEqual({ done: 0, retrying: 0, dead: 1 });
  });

  it('posts a card instead when an update arrives for a channel the card never reached', async () => {
    setup();
    const { case: c } = svc.openCase(escalation());
    teams.failNext(new Error('down'));
    await dispatcher.runOnce();
    svc.claim(c.id, officer);
    await dispatcher.runOnce(); // the update is due; the post is still backing off
    clock.advance(1_000);
    await dispatcher.runOnce();
    // The retried post found the card already there (posted by the update) and did not post again.
    expect(teams.callsOf('postCase')).toEqual([{ op: 'postCase', caseId: c.id, state: 'claimed', ref: 'teams-msg-1' }]);
    expect(teams.callsOf('updateCase')).toEqual([]);
    expect(svc.outbox.counts()).toEqual({ pending: 0, done: 2, dead: 0 });
  });

  it('does not tell the asker a decision that was reopened before it was delivered', async () => {
    setup();
    const { case: c } = svc.openCase(escalation());
    svc.decide(c.id, officer, { verdict: 'not_required' });
    svc.reopen(c.id, officer, 'new information');
    await dispatcher.runOnce();
    expect(slack.callsOf('notifyAsker')).toEqual([]);
    expect(svc.outbox.byKey(`notify_asker:${c.id}:0`)?.state).toBe('done');
  });

  it('dead-letters a notification for an asker whose channel has no HumanChannel', async () => {
    setup();
    const { case: c } = svc.openCase(escalation({ replyTo: { channel: 'cli', user: 'me', conversation: 'tty' } }));
    svc.decide(c.id, officer, { verdict: 'not_required' });
    await dispatcher.runOnce();
    expect(svc.outbox.byKey(`notify_asker:${c.id}:0`)).toMatchObject({ state: 'dead', last_error: expect.stringMatching(/no HumanChannel registered for cli/) });
  });

  it('lets only one of two dispatchers on the same database deliver a row', async () => {
    setup();
    svc.openCase(escalation());
    const other = new MemoryHumanChannel('other-slack');
    const second = new OutboxDispatcher({ db: svc.db, channels: { slack: other }, clock });
    await Promise.all([dispatcher.runOnce(), second.runOnce()]);
    expect(slack.callsOf('postCase').length + other.callsOf('postCase').length).toBe(1);
  });

  it('keeps delivering the rows behind an unreadable row', async () => {
    setup();
    svc.db.prepare(`INSERT INTO outbox (key, kind, payload, next_at, created_at) VALUES ('bad', 'alert', 'not json', 0, 'x')`).run();
    const { case: c } = svc.openCase(escalation());
    expect(await dispatcher.runOnce()).toEqual({ done: 1, retrying: 1, dead: 0 });
    expect(slack.callsOf('postCase').map((p) => p.caseId)).toEqual([c.id]);
    expect(svc.outbox.byKey('bad')?.last_error).toMatch(/SyntaxError/);
  });

  it('refuses to start without any HumanChannel, which would mark cards delivered to nowhere', () => {
    setup();
    expect(() => new OutboxDispatcher({ db: svc.db, channels: {} })).toThrow(/at least one HumanChannel/);
  });

  it('delivers on its own timer between start and stop', async () => {
    setup();
    svc.openCase(escalation());
    dispatcher.start(5);
    await expect.poll(() => slack.callsOf('postCase').length, { timeout: 2_000 }).toBe(1);
    await dispatcher.stop();
    svc.openCase(escalation({ replyTo: replyTo('later') }));
    await new Promise((r) => setTimeout(r, 30));
    expect(slack.callsOf('postCase')).toHaveLength(1);
  });
});
