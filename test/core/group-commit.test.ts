import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/core/group-commit.js';
import { WorkQueue } from '../../src/channels/slack/work-queue.js';

function db(): Database.Database {
  const d = new Database(':memory:');
  d.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
  return d;
}

describe('group commit', () => {
  it('commits work queued in the same turn in one transaction, and undoes only the piece that threw', async () => {
    const d = db();
    const gc = new GroupCommit(d);
    const insert = d.prepare('INSERT INTO t VALUES (?)');
    const results = await Promise.allSettled([
      gc.run(() => insert.run('a').changes),
      gc.run(() => {
        insert.run('b');
        throw new Error('boom');
      }),
      gc.run(() => insert.run('c').changes),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(d.prepare('SELECT k FROM t ORDER BY k').pluck().all()).toEqual(['a', 'c']);
    expect(gc.batches).toBe(1);
  });

  it('ends a batch when its time budget is spent, and runs the rest in the next', async () => {
    const d = db();
    let t = 0;
    const gc = new GroupCommit(d, { budgetMs: 10, now: () => t });
    const insert = d.prepare('INSERT INTO t VALUES (?)');
    await Promise.all(['a', 'b', 'c', 'd'].map((k) => gc.run(() => {
      insert.run(k);
      t += 6;
    })));
    expect(gc.batches).toBe(2);
    expect(d.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(4);
  });

  it('tells nobody a result before the commit', async () => {
    const d = db();
    const gc = new GroupCommit(d);
    const p = gc.run(() => d.inTransaction);
    await expect(p).resolves.toBe(true);
    expect(d.inTransaction).toBe(false);
  });
});

describe('work queue', () => {
  it('runs the jobs of one conversation in arrival order, even when an earlier one is slower', async () => {
    const order: string[] = [];
    const q = new WorkQueue({ onError: () => undefined });
    q.push('thread-1', async () => {
      await new Promise((r) => setTimeout(r, 30));
      order.push('1a');
    });
    q.push('thread-2', async () => {
      order.push('2a');
    });
    q.push('thread-1', async () => {
      order.push('1b');
    });
    await q.idle();
    expect(order).toEqual(['2a', '1a', '1b']);
  });

  it('sheds work beyond its bound and says so', async () => {
    const dropped: string[] = [];
    const q = new WorkQueue({ maxPending: 1, onError: () => undefined, onDrop: (k) => dropped.push(k) });
    expect(q.push('a', async () => undefined)).toBe(true);
    expect(q.push('b', async () => undefined)).toBe(false);
    await q.idle();
    expect(dropped).toEqual(['b']);
  });

  it('reports a failed job and keeps going', async () => {
    const errors: unknown[] = [];
    const q = new WorkQueue({ onError: (e) => errors.push(e) });
    let ran = false;
    q.push('k', async () => {
      throw new Error('nope');
    });
    q.push('k', async () => {
      ran = true;
    });
    await q.idle();
    expect(errors).toHaveLength(1);
    expect(ran).toBe(true);
  });
});
