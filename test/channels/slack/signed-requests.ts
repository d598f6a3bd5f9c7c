/**
 * Requests as Slack sends them, signed the way Slack signs them (v0, HMAC-SHA256 over `v0:<ts>:<body>` with the
 * signing secret), posted to /slack/events over real HTTP. No test framework imports: the benchmark uses it too.
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { TEAM_ID } from './fake-slack-api.js';

export const SIGNING_SECRET = 'test-secret';

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  /** Seconds since the epoch; default now. */
  readonly timestamp?: number;
  readonly secret?: string;
  /** Replaces the computed signature (forgery tests). */
  readonly signature?: string;
  readonly retryNum?: number;
  readonly retryReason?: string;
}

export interface SlackResponse {
  readonly status: number;
  readonly body: string;
  /** Milliseconds from sending to the response (the ack). */
  readonly ms: number;
}

export class SlackSender {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private seq = 0;

  constructor(private readonly port: number) {}

  close(): void {
    this.agent.destroy();
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.seq.toString(36).toUpperCase()}${Date.now().toString(36).toUpperCase()}`;
  }

  /** Posts a raw body with Slack's headers. */
  post(body: string, contentType: string, options: SendOptions = {}): Promise<SlackResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string | number> = {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': options.signature ?? sign(options.secret ?? SIGNING_SECRET, timestamp, body),
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = options.retryNum;
      headers['x-slack-retry-reason'] = options.retryReason ?? 'http_timeout';
    }
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.port, path: '/slack/events', method: 'POST', headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** An Events API delivery of `event`; returns the event id with the response. */
  async event(event: Record<string, unknown>, options: SendOptions & { eventId?: string } = {}): Promise<SlackResponse & { eventId: string }> {
    const eventId = options.eventId ?? this.nextId('Ev');
    const body = JSON.stringify({
      token: 'legacy-token-unused', team_id: TEAM_ID, api_app_id: 'A_TEST', type: 'event_callback', event_id: eventId,
      event_time: Math.floor(Date.now() / 1000), event, authorizations: [{ team_id: TEAM_ID, user_id: 'U_BOT', is_bot: true }],
    });
    return { ...(await this.post(body, 'application/json', options)), eventId };
  }

  /** A slash command, form-encoded as Slack sends it. */
  command(fields: Record<string, string>, options: SendOptions = {}): Promise<SlackResponse> {
    const body = new URLSearchParams({ team_id: TEAM_ID, team_domain: 'test', command: '/lodestone', ...fields }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }

  /** An interactivity payload (block_actions, view_submission, message_action): `payload=<json>`. */
  interaction(payload: Record<string, unknown>, options: SendOptions = {}): Promise<SlackResponse> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, 'application/x-www-form-urlencoded', options);
  }
}
