/**
 * What each channel (Slack, Teams, web) plugs into the one server: an Express router, optionally the HumanChannel
 * through which cases reach its compliance channel and decisions reach its askers, and start/stop for anything
 * it runs beside HTTP (Slack socket mode). Channels are thin: platform events in, Reply renderings out.
 */
import type { Router } from 'express';
import type { HumanChannel } from '../cases/human-channel.js';
import type { Channel } from '../contracts/message.js';

export interface ChannelModule {
  readonly name: Channel;
  readonly router?: Router;
  readonly humanChannel?: HumanChannel;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}
