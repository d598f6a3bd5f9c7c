import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type Database from 'better-sqlite3';
import type { CaseView } from '../../../src/cases/case-view.js';
import { compactDecision } from '../../../src/cases/case-decision.js';
import { HumanChannelError } from '../../../src/cases/human-channel.js';
import { fixedClock } from '../../../src/core/clock.js';
import { AlertStore } from '../../../src/channels/web/alert-store.js';
import { InboxStore } from '../../../src/channels/web/inbox-store.js';
import { WebHumanChannel } from '../../../src/channels/web/web-human-channel.js';
import { openCaseDatabase } from '../../../src/cases/database.js';
import { decision, magnetFacts } from '../../cases/fixtures.js';

let db: Database.Database;
let inbox: InboxStore;
let alerts: AlertStore;
let channel: WebHumanChannel;

beforeEach(() => {
  db = openCaseDatabase(':memory:');
  inbox = new InboxStore(db);
  alerts = new AlertStore(db);
  channel = new WebHumanChannel(inbox, alerts, fixedClock('2026-03-02T10:00:00Z'));
});

afterEach(() => db.close());

function resolvedCase(overrides: Partial<CaseView> = {}): CaseView {
  const officer = { channel: 'web' as const, user: 'console', name: 'Olga' };
  return {
    id: 'C-000003', state: 'resolved', question: 'Magnets to Germany?', turns: [], facts: magnetFacts, factsKey: 'k',
    decision: compactDecision(decision()), verdict: 'escalate', rulesVersion: 'abc',
    asker: { channel: 'web', user: 'visitor-1' },
    replyTo: { channel: 'web', user: 'visitor-1', conversation: 'web-conv-1' },
    claimedBy: officer, claimedAt: '2026-03-02T09:30:00.000Z',
    resolution: { decision: 'prohibited', note: 'Military end user.', by: officer, at: '2026-03-02T09:45:00.000Z', reusable: false },
    createdAt: '2026-03-02T09:00:00.000Z', updatedAt: '2026-03-02T09:45:00.000Z', redactedAt: null, history: [],
    ...overrides,
  };
}

describe('WebHumanChannel', () => {
  test("notifyAsker puts the decision in the asker's conversation inbox once, even when delivered twice", async () => {
    await channel.notifyAsker(resolvedCase());
    await channel.notifyAsker(resolvedCase());
    const items = inbox.list('web-conv-1');
    expect(items).toHaveLength(1);
    expect(items[0]?.notice).toEqual({ caseId: 'C-000003', decision: 'prohibited', note: 'Military end user.', by: 'Olga', decidedAt: '2026-03-02T09:45:00.000Z' });
    expect(inbox.list('web-other')).toEqual([]);
  });

  test('a case decided again after reopening is a new notice', async () => {
    await channel.notifyAsker(resolvedCase());
    const later = resolvedCase();
    await channel.notifyAsker({ ...later, resolution: later.resolution && { ...later.resolution, decision: 'license_required', at: '2026-03-03T08:00:00.000Z' } });
    expect(inbox.list('web-conv-1').map((i) => ('decision' in i.notice ? i.notice.decision : i.notice.kind))).toEqual(['prohibited', 'license_required']);
  });

  test('refuses, as permanent, a case asked on another channel or without a decision', async () => {
    const slack = resolvedCase({ replyTo: { channel: 'slack', user: 'U1', conversation: 'C1' } });
    await expect(channel.notifyAsker(slack)).rejects.toSatisfy((e) => e instanceof HumanChannelError && e.permanent);
    await expect(channel.notifyAsker(resolvedCase({ resolution: null }))).rejects.toSatisfy((e) => e instanceof HumanChannelError && e.permanent);
  });

  test('postCase hands back a web reference; postAlert keeps one alert per key', async () => {
    expect(await channel.postCase(resolvedCase())).toEqual({ ref: 'web:C-000003' });
    await channel.postAlert('Rule x: status unknown', 'horizon:x');
    await channel.postAlert('Rule x: status unknown', 'horizon:x');
    expect(alerts.recent()).toEqual([{ key: 'horizon:x', at: '2026-03-02T10:00:00.000Z', text: 'Rule x: status unknown' }]);
  });
});
