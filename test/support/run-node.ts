/** Runs a bundled script (test/support/bundle.ts) as its own process and collects what it printed. */
import { spawn } from 'node:child_process';

const NOBODY = 65_534;

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when `until` matched and the process was stopped: it did not exit by itself. */
  readonly stillRunning: boolean;
}

export interface RunOptions {
  /** Run as `nobody` when the tests run as root, so file permissions hold (root may write to any file). */
  readonly asNobody?: boolean;
  /** Stop a process that does not exit by itself (a server that started when it should have refused) once its output matches. */
  readonly until?: RegExp;
}

export function runNode(script: string, args: readonly string[], env: Record<string, string>, options: RunOptions = {}): Promise<Finished> {
  const asNobody = options.asNobody === true && process.getuid?.() === 0;
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  let stdout = '';
  let stderr = '';
  let stillRunning = false;
  const watch = (chunk: Buffer, into: 'out' | 'err') => {
    if (into === 'out') stdout += chunk.toString('utf8');
    else stderr += chunk.toString('utf8');
    if (options.until && options.until.test(stdout + stderr) && child.exitCode === null) {
      stillRunning = true;
      child.kill('SIGKILL');
    }
  };
  child.stdout.on('data', (c: Buffer) => watch(c, 'out'));
  child.stderr.on('data', (c: Buffer) => watch(c, 'err'));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, stillRunning })));
}
