/**
 * The Teams channel: the /api/messages endpoint and the HumanChannel that carries cases to the compliance
 * conversation and decisions back to askers. Without MICROSOFT_APP_ID it runs unauthenticated for the Bot
 * Framework Emulator: it refuses to start unless the server listens on loopback only, answers only activities
 * from TEAMS_EMULATOR_URL, and takes no officer actions unless TEAMS_LOCAL_OFFICER_ACTIONS=true.
 * Annotated BOM links are signed with a key the engine keeps, so on PostgreSQL a link given out by one instance opens
 * on any other.
 */
import type { ChannelApp } from '../../app-context.js';
import type { Config } from '../../config.js';
import type { ChannelModule } from '../channel-module.js';
import { ChannelConfigError } from '../channel-config-error.js';
import { createBotbuilderPort, type BotFrameworkSettings } from './botbuilder-port.js';
import { createTurnHandler } from './on-turn.js';
import { TeamsHumanChannel } from './teams-human-channel.js';
import { annotatedBomRoute } from './annotated-bom-route.js';
import { createTeamsRouter } from './teams-router.js';

export interface TeamsChannelOptions {
  /** Where the Bot Framework publishes its token signing keys (default: the public cloud's). */
  readonly openIdMetadataUrl?: string;
}

export function createTeamsChannel(app: ChannelApp, options: TeamsChannelOptions = {}): ChannelModule {
  const settings = botFrameworkSettings(app.config, options);
  const logger = app.logger.child({ channel: 'teams' });
  const port = createBotbuilderPort(settings, logger);
  const teamsSettings = app.shared.teams;
  const humanChannel = new TeamsHumanChannel({
    port, teams: teamsSettings, clock: app.clock, logger,
    getCase: (id) => app.desk.get(id), sources: () => app.rules.sources.values(),
  });
  const officerActions = port.authenticated || app.config.TEAMS_LOCAL_OFFICER_ACTIONS;
  const emulatorUrl = port.authenticated ? undefined : app.config.TEAMS_EMULATOR_URL;
  const emulatorOrigin = emulatorUrl === undefined ? undefined : new URL(emulatorUrl).origin;
  // Teams hands out file links on https; local mode fetches only from the emulator that sent the activity.
  const fileUrlAllowed = (url: URL) => (port.authenticated ? url.protocol === 'https:' : url.origin === emulatorOrigin);
  const publicUrl = (app.config.PUBLIC_URL ?? `http://${app.config.HOST}:${app.config.PORT}`).replace(/\/+$/, '');
  const handler = createTurnHandler({ app, turns: app.postingTurns, settings: teamsSettings, humanChannel, officerActions, fileUrlAllowed, publicUrl });
  logger.info({ authenticated: port.authenticated, appType: settings.appId ? settings.appType : undefined, emulatorUrl, officerActions }, 'teams: endpoint /api/messages');
  if (!port.authenticated && emulatorUrl === undefined) {
    logger.warn('teams: local mode without TEAMS_EMULATOR_URL refuses every activity; set it to the Bot Framework Emulator\'s service URL to try Teams locally');
  }
  const router = createTeamsRouter(port, handler, logger, emulatorUrl);
  router.use(annotatedBomRoute(app));
  return { name: 'teams', router, humanChannel };
}

/** The Microsoft app settings, checked here so a bad combination fails at start with a message that says why. */
export function botFrameworkSettings(config: Config, options: TeamsChannelOptions = {}): BotFrameworkSettings {
  const base = { openIdMetadataUrl: options.openIdMetadataUrl };
  if (!config.teamsAuthenticated || config.MICROSOFT_APP_ID === undefined) {
    // Half a configuration must not quietly become local mode, which authenticates nobody.
    const stray = config.MICROSOFT_APP_PASSWORD !== undefined ? 'MICROSOFT_APP_PASSWORD' : config.MICROSOFT_APP_TENANT_ID !== undefined ? 'MICROSOFT_APP_TENANT_ID' : undefined;
    if (stray) {
      throw new ChannelConfigError(
        `Teams: ${stray} is set but MICROSOFT_APP_ID is not, and without it /api/messages would authenticate nobody ` +
        `(local mode); set MICROSOFT_APP_ID, or unset ${stray}.`,
      );
    }
    if (!config.loopback) {
      throw new ChannelConfigError(
        `Teams: MICROSOFT_APP_ID is not set, so /api/messages would accept unauthenticated requests, which is allowed ` +
        `only when HOST is a loopback address (127.0.0.1, ::1, localhost); HOST is ${config.HOST}. Set MICROSOFT_APP_ID ` +
        `and its credentials, set HOST=127.0.0.1, or leave Teams off with CHANNELS=web (or web,slack).`,
      );
    }
    return { ...base, appId: undefined, appPassword: undefined, appType: config.MICROSOFT_APP_TYPE, tenantId: undefined };
  }
  const { MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: appPassword, MICROSOFT_APP_TENANT_ID: tenantId, MICROSOFT_APP_TYPE: appType } = config;
  const missing = (what: string) => new ChannelConfigError(`Teams: MICROSOFT_APP_TYPE=${appType} needs ${what}.`);
  switch (appType) {
    case 'SingleTenant':
      if (!tenantId) throw missing('MICROSOFT_APP_TENANT_ID');
      if (!appPassword) throw missing('MICROSOFT_APP_PASSWORD');
      break;
    case 'MultiTenant':
      if (!appPassword) throw missing('MICROSOFT_APP_PASSWORD');
      break;
    case 'UserAssignedMSI':
      if (!tenantId) throw missing('MICROSOFT_APP_TENANT_ID');
      if (appPassword) throw new ChannelConfigError('Teams: MICROSOFT_APP_TYPE=UserAssignedMSI uses a managed identity; unset MICROSOFT_APP_PASSWORD.');
      break;
    default:
      return assertNeverType(appType);
  }
  return { ...base, appId, appPassword, appType, tenantId };
}

function assertNeverType(x: never): never {
  throw new ChannelConfigError(`Teams: unknown MICROSOFT_APP_TYPE ${String(x)}`);
}
