/**
 * What the composition root hands every channel: the channels depend on this interface, never on the root that
 * builds it (src/app.ts, src/app-postgres.ts), so no arrow in the import graph points up from a channel.
 *
 * Two engines: `App` is SQLite's (the embedded default, with its synchronous stores), `PostgresApp` the shared store
 * of several instances (DATABASE_URL). What a channel needs on both is in `AppCommon`, as asynchronous ports;
 * a channel that takes `ChannelApp` reaches SQLite's own pieces only after checking `app.engine` (no channel feature
 * needs them any more: each has a port with both engines behind it; nothing on PostgreSQL writes a local SQLite file).
 */
import type { Assistant } from './assistant/assistant.js';
import type { TurnPipeline } from './assistant/turn-pipeline.js';
import type { Message } from './contracts/message.js';
import type { Reply } from './contracts/reply.js';
import type { CaseService } from './cases/case-service.js';
import type { RuleStatusDesk, StatusDesk } from './cases/status-desk.js';
import type { OutboxDispatcher, HumanChannels } from './cases/outbox-dispatcher.js';
import type { AuditInput, AuditRecord } from './cases/audit-log.js';
import type { TrailVerification } from './cases/audit-verify.js';
import type { Dashboard } from './cases/dashboard.js';
import type { DecideInput } from './cases/case-service.js';
import type { Actor, CaseState, CaseView } from './cases/case-view.js';
import type { DeliveryClaims } from './cases/store-ports.js';
import type { PostingTurns } from './assistant/turn-pipeline.js';
import type { BomUploads } from './channels/bom-upload/bom-uploads.js';
import type { SharedChannelStores } from './channels/channel-store-ports.js';
import type { ChannelStores } from './channels/channel-stores.js';
import type { SlackTurns } from './channels/slack/slack-turns.js';
import type { StoredTurn } from './channels/slack/slack-store.js';
import type { ChatTurns } from './channels/web/chat-turns.js';
import type { Config } from './config.js';
import type { Clock } from './core/clock.js';
import type { DedupeStore } from './core/dedupe-store.js';
import type { Logger } from './core/logger.js';
import type { Metrics } from './core/metrics.js';
import type { CurrentRules } from './rules/current-rules.js';

/** The officers' side of cases as the chat channels use it, on either engine (SQLite's CaseService, awaited). */
export interface CaseDesk {
  isOfficer(actor: Actor): boolean;
  get(caseId: string): Promise<CaseView | undefined>;
  list(options?: { state?: CaseState; limit?: number }): Promise<CaseView[]>;
  /** Refused with a CaseError (and the refusal audited) as CaseService.claim. */
  claim(caseId: string, officer: Actor): Promise<CaseView>;
  decide(caseId: string, officer: Actor, input: DecideInput): Promise<CaseView>;
  reopen(caseId: string, officer: Actor, reason: string): Promise<CaseView>;
  addNote(caseId: string, officer: Actor, text: string): Promise<CaseView>;
  /** An audit record of its own (a refusal, a setting an officer changed), appended to the one chain. */
  audit(input: AuditInput): Promise<void>;
}

/** The audit trail as the console reads it, on either engine. */
export interface AuditTrailReads {
  /** The newest `limit` records, newest first, and how many records there are. */
  latest(limit: number): Promise<{ readonly records: AuditRecord[]; readonly total: number }>;
  /** The chain, its anchors and every case against its audit records, as `audit verify` checks them. */
  verify(): Promise<TrailVerification>;
  exportCsv(): Promise<string>;
}

/** Slack's kept turns as its buttons and App Home read them (SlackStore, or PgSlackStore). */
export interface SlackTurnReads {
  turn(id: string): Promise<StoredTurn | undefined>;
  recent(user: string, limit: number): Promise<StoredTurn[]>;
  feedback(turnId: string, user: string, helpful: boolean): Promise<StoredTurn | undefined>;
}

/** What every channel gets on either engine. */
export interface AppCommon {
  readonly engine: 'sqlite' | 'postgres';
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The rules answers are decided on: `rules/` with the officers' recorded statuses layered over it (SQLite). */
  readonly rules: CurrentRules;
  readonly desk: CaseDesk;
  /** The audit log for the console: its newest records, its verification and its export. */
  readonly trail: AuditTrailReads;
  /** The console dashboard's numbers, counted in the database. */
  dashboard(now: Date): Promise<Dashboard>;
  /**
   * Where officers record a rule's status: applied to `rules` once committed (on PostgreSQL to every other instance's
   * at its next turn), with the earlier answers and open cases it changes re-decided in the same transaction.
   */
  readonly ruleDesk: RuleStatusDesk;
  /** Delivery claims outside a turn (a Slack file, a Teams card click): one insert decides, on any instance. */
  readonly deliveries: DeliveryClaims;
  /** The web session key, the console's alerts, the web inbox, the Teams compliance conversation and deferred cards. */
  readonly shared: SharedChannelStores;
  /** The key web sessions are signed with, the same on every instance. */
  readonly webSessionKey: Buffer;
  /** Each channel's turns on this engine: the web chat with its transcript, Slack with its row, Teams' posted answer. */
  readonly webChat: ChatTurns;
  readonly slackTurns: SlackTurns;
  readonly slackReads: SlackTurnReads;
  readonly postingTurns: PostingTurns;
  /** Bills of materials sent in a chat: screened on the CLI's path, kept, audited, escalated as one case. */
  readonly bomUploads: BomUploads;
  /** Starts delivering outbox rows to these channels, and the reminder, rules-horizon and retention schedules. */
  startBackground(channels: HumanChannels): OutboxDispatcher;
  /** Whether the database answers, for /healthz: a load balancer takes an instance out whose database is gone. */
  databaseHealth(): Promise<DatabaseHealth>;
  close(): Promise<void>;
}

/** The app on PostgreSQL: the common ports, every one implemented on the shared database. */
export interface PostgresApp extends AppCommon {
  readonly engine: 'postgres';
}

/** What the channels and the HTTP server are handed: the app on either engine. */
export type ChannelApp = App | PostgresApp;

/** The app on SQLite, the embedded default (what createApp builds; the CLI and most tests use it). */
export interface App extends AppCommon {
  readonly engine: 'sqlite';
  /** Where officers record a rule's status; applied to `rules` at once. */
  readonly statusDesk: StatusDesk;
  /** The channels' own stores; the database itself stays with the composition root. */
  readonly stores: ChannelStores;
  readonly cases: CaseService;
  readonly assistant: Assistant;
  readonly dedupe: DedupeStore;
  /** Answers a message and counts it, in the caller's transaction; channels answer through `turns`. */
  answer(message: Message): Reply;
  /** The one turn pipeline: claim, answer, audit, case and the channel's transcript row in one group commit. */
  readonly turns: TurnPipeline;
}

export type DatabaseHealth = { readonly ok: true } | { readonly ok: false; readonly error: string };

export function officersFrom(config: Config): { slack: string[]; teams: string[]; web: string[] } {
  const web = config.OFFICERS_WEB.length > 0 ? config.OFFICERS_WEB : config.loopback ? ['console'] : [];
  return { slack: config.OFFICERS_SLACK, teams: config.OFFICERS_TEAMS, web };
}
