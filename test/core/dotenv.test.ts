/** `.env` is read at start when present; a variable already in the environment wins over the file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadDotEnv } from '../../src/core/dotenv.js';

const dir = mkdtempSync(join(tmpdir(), 'lodestone-dotenv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadDotEnv', () => {
  it('adds the file\'s variables, keeping every one already set (even to an empty value); an empty one is not set', () => {
    const env: NodeJS.ProcessEnv = { PORT: '4000', CONSOLE_TOKEN: '' };
    const path = file('a.env', '# comment\nPORT=3978\nHOST=0.0.0.0\nCONSOLE_TOKEN=from-the-file\nOFFICERS_WEB="ada, bob"\nSLACK_BOT_TOKEN=\n');
    expect(loadDotEnv(path, env)).toEqual({ file: path, added: ['HOST', 'OFFICERS_WEB'], kept: ['CONSOLE_TOKEN', 'PORT'] });
    expect(env).toEqual({ PORT: '4000', HOST: '0.0.0.0', CONSOLE_TOKEN: '', OFFICERS_WEB: 'ada, bob' });
  });

  it('does nothing when there is no file', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadDotEnv(join(dir, 'absent.env'), env)).toBeUndefined();
    expect(env).toEqual({});
  });

  it('reads a copy of .env.example without changing what the defaults mean', () => {
    const env: NodeJS.ProcessEnv = {};
    loadDotEnv(join(import.meta.dirname, '../../.env.example'), env);
    expect(env.HOST).toBe('127.0.0.1');
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });
});
