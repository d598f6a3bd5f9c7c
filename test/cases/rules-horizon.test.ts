import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { ruleStatus } from '../../src/rules/rule-status.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { RuleSchema, type Rule, type RuleInput } from '../../src/rules/schema.js';
import type { CaseService } from '../../src/cases/case-service.js';
import { DailyScheduler } from '../../src/cases/daily-scheduler.js';
import { scheduleRulesHorizon } from '../../src/cases/horizon-schedule.js';
import { MemoryHumanChannel } from '../../src/cases/memory-human-channel.js';
import { OutboxDispatcher } from '../../src/cases/outbox-dispatcher.js';
import { service } from './fixtures.js';

function rule(id: string, suspensions: RuleInput['suspensions'] = []): Rule {
  return RuleSchema.parse({
    id, title: `Test rule ${id}`, appliesTo: 'goods', sources: [{ id: 'CN-ANN-2025-18' }],
    when: { fact: 'destination', op: 'equal', value: 'US' }, verdict: 'license_required',
    explanation: 'A rule made up for the horizon tests.', effectiveFrom: '2025-01-01', suspensions, confirmed: true,
  });
}

/** One rule whose suspension ends on 2026-11-10 with nothing recorded after, one in force, one resumed. */
const ruleSet = {
  version: 'testrules001',
  rules: [
    rule('suspended-then-unknown', [{ from: '2025-11-07', until: '2026-11-10', source: { id: 'CN-ANN-2025-70' } }]),
    rule('always-in-force'),
    rule('suspended-then-resumed', [{
      from: '2025-11-07', until: '2026-11-10', source: { id: 'CN-ANN-2025-70' },
      then: { status: 'resumed', date: '2026-11-10', source: { id: 'CN-ANN-2025-72' } },
    }]),
  ],
};

describe('rules horizon alert', () => {
  let svc: CaseService;
  afterEach(() => svc.close());

  it('alerts once per ended suspension per day when a rule status is unknown, via the outbox and the audit log', async () => {
    ({ svc } = service());
    expect(svc.checkRulesHorizon(ruleSet, '2026-11-09')).toEqual([]);
    expect(svc.checkRulesHorizon(ruleSet, '2026-11-10')).toEqual(['suspended-then-unknown']);
    expect(svc.checkRulesHorizon(ruleSet, '2026-11-10')).toEqual([]);
    expect(svc.checkRulesHorizon(ruleSet, '2026-11-11')).toEqual(['suspended-then-unknown']);

    const slack = new MemoryHumanChannel('slack');
    const teams = new MemoryHumanChannel('teams');
    await new OutboxDispatcher({ db: svc.db, channels: { slack, teams } }).runOnce();
    for (const ch of [slack, teams]) {
      expect(ch.callsOf('postAlert').map((a) => a.key)).toEqual([
        'horizon:CN-ANN-2025-70:2026-11-10', 'horizon:CN-ANN-2025-70:2026-11-11',
      ]);
    }
    expect(slack.callsOf('postAlert')[0]?.text).toBe(
      'CN-ANN-2025-70 ended on 2026-11-10: 1 rule, status unknown (suspended-then-unknown). rules/ record nothing about what followed, '
      + 'so questions that depend on it escalate. Record what followed in the console\'s rule status desk (/console/rules) or with lodestone rules record CN-ANN-2025-70.',
    );
    expect(svc.audit.records().map((r) => r.payload)).toEqual([
      { type: 'rules_horizon', ruleIds: ['suspended-then-unknown'], day: '2026-11-10', since: '2026-11-10', source: 'CN-ANN-2025-70', rulesVersion: 'testrules001' },
      { type: 'rules_horizon', ruleIds: ['suspended-then-unknown'], day: '2026-11-11', since: '2026-11-10', source: 'CN-ANN-2025-70', rulesVersion: 'testrules001' },
    ]);
  });

  it('alerts exactly the shipped rules whose status is unknown on a day', () => {
    ({ svc } = service());
    const shipped = loadRuleSet('rules');
    const day = '2026-11-10';
    const expected = shipped.rules.filter((r) => ruleStatus(r, day).kind === 'status_unknown').map((r) => r.id);
    expect(svc.checkRulesHorizon(shipped, day)).toEqual(expected);
  });

  it('says the reported extension, and on its end date (2027-01-10) that the day has come', async () => {
    ({ svc } = service());
    const reported = {
      version: 'testrules002',
      rules: [rule('reported-extension', [{
        from: '2025-11-07', until: '2026-11-10', source: { id: 'CN-ANN-2025-70' }, reported: { until: '2027-01-10', by: 'both governments in September 2026', source: { id: 'CN-MOFCOM-2026-09-28' } },
      }])],
    };
    expect(svc.checkRulesHorizon(reported, '2027-01-09')).toEqual(['reported-extension']);
    expect(svc.checkRulesHorizon(reported, '2027-01-10')).toEqual(['reported-extension']);
    const slack = new MemoryHumanChannel('slack');
    await new OutboxDispatcher({ db: svc.db, channels: { slack } }).runOnce();
    const [before, on] = slack.callsOf('postAlert');
    expect(before?.text).toMatch(/An extension to 2027-01-10 was reported by CN-MOFCOM-2026-09-28 without an implementing notice; 2027-01-10 is the next date to watch/);
    expect(on?.text).toMatch(/Today, 2027-01-10, is the end of the extension reported by CN-MOFCOM-2026-09-28/);
  });

  it('rejects a day that is not YYYY-MM-DD', () => {
    ({ svc } = service());
    expect(() => svc.checkRulesHorizon(ruleSet, '10/11/2026')).toThrow();
  });
});

describe('daily horizon schedule', () => {
  let svc: CaseService;
  afterEach(() => svc.close());

  it('checks on start and again when the injected clock reaches a new day, not twice in a day', async () => {
    ({ svc } = service());
    const clock = fixedClock('2026-11-09T23:00:00Z');
    const scheduler = scheduleRulesHorizon(svc, () => ruleSet, clock);
    await scheduler.start();
    scheduler.stop();
    expect(svc.outbox.counts().pending).toBe(0); // 2026-11-09: still suspended

    clock.advance(3_600_000); // midnight: 2026-11-10
    expect(await scheduler.tick()).toBe(true);
    clock.advance(6 * 3_600_000);
    expect(await scheduler.tick()).toBe(false);
    clock.set('2026-11-11T08:00:00Z');
    expect(await scheduler.tick()).toBe(true);
    const keys = svc.db.prepare(`SELECT key FROM outbox WHERE kind = 'alert' ORDER BY id`).all();
    expect(keys).toEqual([
      { key: 'horizon:CN-ANN-2025-70:2026-11-10' }, { key: 'horizon:CN-ANN-2025-70:2026-11-11' },
    ]);
  });

  it('retries the same day after the task failed', async () => {
    ({ svc } = service());
    const clock = fixedClock('2026-11-10T10:00:00Z');
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = new DailyScheduler(clock, () => {
      calls++;
      if (calls === 1) throw new Error('rules failed to load');
    }, { onError: (e) => errors.push(e) });
    expect(await scheduler.tick()).toBe(false);
    expect(await scheduler.tick()).toBe(true);
    expect(await scheduler.tick()).toBe(false);
    expect(errors).toHaveLength(1);
  });
});
