/**
 * The stores the channels keep their own state in, built once by the composition root from the app database.
 * This factory is the only place on the channel side that sees the database: a channel module is handed its
 * stores (App.stores), never the connection, so what it can write is what its stores say.
 */
import type Database from 'better-sqlite3';
import type { Clock } from '../core/clock.js';
import { UploadStore } from './bom-upload/upload-store.js';
import { SlackStore } from './slack/slack-store.js';
import type { ReplyDictionary } from './web/reply-dictionary.js';
import { TranscriptStore } from './web/transcript-store.js';
import { webSecret } from './web/web-keys.js';

export interface ChannelStores {
  readonly web: {
    readonly transcript: TranscriptStore;
    /** The key sessions are signed with, kept in web_keys so a restart keeps open pages valid. */
    readonly sessionKey: Buffer;
  };
  readonly slack: SlackStore;
  /** Bills of materials screened in any chat channel. */
  readonly bom: UploadStore;
  /** Signs the download links of annotated BOMs handed to chat platforms (Teams); kept like the session key. */
  readonly bomLinkKey: Buffer;
}

/** `replyDictionary`: what the web transcript deflates its replies with (built from the rules, reply-dictionary.ts). */
export function createChannelStores(db: Database.Database, clock: Clock, retentionDays: number, replyDictionary?: ReplyDictionary): ChannelStores {
  return {
    web: { transcript: new TranscriptStore(db, replyDictionary), sessionKey: webSecret(db) },
    // Slack turns are kept for the App Home and feedback, at most 30 days.
    slack: new SlackStore(db, clock, Math.min(retentionDays, 30)),
    bom: new UploadStore(db),
    bomLinkKey: webSecret(db, 'bom-links'),
  };
}
