/**
 * Two latencies the Slack tests used to bound with the wall clock, measured here instead (the tests keep what must
 * hold, whatever the machine's speed): how long Slack waits for the ack of an event while the answer to it is still
 * being posted (chat.postMessage held until after the ack), and how long a Slack 429 takes to reach the outbox as a
 * HumanChannelError (Retry-After of an hour, which must not be waited for). Fake Web API and server in one thread.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BOT_USER_ID, FakeSlackApi } from '../test/channels/slack/fake-slack-api.js';
import { SlackSender } from '../test/channels/slack/signed-requests.js';
import { startServer } from './slack-bench.js';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length / 2)] ?? 0) * 100) / 100;
}

export async function benchSlackLatency(rounds = 30): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-slack-latency-'));
  const fake = await FakeSlackApi.start();
  const server = await startServer(fake.apiUrl, dir);
  const send = new SlackSender(server.port);
  try {
    const acks: number[] = [];
    for (let i = 0; i < rounds; i++) {
      let release = (): void => undefined;
      fake.failNext('chat.postMessage', { until: new Promise<void>((resolve) => { release = resolve; }) });
      const ts = `1750000000.${String(i).padStart(6, '0')}`;
      const res = await send.event({ type: 'app_mention', user: 'U_LAT', channel: 'C_LAT', ts, event_ts: ts, text: `<@${BOT_USER_ID}> Dy magnets from China to Germany?` });
      acks.push(res.ms);
      release();
      await server.slack.idle();
    }
    const rejections: number[] = [];
    for (let i = 0; i < rounds; i++) {
      fake.failNext('chat.postMessage', { status: 429, retryAfter: 3600 });
      const started = performance.now();
      await server.slack.humanChannel?.postAlert('latency probe', `lat-${i}`).catch(() => undefined);
      rejections.push(performance.now() - started);
    }
    return { rounds, ackWhileAnswerHeldMsMedian: median(acks), ackWhileAnswerHeldMsMax: Math.round(Math.max(...acks)), rateLimitedRejectionMsMedian: median(rejections) };
  } finally {
    send.close();
    await server.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
