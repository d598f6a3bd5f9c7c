import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type Database from 'better-sqlite3';
import { openCaseDatabase } from '../../../src/cases/database.js';
import { redrawReply, TranscriptStore } from '../../../src/channels/web/transcript-store.js';
import type { Reply } from '../../../src/contracts/reply.js';
import { reply } from '../../cases/fixtures.js';

let db: Database.Database;
let store: TranscriptStore;

beforeEach(() => {
  db = openCaseDatabase(':memory:');
  store = new TranscriptStore(db);
});
afterEach(() => db.close());

const AT = new Date('2026-03-02T10:00:00Z');

function decided(): Reply {
  return {
    ...reply(),
    fired: [{
      ruleId: 'no18-listed-items', title: 'Announcement 2025 No. 18', match: 'true', status: 'in_force', statusNote: 'in force on 2026-03-02',
      contributes: 'license_required', overriddenBy: null, confirmed: true, unknownFacts: [],
      checks: [{ fact: 'item.elements', label: 'rare earths contained', op: 'containsAny', expected: ['Dy', 'Tb'], actual: { present: ['Dy'] }, result: 'true' }],
    }],
    facts: { destination: 'DE' },
  };
}

describe('TranscriptStore', () => {
  test('keeps a turn deflated and reads back what the page draws: each rule that decided without its checks', () => {
    const added = store.add('conv-1', 'Magnets to Germany?', decided(), AT, 'key-1');
    const stored = db.prepare('SELECT reply FROM web_turns').get() as { reply: unknown };
    expect(stored.reply).toBeInstanceOf(Buffer);
    const [turn] = store.list('conv-1');
    expect(turn).toEqual(added);
    expect(turn?.reply).toEqual(redrawReply(decided()));
    expect(turn?.reply.fired[0]).not.toHaveProperty('checks');
    expect(turn?.reply).not.toHaveProperty('facts');
    expect(store.byKey('conv-1', 'key-1')).toEqual(added);
  });

  test('reads rows an older build wrote as plain JSON with the whole fired results', () => {
    const { frame: _f, facts: _x, ...old } = decided();
    db.prepare('INSERT INTO web_turns (conversation, at, text, reply, delivery_key) VALUES (?, ?, ?, ?, ?)')
      .run('conv-1', AT.toISOString(), 'Magnets to Germany?', JSON.stringify(old), 'key-0');
    const [turn] = store.list('conv-1');
    expect(turn?.reply).toEqual(redrawReply(decided()));
  });

  test('skips a row that does not decode, rather than failing the page', () => {
    db.prepare('INSERT INTO web_turns (conversation, at, text, reply) VALUES (?, ?, ?, ?)')
      .run('conv-1', AT.toISOString(), 'garbled', Buffer.from([1, 2, 3, 4]));
    store.add('conv-1', 'Magnets to Germany?', decided(), AT);
    expect(store.list('conv-1').map((t) => t.text)).toEqual(['Magnets to Germany?']);
  });
});
