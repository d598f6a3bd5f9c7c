/**
 * Real processes for the startup tests: the server's own entry point (src/main.ts) or a small test child, bundled
 * with vite (already a dev dependency; Node 20 cannot run TypeScript) into test-artifacts/, inside the repo so the
 * dependencies resolve, then run with only the environment the test gives it. What the process wrote to stdout and
 * stderr is kept whole, so a test can check what an operator would read.
 */
import { spawn } from 'node:child_process';

export { bundleEntry as bundle, type Bundle } from './bundle.js';

/** What the startup log says once the server accepts connections. */
export const LISTENING = 'Lodestone is listening';

export interface Finished {
  /** The exit code; a server stopped here with SIGTERM exits through its own shutdown. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Whether stdout said the server was listening before the process ended. */
  readonly saidListening: boolean;
}

export interface RunOptions {
  /** The whole environment of the child (PATH is added); nothing else is inherited. */
  readonly env: Record<string, string>;
  readonly cwd: string;
}

export interface Running {
  /** Resolves with the first stdout line containing `text`, or rejects if the process ends first. */
  lineWith(text: string): Promise<string>;
  /** SIGTERM, then the whole output once the process has ended. */
  stop(): Promise<Finished>;
  readonly finished: Promise<Finished>;
}

export function startNode(file: string, options: RunOptions): Running {
  const child = spawn(process.execPath, [file], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const watchers: (() => void)[] = [];
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    for (const w of watchers.slice()) w();
  });
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  let ended = false;
  const finished = new Promise<Finished>((resolveRun, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      ended = true;
      resolveRun({ code, stdout, stderr, saidListening: stdout.includes(LISTENING) });
      for (const w of watchers.slice()) w();
    });
  });
  return {
    finished,
    lineWith(text) {
      return new Promise((resolveLine, reject) => {
        const check = () => {
          const line = stdout.split('\n').find((l) => l.includes(text));
          if (line !== undefined) resolveLine(line);
          else if (ended) reject(new Error(`the process ended without printing "${text}":\n${stdout}\n${stderr}`));
          else return;
          watchers.splice(watchers.indexOf(check), 1);
        };
        watchers.push(check);
        check();
      });
    },
    async stop() {
      if (!ended) child.kill('SIGTERM');
      return finished;
    },
  };
}

/**
 * Runs a server until it exits or says it is listening; one that comes up is shut down (SIGTERM), so the caller
 * gets its output either way. A child that does neither is ended by vitest's test timeout.
 */
export function runServer(file: string, options: RunOptions): Promise<Finished> {
  const running = startNode(file, options);
  running.lineWith(LISTENING).then(() => void running.stop(), () => undefined);
  return running.finished;
}
