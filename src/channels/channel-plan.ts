/**
 * Which channels run, worked out from the configuration alone, with one readable line for each thing that is off
 * or refused, so nothing is switched off without a word:
 * - CHANNELS, when set, lists the channels that run; unset, the web and Teams always run, and Slack does when any
 *   of its variables is set.
 * - A half-configured Slack (a token without its signing secret, or the reverse) refuses to start, naming what is
 *   missing: starting with Slack silently off would look like success. Teams' own pairs are checked where its
 *   settings are built (teams-channel.ts).
 * - The web chat may trust a proxy's user header only from the proxies listed in TRUSTED_PROXIES.
 */
import type { Config, ServerChannel } from '../config.js';
import { assertNever } from '../rules/verdict.js';
import { ChannelConfigError } from './channel-config-error.js';

export interface StartupNotice {
  readonly level: 'info' | 'warn';
  readonly channel: ServerChannel;
  readonly message: string;
}

export interface ChannelPlan {
  /** In the order they are mounted: web, Teams, Slack. */
  readonly channels: readonly ServerChannel[];
  readonly notices: readonly StartupNotice[];
}

type PlanConfig = Pick<
  Config,
  | 'CHANNELS' | 'HOST' | 'loopback' | 'CONSOLE_TOKEN' | 'TRUSTED_PROXIES' | 'TRUSTED_USER_HEADER'
  | 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_COMPLIANCE_CHANNEL'
  | 'MICROSOFT_APP_ID' | 'MICROSOFT_APP_PASSWORD' | 'MICROSOFT_APP_TENANT_ID'
>;

const ORDER: readonly ServerChannel[] = ['web', 'teams', 'slack'];

export function planChannels(config: PlanConfig): ChannelPlan {
  const chosen = config.CHANNELS.length > 0 ? config.CHANNELS : undefined;
  const notices: StartupNotice[] = [];
  const on = (channel: ServerChannel, configured: readonly string[]): boolean => {
    if (!chosen) return channel !== 'slack' || configured.length > 0;
    if (chosen.includes(channel)) return true;
    const leftOut = `${channel}: off: CHANNELS=${chosen.join(',')} leaves it out`;
    notices.push(configured.length > 0
      ? { level: 'warn', channel, message: `${leftOut}, though ${list(configured)} ${configured.length === 1 ? 'is' : 'are'} set` }
      : { level: 'info', channel, message: leftOut });
    return false;
  };

  const channels = ORDER.filter((channel) => {
    switch (channel) {
      case 'web':
        if (!on('web', set(config, ['CONSOLE_TOKEN', 'TRUSTED_USER_HEADER']))) return false;
        notices.push(...webNotices(config));
        return true;
      case 'teams':
        return on('teams', set(config, ['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID']));
      case 'slack': {
        const configured = set(config, ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_COMPLIANCE_CHANNEL']);
        if (!on('slack', configured)) {
          if (!chosen) notices.push({ level: 'info', channel, message: 'slack: off: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN) are not set' });
          return false;
        }
        checkSlackPairs(config, configured, chosen !== undefined);
        return true;
      }
      default:
        return assertNever(channel, 'channel');
    }
  });
  return { channels, notices };
}

/** Slack needs its bot token, and a signing secret (HTTP) or an app token (socket mode). */
function checkSlackPairs(config: PlanConfig, configured: readonly string[], chosen: boolean): void {
  const why = chosen && configured.length === 0 ? 'CHANNELS includes slack' : `${list(configured)} ${configured.length === 1 ? 'is' : 'are'} set`;
  const leaveOff = chosen ? 'or leave slack out of CHANNELS' : `or unset ${list(configured, 'or')} to leave Slack off`;
  if (config.SLACK_BOT_TOKEN === undefined) {
    throw new ChannelConfigError(`Slack: ${why} but SLACK_BOT_TOKEN is not; set SLACK_BOT_TOKEN (xoxb-...), ${leaveOff}`);
  }
  if (config.SLACK_SIGNING_SECRET === undefined && config.SLACK_APP_TOKEN === undefined) {
    throw new ChannelConfigError(
      `Slack: ${why} but SLACK_SIGNING_SECRET is not (or SLACK_APP_TOKEN, for socket mode); ` +
      `set SLACK_SIGNING_SECRET to verify Slack's requests, ${leaveOff}`,
    );
  }
}

/** What the web channel refuses off loopback, said at start rather than discovered as 503s. */
function webNotices(config: PlanConfig): StartupNotice[] {
  const header = config.TRUSTED_USER_HEADER;
  if (header !== undefined && config.TRUSTED_PROXIES.length === 0) {
    throw new ChannelConfigError(
      `web: TRUSTED_USER_HEADER is set but TRUSTED_PROXIES is not, so any client could name itself in ${header}; ` +
      `set TRUSTED_PROXIES to the address of the proxy that sets it`,
    );
  }
  if (config.loopback || config.CONSOLE_TOKEN !== undefined) return [];
  if (header === undefined) {
    return [{
      level: 'warn', channel: 'web',
      message: `web: HOST=${config.HOST} is not loopback and CONSOLE_TOKEN is not set, so the chat and the console answer 503 to ` +
        'everyone; set CONSOLE_TOKEN, and TRUSTED_USER_HEADER with TRUSTED_PROXIES to let employees in through an authenticating proxy',
    }];
  }
  return [{
    level: 'warn', channel: 'web',
    message: `web: CONSOLE_TOKEN is not set, so the console answers 503 beyond loopback; the chat takes the user from ${header} ` +
      'on requests from TRUSTED_PROXIES',
  }];
}

function set<K extends keyof PlanConfig>(config: PlanConfig, names: readonly K[]): K[] {
  return names.filter((n) => config[n] !== undefined);
}

function list(names: readonly string[], and = 'and'): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1) ?? ''}`;
}
