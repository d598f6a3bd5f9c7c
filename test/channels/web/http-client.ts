/** A fetch client with a cookie jar, for the HTTP tests: it behaves like one browser session. */

export interface SentRequest {
  readonly headers?: Record<string, string>;
}

export class Client {
  readonly cookies = new Map<string, string>();

  constructor(readonly base: string, readonly defaultHeaders: Record<string, string> = {}) {}

  async get(path: string, init: SentRequest = {}): Promise<Response> {
    return this.send(path, { method: 'GET', headers: init.headers ?? {} });
  }

  /** A form post, as a browser sends it (same Origin). */
  async postForm(path: string, fields: Record<string, string>, init: SentRequest = {}): Promise<Response> {
    return this.send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.base, ...init.headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  async postJson(path: string, body: unknown, init: SentRequest = {}): Promise<Response> {
    return this.send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.base, ...init.headers },
      body: JSON.stringify(body),
    });
  }

  /** Loads a page and returns the CSRF token it carries. */
  async csrf(path = '/'): Promise<string> {
    const html = await (await this.get(path)).text();
    const token = /<meta name="csrf-token" content="([^"]+)">/.exec(html)?.[1];
    if (!token) throw new Error(`no CSRF token on ${path}`);
    return token;
  }

  private async send(path: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.base + path, {
      method: init.method,
      redirect: 'manual',
      headers: { ...this.defaultHeaders, ...(cookie ? { cookie } : {}), ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}

/** A GET through node:http, for headers fetch will not send (Host). */
export async function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  const { status, headers: h } = await rawRequest(url, { headers });
  return { status, headers: h };
}

export interface RawRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** The local address to connect from (any of 127.0.0.0/8), to appear as another client. */
  readonly localAddress?: string;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** Any request through node:http, which sends the Host header it is given (fetch will not). */
export async function rawRequest(url: string, init: RawRequest = {}): Promise<RawResponse> {
  const { request } = await import('node:http');
  const body = init.body ?? '';
  const headers = { ...(init.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...init.headers };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers, ...(init.localAddress ? { localAddress: init.localAddress } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
