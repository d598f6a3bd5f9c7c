/**
 * The Slack channel: a Bolt app on the one HTTP server at /slack/events (Bolt's ExpressReceiver, which checks
 * Slack's signature on the raw body and answers 401 otherwise, after our check that the request's timestamp is
 * within five minutes of now either way: request-freshness.ts), or over socket mode when
 * SLACK_APP_TOKEN is set. Every request is acked at once and the work runs after (work-queue.ts); each event id
 * is handled once, whatever Slack's retries (the delivery claim in the turn, on either engine).
 */
import { App as BoltApp, ExpressReceiver, webApi, type Middleware, type AnyMiddlewareArgs } from '@slack/bolt';
import { Router } from 'express';
import type { App, ChannelApp } from '../../app-context.js';
import type { ChannelModule } from '../channel-module.js';
import { ChannelConfigError } from '../channel-config-error.js';
import { boltLogger } from './bolt-logger.js';
import { EnvelopeSchema } from './payloads.js';
import { registerBomActions } from './register-bom-actions.js';
import { registerCaseActions } from './register-case-actions.js';
import { registerCommand } from './register-command.js';
import { registerHome } from './register-home.js';
import { registerMessages } from './register-messages.js';
import { registerReplyActions } from './register-reply-actions.js';
import { registerShortcut } from './register-shortcut.js';
import { registerStatusDesk } from './register-status-desk.js';
import { RecentIds } from './recent-ids.js';
import { timestampFresh } from './request-freshness.js';
import { Registrar, type Registered } from './registrar.js';
import type { SlackContext } from './slack-context.js';
import { platformError } from './slack-errors.js';
import { SlackHumanChannel } from './slack-human-channel.js';
import type { SlackStore } from './slack-store.js';
import { UserNames } from './user-names.js';
import { WorkQueue } from './work-queue.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackChannelOptions {
  /** Retries of Bolt's Web API client, for answers. Default: 3 quick retries; tests pass `{ retries: 0 }`. */
  readonly retryConfig?: webApi.RetryOptions;
  /** Most answers waiting to start before new ones are shed. Default 10 000. */
  readonly maxPending?: number;
}

/** The Slack channel on either engine. */
export interface AnySlackChannel extends ChannelModule {
  readonly name: 'slack';
  readonly mode: 'http' | 'socket';
  readonly bolt: BoltApp;
  readonly humanChannel: SlackHumanChannel;
  /** SQLite's Slack tables; none on PostgreSQL (the turns are read through app.slackReads there). */
  readonly store: SlackStore | undefined;
  /** Every event, command, shortcut, action and view this app registered with Bolt. */
  readonly registered: Registered;
  /** Resolves when every queued answer has been delivered (tests, benchmarks, shutdown). */
  idle(): Promise<void>;
}

/** The Slack channel on SQLite, with its store. */
export interface SlackChannel extends AnySlackChannel {
  readonly store: SlackStore;
}

const DEFAULT_RETRIES: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 4_000, randomize: true };

