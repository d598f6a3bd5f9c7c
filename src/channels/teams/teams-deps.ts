/** What the routes work with: the app, and the Teams side's own pieces. */
import type { App } from '../../app.js';
import type { TeamsHumanChannel } from './teams-human-channel.js';
import type { TeamsSettings } from './teams-settings.js';

export interface TeamsDeps {
  readonly app: App;
  readonly settings: TeamsSettings;
  readonly humanChannel: TeamsHumanChannel;
}
