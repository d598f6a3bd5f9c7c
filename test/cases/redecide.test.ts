/**
 * Re-deciding what a recorded rule status changed: the preview counts the answers and open cases it will change,
 * recording queues one update per conversation through the outbox (with the new verdict and citations), open cases
 * get the new preliminary verdict, a second identical record tells nobody, a restart before delivery delivers each
 * update once, and the per-platform limit holds the rest back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type ComposedApp } from '../../src/app.js';
import { MemoryHumanChannel } from '../../src/cases/memory-human-channel.js';
import { OutboxDispatcher } from '../../src/cases/outbox-dispatcher.js';
import { ConfigSchema } from '../../src/config.js';
import { fixedClock } from '../../src/core/clock.js';
import { newMessage } from '../../src/contracts/message.js';
import { RESUMED } from './status-fixtures.js';

const REEXPORT = 'Our Dutch warehouse resells Chinese-origin Tb oxide to the UK. Licence?';
const NO18 = 'Do sintered NdFeB magnets with Dy from Ningbo to Germany need a licence?';

const apps: ComposedApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

function app(clock: ReturnType<typeof fixedClock>, dbFile = ':memory:', env: Record<string, string> = {}): ComposedApp {
  const a = createApp({ config: ConfigSchema.parse({ LOG_LEVEL: 'silent', ...env }), dbFile, clock });
  apps.push(a);
  return a;
}

function ask(a: ComposedApp, conversation: string, text: string) {
  return a.answer(newMessage({ id: `m-${conversation}`, text, user: `u-${conversation}`, conversation, channel: 'web', receivedAt: a.clock.now() }));
}

function dispatcher(a: ComposedApp, web: MemoryHumanChannel, perMinute?: number): OutboxDispatcher {
  return new OutboxDispatcher({ db: a.db, channels: { web }, clock: a.clock, audit: a.cases.audit, ...(perMinute ? { answerUpdatesPerMinute: perMinute } : {}) });
}

describe('re-deciding after a recorded status', () => {
  it('previews, then tells each earlier asker once with the new verdict and citations, and re-decides the open case', async () => {
    const clock = fixedClock('2026-11-20T09:00:00Z');
    const a = app(clock);
    expect(ask(a, 'c1', REEXPORT).verdict).toBe('escalate');
    expect(ask(a, 'c2', NO18).verdict).toBe('license_required');
    clock.set('2026-11-30T10:00:00Z');

    const preview = a.statusDesk.preview(RESUMED);
    expect(preview).toMatchObject({ answers: 1, cases: 1 });
    expect(preview.sampleAnswers[0]).toMatchObject({ conversationKey: 'web:c1', previousVerdict: 'escalate', verdict: 'license_required' });
    expect(a.statusDesk.list()).toHaveLength(0);

    const outcome = a.statusDesk.record(RESUMED);
    expect(outcome).toMatchObject({ kind: 'recorded', answers: 1, cases: 1 });
    const web = new MemoryHumanChannel('web');
    await dispatcher(a, web).runOnce();
    const told = web.callsOf('notifyAnswerChanged');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ conversation: 'c1', verdict: 'license_required' });
    expect(told[0]?.text).toMatch(/^On 20 November 2026 you asked about Tb oxide .*; the answer was escalate\. Since compliance recorded that CN-ANN-2025-70 was resumed from 2026-11-10, it is now license required, because/);
    expect(told[0]?.citations).toContain('CN-ANN-2026-99');

    const note = a.db.prepare("SELECT note FROM case_events WHERE action = 'note' AND json_extract(detail, '$.redecided') = 1").pluck().all();
    expect(note).toEqual([expect.stringMatching(/^Preliminary verdict now license required \(was escalate\)/)]);

    // The same record again: nothing recorded, nobody told.
    expect(a.statusDesk.record({ ...RESUMED, by: 'officer-b' })).toMatchObject({ kind: 'unchanged', answers: 0, cases: 0 });
    // Another record that leaves the verdict as told: nobody told again either.
    expect(a.statusDesk.record({ ...RESUMED, from: '2026-11-11' })).toMatchObject({ kind: 'recorded', answers: 0, cases: 0 });
    await dispatcher(a, web).runOnce();
    expect(web.callsOf('notifyAnswerChanged')).toHaveLength(1);
    expect(a.cases.verifyAuditTrail().ok).toBe(true);
  }, 60_000);

  it('keeps only each conversation\'s latest decided answer, the one re-deciding reads, and still tells its asker', () => {
    const clock = fixedClock('2026-11-20T09:00:00Z');
    const a = app(clock);
    ask(a, 'c1', NO18);
    ask(a, 'c1', NO18);
    ask(a, 'c1', REEXPORT);
    ask(a, 'c2', NO18);
    const rows = a.db.prepare('SELECT conversation_key AS conversation, verdict FROM decided_answers ORDER BY answer_seq').all();
    expect(rows).toEqual([{ conversation: 'web:c1', verdict: 'escalate' }, { conversation: 'web:c2', verdict: 'license_required' }]);
    // The audit log still holds every answer.
    expect(a.cases.audit.records().filter((r) => r.kind === 'answer')).toHaveLength(4);
    clock.set('2026-11-30T10:00:00Z');
    expect(a.statusDesk.preview(RESUMED)).toMatchObject({ answers: 1 });
  }, 60_000);

  it('delivers each queued update once after a restart before delivery, and holds updates over the per-minute limit', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lodestone-redecide-')), 'lodestone.db');
    const clock = fixedClock('2026-11-20T09:00:00Z');
    const first = app(clock, file);
    ask(first, 'c1', REEXPORT);
    ask(first, 'c2', REEXPORT.replace('Tb oxide', 'Dy oxide'));
    clock.set('2026-11-30T10:00:00Z');
    expect(first.statusDesk.record(RESUMED)).toMatchObject({ answers: 2 });
    // The process stops before the outbox ran: the record and its updates were committed together.
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    const again = app(clock, file);
    const web = new MemoryHumanChannel('web');
    const d = dispatcher(again, web, 1);
    await d.runOnce();
    expect(web.callsOf('notifyAnswerChanged').map((c) => c.conversation)).toEqual(['c1']);
    await d.runOnce();
    expect(web.callsOf('notifyAnswerChanged')).toHaveLength(1);
    clock.advance(61_000);
    await d.runOnce();
    await d.runOnce();
    expect(web.callsOf('notifyAnswerChanged').map((c) => c.conversation)).toEqual(['c1', 'c2']);
  }, 60_000);
});
