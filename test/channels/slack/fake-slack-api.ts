/**
 * A stand-in for Slack's Web API on 127.0.0.1, for tests and the benchmark: it records every call and answers
 * `{ ok: true, ... }` the way Slack does (chat.postMessage returns a ts, auth.test the bot's ids). It also takes
 * the POSTs to response_urls (`/respond/<id>`). `failNext` makes the next call of a method fail like Slack does:
 * HTTP 429 with Retry-After, or `{ ok: false, error }`.
 *
 * No test framework imports here: the benchmark uses it too.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCall {
  /** The Web API method (`chat.postMessage`), or `response_url` for a POST to a response_url. */
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** The `<id>` of `/respond/<id>` for response_url calls. */
  readonly path?: string;
  /** When the call arrived (performance.now(), same clock as the sender's). */
  readonly at?: number;
}

export type FakeFailure =
  | { readonly status: 429; readonly retryAfter: number }
  | { readonly error: string }
  /** Answers normally, but only after this long (a slow Slack). */
  | { readonly delayMs: number }
  /** Answers normally once this settles: the caller decides when Slack gets round to it. */
  | { readonly until: Promise<unknown> };

export const BOT_USER_ID = 'U_BOT';
export const BOT_ID = 'B_BOT';
export const TEAM_ID = 'T_TEST';

function parseValue(v: string): unknown {
  if (/^[[{]/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = parseValue(v);
  return out;
}

/** A file Slack holds: served at its url_private to the bot token only, as Slack's file host does. */
export interface HostedFile {
  readonly id: string;
  readonly name: string;
  readonly bytes: Buffer;
}

/** What arrived at an upload_url of files.getUploadURLExternal (files.uploadV2's second step). */
export interface UploadedFile {
  readonly fileId: string;
  readonly filename: string;
  readonly bytes: Buffer;
}

export const BOT_TOKEN = 'xoxb-test';

export class FakeSlackApi {
  readonly calls: FakeCall[] = [];
  readonly uploads: UploadedFile[] = [];
  private readonly hosted = new Map<string, HostedFile>();
  private readonly pendingUploads = new Map<string, string>();
  private readonly failures = new Map<string, FakeFailure[]>();
  private readonly waiters = new Set<() => void>();
  private seq = 0;

  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
  }

  static async start(): Promise<FakeSlackApi> {
    const fake = new FakeSlackApi();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The SLACK_API_URL to configure. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /** Holds a file and returns its Slack file object, as a `files` entry of a message event carries it. */
  hostFile(id: string, name: string, bytes: Buffer): Record<string, unknown> {
    this.hosted.set(id, { id, name, bytes });
    const url = `http://127.0.0.1:${this.port}/files-pri/${TEAM_ID}-${id}/${encodeURIComponent(name)}`;
    return { id, name, title: name, size: bytes.byteLength, mimetype: 'application/octet-stream', url_private: url, url_private_download: `${url}?download=1` };
  }

  failNext(method: string, ...failures: FakeFailure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  callsOf(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
  }

  /** Resolves with the calls matching `pred` once there are at least `count`; rejects after `timeoutMs`. */
  async waitFor(pred: (c: FakeCall) => boolean, count = 1, timeoutMs = 5_000): Promise<FakeCall[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.filter(pred);
      if (found.length >= count) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`fake Slack: waited ${timeoutMs} ms for ${count} matching call(s), saw ${found.length}; calls: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, Math.min(left, 200));
        function done(): void {
          clearTimeout(t);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = url.pathname.match(/^\/files-pri\/[A-Z0-9_]+-([\w-]+)\//);
    if (file && req.method === 'GET') {
      const hosted = this.hosted.get(file[1] ?? '');
      const authorized = req.headers.authorization === `Bearer ${BOT_TOKEN}`;
      this.record({ method: 'file_download', args: { id: file[1], authorized } });
      // Without the token Slack answers its sign-in page, not the file.
      if (!hosted || !authorized) {
        res.writeHead(hosted ? 200 : 404, { 'content-type': 'text/html' });
        res.end('<html><body>Sign in to Slack</body></html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': hosted.bytes.byteLength });
      res.end(hosted.bytes);
      return;
    }
    const upload = url.pathname.match(/^\/upload\/([\w-]+)$/);
    if (upload && req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const fileId = upload[1] ?? '';
      // files.uploadV2 posts the file as the `body` part of a multipart form.
      const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
      const part = form.get('body');
      const bytes = part instanceof Blob ? Buffer.from(await part.arrayBuffer()) : Buffer.from(String(part ?? ''));
      this.uploads.push({ fileId, filename: this.pendingUploads.get(fileId) ?? '', bytes });
      this.record({ method: 'upload_url', args: { fileId, bytes: bytes.byteLength } });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${bytes.byteLength}`);
      return;
    }
    const args = await readBody(req);
    const respond = url.pathname.match(/^\/respond\/([\w-]+)$/);
    if (respond) {
      this.record({ method: 'response_url', args, path: respond[1] ?? '' });
      return this.json(res, 200, { ok: true });
    }
    const api = url.pathname.match(/^\/api\/([\w.]+)$/);
    if (!api || req.method !== 'POST') return this.json(res, 404, { ok: false, error: 'unknown_method' });
    const method = api[1] ?? '';
    const failure = this.failures.get(method)?.shift();
    if (failure && 'status' in failure) {
      this.record({ method, args });
      res.setHeader('Retry-After', String(failure.retryAfter));
      return this.json(res, 429, { ok: false, error: 'ratelimited' });
    }
    this.record({ method, args });
    if (failure && 'delayMs' in failure) await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
    else if (failure && 'until' in failure) await failure.until.catch(() => undefined);
    else if (failure) return this.json(res, 200, { ok: false, error: failure.error });
    return this.json(res, 200, this.answer(method, args));
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const n = ++this.seq;
    const ts = `${1_700_000_000 + n}.${String(n).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://test.slack.com/', team: 'Test', user: 'lodestone', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: BOT_ID };
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts, message: { type: 'message', text: args.text, ts, bot_id: BOT_ID } };
      case 'files.getUploadURLExternal': {
        const fileId = `F_UP${n}`;
        this.pendingUploads.set(fileId, String(args.filename ?? ''));
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(args.files) ? (args.files as { id?: unknown; title?: unknown }[]) : [];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${n}`, ...(typeof args.view === 'object' ? args.view : {}) } };
      case 'users.info':
        return { ok: true, user: { id: args.user, name: `name-${String(args.user)}`, real_name: `Real ${String(args.user)}`, profile: { display_name: '', real_name: `Real ${String(args.user)}` } } };
      default:
        return { ok: true };
    }
  }

  private record(call: FakeCall): void {
    this.calls.push({ ...call, at: performance.now() });
    for (const w of [...this.waiters]) {
      this.waiters.delete(w);
      w();
    }
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }
}
