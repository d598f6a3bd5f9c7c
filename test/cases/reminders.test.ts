import { afterEach, describe, expect, it } from 'vitest';
import type { CaseService } from '../../src/cases/case-service.js';
import { MemoryHumanChannel } from '../../src/cases/memory-human-channel.js';
import { OutboxDispatcher } from '../../src/cases/outbox-dispatcher.js';
import { escalation, officer, replyTo, service } from './fixtures.js';

const HOUR = 3_600_000;

describe('reminders for unclaimed cases', () => {
  let svc: CaseService;
  afterEach(() => svc.close());

  it('reposts a case left unclaimed past the reminder period, once per period', async () => {
    let clock;
    ({ svc, clock } = service({ reminderHours: 4 }));
    const { case: c } = svc.openCase(escalation());
    const slack = new MemoryHumanChannel('slack');
    const dispatcher = new OutboxDispatcher({ db: svc.db, channels: { slack }, clock });
    await dispatcher.runOnce();

    clock.advance(4 * HOUR - 1);
    expect(svc.sendReminders(clock.now())).toEqual([]);
    clock.advance(1);
    expect(svc.sendReminders(clock.now())).toEqual([c.id]);
    clock.advance(HOUR);
    expect(svc.sendReminders(clock.now())).toEqual([]); // same period
    clock.advance(3 * HOUR);
    expect(svc.sendReminders(clock.now())).toEqual([c.id]); // next period
    await dispatcher.runOnce();

    expect(slack.callsOf('postCase').map((p) => p.caseId)).toEqual([c.id, c.id, c.id]);
    expect(svc.outbox.byKey(`reminder:${c.id}:0:1`)).toBeDefined();
    expect(svc.outbox.byKey(`reminder:${c.id}:0:2`)).toBeDefined();
    expect(svc.get(c.id)?.history.map((h) => h.action)).toEqual(['opened', 'reminded', 'reminded']);
    expect(svc.audit.records().filter((r) => r.kind === 'alert').map((r) => r.payload)).toEqual([
      { type: 'reminder', caseId: c.id, period: 1 }, { type: 'reminder', caseId: c.id, period: 2 },
    ]);
  });

  it('does not remind about claimed or resolved cases', () => {
    let clock;
    ({ svc, clock } = service({ reminderHours: 1 }));
    const a = svc.openCase(escalation({ replyTo: replyTo('a') })).case;
    const b = svc.openCase(escalation({ replyTo: replyTo('b') })).case;
    const waiting = svc.openCase(escalation({ replyTo: replyTo('c') })).case;
    svc.claim(a.id, officer);
    svc.decide(b.id, officer, { verdict: 'not_required' });
    clock.advance(2 * HOUR);
    expect(svc.sendReminders(clock.now())).toEqual([waiting.id]);
  });

  it('starts the reminder clock again when a case is reopened', () => {
    let clock;
    ({ svc, clock } = service({ reminderHours: 2 }));
    const { case: c } = svc.openCase(escalation());
    svc.decide(c.id, officer, { verdict: 'not_required' });
    clock.advance(10 * HOUR);
    svc.reopen(c.id, officer, 'Customer changed the end use.');
    clock.advance(HOUR);
    expect(svc.sendReminders(clock.now())).toEqual([]);
    clock.advance(HOUR);
    expect(svc.sendReminders(clock.now())).toEqual([c.id]);
    expect(svc.outbox.byKey(`reminder:${c.id}:1:1`)).toBeDefined();
  });

  it('skips a queued reminder if the case was claimed before it went out', async () => {
    let clock;
    ({ svc, clock } = service({ reminderHours: 1 }));
    const { case: c } = svc.openCase(escalation());
    const slack = new MemoryHumanChannel('slack');
    const dispatcher = new OutboxDispatcher({ db: svc.db, channels: { slack }, clock });
    await dispatcher.runOnce();
    clock.advance(HOUR);
    svc.sendReminders(clock.now());
    svc.claim(c.id, officer);
    await dispatcher.runOnce();
    expect(slack.callsOf('postCase')).toHaveLength(1);
    expect(slack.callsOf('updateCase').map((u) => u.state)).toEqual(['claimed']);
  });
});
