/**
 * The rule status desk in Slack, through the real Bolt app with signed requests and the fake Web API: the horizon
 * alert's "Record what followed" opens a modal for officers only; its submission is validated (errors beside the
 * fields), previewed ("this will change N answers and M open cases"), confirmed and recorded; the same question is
 * answered anew at once, the earlier asker's thread gets one update with the new verdict and its citations, a
 * second identical record tells nobody, and a process that dies before every update went out resumes without
 * sending any twice.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxDispatcher } from '../../../src/cases/outbox-dispatcher.js';
import { NOT_OFFICER_STATUS_TEXT } from '../../../src/channels/slack/register-status-desk.js';
import { fixedClock } from '../../../src/core/clock.js';
import type { FakeCall } from './fake-slack-api.js';
import { buttonsOf, headerOf, textOf } from './fixtures.js';
import { COMPLIANCE_CHANNEL, OFFICER, startHarness, type Harness } from './harness.js';
import {
  ask, clickRecord, confirm, date, fillAndPreview, REEXPORT, RESUMED_FORM, submission, SUSPENSION, text, updatesIn, viewText, type ModalView,
} from './status-desk-steps.js';

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function start(clock: ReturnType<typeof fixedClock>, dbFile?: string): Promise<Harness> {
  const h = await startHarness({ clock, ...(dbFile ? { dbFile } : {}) });
  harnesses.push(h);
  return h;
}

function dispatcher(h: Harness, perMinute?: number): OutboxDispatcher {
  return new OutboxDispatcher({
    db: h.app.db, channels: { slack: h.slack.humanChannel }, clock: h.app.clock, audit: h.app.cases.audit,
    ...(perMinute ? { answerUpdatesPerMinute: perMinute } : {}),
  });
}

/** The horizon check of the day, delivered: the alert for No. 70 in the compliance channel. */
async function horizonAlert(h: Harness): Promise<FakeCall> {
  h.app.cases.checkRulesHorizon(h.app.rules, '2026-11-30');
  await dispatcher(h).runOnce();
  const [alert] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === COMPLIANCE_CHANNEL && String(c.args.text).includes(`${SUSPENSION} ended`));
  return alert as FakeCall;
}

