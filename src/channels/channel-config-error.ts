/** A channel that cannot run with this configuration (e.g. Slack over HTTP without a signing secret). */
export class ChannelConfigError extends Error {
  override readonly name = 'ChannelConfigError';
}
