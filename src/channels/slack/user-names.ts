/**
 * Display names for askers (shown to officers on case cards), from users.info, cached. A lookup that fails or
 * is slow never holds up an answer: the answer goes without the name.
 */
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Clock } from '../../core/clock.js';

const UserInfoSchema = z.object({
  user: z.object({
    name: z.string().optional(),
    real_name: z.string().optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
  }),
});

export interface UserNamesOptions {
  readonly client: webApi.WebClient;
  readonly clock: Clock;
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  /** Longest wait for users.info before answering without the name. */
  readonly timeoutMs?: number;
}

export class UserNames {
  private readonly cache = new Map<string, { name: string | undefined; until: number }>();
  private readonly inflight = new Map<string, Promise<string | undefined>>();

  constructor(private readonly options: UserNamesOptions) {}

  async get(user: string): Promise<string | undefined> {
    const now = this.options.clock.now().getTime();
    const hit = this.cache.get(user);
    if (hit && hit.until > now) return hit.name;
    let pending = this.inflight.get(user);
    if (!pending) {
      pending = this.lookup(user).finally(() => this.inflight.delete(user));
      this.inflight.set(user, pending);
    }
    return pending;
  }

  private async lookup(user: string): Promise<string | undefined> {
    let name: string | undefined;
    let ok = false;
    try {
      const res = await withTimeout(this.options.client.users.info({ user }), this.options.timeoutMs ?? 1500);
      const u = UserInfoSchema.parse(res).user;
      name = [u.profile?.display_name, u.real_name, u.profile?.real_name, u.name].find((n) => n !== undefined && n.trim() !== '');
      ok = true;
    } catch {
      name = undefined;
    }
    // A failure is remembered briefly, so a Slack outage is not hit once per message.
    const ttl = ok ? this.options.ttlMs ?? 3_600_000 : 60_000;
    this.cache.set(user, { name, until: this.options.clock.now().getTime() + ttl });
    while (this.cache.size > (this.options.maxEntries ?? 5_000)) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return name;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    t.unref();
    p.then((v) => {
      clearTimeout(t);
      resolve(v);
    }, (e: unknown) => {
      clearTimeout(t);
      reject(e instanceof Error ? e : new Error(String(e)));
    });
  });
}
