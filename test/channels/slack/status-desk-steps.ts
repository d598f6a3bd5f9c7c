/**
 * The steps of recording a status from Slack, shared by the suites on SQLite and on PostgreSQL: an asker's question
 * and its answer in a thread, the officer's click on "Record what followed", the modal's submissions as Slack sends
 * them, and the updates an earlier asker gets in their thread.
 */
import { expect } from 'vitest';
import { BOT_USER_ID, TEAM_ID, type FakeCall } from './fake-slack-api.js';
import { blockAction, triggerId } from './fixtures.js';
import { COMPLIANCE_CHANNEL, OFFICER, type AnyHarness } from './harness.js';

export const REEXPORT = 'Our Dutch warehouse resells Chinese-origin Tb oxide to the UK. Licence?';
export const SUSPENSION = 'CN-ANN-2025-70';

let seq = 0;
export async function ask(h: AnyHarness, channel: string, text = REEXPORT): Promise<{ ts: string; answer: FakeCall }> {
  seq += 1;
  const ts = `1730000${String(seq).padStart(3, '0')}.000100`;
  await h.send.event({ type: 'app_mention', user: `U_ASKER${seq}`, channel, ts, event_ts: ts, text: `<@${BOT_USER_ID}> ${text}` });
  await h.slack.idle();
  const [answer] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.args.thread_ts === ts);
  if (!answer) throw new Error('no answer');
  return { ts, answer };
}

export function clickRecord(h: AnyHarness, user: string) {
  return h.send.interaction(blockAction({
    user, channel: COMPLIANCE_CHANNEL, messageTs: '1730999999.000001', actionId: 'horizon_record', blockId: `horizon|${SUSPENSION}`,
    value: SUSPENSION, responseUrl: h.fake.responseUrl('record'),
  }));
}

type Field = { readonly type: 'static_select' | 'datepicker' | 'plain_text_input'; readonly value: string | null };
export const select = (value: string | null): Field => ({ type: 'static_select', value });
export const date = (value: string | null): Field => ({ type: 'datepicker', value });
export const text = (value: string | null): Field => ({ type: 'plain_text_input', value });

/** A view_submission as Slack sends it, with each field's state in the shape of its element type. */
export function submission(user: string, callbackId: string, privateMetadata: string, fields: Record<string, Field> = {}): Record<string, unknown> {
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

export const RESUMED_FORM = {
  status: select('resumed'), from: date('2026-11-10'), until: date(null), source: select(null),
  newSourceId: text('CN-ANN-2026-99'), newSourceTitle: text('Test notice: No. 70 not renewed'), newSourceDate: date('2026-11-12'),
  newSourceUrl: text('https://www.mofcom.gov.cn/test-notice'), why: text('MOFCOM notice: the suspension was not renewed.'),
};

export interface ModalView {
  readonly callback_id: string;
  readonly private_metadata?: string;
  readonly blocks: readonly { readonly type: string; readonly block_id?: string; readonly text?: { readonly text: string }; readonly element?: { readonly options?: readonly { readonly value: string }[] } }[];
}

export function viewText(v: ModalView): string {
  return v.blocks.map((b) => b.text?.text ?? '').join('\n');
}

/** Officer: click, fill in the form, see the preview; returns the confirm view. */
export async function fillAndPreview(h: AnyHarness): Promise<{ view: ModalView }> {
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

export async function confirm(h: AnyHarness, view: ModalView, user = OFFICER): Promise<ModalView> {
  const res = await h.send.interaction(submission(user, 'status_confirm', view.private_metadata ?? ''));
  const ack = JSON.parse(res.body) as { response_action: string; view: ModalView };
  expect(ack.response_action).toBe('update');
  return ack.view;
}

export function updatesIn(calls: readonly FakeCall[], channel: string, ts: string): FakeCall[] {
  return calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.args.thread_ts === ts && String(c.args.text).startsWith('On '));
}

