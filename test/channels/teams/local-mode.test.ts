/**
 * Teams local (emulator) mode, where no token says who is calling: the bot answers only the emulator's configured
 * origin, and an activity that names an officer cannot act as one unless TEAMS_LOCAL_OFFICER_ACTIONS says so.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeConnector } from './fake-connector.js';
import { ASKER, OFFICER, cardInvoke, cardSubmit, channelMention, personalMessage, startLodestone, type Lodestone } from './harness.js';

const ESCALATING_QUESTION = 'I need to talk to a compliance officer about exporting dysprosium magnets to Spain.';

let fake: FakeConnector;
let other: FakeConnector;
let lode: Lodestone | undefined;

beforeEach(async () => {
  fake = await FakeConnector.start();
  other = await FakeConnector.start();
});

afterEach(async () => {
  await lode?.close();
  lode = undefined;
  await fake.close();
  await other.close();
});

async function escalate(l: Lodestone): Promise<string> {
  expect((await l.post(personalMessage(fake, ESCALATING_QUESTION))).status).toBe(200);
  const [open] = l.app.cases.list({ state: 'open' });
  if (!open) throw new Error('the question did not open a case');
  return open.id;
}

describe('where local mode answers', () => {
  it("refuses an activity whose serviceUrl is another port on this machine, not the emulator's, and posts nothing", async () => {
    lode = await startLodestone({ emulator: fake });

    const res = await lode.post({ ...personalMessage(fake, 'hello'), serviceUrl: other.url });

    expect(res.status).toBe(403);
    expect(other.activities).toHaveLength(0);
    expect(fake.activities).toHaveLength(0);
    expect(lode.app.cases.audit.records()).toHaveLength(0);
  });

  it("compares origins: the emulator's URL written without its slash is answered, another name for it is not", async () => {
    lode = await startLodestone({ emulator: fake });

    expect((await lode.post({ ...personalMessage(fake, 'hello'), serviceUrl: fake.url.replace(/\/$/, '') })).status).toBe(200);
    expect((await lode.post({ ...personalMessage(fake, 'hello'), serviceUrl: fake.url.replace('127.0.0.1', 'localhost') })).status).toBe(403);
    expect((await lode.post({ ...personalMessage(fake, 'hello'), serviceUrl: fake.url.replace('http:', 'https:') })).status).toBe(403);
    expect(fake.activities).toHaveLength(1);
  });

  it('refuses every activity, naming the setting, when no emulator URL is configured', async () => {
    lode = await startLodestone();

    const res = await lode.post(personalMessage(fake, 'hello'));

    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).toContain('TEAMS_EMULATOR_URL');
    expect(fake.activities).toHaveLength(0);
  });
});

describe('officers in local mode', () => {
  it("does not let an activity carrying an officer's aadObjectId decide a case, and audits the refusal", async () => {
    lode = await startLodestone({ emulator: fake });
    const caseId = await escalate(lode);

    await lode.post(cardSubmit(fake, { action: 'decide', caseId, verdict: 'not_required', reusable: 'true' }, OFFICER, 'channel'));

    expect(fake.activities.at(-1)?.body.text).toMatch(/TEAMS_LOCAL_OFFICER_ACTIONS/);
    expect(lode.app.cases.get(caseId)?.state).toBe('open');
    expect(lode.app.cases.get(caseId)?.resolution).toBeNull();
    const refusals = lode.app.cases.audit.records().filter((r) => r.kind === 'refusal');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.payload).toMatchObject({ action: 'decide', caseId, reason: 'teams_local_mode' });
  });

  it('refuses the claim invoke and the compliance-channel command from an officer in local mode', async () => {
    lode = await startLodestone({ emulator: fake });
    const caseId = await escalate(lode);

    const invoke = await lode.post(cardInvoke(fake, 'claim', { caseId }, OFFICER));
    expect((invoke.body as { value: string }).value).toMatch(/TEAMS_LOCAL_OFFICER_ACTIONS/);
    expect(lode.app.cases.get(caseId)?.state).toBe('open');

    await lode.post(channelMention(fake, 'use this channel for compliance', OFFICER));
    expect(fake.activities.at(-1)?.body.text).toMatch(/TEAMS_LOCAL_OFFICER_ACTIONS/);
    await lode.dispatch();
    expect(fake.of('send')).toHaveLength(0);
  });

  it('lets a listed officer decide in the emulator once TEAMS_LOCAL_OFFICER_ACTIONS=true, and still no one else', async () => {
    lode = await startLodestone({ emulator: fake, env: { TEAMS_LOCAL_OFFICER_ACTIONS: 'true' } });
    const caseId = await escalate(lode);

    await lode.post(cardSubmit(fake, { action: 'decide', caseId, verdict: 'license_required' }, ASKER, 'channel'));
    expect(lode.app.cases.get(caseId)?.state).toBe('open');
    await lode.post(cardSubmit(fake, { action: 'decide', caseId, verdict: 'license_required' }, OFFICER, 'channel'));
    expect(lode.app.cases.get(caseId)?.resolution).toMatchObject({ decision: 'license_required' });
  });
});
