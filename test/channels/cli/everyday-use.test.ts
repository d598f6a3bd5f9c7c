/**
 * The command line as a new user meets it: --help, a pipe into `head`, `chat` fed from a pipe or ended with "quit",
 * and `audit export` to standard output.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { run, type CliIo } from '../../../src/channels/cli/run.js';
import { bundle, type Bundle } from '../../support/child-process.js';

async function cli(argv: string[], io: Partial<CliIo> = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: () => '', ...io });
  return { code, out, err };
}

let dir: string | undefined;
afterEach(() => {
  vi.unstubAllEnvs();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('lodestone --help', () => {
  it('prints the usage on standard output and exits 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await cli(argv);
      expect(r.code).toBe(0);
      expect(r.err).toEqual([]);
      expect(r.out.join('\n')).toMatch(/^usage:\n {2}lodestone ask /);
    }
  });

  it('without any command is a mistake: usage on standard error, exit 2', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err.join('\n')).toMatch(/^lodestone: a command is needed\nusage:/);
  });
});

describe('lodestone chat', () => {
  it('echoes piped questions, answers each, and ends on "quit" without reading further', async () => {
    const input = Readable.from(['Do NdFeB magnets with Dy shipped from Ningbo to Germany need a licence?\n', 'quit\n', 'Is Tb oxide controlled?\n']);
    const r = await cli(['chat', '--as-of', '2026-03-01'], { lines: () => input, interactive: false });
    expect(r.code).toBe(0);
    const said = r.out.filter((l) => l.startsWith('you> '));
    expect(said).toEqual(['you> Do NdFeB magnets with Dy shipped from Ningbo to Germany need a licence?', 'you> quit']);
    expect(r.out.filter((l) => /^\[\w+\] /.test(l))).toEqual([expect.stringMatching(/^\[license_required\] /)]);
  });

  it('ends on "exit" too', async () => {
    const r = await cli(['chat'], { lines: () => Readable.from(['EXIT\n', 'Is Tb oxide controlled?\n']), interactive: false });
    expect(r.code).toBe(0);
    expect(r.out.slice(1)).toEqual(['you> EXIT']);
  });
});

describe('lodestone audit export', () => {
  it('writes the CSV to standard output when no --out is given', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lodestone-export-'));
    vi.stubEnv('DATA_DIR', dir);
    expect((await cli(['ask', '--audit', '--as-of', '2026-03-01', 'Is samarium metal from China to the US licensable?'])).code).toBe(0);
    const r = await cli(['audit', 'export']);
    expect(r.code).toBe(0);
    const rows = r.out.join('\n').split(/\r?\n/);
    expect(rows[0]).toBe('seq,at,kind,actor,payload,text,text_hash,prev_hash,hash,redacted_at');
    expect(rows.slice(1).map((row) => row.split(',')[2])).toEqual(['question', 'answer']);
  });
});

describe('lodestone rules show | head', () => {
  let bin: Bundle;
  beforeAll(async () => {
    bin = await bundle('src/channels/cli/bin.ts', 'cli-bin');
  });
  afterAll(() => bin.remove());

  it('ends quietly with exit 0 when the reader has gone (EPIPE), with nothing on stderr', async () => {
    const child = spawn(process.execPath, [bin.file, 'rules', 'show'], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    // Close our end before the CLI has loaded the rules, so every line it writes meets a broken pipe (as after `head` exits).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
