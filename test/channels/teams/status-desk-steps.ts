/**
 * The steps of the Teams status-desk tests, on either engine: an asker's question in a personal chat of its own, an
 * officer's card actions by Action.Execute, and the updates an earlier asker gets.
 */
import { expect } from 'vitest';
import type { FakeConnector, PostedActivity } from './fake-connector.js';
import { ASKER, OFFICER, cardActions, cardInvoke, personalMessage, type AnyLodestone } from './harness.js';

export const REEXPORT = 'Our Dutch warehouse resells Chinese-origin Tb oxide to the UK. Licence?';
export const SUSPENSION = 'CN-ANN-2025-70';
export const FORM = {
  status: 'resumed', from: '2026-11-10', until: '', source: '', newSourceId: 'CN-ANN-2026-99', newSourceTitle: 'Test notice: No. 70 not renewed',
  newSourceDate: '2026-11-12', newSourceUrl: 'https://www.mofcom.gov.cn/test-notice', why: 'MOFCOM notice: the suspension was not renewed.',
};

/** A question in a personal chat of its own, so each asker has their own conversation. */
export async function ask(fake: FakeConnector, lode: AnyLodestone, chat: string, text = REEXPORT): Promise<PostedActivity> {
  const message = personalMessage(fake, text, ASKER, { conversation: { id: chat, conversationType: 'personal', tenantId: 'tenant-1' } });
  expect((await lode.post(message)).status).toBe(200);
  const answer = fake.messagesTo(chat).at(-1);
  if (!answer) throw new Error('no answer');
  return answer;
}

export interface InvokeBody {
  readonly statusCode: number;
  readonly type: string;
  readonly value: unknown;
}

export async function invoke(lode: AnyLodestone, fake: FakeConnector, verb: string, data: Record<string, unknown>, from: typeof OFFICER | typeof ASKER = OFFICER): Promise<InvokeBody> {
  const res = await lode.post(cardInvoke(fake, verb, data, from));
  expect(res.status).toBe(200);
  return res.body as InvokeBody;
}

export function actionTitled(card: unknown, title: string): { verb: string; data: Record<string, unknown> } {
  const a = cardActions(card).find((x) => x.title === title);
  if (!a) throw new Error(`no action ${title}`);
  return { verb: String(a.verb), data: a.data as Record<string, unknown> };
}

/** Officer, by Action.Execute: Preview with the form filled in; returns the preview card. */
export async function preview(lode: AnyLodestone, fake: FakeConnector, alert: unknown, form: Record<string, string> = FORM): Promise<unknown> {
  const { verb, data } = actionTitled(alert, 'Preview');
  const res = await invoke(lode, fake, verb, { ...data, ...form });
  expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
  return res.value;
}

export function updatesTo(fake: FakeConnector, chat: string): PostedActivity[] {
  return fake.messagesTo(chat).filter((a) => typeof a.body.text === 'string' && a.body.text.startsWith('On '));
}
