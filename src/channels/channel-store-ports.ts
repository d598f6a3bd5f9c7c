/**
 * The channels' shared state that several instances must agree on, as asynchronous ports (the shape is decided in
 * src/cases/store-ports.ts): the key web sessions are signed with (a cookie signed on one instance is read on
 * another), the console's alerts, the web askers' inbox, and the Teams compliance conversation and deferred cards.
 * SQLite implements them over the synchronous stores here; PostgreSQL in ./postgres/. One contract suite runs on both
 * (test/channels/channel-store-contract.test.ts). The Slack store and the web transcript have ports of their own
 * (slack/slack-turns.ts, web/chat-turns.ts).
 */
import type Database from 'better-sqlite3';
import type { Actor } from '../cases/case-view.js';
import { DeferredCards } from './teams/deferred-cards.js';
import { TeamsSettings } from './teams/teams-settings.js';
import type { ConversationRef } from './teams/teams-port.js';
import { AlertStore, type Alert } from './web/alert-store.js';
import { InboxStore, type InboxItem, type Notice } from './web/inbox-store.js';
import { webSecret } from './web/web-keys.js';

export interface SharedChannelStores {
  /** The named secret, created by whichever instance asks first; every instance gets the same bytes. */
  secret(name: string): Promise<Buffer>;
  readonly alerts: {
    add(key: string, text: string, at: Date): Promise<void>;
    /** The latest alerts not yet acknowledged, newest first. */
    recent(limit?: number): Promise<Alert[]>;
    /** Takes an alert off the console's list; false when there is no such alert or it was already acknowledged. */
    acknowledge(key: string, by: string, at: Date): Promise<boolean>;
    acknowledgedCount(): Promise<number>;
  };
  readonly inbox: {
    add(conversation: string, key: string, notice: Notice, at: Date): Promise<boolean>;
    list(conversation: string, after?: number, limit?: number): Promise<InboxItem[]>;
    deleteOlderThan(cutoff: Date): Promise<number>;
  };
  readonly teams: {
    complianceConversation(): Promise<ConversationRef | undefined>;
    setComplianceConversation(ref: ConversationRef, by: Actor, at: Date): Promise<void>;
    defer(caseId: string, at: Date): Promise<void>;
    postedRef(caseId: string): Promise<string | undefined>;
    waiting(): Promise<string[]>;
    posted(caseId: string, ref: string, at: Date): Promise<void>;
  };
}

export function sqliteSharedChannelStores(db: Database.Database): SharedChannelStores {
  const alerts = new AlertStore(db);
  const inbox = new InboxStore(db);
  const settings = new TeamsSettings(db);
  const deferred = new DeferredCards(db);
  return {
    secret: async (name) => webSecret(db, name),
    alerts: {
      add: async (key, text, at) => alerts.add(key, text, at),
      recent: async (limit) => alerts.recent(limit),
      acknowledge: async (key, by, at) => alerts.acknowledge(key, by, at),
      acknowledgedCount: async () => alerts.acknowledgedCount(),
    },
    inbox: {
      add: async (conversation, key, notice, at) => inbox.add(conversation, key, notice, at),
      list: async (conversation, after, limit) => inbox.list(conversation, after, limit),
      deleteOlderThan: async (cutoff) => inbox.deleteOlderThan(cutoff),
    },
    teams: {
      complianceConversation: async () => settings.complianceConversation(),
      setComplianceConversation: async (ref, by, at) => settings.setComplianceConversation(ref, by, at),
      defer: async (caseId, at) => deferred.defer(caseId, at),
      postedRef: async (caseId) => deferred.postedRef(caseId),
      waiting: async () => deferred.waiting(),
      posted: async (caseId, ref, at) => deferred.posted(caseId, ref, at),
    },
  };
}
