/**
 * The Teams HumanChannel against the fake connector: what the OutboxDispatcher learns when the connector
 * throttles or refuses, and what happens to alerts before a compliance channel exists.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HumanChannelError } from '../../../src/cases/human-channel.js';
import type { CaseView } from '../../../src/cases/case-view.js';
import { FakeConnector } from './fake-connector.js';
import { CHANNEL, channelMention, personalMessage, startLodestone, type Lodestone } from './harness.js';

let fake: FakeConnector;
let lode: Lodestone;

beforeEach(async () => {
  fake = await FakeConnector.start();
  lode = await startLodestone({ emulator: fake, env: { TEAMS_LOCAL_OFFICER_ACTIONS: 'true' } });
});

afterEach(async () => {
  await lode.close();
  await fake.close();
});

async function openCase(): Promise<CaseView> {
  await lode.post(personalMessage(fake, 'I want to talk to a compliance officer about terbium targets.'));
  const [c] = lode.app.cases.list({ state: 'open' });
  if (!c) throw new Error('no case opened');
  return c;
}

async function failure(p: Promise<unknown>): Promise<HumanChannelError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  if (!(e instanceof HumanChannelError)) throw new Error(`expected a HumanChannelError, got ${String(e)}`);
  return e;
}

describe('Teams HumanChannel', () => {
  it("turns the connector's 429 into a retry after the time its Retry-After asks for", async () => {
    await lode.post(channelMention(fake, 'use this channel for compliance'));
    const c = await openCase();
    // The connector client retries 429s itself (three times, honouring Retry-After) before giving up.
    fake.refuseNext(10, 429, { 'Retry-After': '1' });

    const e = await failure(lode.humanChannel.postCase(c));

    expect(e.retryAfterMs).toBe(1_000);
    expect(e.permanent).toBe(false);
    expect(fake.of('send').filter((a) => a.conversationId === CHANNEL)).toHaveLength(0);
  });

  it('gives up on a card the connector says is gone', async () => {
    await lode.post(channelMention(fake, 'use this channel for compliance'));
    const c = await openCase();
    const { ref } = await lode.humanChannel.postCase(c);
    fake.refuseNext(1, 404);

    const e = await failure(lode.humanChannel.updateCase(c, ref));

    expect(e.permanent).toBe(true);
  });

  it('retries a connector that is down, without a Retry-After of its own', async () => {
    await lode.post(channelMention(fake, 'use this channel for compliance'));
    const c = await openCase();
    await fake.close();

    const e = await failure(lode.humanChannel.postCase(c));

    expect(e.permanent).toBe(false);
    expect(e.retryAfterMs).toBeUndefined();
    fake = await FakeConnector.start();
  });

  it('drops alerts while no compliance channel is set, and posts them once one is', async () => {
    await lode.humanChannel.postAlert('Rule X has an unknown status today.', 'alert-1');
    expect(fake.activities).toHaveLength(0);

    await lode.post(channelMention(fake, 'use this channel for compliance'));
    await lode.humanChannel.postAlert('Rule X has an unknown status today.', 'alert-2');

    const alert = fake.of('send').find((a) => a.conversationId === CHANNEL);
    expect(alert?.body.text).toBe('Rule X has an unknown status today.');
  });

  it('refuses to notify an asker whose case holds no Teams conversation reference', async () => {
    const c = await openCase();
    const decided = lode.app.cases.decide(c.id, { channel: 'teams', user: 'officer-aad-id' }, { verdict: 'not_required' });
    const stripped: CaseView = { ...decided, replyTo: { channel: 'teams', user: 'asker-aad-id', conversation: 'a:chat' } };

    const e = await failure(lode.humanChannel.notifyAsker(stripped));

    expect(e.permanent).toBe(true);
  });
});
