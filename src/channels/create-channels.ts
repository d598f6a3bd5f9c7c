/**
 * Which channels run, from the configuration: the web chat and console always; Teams always (local emulator mode
 * without MICROSOFT_APP_ID, loopback only); Slack when its token and signing secret (or app token) are set. Bolt
 * is loaded only when Slack is on.
 */
import type { App } from '../app.js';
import type { ChannelModule } from './channel-module.js';
export { ChannelConfigError } from './channel-config-error.js';
import { createTeamsChannel } from './teams/teams-channel.js';
import { createWebChannel } from './web/web-channel.js';

export async function createChannels(app: App): Promise<ChannelModule[]> {
  const channels: ChannelModule[] = [createWebChannel(app), createTeamsChannel(app)];
  if (app.config.slackEnabled) {
    const slack = await import('./slack/slack-channel.js');
    channels.push(await slack.createSlackChannel(app));
  }
  return channels;
}
