/**
 * A throwaway PostgreSQL cluster for tests and for `npm run bench -- --postgres`: initdb in a temporary folder, the server listening only on a unix socket
 * in that folder (no TCP port to collide on), stopped and deleted after. It uses the distribution's PostgreSQL
 * (Debian's `postgresql`, which `.ci/run` installs when missing), found under /usr/lib/postgresql/<major>/bin or
 * PG_BIN. initdb and postgres refuse to run as root, so as root (CI, this workplace) they run as the `postgres` user
 * that package creates. A missing installation fails the test with what to install: nothing here is ever skipped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresCluster {
  /** A connection string for a new, empty database on this cluster. */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

function binDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'bin', 'initdb'))) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('no PostgreSQL server found under /usr/lib/postgresql: apt-get install postgresql (as .ci/run does), or set PG_BIN');
  return join(root, newest, 'bin');
}

/** As root, the uid and gid of the `postgres` user; otherwise undefined (run as ourselves). */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('running as root, and there is no `postgres` user to run PostgreSQL as (the postgresql package creates it)');
  return { uid, gid };
}

/**
 * Hook timeouts for starting and stopping a cluster: initdb takes a second on an idle machine and far longer on a
 * shared, loaded one; these bound a hang, they time nothing.
 */
export const CLUSTER_START_MS = 180_000;
export const CLUSTER_STOP_MS = 60_000;

let counter = 0;

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = binDir();
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C'], {
    encoding: 'utf8', ...user,
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  // Any port number will do: with no TCP listener it only names the socket file.
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const server = spawn(join(bin, 'postgres'), [
    '-D', data, '-k', dir, '-p', String(port), '-c', 'listen_addresses=', '-c', 'fsync=off',
    '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
  ], { stdio: ['ignore', 'ignore', 'pipe'], ...user });
  let log = '';
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (c: string) => {
    log += c;
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const admin = `postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`;
  await waitUntilReady(admin, () => server.exitCode !== null, () => log);
  return {
    async freshDatabase() {
      const name = `t${process.pid}_${++counter}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@localhost:${port}/${name}?host=${encodeURIComponent(dir)}`;
    },
    async stop() {
      // SIGQUIT: PostgreSQL's "immediate" shutdown, no checkpoint: the cluster and its data are thrown away next.
      if (server.exitCode === null) server.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(url: string, died: () => boolean, log: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (died()) throw new Error(`postgres exited at start: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`postgres did not accept connections in 30 s: ${log()}`);
}
