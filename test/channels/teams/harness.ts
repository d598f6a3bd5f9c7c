/**
 * Lodestone with its Teams channel on a real HTTP server on 127.0.0.1, and activities shaped like the ones Teams
 * sends, whose serviceUrl points at the fake connector.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type ComposedApp as App } from '../../../src/app.js';
import type { ChannelApp, PostgresApp } from '../../../src/app-context.js';
import { createPostgresApp } from '../../../src/app-postgres.js';
import { OutboxDispatcher } from '../../../src/cases/outbox-dispatcher.js';
import type { ChannelModule } from '../../../src/channels/channel-module.js';
import { createTeamsChannel, type TeamsChannelOptions } from '../../../src/channels/teams/teams-channel.js';
import { TeamsHumanChannel } from '../../../src/channels/teams/teams-human-channel.js';
import { ConfigSchema } from '../../../src/config.js';
import type { Clock } from '../../../src/core/clock.js';
import { createHttpApp } from '../../../src/server.js';
import { clockOn, TEST_DAY } from '../../support/clock.js';
import type { FakeConnector } from './fake-connector.js';

export const OFFICER = { id: '29:officer', aadObjectId: 'officer-aad-id', name: 'Olga Officer' } as const;
export const ASKER = { id: '29:asker', aadObjectId: 'asker-aad-id', name: 'Ada Asker' } as const;
export const BOT = { id: '28:lodestone-bot', name: 'Lodestone' } as const;
export const PERSONAL = 'a:personal-chat-ada';
export const CHANNEL = '19:compliance-channel@thread.tacv2';
export const TENANT = 'tenant-1';

/** Lodestone with its Teams channel on either engine (PostgreSQL's: `startPostgresLodestone`). */
export interface AnyLodestone<A extends ChannelApp = ChannelApp> {
  readonly app: A;
  readonly teams: ChannelModule;
  readonly humanChannel: TeamsHumanChannel;
  readonly url: string;
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export interface Lodestone extends AnyLodestone<App> {
  /** Delivers what the outbox holds now, to Teams only. */
  dispatch(): Promise<void>;
}

export interface LodestoneOptions {
  /**
   * The fake connector standing in for the Bot Framework Emulator: local mode answers only activities whose
   * serviceUrl is its origin (TEAMS_EMULATOR_URL). Leave it out for authenticated mode.
   */
  readonly emulator?: FakeConnector;
  /** Configuration on top of the harness's (an officer in OFFICERS_TEAMS, silent logs). */
  readonly env?: Record<string, string>;
  readonly teams?: TeamsChannelOptions;
  /** The app's clock, for answers that depend on the day; TEST_DAY if unset, as the web's. */
  readonly clock?: Clock;
  /** A database file, to start again on the same data (a restart); in memory if unset. */
  readonly dbFile?: string;
}

function teamsConfig(options: Omit<LodestoneOptions, 'dbFile'>) {
  return ConfigSchema.parse({
    OFFICERS_TEAMS: OFFICER.aadObjectId, LOG_LEVEL: 'silent',
    ...(options.emulator ? { TEAMS_EMULATOR_URL: options.emulator.url } : {}),
    ...options.env,
  });
}

async function serve<A extends ChannelApp>(app: A, options: Omit<LodestoneOptions, 'dbFile'>): Promise<AnyLodestone<A>> {
  const teams = createTeamsChannel(app, options.teams);
  const humanChannel = teams.humanChannel;
  if (!(humanChannel instanceof TeamsHumanChannel)) throw new Error('the Teams channel has no HumanChannel');
  const server: Server = await new Promise((resolve) => {
    const s = createHttpApp(app, [teams]).listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    app, teams, humanChannel, url,
    async post(activity, headers = {}) {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}

export async function startLodestone(options: LodestoneOptions = {}): Promise<Lodestone> {
  const app = createApp({ config: teamsConfig(options), dbFile: options.dbFile ?? ':memory:', clock: options.clock ?? clockOn(TEST_DAY) });
  const served = await serve(app, options);
  const dispatcher = new OutboxDispatcher({ db: app.db, channels: { teams: served.humanChannel }, clock: app.clock });
  return {
    ...served,
    async dispatch() {
      await dispatcher.runOnce();
    },
  };
}

/** The same on PostgreSQL: the app several instances would run (app-postgres.ts) on the database at `url`. */
export async function startPostgresLodestone(url: string, options: Omit<LodestoneOptions, 'dbFile'> = {}): Promise<AnyLodestone<PostgresApp>> {
  const app = await createPostgresApp({ config: { ...teamsConfig(options), DATABASE_URL: url }, clock: options.clock ?? clockOn(TEST_DAY) });
  return serve(app, options);
}

let seq = 1_700_000_000_000;
/** Teams message ids are millisecond timestamps. */
export function nextId(): string {
  return String(seq++);
}

interface From {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
}

/** A message in the personal chat between a user and the bot. */
export function personalMessage(fake: FakeConnector, text: string, from: From = ASKER, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: nextId(),
    timestamp: new Date().toISOString(),
    serviceUrl: fake.url,
    channelId: 'msteams',
    from,
    recipient: BOT,
    conversation: { id: PERSONAL, conversationType: 'personal', tenantId: TENANT },
    text,
    textFormat: 'plain',
    locale: 'en-US',
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
}

/** A message in a channel thread that @mentions the bot, as Teams sends it. */
export function channelMention(fake: FakeConnector, text: string, from: From = OFFICER, threadRoot = nextId()): Record<string, unknown> {
  const id = nextId();
  return {
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    serviceUrl: fake.url,
    channelId: 'msteams',
    from,
    recipient: BOT,
    conversation: { id: `${CHANNEL};messageid=${threadRoot}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    text: `<at>${BOT.name}</at> ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
    channelData: { teamsChannelId: CHANNEL, teamsTeamId: '19:team@thread.tacv2', channel: { id: CHANNEL }, tenant: { id: TENANT } },
  };
}

/** What Teams sends when someone presses an Action.Submit on a card: a message with `value` and no text. */
export function cardSubmit(fake: FakeConnector, value: Record<string, unknown>, from: From, where: 'channel' | 'personal', cardId?: string): Record<string, unknown> {
  const base = where === 'channel' ? channelMention(fake, '', from) : personalMessage(fake, '', from);
  const { text: _text, entities: _entities, ...rest } = base;
  return { ...rest, value, ...(cardId ? { replyToId: cardId } : {}) };
}

/** An invoke adaptiveCard/action, as Action.Execute sends it. */
export function cardInvoke(fake: FakeConnector, verb: string, data: Record<string, unknown>, from: From): Record<string, unknown> {
  const { text: _text, entities: _entities, ...rest } = channelMention(fake, '', from);
  return { ...rest, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } };
}

/** The Adaptive Card attached to a posted activity. */
export function cardOf(activity: { readonly body: Record<string, unknown> }): Record<string, unknown> {
  const attachments = activity.body.attachments;
  if (!Array.isArray(attachments) || attachments.length !== 1) throw new Error('expected one attachment');
  const a = attachments[0] as { contentType?: unknown; content?: unknown };
  if (a.contentType !== 'application/vnd.microsoft.card.adaptive') throw new Error(`not an Adaptive Card: ${String(a.contentType)}`);
  return a.content as Record<string, unknown>;
}

/** All the text a card shows, to assert on what a person would read. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'text' || k === 'title' || k === 'value' || k === 'label') && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

/** Every action on a card, ShowCard sub-cards included. */
export function cardActions(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card);
  return out;
}
