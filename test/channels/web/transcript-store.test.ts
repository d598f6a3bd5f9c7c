import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type Database from 'better-sqlite3';
import { openCaseDatabase } from '../../../src/cases/database.js';
import { deflateRawSync } from 'node:zlib';
import { replyDictionary } from '../../../src/channels/web/reply-dictionary.js';
import { encodeKeptReply, redrawReply, TranscriptStore } from '../../../src/channels/web/transcript-store.js';
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

/** A rule set whose only sentence is `sentence` (in a topic): what the dictionary is built from. */
function rulesWith(sentence: string): Parameters<typeof replyDictionary>[0] {
  return { rules: [], sources: new Map(), questions: new Map(), topics: [{ id: 't', intent: 'regulation_info', title: sentence, terms: [], exactTerms: [], answer: [], sources: [] }] };
}

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

  test('deflates with the rules\' dictionary, kept once in the database; the row names it and is smaller', () => {
    const rules = rulesWith('Announcement 2025 No. 18: rare earths contained');
    const dictionary = replyDictionary(rules);
    const withDictionary = new TranscriptStore(db, dictionary);
    // A second store over the same rules keeps the one row.
    new TranscriptStore(db, replyDictionary(rules));
    expect(db.prepare('SELECT COUNT(*) FROM transcript_dictionaries').pluck().get()).toBe(1);
    const added = withDictionary.add('conv-1', 'Magnets to Germany?', decided(), AT, 'key-1');
    const stored = db.prepare('SELECT reply, reply_dictionary FROM web_turns').get() as { reply: Buffer; reply_dictionary: number };
    expect(stored.reply_dictionary).toBe(db.prepare('SELECT id FROM transcript_dictionaries').pluck().get());
    expect(stored.reply.length).toBeLessThan(encodeKeptReply(redrawReply(decided())).length);
    expect(withDictionary.list('conv-1')).toEqual([added]);
    expect(withDictionary.byKey('conv-1', 'key-1')).toEqual(added);
  });

  test('reads rows written under earlier rules\' dictionaries and rows deflated alone, after the rules change', () => {
    const before = new TranscriptStore(db, replyDictionary(rulesWith('Announcement 2025 No. 18 (old words)')));
    const old = before.add('conv-1', 'first', decided(), AT);
    db.prepare('INSERT INTO web_turns (conversation, at, text, reply) VALUES (?, ?, ?, ?)')
      .run('conv-1', AT.toISOString(), 'second', deflateRawSync(JSON.stringify(redrawReply(decided()))));
    const after = new TranscriptStore(db, replyDictionary(rulesWith('Announcement 2025 No. 18 (new words)')));
    const latest = after.add('conv-1', 'third', decided(), AT);
    expect(db.prepare('SELECT COUNT(*) FROM transcript_dictionaries').pluck().get()).toBe(2);
    const turns = after.list('conv-1');
    expect(turns.map((t) => t.text)).toEqual(['first', 'second', 'third']);
    expect(turns[0]).toEqual(old);
    expect(turns[2]).toEqual(latest);
    expect(turns[1]?.reply).toEqual(redrawReply(decided()));
  });
});
