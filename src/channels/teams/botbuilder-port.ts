/**
 * The TeamsPort on botbuilder 4.23: CloudAdapter with ConfigurationBotFrameworkAuthentication. Everything that
 * knows botbuilder's types lives in this file.
 */
import {
  ActivityTypes, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory, TurnContext,
  type Activity, type ConversationReference, type InvokeResponse,
} from 'botbuilder';
import { z } from 'zod';
import { TypedTextSchema } from '../../contracts/message.js';
import { consoleToLog } from '../../core/console-capture.js';
import type { Logger } from '../../core/logger.js';
import { retryAfterMs } from './retry-after.js';
import {
  ConversationRefSchema, TeamsSendError,
  type ConversationRef, type DeliveryResult, type InboundActivity, type InvokeResult, type OutboundMessage,
  type TeamsPort, type TeamsTurn,
} from './teams-port.js';

export interface BotFrameworkSettings {
  /** Without an app id, requests are not authenticated (local emulator mode). */
  readonly appId: string | undefined;
  readonly appPassword: string | undefined;
  readonly appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
  readonly tenantId: string | undefined;
  /** Where the Bot Framework publishes its token signing keys; default the public cloud's. */
  readonly openIdMetadataUrl?: string | undefined;
}

type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type Logic = (context: TurnContext) => Promise<void>;

/**
 * CloudAdapter.process authenticates and runs a turn in one call, answers a token with a bad signature with 500
 * and prints to the console. We authenticate first ourselves, so every bad token is a 401, then run the turn here.
 */
class LodestoneCloudAdapter extends CloudAdapter {
  runAuthenticated(auth: AuthResult, activity: Activity, logic: Logic): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** The fields Lodestone reads; the rest of the activity passes through to botbuilder untouched. */
const IncomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(100),
  id: optional(z.string().min(1).max(300)),
  name: optional(z.string().max(200)),
  text: optional(TypedTextSchema),
  value: z.unknown().optional(),
  serviceUrl: z.string().url().max(1000),
  channelId: z.string().min(1).max(100),
  from: z.looseObject({ id: z.string().min(1).max(300), aadObjectId: optional(z.string().max(200)), name: optional(z.string().max(200)) }),
  recipient: z.looseObject({ id: z.string().min(1).max(300), name: optional(z.string().max(200)) }),
  conversation: z.looseObject({ id: z.string().min(1).max(1000), conversationType: optional(z.string().max(50)) }),
  replyToId: optional(z.string().max(300)),
  attachments: optional(z.array(z.looseObject({ contentType: z.string().max(200), name: optional(z.string().max(255)), content: z.unknown() })).max(20)),
});

/**
 * botframework-connector's public-cloud endpoints (AuthenticationConstants). Setting any one endpoint makes it
 * take all of them from the configuration, so overriding the metadata URL means spelling out the rest.
 */
const PUBLIC_CLOUD = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
} as const;

/** jsonwebtoken's errors for a token that is malformed, badly signed, expired or not yet valid. */
const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * 401 for a token that is missing or not acceptable (botframework-connector's AuthenticationError carries a 4xx
 * statusCode; jsonwebtoken throws its own errors); 503 when it could not be checked (signing keys unreachable).
 */
function authFailureStatus(err: unknown): 401 | 503 {
  const status = numberProp(err, 'statusCode');
  if (status !== undefined) return status >= 500 ? 503 : 401;
  return err instanceof Error && JWT_ERRORS.has(err.name) ? 401 : 503;
}

export function createBotbuilderPort(settings: BotFrameworkSettings, logger: Logger): TeamsPort {
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: settings.appId,
    MicrosoftAppPassword: settings.appPassword,
    MicrosoftAppType: settings.appType,
    MicrosoftAppTenantId: settings.tenantId,
  });
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: settings.appId,
      MicrosoftAppTenantId: settings.tenantId,
      ...(settings.openIdMetadataUrl ? { ...PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: settings.openIdMetadataUrl } : {}),
    },
    credentials,
  );
  const adapter = new LodestoneCloudAdapter(auth);
  // botbuilder prints to the console on a bad token (a stack trace, the signing key it tried): log it at debug.
  const libraryLog = logger.child({ component: 'botbuilder' });
  // Proactive calls claim to come from our app id; '' is the anonymous identity of local mode.
  const botAppId = settings.appId ?? '';

  async function authenticate(activity: Activity, authorization: string): Promise<AuthResult | DeliveryResult> {
    try {
      return await consoleToLog(libraryLog, () => auth.authenticateRequest(activity, authorization));
    } catch (err) {
      const status = authFailureStatus(err);
      if (status === 401) {
        logger.warn({ reason: err instanceof Error ? err.message : String(err) }, 'teams: request refused: token not valid');
        return { status, body: { error: 'unauthorized' } };
      }
      // Refused without blaming the caller, so the Bot Connector retries.
      logger.error({ err }, 'teams: could not check the request token');
      return { status, body: { error: 'unavailable' } };
    }
  }

  return {
    authenticated: settings.appId !== undefined,

    async receive(authorization, body, handler) {
      const parsed = IncomingActivitySchema.safeParse(body);
      if (!parsed.success) return { status: 400, body: { error: 'bad_activity' } };
      // The schema checked what we read; botframework-schema marks many optional wire fields as required.
      const activity = parsed.data as unknown as Activity;
      const authResult = await authenticate(activity, authorization);
      if ('status' in authResult) return authResult;
      let invoke: InvokeResult | undefined;
      const response = await consoleToLog(libraryLog, () => adapter.runAuthenticated(authResult, activity, async (context) => {
        await handler(turnOf(context, (r) => { invoke = r; }));
        if (context.activity.type === ActivityTypes.Invoke && invoke) {
          await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: invokeResponse(invoke) });
        }
      }));
      return response ? { status: response.status, body: response.body } : { status: 200 };
    },

    async send(to, message) {
      let id: string | undefined;
      await call('send', async () => {
        await adapter.continueConversationAsync(botAppId, toReference(to), async (context) => {
          // The continuation activity has a made-up id; reply to a real message or to none.
          context.onSendActivities(async (_c, activities, next) => {
            for (const a of activities) setReplyTo(a, to.activityId);
            return next();
          });
          id = (await context.sendActivity(toActivity(message)))?.id;
        });
      });
      if (!id) throw new TeamsSendError('send: the Bot Connector returned no activity id', undefined, undefined);
      return id;
    },

    async update(to, activityId, message) {
      await call('update', () => adapter.continueConversationAsync(botAppId, toReference(to), async (context) => {
        context.onUpdateActivity(async (_c, activity, next) => {
          setReplyTo(activity, undefined);
          return next();
        });
        await context.updateActivity({ ...toActivity(message), id: activityId });
      }));
    },
  };
}

