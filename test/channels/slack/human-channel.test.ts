import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HumanChannelError, OutboxDispatcher, type CaseView } from '../../../src/cases/index.js';
import { destination } from '../../../src/channels/slack/slack-human-channel.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let view: CaseView;
beforeAll(async () => {
  h = await startHarness();
  h.app.answer({
    id: 'm-hc-1', text: 'Can we export terbium-containing magnets from China to a European company that builds missiles?',
    user: 'U_ASKER', conversation: 'slack:T_TEST:C_HC:1740000000.000100', channel: 'slack', receivedAt: new Date(),
    replyTo: { threadRef: '1740000000.000100', slackChannel: 'C_HC', slackRef: 't:C_HC:1740000000.000100' },
  });
  const c = h.app.cases.list({ state: 'open' })[0];
  if (!c) throw new Error('no case opened');
  view = c;
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
});

async function rejection(p: Promise<unknown>): Promise<HumanChannelError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(HumanChannelError);
  return err as HumanChannelError;
}

describe('Slack HumanChannel', () => {
  it('posts a case card to the compliance channel and returns where it is', async () => {
    const { ref } = await h.slack.humanChannel.postCase(view);
    const [post] = h.fake.callsOf('chat.postMessage');
    expect(post?.args.channel).toBe('C_COMPLIANCE');
    expect(ref).toMatch(/^C_COMPLIANCE:\d+\.\d+$/);
    await h.slack.humanChannel.updateCase(view, ref);
    const [update] = h.fake.callsOf('chat.update');
    expect(`${String(update?.args.channel)}:${String(update?.args.ts)}`).toBe(ref);
  });

  it('turns a Slack 429 into a HumanChannelError with Retry-After in ms, without waiting or retrying', async () => {
    // An hour: a client that slept on Retry-After before giving up or retrying would never settle in this test.
    // (How fast the rejection comes: `npm run bench -- --only slack-latency`.)
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 3600 });
    const err = await rejection(h.slack.humanChannel.postCase(view));
    expect(err.retryAfterMs).toBe(3_600_000);
    expect(err.permanent).toBe(false);
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('makes errors that a retry cannot fix permanent, and leaves the others retryable', async () => {
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    expect((await rejection(h.slack.humanChannel.postAlert('rule X status unknown', 'k1'))).permanent).toBe(true);
    h.fake.failNext('chat.postMessage', { error: 'internal_error' });
    expect((await rejection(h.slack.humanChannel.postAlert('rule X status unknown', 'k2'))).permanent).toBe(false);
  });

  it('refuses a card ref it did not write, permanently', async () => {
    expect((await rejection(h.slack.humanChannel.updateCase(view, 'teams-card-1'))).permanent).toBe(true);
  });

  it('has the outbox wait as long as Slack asked after a 429', async () => {
    const dispatcher = new OutboxDispatcher({ db: h.app.db, channels: { slack: h.slack.humanChannel } });
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    const report = await dispatcher.runOnce();
    // The one row due, the case's card, waits; nothing was delivered or given up on.
    expect(report).toEqual({ done: 0, retrying: 1, dead: 0 });
    const again = await dispatcher.runOnce();
    expect(again.done + again.retrying + again.dead).toBe(0);
  });

  it('tells the asker by DM when Lodestone can no longer post in their thread', async () => {
    const decided = h.app.cases.decide(view.id, { channel: 'slack', user: 'U_OFFICER' }, { verdict: 'prohibited', note: 'No.' });
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await h.slack.humanChannel.notifyAsker(decided);
    const posts = h.fake.callsOf('chat.postMessage');
    expect(posts.map((p) => [p.args.channel, p.args.thread_ts])).toEqual([['C_HC', '1740000000.000100'], ['U_ASKER', undefined]]);
  });

  it('sends a decision to the thread, the DM, or (for a private /lodestone answer) the asker\'s DM', () => {
    expect(destination({ user: 'U1', slackRef: 't:C1:1.2' })).toEqual({ channel: 'C1', thread_ts: '1.2' });
    expect(destination({ user: 'U1', slackRef: 'd:D1' })).toEqual({ channel: 'D1' });
    expect(destination({ user: 'U1', slackRef: 's:C1:U1' })).toEqual({ channel: 'U1' });
    expect(destination({ user: 'U1', slackChannel: 'C9', threadRef: '9.9' })).toEqual({ channel: 'C9', thread_ts: '9.9' });
    expect(destination({ user: 'U1' })).toEqual({ channel: 'U1' });
  });
});

describe('Slack HumanChannel without a compliance channel', () => {
  it('posts no card and no alert, and still answers askers', async () => {
    const bare = await startHarness({ env: { SLACK_COMPLIANCE_CHANNEL: '' } });
    try {
      const { ref } = await bare.slack.humanChannel.postCase(view);
      await bare.slack.humanChannel.updateCase(view, ref);
      await bare.slack.humanChannel.postAlert('alert', 'k');
      expect(bare.fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
      const decided = { ...view, state: 'resolved' as const, resolution: { decision: 'not_required' as const, note: '', by: { channel: 'slack' as const, user: 'U_OFFICER' }, at: new Date().toISOString(), reusable: false } };
      await bare.slack.humanChannel.notifyAsker(decided);
      expect(bare.fake.callsOf('chat.postMessage')).toHaveLength(1);
    } finally {
      await bare.close();
    }
  });
});
