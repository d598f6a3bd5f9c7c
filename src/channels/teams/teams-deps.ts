/** What the routes work with: the app, and the Teams side's own pieces. */
import type { PostingTurns } from '../../assistant/turn-pipeline.js';
import type { ChannelApp } from '../../app-context.js';
import type { SharedChannelStores } from '../channel-store-ports.js';
import type { TeamsHumanChannel } from './teams-human-channel.js';

export interface TeamsDeps {
  readonly app: ChannelApp;
  /** The turn pipeline on the app's engine (the Teams answer keeps no row of its own, only its post). */
  readonly turns: PostingTurns;
  /** The compliance conversation and deferred cards, on the app's engine. */
  readonly settings: SharedChannelStores['teams'];
  readonly humanChannel: TeamsHumanChannel;
  /**
   * Whether claim, decide and choosing the compliance channel are taken from this endpoint at all. False in local
   * (emulator) mode, where no token says who the caller is, unless TEAMS_LOCAL_OFFICER_ACTIONS=true.
   */
  readonly officerActions: boolean;
  /** Whether a file's downloadUrl may be fetched: https from Teams, or in local mode only the emulator's origin. */
  readonly fileUrlAllowed: (url: URL) => boolean;
  /** Where people reach this server (PUBLIC_URL), for the annotated-BOM links; no trailing slash. */
  readonly publicUrl: string;
}
