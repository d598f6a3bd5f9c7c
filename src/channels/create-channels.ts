/**
 * Which channels run, from the configuration: the web chat and console always; Teams always (local emulator mode
 * without MICROSOFT_APP_ID, loopback only); Slack when its token and signing secret (or app token) are set.
 */
import type { App } from '../app.js';
import type { ChannelModule } from './channel-module.js';

export class ChannelConfigError extends Error {
  override readonly name = 'ChannelConfigError';
}

export async function createChannels(app: App): Promise<ChannelModule[]> {
  const channels: ChannelModule[] = [];
  const web = await import('./web/web-channel.js').catch(() => undefined);
  if (web) channels.push(web.createWebChannel(app));
  const teams = await import('./teams/teams-channel.js').catch(() => undefined);
  if (teams) channels.push(teams.createTeamsChannel(app));
  if (app.config.slackEnabled) {
    const slack = await import('./slack/slack-channel.js');
    channels.push(await slack.createSlackChannel(app));
  }
  return channels;
}
