/** What the web routes share: the app, and the web channel's own stores, sessions and login. */
import type { ChannelApp } from '../../app-context.js';
import type { SharedChannelStores } from '../channel-store-ports.js';
import type { ConsoleAuth } from './console-auth.js';
import type { ProxyUsers } from './proxy-users.js';
import type { Sessions } from './session.js';
import type { ChatTurns } from './chat-turns.js';

export interface WebContext {
  readonly app: ChannelApp;
  readonly sessions: Sessions;
  readonly auth: ConsoleAuth;
  /** Chat users vouched for by a trusted proxy (TRUSTED_USER_HEADER from TRUSTED_PROXIES). */
  readonly proxyUsers: ProxyUsers;
  /** The chat's turns and transcript, on the app's engine. */
  readonly chat: ChatTurns;
  /** The askers' inbox of officers' decisions, on the app's engine. */
  readonly inbox: SharedChannelStores['inbox'];
}
