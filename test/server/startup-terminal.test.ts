/**
 * What `npm start` prints: on a terminal, pretty logs and a short summary (URLs, channels, what to try); anywhere
 * else, or with LOG_FORMAT=json, JSON lines only. The rules-horizon check is one warning line, and Teams without a
 * compliance conversation says so once, however many alerts there are.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupBySuspension, rulesWithUnknownStatus } from '../../src/cases/rules-horizon.js';
import { RULES_DIR } from '../../src/core/paths.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { bundle, startNode, type Bundle } from '../support/child-process.js';

let main: Bundle;
let work: string;

beforeAll(async () => {
  main = await bundle('src/main.ts', 'startup-terminal');
  work = mkdtempSync(join(tmpdir(), 'lodestone-terminal-'));
});

afterAll(() => {
  main.remove();
  rmSync(work, { recursive: true, force: true });
});

/** The server's entry point under `script`, which gives it a pseudo-terminal as stdout; stopped once `until` is printed. */
function onTerminal(env: Record<string, string>, until: string): Promise<string> {
  const child = spawn('script', ['-qfec', `${process.execPath} ${main.file}`, '/dev/null'], {
    cwd: work, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
    if (out.includes(until)) child.kill('SIGTERM');
  });
  return new Promise((resolve) => child.on('close', () => resolve(out.replace(/\r\n/g, '\n'))));
}

const BASE = { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info' };
/** A whole server start on a machine shared with other builds; vitest's 20 s is too tight for it. */
const START = { timeout: 120_000 };

describe('on a terminal', () => {
  it('prints pretty log lines and a short summary with the URLs, the channels and what to try next', START, async () => {
    const out = await onTerminal({ ...BASE, DATA_DIR: join(work, 'tty') }, 'Stop with Ctrl-C.');
    const lines = out.split('\n');
    expect(lines.filter((l) => l.startsWith('{'))).toEqual([]);
    expect(out).toMatch(/\[\d\d:\d\d:\d\d\] \S*INFO\S*: \S*Lodestone is listening on http:\/\/127\.0\.0\.1:\d+\//);
    const summary = out.slice(out.indexOf('Lodestone is running.'));
    expect(summary).toMatch(/^ {2}Web chat {12}http:\/\/127\.0\.0\.1:\d+\/$/m);
    expect(summary).toMatch(/^ {2}Compliance console {2}http:\/\/127\.0\.0\.1:\d+\/console$/m);
    expect(summary).toMatch(/^ {2}Health, metrics {5}http:\/\/127\.0\.0\.1:\d+\/healthz {2}http:\/\/127\.0\.0\.1:\d+\/metrics$/m);
    expect(summary).toMatch(/^ {2}Teams {15}local mode, refusing every activity/m);
    expect(summary).toMatch(/^ {2}Slack {15}off \(set SLACK_BOT_TOKEN/m);
    expect(summary).toContain('Try next:\n  - ask in the web chat: "');
    expect(summary.split('\n').length).toBeLessThan(20);
  });

  it('still writes JSON lines, and no summary, with LOG_FORMAT=json', START, async () => {
    const out = await onTerminal({ ...BASE, DATA_DIR: join(work, 'tty-json'), LOG_FORMAT: 'json' }, 'Lodestone is listening');
    const lines = out.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines.filter((l) => !l.startsWith('Session terminated'))) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(out).not.toContain('Lodestone is running.');
  });
});

describe('not on a terminal', () => {
  it('writes JSON lines only: one for the rules-horizon check, and one Teams line for all the alerts it cannot post', START, async () => {
    const today = new Date().toISOString().slice(0, 10);
    const unknownRules = rulesWithUnknownStatus(loadRuleSet(RULES_DIR).rules, today);
    const unknown = unknownRules.length;
    // debug, to see each alert the Teams channel passed over, so the test knows when all of them have been.
    const server = startNode(main.file, { cwd: work, env: { ...BASE, LOG_LEVEL: 'debug', DATA_DIR: join(work, 'pipe') } });
    await server.lineWith('Lodestone is listening');
    if (unknown > 0) {
      // One alert per ended suspension (rules-horizon.ts), keyed by the suspending announcement.
      await server.lineWith(`"key":"horizon:${groupBySuspension(unknownRules).at(-1)?.sourceId ?? ''}:${today}"`);
    }
    const run = await server.stop();
    const logs = run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string; component?: string; channel?: string });
    expect(run.stdout).not.toContain('Lodestone is running.');
    const horizon = logs.filter((l) => l.component === 'rules');
    expect(horizon.map((l) => l.msg)).toEqual(unknown > 0 ? [expect.stringMatching(new RegExp(`^rules: ${unknown} rules? ha(s|ve) an unknown status today`))] : []);
    const teamsAlerts = logs.filter((l) => l.level >= 40 && l.channel === 'teams' && l.msg.includes('alerts'));
    expect(teamsAlerts).toHaveLength(unknown > 0 ? 1 : 0);
    for (const l of logs.filter((x) => x.level >= 40)) expect(l.msg.length).toBeLessThan(200);
  });
});