describe('the rule status desk in Slack', () => {
  it('records from the horizon alert: officers only, validated, previewed, confirmed; answers change at once; the asker is told once', async () => {
    const clock = fixedClock('2026-11-20T09:00:00Z');
    const h = await start(clock);
    const earlier = await ask(h, 'C_ENG');
    expect(headerOf(earlier.answer)).toContain('compliance officer');
    clock.set('2026-11-30T10:00:00Z');

    const alert = await horizonAlert(h);
    expect(buttonsOf(alert)).toEqual([{ actionId: 'horizon_record', value: SUSPENSION, blockId: `horizon|${SUSPENSION}`, text: 'Record what followed' }]);

    // Not an officer: told privately, no modal, and the attempt is audited.
    h.fake.reset();
    await clickRecord(h, 'U_SOMEONE');
    const [refusal] = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(refusal?.args).toMatchObject({ channel: COMPLIANCE_CHANNEL, user: 'U_SOMEONE', text: NOT_OFFICER_STATUS_TEXT });
    expect(h.fake.callsOf('views.open')).toHaveLength(0);
    expect(h.app.cases.audit.records().some((r) => r.kind === 'refusal' && r.actor === 'slack:U_SOMEONE')).toBe(true);

    // The officer's modal: every source of sources.yaml to choose from.
    await clickRecord(h, OFFICER);
    const [opened] = await h.fake.waitFor((c) => c.method === 'views.open');
    const form = opened?.args.view as ModalView;
    expect(form.callback_id).toBe('status_record');
    const sourceOptions = form.blocks.find((b) => b.block_id === 'source')?.element?.options?.map((o) => o.value);
    expect(sourceOptions).toEqual([...h.app.rules.sources.keys()]);

    // Invalid: the errors go beside their fields, and nothing is stored.
    const invalid = await h.send.interaction(submission(OFFICER, 'status_record', form.private_metadata ?? '', {
      ...RESUMED_FORM, from: date(null), newSourceUrl: text('not a url'),
    }));
    expect(JSON.parse(invalid.body)).toEqual({
      response_action: 'errors', errors: { from: 'resumed needs the day it took effect' },
    });
    const badUrl = await h.send.interaction(submission(OFFICER, 'status_record', form.private_metadata ?? '', { ...RESUMED_FORM, newSourceUrl: text('not a url') }));
    expect(JSON.parse(badUrl.body)).toMatchObject({ response_action: 'errors', errors: { newSourceUrl: expect.any(String) as unknown } });
    // A non-officer who got hold of the form is refused in it.
    const stranger = await h.send.interaction(submission('U_SOMEONE', 'status_record', form.private_metadata ?? '', RESUMED_FORM));
    expect(JSON.parse(stranger.body)).toEqual({ response_action: 'errors', errors: { status: NOT_OFFICER_STATUS_TEXT } });
    expect(h.app.statusDesk.list()).toHaveLength(0);

    // The preview in place of the form, then Confirm.
    const { view } = await fillAndPreview(h);
    expect(view.blocks[0]?.text?.text).toBe('This will change 1 answers and 1 open cases');
    expect(viewText(view)).toContain('An answer in slack, asked 2026-11-20: escalate → license_required');
    expect(viewText(view)).toMatch(/Case C-\d{6}: escalate → license_required/);
    expect(h.app.statusDesk.list()).toHaveLength(0);
    const versionBefore = h.app.rules.version;
    const done = await confirm(h, view);
    expect(viewText(done)).toMatch(/^Recorded for CN-ANN-2025-70 and applied: .* 1 askers whose answer changed will be told; 1 open cases have a new preliminary verdict\.$/);
    expect(h.app.statusDesk.list()).toMatchObject([{ target: SUSPENSION, status: 'resumed', by: `slack:${OFFICER}` }]);
    expect(h.app.rules.version).not.toBe(versionBefore);

    // The same question now: the new verdict at once, citing the new source.
    const again = await ask(h, 'C_OTHER');
    expect(headerOf(again.answer)).toContain('Licence required');
    expect(textOf(again.answer)).toContain('CN-ANN-2026-99');

    // The earlier asker: one update in their thread, with the new verdict and the citations.
    h.fake.reset();
    await dispatcher(h).runOnce();
    const [update] = updatesIn(h.fake.calls, 'C_ENG', earlier.ts);
    expect(updatesIn(h.fake.calls, 'C_ENG', earlier.ts)).toHaveLength(1);
    expect(String(update?.args.text)).toMatch(/^On 20 November 2026 you asked about .*; the answer was escalate\. Since compliance recorded that CN-ANN-2025-70 was resumed from 2026-11-10, it is now license required, because/);
    expect(String(update?.args.text)).toContain('Sources: ');
    expect(String(update?.args.text)).toContain('CN-ANN-2026-99');

    // The same record again: already recorded, nobody told again.
    const second = await fillAndPreview(h);
    expect(second.view.blocks[0]?.text?.text).toBe('This will change 0 answers and 0 open cases');
    expect(viewText(await confirm(h, second.view))).toContain('already recorded');
    h.fake.reset();
    await dispatcher(h).runOnce();
    expect(updatesIn(h.fake.calls, 'C_ENG', earlier.ts)).toHaveLength(0);
    expect(h.app.statusDesk.list()).toHaveLength(1);
    expect(h.app.cases.verifyAuditTrail().ok).toBe(true);
  }, 60_000);

  it('resumes the updates after the process dies midway, and sends none twice', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lodestone-slack-desk-')), 'lodestone.db');
    const clock = fixedClock('2026-11-20T09:00:00Z');
    const first = await start(clock, file);
    const one = await ask(first, 'C_ONE');
    const two = await ask(first, 'C_TWO', REEXPORT.replace('Tb oxide', 'Dy oxide'));
    clock.set('2026-11-30T10:00:00Z');
    await horizonAlert(first);
    const { view } = await fillAndPreview(first);
    expect(view.blocks[0]?.text?.text).toBe('This will change 2 answers and 2 open cases');
    await confirm(first, view);
    // One update goes out (one a minute), then the process dies before the other: no close, no shutdown.
    first.fake.reset();
    await dispatcher(first, 1).runOnce();
    const sentBefore = [...updatesIn(first.fake.calls, 'C_ONE', one.ts), ...updatesIn(first.fake.calls, 'C_TWO', two.ts)];
    expect(sentBefore).toHaveLength(1);

    const restarted = await start(clock, file);
    clock.advance(61_000);
    const d = dispatcher(restarted);
    await d.runOnce();
    await d.runOnce();
    const sentAfter = [...updatesIn(restarted.fake.calls, 'C_ONE', one.ts), ...updatesIn(restarted.fake.calls, 'C_TWO', two.ts)];
    expect(sentAfter).toHaveLength(1);
    // Each asker got exactly one update, across both processes.
    const threads = [...sentBefore, ...sentAfter].map((c) => c.args.thread_ts).sort();
    expect(threads).toEqual([one.ts, two.ts].sort());
    expect(restarted.app.cases.verifyAuditTrail().ok).toBe(true);
  }, 60_000);
});
