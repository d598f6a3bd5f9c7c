/**
 * The rule status desk in Slack on PostgreSQL (the app several instances run), through the real Bolt app with signed
 * requests and the fake Web API: "Record what followed" is refused to non-officers (audited on the one chain),
 * previewed and recorded for officers; the answer changes at once on every instance; the earlier asker, whose
 * question was answered by another instance, gets one update in their thread from whichever dispatcher delivers it;
 * a second identical record tells nobody.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PgAuditChain } from '../../../src/cases/postgres/pg-audit-chain.js';
import { openPostgres } from '../../../src/cases/postgres/pg-database.js';
import { pgDispatchStore } from '../../../src/cases/postgres/pg-dispatch-store.js';
import { OutboxDispatcher } from '../../../src/cases/outbox-dispatcher.js';
import { NOT_OFFICER_STATUS_TEXT } from '../../../src/channels/slack/register-status-desk.js';
import { fixedClock } from '../../../src/core/clock.js';
import { useThrowawayPostgres } from '../../support/postgres.js';
import { headerOf, textOf } from './fixtures.js';
import { COMPLIANCE_CHANNEL, startPostgresHarness, type AnyHarness } from './harness.js';
import { ask, clickRecord, confirm, fillAndPreview, SUSPENSION, updatesIn, viewText } from './status-desk-steps.js';

const cluster = useThrowawayPostgres();
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

describe('the rule status desk in Slack, on PostgreSQL', () => {
  it('records from Slack on one instance, re-decides the answer another gave, and tells its asker once', async () => {
    const url = await cluster().freshDatabase();
    const clock = fixedClock('2026-11-20T09:00:00Z');
    const a: AnyHarness = await startPostgresHarness(url, { clock });
    closing.push(() => a.close());
    const b: AnyHarness = await startPostgresHarness(url, { clock });
    closing.push(() => b.close());
    const pool = await openPostgres(url, { poolMax: 2 });
    closing.push(() => pool.end());
    const audit = new PgAuditChain(pool);

    const earlier = await ask(b, 'C_ENG');
    expect(headerOf(earlier.answer)).toContain('compliance officer');
    clock.set('2026-11-30T10:00:00Z');

    // Not an officer: told privately, no modal, and the attempt is on the chain.
    a.fake.reset();
    await clickRecord(a, 'U_SOMEONE');
    const [refusal] = await a.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(refusal?.args).toMatchObject({ channel: COMPLIANCE_CHANNEL, user: 'U_SOMEONE', text: NOT_OFFICER_STATUS_TEXT });
    expect(a.fake.callsOf('views.open')).toHaveLength(0);
    expect((await audit.records()).some((r) => r.kind === 'refusal' && r.actor === 'slack:U_SOMEONE')).toBe(true);

    const { view } = await fillAndPreview(a);
    expect(view.blocks[0]?.text?.text).toBe('This will change 1 answers and 1 open cases');
    expect(viewText(view)).toMatch(/Case C-\d{6}: escalate → license_required/);
    expect(await a.app.ruleDesk.list()).toHaveLength(0);
    const done = await confirm(a, view);
    expect(viewText(done)).toMatch(/^Recorded for CN-ANN-2025-70 and applied: .* 1 askers whose answer changed will be told; 1 open cases have a new preliminary verdict\.$/);
    expect(await b.app.ruleDesk.list()).toMatchObject([{ target: SUSPENSION, status: 'resumed', by: 'slack:U_OFFICER' }]);

    // The same question on the other instance: the new verdict at once.
    const again = await ask(b, 'C_OTHER');
    expect(headerOf(again.answer)).toContain('Licence required');
    expect(textOf(again.answer)).toContain('CN-ANN-2026-99');

    // Two dispatchers drain the outbox; the earlier asker gets one update in their thread.
    a.fake.reset();
    b.fake.reset();
    const dispatchers = [a, b].map((h) => new OutboxDispatcher({ store: pgDispatchStore(pool), channels: { slack: h.slack.humanChannel }, clock }));
    await Promise.all(dispatchers.map((d) => d.runOnce()));
    const updates = [...updatesIn(a.fake.calls, 'C_ENG', earlier.ts), ...updatesIn(b.fake.calls, 'C_ENG', earlier.ts)];
    expect(updates).toHaveLength(1);
    expect(String(updates[0]?.args.text)).toMatch(/^On 20 November 2026 you asked about .*; the answer was escalate\. Since compliance recorded that CN-ANN-2025-70 was resumed from 2026-11-10, it is now license required, because/);
    expect(String(updates[0]?.args.text)).toContain('CN-ANN-2026-99');

    // The same record again, from the other instance: already recorded, nobody told again.
    const second = await fillAndPreview(b);
    expect(second.view.blocks[0]?.text?.text).toBe('This will change 0 answers and 0 open cases');
    expect(viewText(await confirm(b, second.view))).toContain('already recorded');
    a.fake.reset();
    await dispatchers[0]?.runOnce();
    expect(updatesIn(a.fake.calls, 'C_ENG', earlier.ts)).toHaveLength(0);
    expect((await audit.records()).map((r) => r.payload.type).filter((t) => t === 'status_recorded' || t === 'answer_redecided' || t === 'case_redecided'))
      .toEqual(['status_recorded', 'answer_redecided', 'case_redecided']);
    expect(await audit.verify()).toMatchObject({ ok: true });
  }, 90_000);
});
