/**
 * One suite, two engines, for the channels' shared state: the session key, the console's alerts, the web inbox, the
 * Teams compliance conversation and deferred cards behave the same on SQLite and on PostgreSQL, and instances
 * sharing one database agree on them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openCaseDatabase } from '../../src/cases/database.js';
import { openPostgres } from '../../src/cases/postgres/pg-database.js';
import { sqliteSharedChannelStores, type SharedChannelStores } from '../../src/channels/channel-store-ports.js';
import { pgSharedChannelStores } from '../../src/channels/postgres/pg-shared-channel-stores.js';
import type { ConversationRef } from '../../src/channels/teams/teams-port.js';
import type { Notice } from '../../src/channels/web/inbox-store.js';
import { useThrowawayPostgres } from '../support/postgres.js';

const cluster = useThrowawayPostgres();

interface Engine {
  instances(n: number): Promise<SharedChannelStores[]>;
  close(): Promise<void>;
}

function sqlite(): Engine {
  const dbs: Database.Database[] = [];
  const dirs: string[] = [];
  return {
    async instances(n) {
      const dir = mkdtempSync(join(tmpdir(), 'lodestone-channel-contract-'));
      dirs.push(dir);
      return Array.from({ length: n }, () => {
        const db = openCaseDatabase(join(dir, 'lodestone.db'), { synchronous: 'NORMAL' });
        dbs.push(db);
        return sqliteSharedChannelStores(db);
      });
    },
    async close() {
      for (const db of dbs.splice(0)) db.close();
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgres(): Engine {
  const pools: pg.Pool[] = [];
  return {
    async instances(n) {
      const url = await cluster().freshDatabase();
      const made = await Promise.all(Array.from({ length: n }, () => openPostgres(url, { poolMax: 3 })));
      pools.push(...made);
      return made.map((p) => pgSharedChannelStores(p));
    },
    async close() {
      await Promise.all(pools.splice(0).map((p) => p.end()));
    },
  };
}

const ref: ConversationRef = {
  serviceUrl: 'https://smba.example/emea/', channelId: 'msteams',
  conversation: { id: '19:compliance@thread.tacv2' }, bot: { id: '28:bot' },
};
const notice: Notice = { caseId: 'CASE-000001', decision: 'license_required', note: 'apply for the licence', by: 'Ana (compliance)', decidedAt: '2026-03-01T10:00:00.000Z' };

describe.each([['sqlite', sqlite], ['postgres', postgres]])('%s channel stores', (_name, make) => {
  const engine = make();
  afterEach(async () => {
    await engine.close();
  });

  it('give every instance the same session key, created once', async () => {
    const instances = await engine.instances(3);
    const keys = await Promise.all(instances.map((s) => s.secret('session')));
    expect(keys[0]!.length).toBe(32);
    expect(keys.map((k) => k.toString('hex'))).toEqual([keys[0]!.toString('hex'), keys[0]!.toString('hex'), keys[0]!.toString('hex')]);
    expect((await instances[0]!.secret('other')).equals(keys[0]!)).toBe(false);
  });

  it('keep an alert once per key, newest first', async () => {
    const [a, b] = await engine.instances(2);
    await a!.alerts.add('unclaimed:1', 'CASE-000001 waits', new Date('2026-03-01T10:00:00Z'));
    await b!.alerts.add('unclaimed:1', 'CASE-000001 waits (again)', new Date('2026-03-01T11:00:00Z'));
    await b!.alerts.add('horizon:r1', 'rule r1 unknown', new Date('2026-03-01T12:00:00Z'));
    expect((await a!.alerts.recent()).map((x) => [x.key, x.text])).toEqual([['horizon:r1', 'rule r1 unknown'], ['unclaimed:1', 'CASE-000001 waits']]);
  });

  it('take an acknowledged alert off the list once, whichever instance acknowledges it', async () => {
    const [a, b] = await engine.instances(2);
    await a!.alerts.add('horizon:r1', 'rule r1 unknown', new Date('2026-03-01T12:00:00Z'));
    await a!.alerts.add('unclaimed:2', 'CASE-000002 waits', new Date('2026-03-01T13:00:00Z'));
    const at = new Date('2026-03-02T09:00:00Z');
    const acks = await Promise.all([a!.alerts.acknowledge('horizon:r1', 'olga', at), b!.alerts.acknowledge('horizon:r1', 'omar', at)]);
    expect(acks.sort()).toEqual([false, true]);
    expect(await b!.alerts.acknowledge('no-such-alert', 'olga', at)).toBe(false);
    expect((await b!.alerts.recent()).map((x) => x.key)).toEqual(['unclaimed:2']);
    expect(await a!.alerts.acknowledgedCount()).toBe(1);
  });

  it('deliver an inbox notice once per key, in order, and forget old ones', async () => {
    const [a, b] = await engine.instances(2);
    expect(await a!.inbox.add('web:c1', 'notify:1', notice, new Date('2026-01-01T00:00:00Z'))).toBe(true);
    expect(await b!.inbox.add('web:c1', 'notify:1', notice, new Date('2026-01-01T00:00:00Z'))).toBe(false);
    expect(await b!.inbox.add('web:c1', 'notify:2', { ...notice, caseId: 'CASE-000002' }, new Date('2026-03-01T00:00:00Z'))).toBe(true);
    const caseIds = (items: readonly { notice: object }[]) => items.map((i) => ('caseId' in i.notice ? i.notice.caseId : undefined));
    const listed = await a!.inbox.list('web:c1');
    expect(caseIds(listed)).toEqual(['CASE-000001', 'CASE-000002']);
    expect(caseIds(await a!.inbox.list('web:c1', listed[0]!.id))).toEqual(['CASE-000002']);
    expect(await a!.inbox.list('web:other')).toEqual([]);
    expect(await b!.inbox.deleteOlderThan(new Date('2026-02-01T00:00:00Z'))).toBe(1);
    expect(caseIds(await a!.inbox.list('web:c1'))).toEqual(['CASE-000002']);
  });

  it('share the Teams compliance conversation and the deferred cards, first card counting', async () => {
    const [a, b] = await engine.instances(2);
    expect(await a!.teams.complianceConversation()).toBeUndefined();
    await a!.teams.setComplianceConversation(ref, { channel: 'teams', user: '29:ana' }, new Date('2026-03-01T10:00:00Z'));
    expect(await b!.teams.complianceConversation()).toEqual(ref);
    await a!.teams.defer('CASE-000002', new Date('2026-03-01T09:00:00Z'));
    await b!.teams.defer('CASE-000001', new Date('2026-03-01T08:00:00Z'));
    await b!.teams.defer('CASE-000001', new Date('2026-03-01T09:30:00Z'));
    expect(await a!.teams.waiting()).toEqual(['CASE-000001', 'CASE-000002']);
    await b!.teams.posted('CASE-000001', 'card-1', new Date('2026-03-01T10:00:00Z'));
    await a!.teams.posted('CASE-000001', 'card-2', new Date('2026-03-01T10:01:00Z'));
    await a!.teams.posted('CASE-000009', 'card-9', new Date('2026-03-01T10:01:00Z'));
    expect(await a!.teams.postedRef('CASE-000001')).toBe('card-1');
    expect(await a!.teams.postedRef('CASE-000009')).toBeUndefined();
    expect(await b!.teams.waiting()).toEqual(['CASE-000002']);
  });
});
