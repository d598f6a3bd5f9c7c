/**
 * Replay of the Slack timestamp probe: a request correctly signed with the signing secret (a real HMAC over
 * `v0:<timestamp>:<body>`) but stamped ten minutes in the future was answered. Slack's signing scheme accepts
 * only requests within five minutes of now, either way, so a signature captured or made ahead cannot be replayed
 * later. Now both directions are refused with 401, counted, and nothing is answered or recorded.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT_USER_ID } from '../channels/slack/fake-slack-api.js';
import { startHarness, type Harness } from '../channels/slack/harness.js';

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

let seq = 0;
function mention(): Record<string, unknown> {
  seq++;
  const ts = `1760000000.0000${seq}`;
  return { type: 'app_mention', user: 'U_PROBE', channel: 'C_PROBE', ts, event_ts: ts, text: `<@${BOT_USER_ID}> Do terbium magnets from Ningbo to Japan need a licence?` };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

describe('Slack request timestamps', () => {
  // Over the wire the server reads the real time a moment after the test stamps the request, so a case one second
  // past the window failed on a loaded CI machine (the second turned before the check). Cases here keep half a
  // minute from the edge; the exact edge (300 s in, 301 s out, both ways) is pinned with an injected time in
  // test/channels/slack/request-freshness.test.ts.
  it.each([
    ['ten minutes in the future', 10 * 60],
    ['five and a half minutes in the future', 5 * 60 + 30],
    ['a day in the future', 86_400],
    ['ten minutes in the past', -10 * 60],
  ])('refuses a correctly signed request stamped %s with 401, and answers nothing', async (_label, offset) => {
    const questions = h.app.cases.audit.records().length;
    const res = await h.send.event(mention(), { timestamp: nowSeconds() + offset });
    expect(res.status).toBe(401);
    await h.slack.idle();
    expect(h.fake.calls).toHaveLength(0);
    expect(h.app.cases.audit.records()).toHaveLength(questions);
  });

  it('counts the refusals in /metrics', async () => {
    await h.send.event(mention(), { timestamp: nowSeconds() + 10 * 60 });
    const metrics = await h.app.metrics.registry.getSingleMetricAsString('lodestone_rejected_requests_total');
    expect(metrics).toMatch(/lodestone_rejected_requests_total\{channel="slack",reason="timestamp"\} [1-9]/);
  });

  it('still answers a request stamped within the five minutes either way (clock skew)', async () => {
    for (const offset of [4 * 60, -4 * 60]) {
      const res = await h.send.event(mention(), { timestamp: nowSeconds() + offset });
      expect(res.status).toBe(200);
    }
    await h.slack.idle();
    expect(h.fake.callsOf('chat.postMessage')).toHaveLength(2);
  });
});