export async function createSlackChannel(app: App, options?: SlackChannelOptions): Promise<SlackChannel>;
export async function createSlackChannel(app: ChannelApp, options?: SlackChannelOptions): Promise<AnySlackChannel>;
export async function createSlackChannel(app: ChannelApp, options: SlackChannelOptions = {}): Promise<AnySlackChannel> {
  const { config } = app;
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new ChannelConfigError('Slack needs SLACK_BOT_TOKEN (a bot token, xoxb-...)');
  const socket = config.SLACK_APP_TOKEN !== undefined;
  const signingSecret = config.SLACK_SIGNING_SECRET;
  if (!socket && !signingSecret) {
    throw new ChannelConfigError('Slack over HTTP needs SLACK_SIGNING_SECRET to verify requests (or set SLACK_APP_TOKEN for socket mode)');
  }

  const log = app.logger.child({ channel: 'slack' });
  const logger = boltLogger(app.logger);
  const slackApiUrl = config.SLACK_API_URL;
  const clientOptions: webApi.WebClientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: options.retryConfig ?? DEFAULT_RETRIES,
  };

  // The outbox retries; this client must not (and must not sit out a 429), so it neither retries nor waits.
  const outboxClient = new webApi.WebClient(token, {
    ...(slackApiUrl ? { slackApiUrl } : {}), logger, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true,
  });
  // Who the bot is, once: Bolt needs it to ignore its own messages, and we to strip its mention.
  const auth = await outboxClient.auth.test().catch((err: unknown) => {
    const code = platformError(err);
    throw code ? new ChannelConfigError(`Slack refused SLACK_BOT_TOKEN (auth.test: ${code})`) : err;
  });
  const botUserId = typeof auth.user_id === 'string' ? auth.user_id : undefined;
  const botId = typeof auth.bot_id === 'string' ? auth.bot_id : undefined;
  const identity = { token, botUserId, botId, tokenVerificationEnabled: false, logger, clientOptions };

  let receiver: ExpressReceiver | undefined;
  let bolt: BoltApp;
  if (socket) {
    bolt = new BoltApp({ ...identity, appToken: config.SLACK_APP_TOKEN, socketMode: true, installerOptions: { clientOptions } });
  } else {
    receiver = new ExpressReceiver({
      signingSecret: signingSecret ?? '',
      logger,
      endpoints: SLACK_EVENTS_PATH,
      // The HTTP response goes when the listener returns: commands and actions ack first and queue their work, and
      // a question's event returns once its turn has committed (register-messages.ts), so an ack means stored.
      processBeforeResponse: true,
    });
    bolt = new BoltApp({ ...identity, receiver });
  }

  const store = app.engine === 'sqlite' ? app.stores.slack : undefined;
  const queue = new WorkQueue({
    maxPending: options.maxPending ?? 10_000,
    onError: (err, key) => log.error({ err, key }, 'a Slack job failed'),
    onDrop: (key) => {
      app.metrics.rejected.inc({ channel: 'slack', reason: 'overload' });
      log.warn({ key }, 'Slack work queue full: dropped a job');
    },
  });
  const humanChannel = new SlackHumanChannel({ client: outboxClient, complianceChannel: config.SLACK_COMPLIANCE_CHANNEL, logger: log });
  const ctx: SlackContext = {
    app, bolt, on: new Registrar(bolt), client: bolt.client, reads: app.slackReads, turns: app.slackTurns, humanChannel, queue, log, botUserId, token,
    names: new UserNames({ client: outboxClient, clock: app.clock }),
  };

  bolt.use(dedupeEvents(ctx));
  registerMessages(ctx);
  registerCommand(ctx);
  registerShortcut(ctx);
  registerReplyActions(ctx);
  registerBomActions(ctx);
  registerCaseActions(ctx);
  registerStatusDesk(ctx);
  registerHome(ctx);
  bolt.error(async (err) => {
    log.error({ err }, 'Slack handler failed');
  });

  const router = receiver ? countingRouter(app, receiver) : undefined;
  let started = false;
  return {
    name: 'slack',
    mode: socket ? 'socket' : 'http',
    bolt,
    humanChannel,
    store,
    registered: ctx.on.registered,
    ...(router ? { router } : {}),
    idle: () => queue.idle(),
    async start() {
      if (!socket || started) return;
      await bolt.start();
      started = true;
      log.info('Slack socket mode connected');
    },
    async stop() {
      if (socket && started) await bolt.stop();
      started = false;
      await queue.close();
    },
  };
}

/**
 * Each Events API delivery is handled once per event id. Slack retries a delivery it thinks failed (with
 * x-slack-retry-num); a retry of an event this process has seen is dropped here, after Bolt has acked it. The
 * durable check (the delivery claim, which also survives a restart and holds across instances) is made when the turn
 * is answered (answer-turn.ts).
 */
function dedupeEvents(ctx: SlackContext): Middleware<AnyMiddlewareArgs> {
  const recent = new RecentIds();
  // Events still being handled: a repeat waits for the first, so its ack too means the turn is stored.
  const inFlight = new Map<string, Promise<void>>();
  return async ({ body, context, next }) => {
    const env = EnvelopeSchema.safeParse(body);
    if (env.success && !recent.add(env.data.event_id)) {
      await inFlight.get(env.data.event_id);
      ctx.app.metrics.duplicates.inc({ channel: 'slack' });
      ctx.log.debug({ eventId: env.data.event_id, retryNum: context.retryNum, retryReason: context.retryReason }, 'dropped a repeated Slack event');
      return;
    }
    if (!env.success) return next();
    const id = env.data.event_id;
    const handled = next();
    inFlight.set(id, handled.catch(() => undefined));
    try {
      await handled;
    } finally {
      inFlight.delete(id);
    }
  };
}

/**
 * Bolt's router, behind the timestamp check Bolt lacks (a future timestamp), with refused requests counted in
 * /metrics. The check reads the real time, as Slack stamps it, not the app's clock (which tests move to a day).
 */
function countingRouter(app: ChannelApp, receiver: ExpressReceiver): Router {
  const router = Router();
  router.use(SLACK_EVENTS_PATH, (req, res, next) => {
    if (timestampFresh(req.get('x-slack-request-timestamp'), Date.now())) {
      next();
      return;
    }
    app.metrics.rejected.inc({ channel: 'slack', reason: 'timestamp' });
    res.status(401).json({ error: 'stale_or_future_timestamp' });
  });
  router.use(SLACK_EVENTS_PATH, (_req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode === 401) app.metrics.rejected.inc({ channel: 'slack', reason: 'signature' });
    });
    next();
  });
  router.use(receiver.router);
  return router;
}
