/**
 * A Slack answer is posted through the outbox: queued in the turn's transaction and sent right after it. When Slack
 * refuses the post, the outbox retries the post (honouring Retry-After) and the turn is neither answered nor
 * audited again, even when Slack delivers the event again meanwhile.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboxDispatcher } from '../../../src/cases/index.js';
import { BOT_USER_ID } from './fake-slack-api.js';
import { headerOf, textOf } from './fixtures.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let dispatcher: OutboxDispatcher;
beforeAll(async () => {
  h = await startHarness();
  dispatcher = new OutboxDispatcher({ db: h.app.db, channels: { slack: h.slack.humanChannel }, clock: h.app.clock });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
});

const QUESTION = 'Can I export samarium metal from China to Germany for a civil motor maker?';

function answersIn(channel: string) {
  return h.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === channel);
}

describe('Slack answers through the outbox', () => {
  it('retries an answer Slack rate-limited, after its Retry-After, once; the redelivered event is not answered again', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 0 });
    const ts = '1730000001.000100';
    const event = { type: 'app_mention', user: 'U_ASKER', channel: 'C_OUTBOX', ts, event_ts: ts, text: `<@${BOT_USER_ID}> ${QUESTION}` };
    const first = await h.send.event(event);
    expect(first.status).toBe(200);
    await h.slack.idle();
    // The one call so far is the refused one.
    expect(answersIn('C_OUTBOX')).toHaveLength(1);

    // Slack, having had no answer yet from its point of view, delivers the same event again.
    const again = await h.send.event(event, { eventId: first.eventId, retryNum: 1 });
    expect(again.status).toBe(200);
    await h.slack.idle();
    expect(answersIn('C_OUTBOX')).toHaveLength(1);

    expect(await dispatcher.runOnce()).toEqual({ done: 1, retrying: 0, dead: 0 });
    const posts = answersIn('C_OUTBOX');
    expect(posts).toHaveLength(2);
    expect(posts[1]?.args).toEqual(posts[0]?.args);
    expect(posts[1]?.args.thread_ts).toBe(ts);
    expect(headerOf(posts[1])).toContain('Licence required');
    expect(textOf(posts[1])).toContain('Not legal advice');

    expect(await dispatcher.runOnce()).toEqual({ done: 0, retrying: 0, dead: 0 });
    expect(answersIn('C_OUTBOX')).toHaveLength(2);
    const records = h.app.cases.audit.records().filter((r) => r.kind === 'question' || r.kind === 'answer');
    expect(records.map((r) => r.kind)).toEqual(['question', 'answer']);
  });

  it('keeps only a small row once an answer is posted: the rendered blocks are dropped, the audit log has the answer', async () => {
    const ts = '1730000002.000100';
    await h.send.event({ type: 'app_mention', user: 'U_ASKER', channel: 'C_SMALL', ts, event_ts: ts, text: `<@${BOT_USER_ID}> ${QUESTION}` });
    await h.slack.idle();
    expect(answersIn('C_SMALL')).toHaveLength(1);
    const rows = h.app.db.prepare(`SELECT state, payload FROM outbox WHERE kind = 'answer'`).all();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toContainEqual({ state: 'done', payload: '{}' });
    expect(rows.every((r) => (r as { payload: string }).payload === '{}')).toBe(true);
  });
});
