/**
 * The channel modules the configuration asks for (channel-plan.ts decides which, and why the others are off),
 * with the plan's notices written to the startup log, one line each. Bolt is loaded only when Slack is on.
 */
import type { ChannelApp } from '../app-context.js';
import { assertNever } from '../rules/verdict.js';
import type { ChannelModule } from './channel-module.js';
import { planChannels } from './channel-plan.js';
export { ChannelConfigError } from './channel-config-error.js';
import { createTeamsChannel } from './teams/teams-channel.js';
import { createWebChannel } from './web/web-channel.js';

export async function createChannels(app: ChannelApp): Promise<ChannelModule[]> {
  const plan = planChannels(app.config);
  for (const n of plan.notices) app.logger[n.level]({ channel: n.channel }, n.message);
  const channels: ChannelModule[] = [];
  for (const name of plan.channels) {
    switch (name) {
      case 'web':
        channels.push(createWebChannel(app));
        break;
      case 'teams':
        channels.push(createTeamsChannel(app));
        break;
      case 'slack': {
        const slack = await import('./slack/slack-channel.js');
        channels.push(await slack.createSlackChannel(app));
        break;
      }
      default:
        assertNever(name, 'channel');
    }
  }
  return channels;
}
