/**
 * A stand-in for the Bot Connector service on 127.0.0.1: records what the bot posts (new messages, replies,
 * proactive conversations) and updates, and answers as the connector does with an id. It can also serve an
 * OpenID configuration and signing keys, for the authentication tests, and throttle calls with 429.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PostedActivity {
  readonly method: 'POST' | 'PUT';
  /** create: POST /v3/conversations; send: POST .../activities; reply: POST .../activities/:id; update: PUT. */
  readonly op: 'create' | 'send' | 'reply' | 'update';
  readonly conversationId: string;
  /** The activity replied to (reply) or replaced (update). */
  readonly activityId: string | undefined;
  /** The id the fake gave the new activity. */
  readonly newId: string;
  readonly body: Record<string, unknown>;
  readonly authorization: string | undefined;
  /** When the call arrived (performance.now()). */
  readonly at: number;
}

export interface Throttle {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** How many calls to refuse. */
  remaining: number;
}

export class FakeConnector {
  readonly activities: PostedActivity[] = [];
  /** Files Teams keeps for a personal chat, served at their downloadUrl (pre-authorised: no token needed). */
  private readonly files = new Map<string, Buffer>();
  /** The files fetched, by id, in order. */
  readonly downloads: string[] = [];
  /** JWKS served at /keys; the OpenID configuration at /openid points there. */
  keys: unknown[] = [];
  private throttle: Throttle | undefined;
  private nextId = 1;
  private readonly waiters: (() => void)[] = [];

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<FakeConnector> {
    const handlers: ((req: IncomingMessage, res: ServerResponse) => void)[] = [];
    const server = createServer((req, res) => handlers.forEach((h) => h(req, res)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeConnector(server, `http://127.0.0.1:${port}/`);
    handlers.push((req, res) => void fake.handle(req, res));
    return fake;
  }

  get openIdMetadataUrl(): string {
    return `${this.url}openid`;
  }

  /** Holds a file and returns the attachment a personal-chat message carries for it, as Teams sends it. */
  fileAttachment(id: string, name: string, bytes: Buffer): Record<string, unknown> {
    this.files.set(id, bytes);
    const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
    return {
      contentType: 'application/vnd.microsoft.teams.file.download.info',
      contentUrl: `https://contoso.sharepoint.com/personal/ada/Documents/${encodeURIComponent(name)}`,
      name,
      content: { downloadUrl: `${this.url}files/${id}/${encodeURIComponent(name)}?tempauth=abc`, uniqueId: id, fileType: ext },
    };
  }

  /** The next `count` calls to /v3 get this status and headers. */
  refuseNext(count: number, status: number, headers: Record<string, string> = {}): void {
    this.throttle = { status, headers, remaining: count };
  }

  of(op: PostedActivity['op']): PostedActivity[] {
    return this.activities.filter((a) => a.op === op);
  }

  /** Every message activity the bot sent to a conversation, new or reply. */
  messagesTo(conversationId: string): PostedActivity[] {
    return this.activities.filter((a) => a.op !== 'update' && a.conversationId === conversationId);
  }

  /** Resolves once `predicate` holds, re-checked on every recorded call. */
  async waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the fake connector');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', this.url);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/openid') {
      send(200, { issuer: 'https://api.botframework.com', jwks_uri: `${this.url}keys` });
      return;
    }
    const file = /^\/files\/([\w-]+)\//.exec(url.pathname);
    if (req.method === 'GET' && file) {
      const bytes = this.files.get(file[1] ?? '');
      this.downloads.push(file[1] ?? '');
      if (!bytes) {
        send(404, { error: { code: 'itemNotFound' } });
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.byteLength });
      res.end(bytes);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/keys') {
      send(200, { keys: this.keys });
      return;
    }
    const route = matchRoute(req.method ?? '', url.pathname);
    if (!route) {
      send(404, { error: { code: 'NotFound', message: `${req.method} ${url.pathname}` } });
      return;
    }
    if (this.throttle && this.throttle.remaining > 0) {
      this.throttle.remaining--;
      send(this.throttle.status, { error: { code: 'Throttled', message: 'slow down' } }, { ...this.throttle.headers });
      return;
    }
    const newId = route.op === 'update' ? route.activityId ?? '' : `activity-${this.nextId++}`;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const conversationId = route.op === 'create' ? `created-conversation-${this.nextId}` : route.conversationId;
    this.activities.push({
      method: route.op === 'update' ? 'PUT' : 'POST', op: route.op, conversationId, activityId: route.activityId, newId, body,
      authorization: req.headers.authorization, at: performance.now(),
    });
    send(200, route.op === 'create' ? { id: conversationId, activityId: newId } : { id: newId });
    for (const w of this.waiters.splice(0)) w();
  }
}

function matchRoute(method: string, path: string): { op: PostedActivity['op']; conversationId: string; activityId: string | undefined } | undefined {
  if (method === 'POST' && path === '/v3/conversations') return { op: 'create', conversationId: '', activityId: undefined };
  const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
  if (!m?.[1]) return undefined;
  const conversationId = decodeURIComponent(m[1]);
  const activityId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
  if (method === 'POST') return { op: activityId ? 'reply' : 'send', conversationId, activityId };
  if (method === 'PUT' && activityId) return { op: 'update', conversationId, activityId };
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { s += chunk; });
    req.on('end', () => resolve(s));
    req.on('error', reject);
  });
}
