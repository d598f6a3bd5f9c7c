/** What every Slack handler is given: the app, Bolt's client, the Slack tables, the work queue, the log. */
import type { App as BoltApp, webApi } from '@slack/bolt';
import type { ChannelApp, SlackTurnReads } from '../../app-context.js';
import type { Logger } from '../../core/logger.js';
import type { Registrar } from './registrar.js';
import type { SlackHumanChannel } from './slack-human-channel.js';
import type { SlackTurns } from './slack-turns.js';
import type { UserNames } from './user-names.js';
import type { WorkQueue } from './work-queue.js';

export interface SlackContext {
  readonly app: ChannelApp;
  readonly bolt: BoltApp;
  /** Registers listeners on `bolt` and remembers their ids (for the manifest check). */
  readonly on: Registrar;
  /** Bolt's client: retries a few times and waits out 429s, for answers a person is waiting for. */
  readonly client: webApi.WebClient;
  /** The kept turns, on the app's engine (Share, Details, feedback, the App Home). */
  readonly reads: SlackTurnReads;
  /** Answers a turn and keeps its row, on the app's engine. */
  readonly turns: SlackTurns;
  /** Posts what the outbox holds for Slack: the answers queued by turns, case cards, decisions, alerts. */
  readonly humanChannel: SlackHumanChannel;
  readonly queue: WorkQueue;
  readonly names: UserNames;
  readonly log: Logger;
  /** The bot token, for fetching files shared with the bot (url_private); sent only to Slack's file host. */
  readonly token: string;
  /** The bot's own user id, to strip its mention; from auth.test. */
  readonly botUserId: string | undefined;
}
