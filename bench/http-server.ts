/**
 * The server side of the HTTP bench, in its own process (forked by http-bench.ts), so the load generator does not
 * share its event loop or its CPU account. `lodestone`: the real app and web channel on a file database with the
 * production settings (WAL, synchronous=FULL, audit anchors, the turn worker); `lodestone-main-thread`: the same with
 * TURN_WORKER=off, every turn on the HTTP thread. `bare`: Express 5 answering every POST with one fixed
 * 11 KB JSON body after parsing the request's JSON, the same framework's floor on this machine.
 * Over IPC: sends {port} when listening; on 'start' resets its counters; on 'stop' sends what it measured.
 */
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import express from 'express';
import { createApp, type ComposedApp as App } from '../src/app.js';
import { createWebChannel } from '../src/channels/web/web-channel.js';
import { ConfigSchema } from '../src/config.js';
import { createHttpApp } from '../src/server.js';

export interface ServerStats {
  readonly lagP99Ms: number;
  readonly cpuMs: number;
  readonly dbBytes: number;
  readonly turns: number;
  readonly cases: number;
  /** Bytes per table with its indexes (SQLite's dbstat), to say where a turn's bytes go. */
  readonly tableBytes: Record<string, number>;
}

const [mode, dir = '.'] = process.argv.slice(2);
const lag = monitorEventLoopDelay({ resolution: 1 });
let cpu = process.cpuUsage();
let app: App | undefined;

function fixedBody(): unknown {
  // About 11 KB, as the bare-Express measurement.
  return { items: Array.from({ length: 110 }, (_, i) => ({ id: i, text: 'x'.repeat(70) })) };
}

function dbBytes(a: App): number {
  a.db.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(join(dir, 'lodestone.db')).size;
}

function tableBytes(a: App): Record<string, number> {
  const rows = a.db.prepare(`SELECT coalesce(m.tbl_name, s.name) AS tbl, SUM(s.pgsize) AS bytes FROM dbstat s
    LEFT JOIN sqlite_schema m ON m.name = s.name GROUP BY tbl ORDER BY bytes DESC`).all() as { tbl: string; bytes: number }[];
  return Object.fromEntries(rows.map((r) => [r.tbl, r.bytes]));
}

function count(a: App, table: 'web_turns' | 'cases'): number {
  return (a.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

async function main(): Promise<void> {
  let handler;
  if (mode === 'bare') {
    const bare = express();
    const body = fixedBody();
    bare.post('/bare', express.json(), (_req, res) => {
      res.json(body);
    });
    handler = bare;
  } else {
    const turnWorker = mode === 'lodestone' ? new URL('../src/turn-worker.js', import.meta.url) : undefined;
    app = createApp({ config: ConfigSchema.parse({ LOG_LEVEL: 'silent', DATA_DIR: dir }), dbFile: join(dir, 'lodestone.db'), turnWorker });
    handler = createHttpApp(app, [createWebChannel(app)]);
  }
  const server = handler.listen(0, '127.0.0.1', () => {
    process.send?.({ port: (server.address() as AddressInfo).port });
  });
  process.on('message', (m: unknown) => {
    if (m === 'start') {
      lag.reset();
      lag.enable();
      cpu = process.cpuUsage();
    } else if (m === 'stop') {
      lag.disable();
      const used = process.cpuUsage(cpu);
      const stats: ServerStats = {
        lagP99Ms: lag.percentile(99) / 1e6,
        cpuMs: (used.user + used.system) / 1000,
        dbBytes: app ? dbBytes(app) : 0,
        turns: app ? count(app, 'web_turns') : 0,
        cases: app ? count(app, 'cases') : 0,
        tableBytes: app ? tableBytes(app) : {},
      };
      process.send?.({ stats });
    } else if (m === 'exit') {
      server.close();
      void app?.close().then(() => process.exit(0));
      if (!app) process.exit(0);
    }
  });
}

void main();
