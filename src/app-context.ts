/**
 * What the composition root hands every channel: the channels depend on this interface, never on the root that
 * builds it (src/app.ts), so no arrow in the import graph points up from a channel.
 */
import type { Assistant } from './assistant/assistant.js';
import type { TurnPipeline } from './assistant/turn-pipeline.js';
import type { Message } from './contracts/message.js';
import type { Reply } from './contracts/reply.js';
import type { CaseService } from './cases/case-service.js';
import type { StatusDesk } from './cases/status-desk.js';
import type { OutboxDispatcher, HumanChannels } from './cases/outbox-dispatcher.js';
import type { BomUploads } from './channels/bom-upload/bom-uploads.js';
import type { ChannelStores } from './channels/channel-stores.js';
import type { Config } from './config.js';
import type { Clock } from './core/clock.js';
import type { DedupeStore } from './core/dedupe-store.js';
import type { Logger } from './core/logger.js';
import type { Metrics } from './core/metrics.js';
import type { CurrentRules } from './rules/current-rules.js';

export interface App {
  readonly config: Config;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The rules answers are decided on: `rules/` with the officers' recorded statuses layered over it. */
  readonly rules: CurrentRules;
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
  /** Bills of materials sent in a chat: screened on the CLI's path, kept, audited, escalated as one case. */
  readonly bomUploads: BomUploads;
  /** Starts delivering outbox rows to these channels, and the reminder and rules-horizon schedules. */
  startBackground(channels: HumanChannels): OutboxDispatcher;
  /** Whether the database answers, for /healthz: a load balancer takes an instance out whose database is gone. */
  databaseHealth(): Promise<DatabaseHealth>;
  close(): Promise<void>;
}

export type DatabaseHealth = { readonly ok: true } | { readonly ok: false; readonly error: string };

export function officersFrom(config: Config): { slack: string[]; teams: string[]; web: string[] } {
  const web = config.OFFICERS_WEB.length > 0 ? config.OFFICERS_WEB : config.loopback ? ['console'] : [];
  return { slack: config.OFFICERS_SLACK, teams: config.OFFICERS_TEAMS, web };
}
