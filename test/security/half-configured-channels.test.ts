/**
 * Probe replay (issue 12, defect 10): the real server given only half of Slack's (or Teams') credentials. It used
 * to start with Slack silently off (and Teams silently unauthenticated); it must refuse, in one line naming the
 * variable that is missing, and exit 1 without ever listening.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, runServer, type Bundle, type Finished } from '../support/child-process.js';

let main: Bundle;
let work: string;

beforeAll(async () => {
  main = await bundle('src/main.ts', 'half-configured-main');
  work = mkdtempSync(join(tmpdir(), 'lodestone-half-'));
});

afterAll(() => {
  main.remove();
  rmSync(work, { recursive: true, force: true });
});

function start(env: Record<string, string>): Promise<Finished> {
  return runServer(main.file, { cwd: work, env: { HOST: '127.0.0.1', PORT: '0', DATA_DIR: join(work, 'data'), ...env } });
}

function expectRefusal(run: Finished, naming: RegExp): void {
  expect(run.saidListening).toBe(false);
  expect(run.code).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^lodestone: cannot start: /);
  expect(lines[0]).toMatch(naming);
}

describe('half-configured channels', () => {
  it('Slack: a bot token without a signing secret', async () => {
    expectRefusal(await start({ SLACK_BOT_TOKEN: 'xoxb-only-the-token' }), /SLACK_SIGNING_SECRET/);
  });

  it('Slack: a signing secret without a bot token', async () => {
    expectRefusal(await start({ SLACK_SIGNING_SECRET: 'only-the-secret' }), /SLACK_BOT_TOKEN/);
  });

  it('Teams: an app password without an app id', async () => {
    expectRefusal(await start({ MICROSOFT_APP_PASSWORD: 'only-the-password' }), /MICROSOFT_APP_ID/);
  });

  it('and with neither half, the server starts (Slack off, Teams in local mode)', async () => {
    const run = await start({});
    expect(run.saidListening).toBe(true);
    expect(run.stderr).toBe('');
  });
});
