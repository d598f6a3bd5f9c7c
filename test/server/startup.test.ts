/**
 * `npm start`'s entry point (src/main.ts) as a real process: it reads `.env` from the directory it runs in (the
 * environment wins), and its startup log says, one line each, what is off and what is refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, runServer, type Bundle } from '../support/child-process.js';

let main: Bundle;
let holder: Server;
let heldPort: number;
let work: string;

beforeAll(async () => {
  main = await bundle('src/main.ts', 'startup-main');
  holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const address = holder.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  heldPort = address.port;
  work = mkdtempSync(join(tmpdir(), 'lodestone-startup-'));
});

afterAll(async () => {
  await new Promise<void>((resolve) => holder.close(() => resolve()));
  main.remove();
  rmSync(work, { recursive: true, force: true });
});

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly component?: string;
}

function logLines(stdout: string): LogLine[] {
  return stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
}

describe('.env', () => {
  it('is read from the working directory at start', async () => {
    const dir = mkdtempSync(join(work, 'dotenv-'));
    // The file's PORT is taken, so the refusal shows that the file was read.
    writeFileSync(join(dir, '.env'), `HOST=127.0.0.1\nPORT=${heldPort}\n`);
    const run = await runServer(main.file, { cwd: dir, env: { DATA_DIR: join(dir, 'data') } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`port ${heldPort} on 127.0.0.1 is already in use`);
  });

  it('loses to the real environment', async () => {
    const dir = mkdtempSync(join(work, 'dotenv-'));
    writeFileSync(join(dir, '.env'), `HOST=127.0.0.1\nPORT=${heldPort}\n`);
    const run = await runServer(main.file, { cwd: dir, env: { PORT: '0', DATA_DIR: join(dir, 'data') } });
    expect(run.saidListening).toBe(true);
    expect(run.stderr).toBe('');
    expect(logLines(run.stdout).filter((l) => l.msg.startsWith('configuration:')).map((l) => l.msg))
      .toEqual([`configuration: read ${join(dir, '.env')} (HOST); the environment's own PORT wins over it`]);
  });
});

describe('the startup log', () => {
  it('says, one warning line each, what the configuration leaves off', async () => {
    const run = await runServer(main.file, {
      cwd: work,
      env: { HOST: '127.0.0.1', PORT: '0', DATA_DIR: join(work, 'data'), CHANNELS: 'web', SLACK_BOT_TOKEN: 'xoxb-t', SLACK_SIGNING_SECRET: 's' },
    });
    expect(run.saidListening).toBe(true);
    // The rules-horizon line (component "rules", test/server/startup-terminal.test.ts) is about the rules, not the configuration.
    const warnings = logLines(run.stdout).filter((l) => l.level === 40 && l.component !== 'rules').map((l) => l.msg);
    expect(warnings).toEqual([
      'slack: off: CHANNELS=web leaves it out, though SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set',
    ]);
    const listening = logLines(run.stdout).find((l) => l.msg.startsWith('Lodestone is listening'));
    expect(listening).toMatchObject({ channels: ['web'] });
  });
});
