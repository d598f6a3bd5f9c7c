/**
 * The web channel: the local chat at `/` and the compliance console at `/console`, plus the HumanChannel through
 * which officers' decisions reach web askers. Built synchronously from the app (createChannels expects that).
 */
import type { ChannelApp } from '../../app-context.js';
import type { ChannelModule } from '../channel-module.js';
import { ConsoleAuth } from './console-auth.js';
import { ProxyUsers } from './proxy-users.js';
import { Sessions } from './session.js';
import { WebHumanChannel } from './web-human-channel.js';
import { createWebRouter } from './web-router.js';

const DAY_MS = 86_400_000;

export function createWebChannel(app: ChannelApp): ChannelModule {
  const { inbox, alerts } = app.shared;
  const key = app.webSessionKey;
  const chat = app.webChat;
  const ctx = {
    app, chat, inbox,
    sessions: new Sessions(key),
    auth: new ConsoleAuth(app.config, key, () => app.clock.now().getTime()),
    proxyUsers: new ProxyUsers(app.config),
  };
  // The transcript holds what askers typed: keep it no longer than the audit log keeps its text.
  const prune = () => {
    const cutoff = new Date(app.clock.now().getTime() - app.config.RETENTION_DAYS * DAY_MS);
    chat.deleteOlderThan(cutoff).catch((err: unknown) => app.logger.error({ err }, 'could not prune the web transcript'));
    inbox.deleteOlderThan(cutoff).catch((err: unknown) => app.logger.error({ err }, 'could not prune the web inbox'));
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    name: 'web',
    router: createWebRouter(ctx),
    humanChannel: new WebHumanChannel(inbox, alerts, app.clock),
    async start() {
      prune();
      timer = setInterval(prune, DAY_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
