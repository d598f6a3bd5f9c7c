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
import { BOT_USER_ID, TEAM_ID, type FakeCall } from './fake-slack-api.js';
import { blockAction, buttonsOf, headerOf, textOf, triggerId } from './fixtures.js';
import { COMPLIANCE_CHANNEL, OFFICER, startHarness, type Harness } from './harness.js';

const REEXPORT = 'Our Dutch warehouse resells Chinese-origin Tb oxide to the UK. Licence?';
const SUSPENSION = 'CN-ANN-2025-70';

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

let seq = 0;
async function ask(h: Harness, channel: string, text = REEXPORT): Promise<{ ts: string; answer: FakeCall }> {
  seq += 1;
  const ts = `1730000${String(seq).padStart(3, '0')}.000100`;
  await h.send.event({ type: 'app_mention', user: `U_ASKER${seq}`, channel, ts, event_ts: ts, text: `<@${BOT_USER_ID}> ${text}` });
  await h.slack.idle();
  const [answer] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.args.thread_ts === ts);
  if (!answer) throw new Error('no answer');
  return { ts, answer };
}

/** The horizon check of the day, delivered: the alert for No. 70 in the compliance channel. */
async function horizonAlert(h: Harness): Promise<FakeCall> {
  h.app.cases.checkRulesHorizon(h.app.rules, '2026-11-30');
  await dispatcher(h).runOnce();
  const [alert] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === COMPLIANCE_CHANNEL && String(c.args.text).includes(`${SUSPENSION} ended`));
  return alert as FakeCall;
}

function clickRecord(h: Harness, user: string) {
  return h.send.interaction(blockAction({
    user, channel: COMPLIANCE_CHANNEL, messageTs: '1730999999.000001', actionId: 'horizon_record', blockId: `horizon|${SUSPENSION}`,
    value: SUSPENSION, responseUrl: h.fake.responseUrl('record'),
  }));
}

type Field = { readonly type: 'static_select' | 'datepicker' | 'plain_text_input'; readonly value: string | null };
const select = (value: string | null): Field => ({ type: 'static_select', value });
const date = (value: string | null): Field => ({ type: 'datepicker', value });
const text = (value: string | null): Field => ({ type: 'plain_text_input', value });

/** A view_submission as Slack sends it, with each field's state in the shape of its element type. */
function submission(user: string, callbackId: string, privateMetadata: string, fields: Record<string, Field> = {}): Record<string, unknown> {
  const values = Object.fromEntries(Object.entries(fields).map(([field, f]) => {
    const state = f.type === 'static_select'
      ? { type: f.type, selected_option: f.value ? { text: { type: 'plain_text', text: f.value }, value: f.value } : null }
      : f.type === 'datepicker' ? { type: f.type, selected_date: f.value } : { type: f.type, value: f.value };
    return [field, { [`${field}_input`]: state }];
  }));
  return {
    type: 'view_submission', token: 'legacy-unused', api_app_id: 'A_TEST', trigger_id: triggerId(),
    team: { id: TEAM_ID, domain: 'test' }, user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM_ID },
    view: { id: 'V_STATUS', type: 'modal', team_id: TEAM_ID, callback_id: callbackId, private_metadata: privateMetadata, state: { values } },
  };
}

const RESUMED_FORM = {
  status: select('resumed'), from: date('2026-11-10'), until: date(null), source: select(null),
  newSourceId: text('CN-ANN-2026-99'), newSourceTitle: text('Test notice: No. 70 not renewed'), newSourceDate: date('2026-11-12'),
  newSourceUrl: text('https://www.mofcom.gov.cn/test-notice'), why: text('MOFCOM notice: the suspension was not renewed.'),
};

interface ModalView {
  readonly callback_id: string;
  readonly private_metadata?: string;
  readonly blocks: readonly { readonly type: string; readonly block_id?: string; readonly text?: { readonly text: string }; readonly element?: { readonly options?: readonly { readonly value: string }[] } }[];
}

function viewText(v: ModalView): string {
  return v.blocks.map((b) => b.text?.text ?? '').join('\n');
}

/** Officer: click, fill in the form, see the preview; returns the confirm view. */
async function fillAndPreview(h: Harness): Promise<{ view: ModalView }> {
  h.fake.reset();
  expect((await clickRecord(h, OFFICER)).status).toBe(200);
  const [opened] = await h.fake.waitFor((c) => c.method === 'views.open');
  const form = opened?.args.view as ModalView;
  expect(form.callback_id).toBe('status_record');
  const res = await h.send.interaction(submission(OFFICER, 'status_record', form.private_metadata ?? '', RESUMED_FORM));
  const ack = JSON.parse(res.body) as { response_action: string; view: ModalView };
  expect(ack.response_action).toBe('update');
  expect(ack.view.callback_id).toBe('status_confirm');
  return { view: ack.view };
}

async function confirm(h: Harness, view: ModalView, user = OFFICER): Promise<ModalView> {
  const res = await h.send.interaction(submission(user, 'status_confirm', view.private_metadata ?? ''));
  const ack = JSON.parse(res.body) as { response_action: string; view: ModalView };
  expect(ack.response_action).toBe('update');
  return ack.view;
}

function updatesIn(calls: readonly FakeCall[], channel: string, ts: string): FakeCall[] {
  return calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.args.thread_ts === ts && String(c.args.text).startsWith('On '));
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
