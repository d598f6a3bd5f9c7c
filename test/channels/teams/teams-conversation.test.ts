/**
 * The Teams channel end to end: the real botbuilder CloudAdapter behind POST /api/messages, activities shaped like
 * Teams', and every outgoing call landing on a fake Bot Connector on 127.0.0.1.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeConnector } from './fake-connector.js';
import {
  ASKER, CHANNEL, OFFICER, PERSONAL, cardActions, cardInvoke, cardOf, cardSubmit, cardText, channelMention, personalMessage,
  startLodestone, type Lodestone,
} from './harness.js';

const ESCALATING_QUESTION = 'I need to talk to a compliance officer about exporting dysprosium magnets to Spain.';

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

async function chooseComplianceChannel(): Promise<void> {
  const res = await lode.post(channelMention(fake, 'use this channel for compliance'));
  expect(res.status).toBe(200);
}

async function escalate(): Promise<string> {
  const res = await lode.post(personalMessage(fake, ESCALATING_QUESTION));
  expect(res.status).toBe(200);
  const [open] = lode.app.cases.list({ state: 'open' });
  if (!open) throw new Error('the question did not open a case');
  return open.id;
}

function caseCards() {
  return fake.of('send').filter((a) => a.conversationId === CHANNEL);
}

describe('answering in Teams', () => {
  it('answers a personal-chat question with an Adaptive Card 1.5 reply to that message', async () => {
    const activity = personalMessage(fake, 'Do sintered NdFeB magnets with dysprosium shipped from Ningbo to a motor maker in Germany need a licence?');
    const res = await lode.post(activity);

    expect(res.status).toBe(200);
    expect(fake.activities).toHaveLength(1);
    const [reply] = fake.activities;
    expect(reply?.op).toBe('reply');
    expect(reply?.conversationId).toBe(PERSONAL);
    expect(reply?.activityId).toBe(activity.id);
    const card = cardOf(reply!);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(cardText(card)).toMatch(/Not legal advice/);
  });

  it('strips its own @mention in a channel and answers in the thread', async () => {
    const activity = channelMention(fake, 'What does the rare earth export control announcement cover?', ASKER);
    await lode.post(activity);

    const question = lode.app.cases.audit.records().find((r) => r.kind === 'question');
    expect(question?.text).toBe('What does the rare earth export control announcement cover?');
    expect(fake.activities).toHaveLength(1);
    expect(fake.activities[0]?.conversationId).toBe((activity.conversation as { id: string }).id);
  });

  it('still answers when a mention entity is malformed', async () => {
    const activity = { ...channelMention(fake, 'what can you do?', ASKER), entities: [{ type: 'mention' }] };
    const res = await lode.post(activity);

    expect(res.status).toBe(200);
    expect(lode.app.cases.audit.records().find((r) => r.kind === 'question')?.text).toBe('Lodestone what can you do?');
  });

  it('answers a follow-up button as if the choice had been typed', async () => {
    await lode.post(cardSubmit(fake, { action: 'followup', text: 'What is a dual-use export licence?' }, ASKER, 'personal'));

    const question = lode.app.cases.audit.records().find((r) => r.kind === 'question');
    expect(question?.text).toBe('What is a dual-use export licence?');
    expect(cardOf(fake.activities[0]!)).toMatchObject({ type: 'AdaptiveCard' });
  });

  it("does what the manifest's commands say: what can you do explains, talk to compliance opens a case", async () => {
    await lode.post(personalMessage(fake, 'what can you do?'));
    expect(cardText(cardOf(fake.activities[0]!))).toMatch(/I am Lodestone/);

    await lode.post(channelMention(fake, 'talk to compliance', ASKER));
    expect(lode.app.cases.list({ state: 'open' })).toHaveLength(1);
  });

  it('answers a delivery that Teams retries only once', async () => {
    const activity = personalMessage(fake, 'Do samarium cobalt magnets need a licence to export from China to Japan?');
    const first = await lode.post(activity);
    const retry = await lode.post(activity);

    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(fake.activities).toHaveLength(1);
    expect(lode.app.cases.audit.records().filter((r) => r.kind === 'question')).toHaveLength(1);
  });

  it('answers one activity delivered three times at the same moment once, with one question and one case', async () => {
    const activity = personalMessage(fake, 'I want to talk to compliance about our terbium oxide shipment to Korea.');
    const statuses = await Promise.all([lode.post(activity), lode.post(activity), lode.post(activity)]);

    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(fake.activities).toHaveLength(1);
    expect(lode.app.cases.audit.records().filter((r) => r.kind === 'question')).toHaveLength(1);
    expect(lode.app.cases.audit.records().filter((r) => r.kind === 'answer')).toHaveLength(1);
    expect(lode.app.cases.list({ state: 'open' })).toHaveLength(1);
  });

  it('answers once a delivery whose answer could not be sent at first: the outbox retries the post, Teams\' retry of the activity is not answered again', async () => {
    const activity = personalMessage(fake, 'Do samarium cobalt magnets need a licence to export from China to Japan?');
    // The connector client retries a 429 three times itself; the fourth refusal reaches the outbox.
    fake.refuseNext(4, 429, { 'Retry-After': '0' });
    const first = await lode.post(activity);
    // The turn committed with its post queued: Teams is told it was handled, and the post waits for its retry.
    expect(first.status).toBe(200);
    expect(fake.activities).toHaveLength(0);

    const redelivered = await lode.post(activity);
    expect(redelivered.status).toBe(200);
    expect(fake.activities).toHaveLength(0);

    await lode.dispatch();
    expect(fake.activities).toHaveLength(1);
    expect(fake.activities[0]?.op).toBe('reply');
    expect(fake.activities[0]?.activityId).toBe(activity.id);
    expect(cardText(cardOf(fake.activities[0]!))).toMatch(/Not legal advice/);
    await lode.dispatch();
    expect(fake.activities).toHaveLength(1);
    const records = lode.app.cases.audit.records();
    expect(records.filter((r) => r.kind === 'question')).toHaveLength(1);
    expect(records.filter((r) => r.kind === 'answer')).toHaveLength(1);
  });

  it('reads the first 4,000 characters of a 40,001-character message and says so, instead of an empty one', async () => {
    const long = `Do sintered NdFeB magnets with dysprosium shipped from Ningbo to Germany need a licence? ${'x'.repeat(40_001)}`.slice(0, 40_001);
    const res = await lode.post(personalMessage(fake, long));

    expect(res.status).toBe(200);
    const text = cardText(cardOf(fake.activities[0]!));
    expect(text).toContain('Your message was 40,001 characters long; I read the first 4,000.');
    expect(text).not.toMatch(/empty/i);
    expect(text).toMatch(/Licence required/i);
  });

  it('refuses, in local mode, an activity whose serviceUrl is not on this machine, and posts nothing', async () => {
    const res = await lode.post({ ...personalMessage(fake, 'hello'), serviceUrl: 'https://smba.trafficmanager.net/emea/' });

    expect(res.status).toBe(403);
    expect(fake.activities).toHaveLength(0);
    expect(lode.app.cases.audit.records()).toHaveLength(0);
  });
});

describe('cases through Teams', () => {
  it('posts an escalated case as a card with Claim and Decide in the compliance channel', async () => {
    await chooseComplianceChannel();
    const caseId = await escalate();
    await lode.dispatch();

    expect(caseCards()).toHaveLength(1);
    const card = cardOf(caseCards()[0]!);
    expect(cardText(card)).toContain(`Compliance case ${caseId}`);
    expect(cardText(card)).toContain(ESCALATING_QUESTION);
    const actions = cardActions(card);
    expect(actions.find((a) => a.title === 'Claim')).toMatchObject({ type: 'Action.Submit', data: { action: 'claim', caseId } });
    expect(actions.find((a) => a.title === 'Submit decision')).toMatchObject({ type: 'Action.Submit', data: { action: 'decide', caseId } });
    const verdictInput = JSON.stringify(card);
    for (const v of ['license_required', 'not_required', 'prohibited']) expect(verdictInput).toContain(`"value":"${v}"`);
  });

  it("sends an officer's decision to the asker's chat and updates the case card", async () => {
    await chooseComplianceChannel();
    const caseId = await escalate();
    await lode.dispatch();
    const posted = caseCards()[0]!;

    const submit = cardSubmit(fake, { action: 'decide', caseId, verdict: 'license_required', note: 'Apply to MOFCOM first.', reusable: 'false' }, OFFICER, 'channel', posted.newId);
    const res = await lode.post(submit);
    expect(res.status).toBe(200);
    expect(lode.app.cases.get(caseId)?.resolution).toMatchObject({ decision: 'license_required', note: 'Apply to MOFCOM first.', reusable: false });
    await lode.dispatch();

    // The asker's chat holds the escalation answer, then exactly one decision.
    const toAsker = fake.messagesTo(PERSONAL).filter((a) => a.body.attachments !== undefined && cardText(cardOf(a)).includes(caseId));
    const decisions = toAsker.filter((a) => cardText(cardOf(a)).includes('Apply to MOFCOM first.'));
    expect(decisions).toHaveLength(1);
    const decision = toAsker.at(-1)!;
    expect(decision).toBe(decisions[0]);
    expect(cardText(cardOf(decision))).toMatch(/LICENCE REQUIRED[\s\S]*Apply to MOFCOM first\./);
    const update = fake.of('update').find((u) => u.activityId === posted.newId);
    expect(update?.conversationId).toBe(CHANNEL);
    expect(cardText(cardOf(update!))).toContain('Decided: Licence required, by Olga Officer');
    expect(cardActions(cardOf(update!))).toHaveLength(0);
  });

  it("refuses a non-officer's decision, and nothing reaches the asker", async () => {
    await chooseComplianceChannel();
    const caseId = await escalate();
    await lode.dispatch();
    const before = fake.messagesTo(PERSONAL).length;

    await lode.post(cardSubmit(fake, { action: 'decide', caseId, verdict: 'not_required' }, ASKER, 'channel'));

    const refusal = fake.activities.at(-1);
    expect(refusal?.body.text).toMatch(/Only compliance officers/);
    expect(lode.app.cases.get(caseId)?.state).toBe('open');
    await lode.dispatch();
    expect(fake.messagesTo(PERSONAL)).toHaveLength(before);
    expect(lode.app.cases.audit.records().some((r) => r.kind === 'refusal')).toBe(true);
  });

  it('lets only officers choose the compliance channel', async () => {
    await lode.post(channelMention(fake, 'use this channel for compliance', ASKER));
    await escalate();
    await lode.dispatch();

    expect(fake.activities[0]?.body.text).toMatch(/Only compliance officers/);
    expect(caseCards()).toHaveLength(0);
  });

  it('posts cases that came before any compliance channel once an officer chooses one', async () => {
    const caseId = await escalate();
    await lode.dispatch();
    expect(caseCards()).toHaveLength(0);

    await chooseComplianceChannel();

    expect(caseCards()).toHaveLength(1);
    expect(cardText(cardOf(caseCards()[0]!))).toContain(caseId);
    // The outbox only knows the placeholder; the claim must still update the card that went up late.
    await lode.post(cardSubmit(fake, { action: 'claim', caseId }, OFFICER, 'channel'));
    await lode.dispatch();
    const update = fake.of('update').at(-1);
    expect(update?.activityId).toBe(caseCards()[0]?.newId);
    expect(cardText(cardOf(update!))).toContain('Claimed by Olga Officer');
  });

  it('answers Escalate on a reply card by opening a case', async () => {
    await lode.post(cardSubmit(fake, { action: 'escalate' }, ASKER, 'personal'));

    expect(lode.app.cases.list({ state: 'open' })).toHaveLength(1);
    expect(cardText(cardOf(fake.activities[0]!))).toMatch(/compliance/i);
  });

  it('answers an adaptiveCard/action invoke from an officer with the refreshed case card', async () => {
    await chooseComplianceChannel();
    const caseId = await escalate();

    const res = await lode.post(cardInvoke(fake, 'claim', { caseId }, OFFICER));

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const card = (res.body as { value: unknown }).value;
    expect(cardText(card)).toContain('Claimed by Olga Officer');
    expect(lode.app.cases.get(caseId)?.state).toBe('claimed');
  });

  it('answers an adaptiveCard/action invoke from a non-officer with a refusal and changes nothing', async () => {
    await chooseComplianceChannel();
    const caseId = await escalate();

    const res = await lode.post(cardInvoke(fake, 'decide', { caseId, verdict: 'not_required' }, ASKER));

    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect((res.body as { value: string }).value).toMatch(/Only compliance officers/);
    expect(lode.app.cases.get(caseId)?.state).toBe('open');
  });

  it('asks for a verdict when an officer submits the decide form without one', async () => {
    await chooseComplianceChannel();
    const caseId = await escalate();

    await lode.post(cardSubmit(fake, { action: 'decide', caseId, note: 'hmm' }, OFFICER, 'channel'));

    expect(fake.activities.at(-1)?.body.text).toMatch(/Choose a verdict/);
    expect(lode.app.cases.get(caseId)?.state).toBe('open');
  });
});
