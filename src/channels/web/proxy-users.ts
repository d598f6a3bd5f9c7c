/**
 * Employees signed in by an authenticating proxy in front of Lodestone. The web chat (never the console) takes its
 * user from TRUSTED_USER_HEADER, but only on a request whose connection comes from TRUSTED_PROXIES: the same list,
 * read by the same library (proxy-addr), as Express's `trust proxy`. From anyone else the header is ignored, so a
 * client cannot name itself; the proxy must set the header on every request, replacing whatever the client sent.
 */
import type { Request } from 'express';
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import type { Config } from '../../config.js';

/** A user name as a proxy sends it: printable ASCII (headers are not UTF-8), no longer than an e-mail address. */
const ProxyUserSchema = z.string().trim().min(1).max(254).regex(/^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/);

export class ProxyUsers {
  private readonly header: string | undefined;
  private readonly trusted: ((address: string, hop: number) => boolean) | undefined;

  constructor(config: Pick<Config, 'TRUSTED_PROXIES' | 'TRUSTED_USER_HEADER'>) {
    const on = config.TRUSTED_USER_HEADER !== undefined && config.TRUSTED_PROXIES.length > 0;
    this.header = on ? config.TRUSTED_USER_HEADER?.toLowerCase() : undefined;
    this.trusted = on ? proxyAddr.compile([...config.TRUSTED_PROXIES]) : undefined;
  }

  /** The user the proxy vouches for, or undefined when the request did not come from it with a usable header. */
  userOf(req: Request): string | undefined {
    if (this.header === undefined || this.trusted === undefined) return undefined;
    const peer = req.socket.remoteAddress;
    if (peer === undefined || !this.trusted(peer, 0)) return undefined;
    const user = ProxyUserSchema.safeParse(req.headers[this.header]);
    return user.success ? user.data : undefined;
  }
}
