/**
 * Probe replay (issue 12, defect 9): the real server started on a port another process already holds must not
 * say it is listening and exit 0. It must exit non-zero with one line that names the port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, runServer, type Bundle } from '../support/child-process.js';

let main: Bundle;
let holder: Server;
let port: number;
let work: string;

beforeAll(async () => {
  main = await bundle('src/main.ts', 'port-in-use-main');
  holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const address = holder.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  port = address.port;
  work = mkdtempSync(join(tmpdir(), 'lodestone-port-'));
});

afterAll(async () => {
  await new Promise<void>((resolve) => holder.close(() => resolve()));
  main.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('starting on a port that is taken', () => {
  it('exits with code 1 and one line naming the port, and never says it is listening', async () => {
    const run = await runServer(main.file, { cwd: work, env: { HOST: '127.0.0.1', PORT: String(port), DATA_DIR: join(work, 'data') } });
    expect(run.saidListening).toBe(false);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`lodestone: cannot start: port ${port} on 127.0.0.1 is already in use; stop what holds it, or set PORT to a free port`);
  });

  it('starts when the port is free (the same process, so the refusal above is about the port)', async () => {
    const run = await runServer(main.file, { cwd: work, env: { HOST: '127.0.0.1', PORT: '0', DATA_DIR: join(work, 'data') } });
    expect(run.saidListening).toBe(true);
    expect(run.stderr).toBe('');
  });
});
