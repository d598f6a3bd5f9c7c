import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT_USER_ID } from './fake-slack-api.js';
import { startHarness, type Harness } from './harness.js';
import { sign } from './signed-requests.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
});

const QUESTION = `<@${BOT_USER_ID}> Can I export samarium metal from China to Germany for a civil motor maker?`;

function mentionAt(ts: string): Record<string, unknown> {
  return { type: 'app_mention', user: 'U_ASKER', channel: 'C_SEC', ts, event_ts: ts, text: QUESTION };
}

async function questionsAudited(): Promise<number> {
  return h.app.cases.audit.records().filter((r) => r.kind === 'question').length;
}

describe('Slack request security and delivery', () => {
  it('refuses a request signed with the wrong secret with 401, and posts or records nothing', async () => {
    const before = await questionsAudited();
    const res = await h.send.event(mentionAt('1730000000.000001'), { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    await h.slack.idle();
    expect(h.fake.calls).toHaveLength(0);
    expect(await questionsAudited()).toBe(before);
  });

  it('refuses a request whose body was changed after signing with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const signedBody = JSON.stringify({ type: 'event_callback', team_id: 'T_TEST', event_id: 'EvSIGNED', event: mentionAt('1730000000.000002') });
    const tampered = signedBody.replace('C_SEC', 'C_ELSE');
    const res = await h.send.post(tampered, 'application/json', { timestamp: now, signature: sign('test-secret', now, signedBody) });
    expect(res.status).toBe(401);
    await h.slack.idle();
    expect(h.fake.calls).toHaveLength(0);
  });

  it('refuses a correctly signed request older than five minutes with 401', async () => {
    const before = await questionsAudited();
    const res = await h.send.event(mentionAt('1730000000.000003'), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await h.slack.idle();
    expect(h.fake.calls).toHaveLength(0);
    expect(await questionsAudited()).toBe(before);
  });

  it('refuses a correctly signed request stamped ten minutes in the future with 401', async () => {
    const before = await questionsAudited();
    const timestamp = Math.floor(Date.now() / 1000) + 10 * 60;
    const body = JSON.stringify({ type: 'event_callback', team_id: 'T_TEST', event_id: 'EvFUTURE', event: mentionAt('1730000000.000010') });
    const res = await h.send.post(body, 'application/json', { timestamp, signature: sign('test-secret', timestamp, body) });
    expect(res.status).toBe(401);
    await h.slack.idle();
    expect(h.fake.calls).toHaveLength(0);
    expect(await questionsAudited()).toBe(before);
  });

  it('refuses an unsigned request with 401', async () => {
    const res = await h.send.post('{"type":"event_callback"}', 'application/json', { signature: '' });
    expect(res.status).toBe(401);
  });

  it('answers an event delivered three times (Slack retries with x-slack-retry-num) exactly once', async () => {
    const event = mentionAt('1730000000.000004');
    const first = await h.send.event(event);
    const eventId = first.eventId;
    const second = await h.send.event(event, { eventId, retryNum: 1, retryReason: 'http_timeout' });
    const third = await h.send.event(event, { eventId, retryNum: 2, retryReason: 'http_error' });
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    await h.slack.idle();
    expect(h.fake.callsOf('chat.postMessage').filter((c) => c.args.thread_ts === '1730000000.000004')).toHaveLength(1);
    const questions = h.app.cases.audit.records().filter((r) => r.kind === 'question' && r.payload.messageId === eventId);
    expect(questions).toHaveLength(1);
  });

  it('answers a retry whose first delivery never arrived', async () => {
    await h.send.event(mentionAt('1730000000.000005'), { retryNum: 1, retryReason: 'http_timeout' });
    await h.slack.idle();
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('opens one case for an escalation delivered twice at the same moment', async () => {
    const ts = '1730000000.000006';
    const event = { type: 'app_mention', user: 'U_ASKER', channel: 'C_SEC2', ts, event_ts: ts,
      text: `<@${BOT_USER_ID}> Can we export terbium-containing magnets from China to a European company that builds missiles?` };
    const eventId = 'EvTWICE0001';
    await Promise.all([h.send.event(event, { eventId }), h.send.event(event, { eventId, retryNum: 1 })]);
    await h.slack.idle();
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(h.app.cases.list({ limit: 500 }).filter((c) => c.replyTo.conversation.includes(':C_SEC2:'))).toHaveLength(1);
  });

  it('acks an event without waiting for the answer to be posted', async () => {
    // Slack holds the answer's chat.postMessage until we let it go. An ack that waited for the answer could only
    // come after the fallback lets it go; the order says which. (How fast the ack is: `npm run bench -- --only slack-latency`.)
    let release = (): void => undefined;
    let releasedBeforeAck = false;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    h.fake.failNext('chat.postMessage', { until: held });
    const fallback = setTimeout(() => {
      releasedBeforeAck = true;
      release();
    }, 10_000);
    const res = await h.send.event(mentionAt('1730000000.000007'));
    clearTimeout(fallback);
    release();
    expect(res.status).toBe(200);
    expect(releasedBeforeAck).toBe(false);
    await h.slack.idle();
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('answers Slack\'s signed url_verification challenge, and refuses an unsigned one', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-123' });
    const ok = await h.send.post(body, 'application/json');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ challenge: 'c-123' });
    const forged = await h.send.post(body, 'application/json', { secret: 'wrong' });
    expect(forged.status).toBe(401);
  });

  it('refuses a forged button click with 401 and changes no case', async () => {
    const ts = '1730000000.000009';
    await h.send.event({ type: 'app_mention', user: 'U_ASKER', channel: 'C_SEC3', ts, event_ts: ts,
      text: `<@${BOT_USER_ID}> Can we export terbium-containing magnets from China to a European company that builds missiles?` });
    await h.slack.idle();
    const c = h.app.cases.list({ limit: 500 }).find((x) => x.replyTo.conversation.includes(':C_SEC3:'));
    expect(c?.state).toBe('open');
    const payload = {
      type: 'block_actions', trigger_id: '1.2.3', team: { id: 'T_TEST' }, user: { id: 'U_OFFICER', team_id: 'T_TEST' },
      channel: { id: 'C_COMPLIANCE' }, container: { type: 'message', message_ts: '1.000001', channel_id: 'C_COMPLIANCE' },
      actions: [{ type: 'button', action_id: 'case_claim', block_id: `case|${c?.id ?? ''}`, value: c?.id ?? '' }],
    };
    const res = await h.send.interaction(payload, { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    await h.slack.idle();
    expect(h.app.cases.get(c?.id ?? '')?.state).toBe('open');
  });

  it('counts refused requests in the metrics', async () => {
    await h.send.event(mentionAt('1730000000.000008'), { secret: 'wrong' });
    const metrics = await h.app.metrics.registry.getSingleMetricAsString('lodestone_rejected_requests_total');
    expect(metrics).toMatch(/channel="slack",reason="signature"} [1-9]/);
  });
});

describe('Slack retries across a restart', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lodestone-slack-restart-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not answer again a retry that reaches a restarted app with the same database', async () => {
    const dbFile = join(dir, 'lodestone.db');
    const event = mentionAt('1730000000.000011');
    const first = await startHarness({ dbFile });
    const delivered = await first.send.event(event);
    await first.slack.idle();
    expect(first.fake.callsOf('chat.postMessage')).toHaveLength(1);
    await first.close();

    // A new process: nothing in memory remembers the event, only the database does.
    const second = await startHarness({ dbFile });
    try {
      const retry = await second.send.event(event, { eventId: delivered.eventId, retryNum: 1, retryReason: 'http_timeout' });
      expect(retry.status).toBe(200);
      await second.slack.idle();
      expect(second.fake.callsOf('chat.postMessage')).toHaveLength(0);
      expect(second.app.cases.audit.records().filter((r) => r.kind === 'question' && r.payload.messageId === delivered.eventId)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
