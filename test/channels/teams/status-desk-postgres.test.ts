/**
 * The rule status desk in Teams on PostgreSQL (the app several instances run), through the real botbuilder adapter
 * with the fake Bot Connector: two instances on one database. The horizon alert card is posted from the shared
 * outbox; "Record what followed" is refused to non-officers (audited on the one chain), previewed and recorded on one
 * instance; the answer changes at once on the other; the earlier asker, answered by the other instance, gets one
 * update in their chat from whichever dispatcher delivers it; the same record again by Action.Submit on the other
 * instance tells nobody. The SQLite twin, with the field validation and the restart, is status-desk.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PgAuditChain } from '../../../src/cases/postgres/pg-audit-chain.js';
import { verifyPgTrail } from '../../../src/cases/postgres/pg-audit-trail.js';
import { PgCaseService } from '../../../src/cases/postgres/pg-case-service.js';
import { openPostgres } from '../../../src/cases/postgres/pg-database.js';
import { pgDispatchStore } from '../../../src/cases/postgres/pg-dispatch-store.js';
import { OutboxDispatcher } from '../../../src/cases/outbox-dispatcher.js';
import { NOT_OFFICER_STATUS_TEXT } from '../../../src/channels/teams/routes/status-desk-action.js';
import { fixedClock } from '../../../src/core/clock.js';
import { useThrowawayPostgres } from '../../support/postgres.js';
import { FakeConnector } from './fake-connector.js';
import { ASKER, CHANNEL, OFFICER, PERSONAL, cardOf, cardSubmit, cardText, channelMention, startPostgresLodestone } from './harness.js';
import { actionTitled, ask, FORM, invoke, preview, SUSPENSION, updatesTo } from './status-desk-steps.js';

const cluster = useThrowawayPostgres();
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

describe('the rule status desk in Teams, on PostgreSQL', () => {
  it('records from the alert card on one instance, re-decides the answer another gave, and tells its asker once', async () => {
    const url = await cluster().freshDatabase();
    const clock = fixedClock('2026-11-20T09:00:00Z');
    const fake = await FakeConnector.start();
    closing.push(() => fake.close());
    const options = { emulator: fake, env: { TEAMS_LOCAL_OFFICER_ACTIONS: 'true' }, clock };
    const a = await startPostgresLodestone(url, options);
    closing.push(() => a.close());
    const b = await startPostgresLodestone(url, options);
    closing.push(() => b.close());
    const pool = await openPostgres(url, { poolMax: 2 });
    closing.push(() => pool.end());
    const audit = new PgAuditChain(pool);
    const dispatchers = [a, b].map((l) => new OutboxDispatcher({ store: pgDispatchStore(pool), channels: { teams: l.humanChannel }, clock }));
    const drain = async () => {
      await Promise.all(dispatchers.map((d) => d.runOnce()));
    };

    // Answered by instance b, escalated while the suspension's end is unknown.
    const earlier = await ask(fake, b, PERSONAL);
    expect(cardText(cardOf(earlier))).toMatch(/compliance officer/i);
    clock.set('2026-11-30T10:00:00Z');

    // The compliance channel is set on instance a; the daily horizon check queues the alert, any dispatcher posts it.
    expect((await a.post(channelMention(fake, 'use this channel for compliance'))).status).toBe(200);
    const desk = new PgCaseService({ pool, officers: { slack: [], teams: [OFFICER.aadObjectId], web: [] }, clock });
    // The rules that hang on the ended suspension, one alert for them all.
    expect((await desk.checkRulesHorizon(a.app.rules, '2026-11-30')).length).toBeGreaterThan(0);
    await drain();
    const posted = fake.messagesTo(CHANNEL).find((x) => x.body.attachments !== undefined && cardText(cardOf(x)).startsWith(`${SUSPENSION} ended on 2026-11-10`));
    if (!posted) throw new Error('no horizon alert card');
    const alert = cardOf(posted);
    expect(actionTitled(alert, 'Preview')).toEqual({ verb: 'status_preview', data: { action: 'status_preview', target: SUSPENSION } });

    // Not an officer: a refusal, nothing recorded, and the attempt is on the one chain.
    const refused = await invoke(a, fake, 'status_preview', { action: 'status_preview', target: SUSPENSION, ...FORM }, ASKER);
    expect(refused).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: NOT_OFFICER_STATUS_TEXT });
    expect((await audit.records()).some((r) => r.kind === 'refusal' && r.actor === `teams:${ASKER.aadObjectId}`)).toBe(true);

    // Previewed and confirmed on a; recorded for b as well.
    const shown = await preview(a, fake, alert);
    expect(cardText(shown)).toContain('This will change 1 answers and 1 open cases');
    expect(cardText(shown)).toContain('An answer in teams, asked 2026-11-20: escalate → license_required');
    expect(await a.app.ruleDesk.list()).toHaveLength(0);
    const confirm = actionTitled(shown, 'Confirm and record');
    const done = await invoke(a, fake, confirm.verb, confirm.data);
    expect(cardText(done.value)).toMatch(/Recorded for CN-ANN-2025-70 and applied: .* 1 askers whose answer changed will be told; 1 open cases have a new preliminary verdict\./);
    expect(await b.app.ruleDesk.list()).toMatchObject([{ target: SUSPENSION, status: 'resumed', by: `teams:${OFFICER.aadObjectId}` }]);

    // The same question on b: the new verdict at once, citing the new source.
    const again = await ask(fake, b, 'a:personal-chat-bea');
    expect(cardText(cardOf(again))).toMatch(/licence required/i);
    expect(cardText(cardOf(again))).toContain('CN-ANN-2026-99');

    // Both dispatchers drain the outbox: the earlier asker gets one update in their chat.
    await drain();
    const updates = updatesTo(fake, PERSONAL);
    expect(updates).toHaveLength(1);
    expect(String(updates[0]?.body.text)).toMatch(/^On 20 November 2026 you asked about .*; the answer was escalate\. Since compliance recorded that CN-ANN-2025-70 was resumed from 2026-11-10, it is now license required, because/);

    // The same record again, by Action.Submit on b: already recorded, nobody told again.
    await b.post(cardSubmit(fake, { ...actionTitled(alert, 'Preview').data, ...FORM }, OFFICER, 'channel'));
    const previewAgain = cardOf(fake.activities.at(-1)!);
    expect(cardText(previewAgain)).toContain('This will change 0 answers and 0 open cases');
    await b.post(cardSubmit(fake, actionTitled(previewAgain, 'Confirm and record').data, OFFICER, 'channel'));
    expect(cardText(cardOf(fake.activities.at(-1)!))).toContain('That status was already recorded for CN-ANN-2025-70: nothing changed, nobody is told again.');
    await drain();
    expect(updatesTo(fake, PERSONAL)).toHaveLength(1);
    expect(await a.app.ruleDesk.list()).toHaveLength(1);
    expect((await audit.records()).map((r) => r.payload.type).filter((t) => t === 'status_recorded' || t === 'answer_redecided' || t === 'case_redecided'))
      .toEqual(['status_recorded', 'answer_redecided', 'case_redecided']);
    const trail = await verifyPgTrail(pool);
    expect(trail.chain).toMatchObject({ ok: true });
    // One case, the earlier escalation's (the later question was decided without one), as its records leave it.
    expect(trail.cases).toEqual({ checked: 1, problems: [] });
  }, 90_000);
});
