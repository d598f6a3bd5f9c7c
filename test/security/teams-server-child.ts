/**
 * Child process for teams-forged-token.test.ts: Lodestone's authenticated Teams endpoint on 127.0.0.1 with the
 * server's own logger (pino to stdout at LOG_LEVEL), the Bot Framework's signing keys taken from the parent's fake
 * connector (TEAMS_OPENID_URL). It prints `child-url <url>` once listening and runs until it is stopped.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { createTeamsChannel } from '../../src/channels/teams/teams-channel.js';
import { loadConfig } from '../../src/config.js';
import { createHttpApp } from '../../src/server.js';

const app = createApp({ config: loadConfig(), dbFile: ':memory:' });
const teams = createTeamsChannel(app, { openIdMetadataUrl: process.env['TEAMS_OPENID_URL'] ?? '' });
const server = createHttpApp(app, [teams]).listen(0, '127.0.0.1', () => {
  process.stdout.write(`child-url http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => void app.close().then(() => process.exit(0)));
});