function turnOf(context: TurnContext, respond: (r: InvokeResult) => void): TeamsTurn {
  const a = context.activity;
  const text = a.type === ActivityTypes.Message && typeof a.text === 'string' ? withoutOwnMention(a) : '';
  const activity: InboundActivity = {
    id: a.id,
    type: a.type,
    name: a.name,
    text: cleanText(text),
    value: a.value,
    from: { id: a.from.id, aadObjectId: a.from.aadObjectId, name: a.from.name },
    conversation: { id: a.conversation.id, conversationType: a.conversation.conversationType },
    replyToId: a.replyToId,
    serviceUrl: a.serviceUrl,
    channelId: a.channelId,
    attachments: (a.attachments ?? []).map((x) => ({ contentType: x.contentType, name: x.name, content: x.content as unknown })),
  };
  return {
    activity,
    reference: ConversationRefSchema.parse(TurnContext.getConversationReference(a)),
    async reply(message) {
      try {
        return (await context.sendActivity(toActivity(message)))?.id;
      } catch (err) {
        throw toSendError('reply', err);
      }
    },
    respond,
  };
}

/** botbuilder's removeRecipientMention trusts the entities' shape; a malformed one must not fail the turn. */
function withoutOwnMention(a: Activity): string {
  try {
    return TurnContext.removeRecipientMention(a) ?? '';
  } catch {
    return a.text;
  }
}

/** Teams sends other people's mentions as <at>Name</at> and spaces as &nbsp;; keep the words. */
function cleanText(text: string): string {
  return text.replace(/<\/?at[^>]*>/gi, '').replace(/&nbsp;/gi, ' ').replace(/\s+/g, ' ').trim();
}

function toActivity(message: OutboundMessage): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    ...(message.text !== undefined ? { text: message.text } : {}),
    ...(message.summary !== undefined ? { summary: message.summary } : {}),
    ...(message.card ? { attachments: [CardFactory.adaptiveCard(message.card)] } : {}),
  };
}

function setReplyTo(activity: Partial<Activity>, replyToId: string | undefined): void {
  if (replyToId) activity.replyToId = replyToId;
  else delete activity.replyToId;
}

/** Our stored reference as botbuilder's type, which marks wire-optional fields (names, isGroup) as required. */
function toReference(to: ConversationRef): Partial<ConversationReference> {
  return to as unknown as Partial<ConversationReference>;
}

function invokeResponse(r: InvokeResult): InvokeResponse {
  switch (r.kind) {
    case 'message':
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: r.text } };
    case 'card':
      return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: r.card } };
    case 'error':
      return { status: 200, body: { statusCode: r.status, type: 'application/vnd.microsoft.error', value: { code: String(r.status), message: r.message } } };
  }
}

async function call(what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    throw toSendError(what, err);
  }
}

/**
 * The connector client (@azure/core-client) throws RestError with the status and the response; it has already
 * retried 429s itself, honouring Retry-After, before we see one.
 */
function toSendError(what: string, err: unknown): TeamsSendError {
  if (err instanceof TeamsSendError) return err;
  const status = numberProp(err, 'statusCode');
  const headers = typeof err === 'object' && err !== null && 'response' in err ? headerReader(err.response) : undefined;
  const wait = (status === 429 || status === 503) && headers ? retryAfterMs(headers) : undefined;
  const reason = err instanceof Error ? err.message : String(err);
  return new TeamsSendError(`${what} failed${status ? ` (HTTP ${status})` : ''}: ${reason}`, status, wait, { cause: err });
}

function headerReader(response: unknown): ((name: string) => string | undefined) | undefined {
  if (typeof response !== 'object' || response === null || !('headers' in response)) return undefined;
  const headers = response.headers;
  if (typeof headers !== 'object' || headers === null || !('get' in headers) || typeof headers.get !== 'function') return undefined;
  const get = headers.get.bind(headers) as (name: string) => unknown;
  return (name) => {
    const v = get(name);
    return typeof v === 'string' ? v : undefined;
  };
}

function numberProp(err: unknown, key: string): number | undefined {
  if (typeof err !== 'object' || err === null || !(key in err)) return undefined;
  const v: unknown = (err as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : undefined;
}
