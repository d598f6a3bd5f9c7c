import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboxDispatcher } from '../../../src/cases/index.js';
import { BOT_USER_ID } from './fake-slack-api.js';
import { blockAction, buttonsOf, decisionSubmission, headerOf, textOf } from './fixtures.js';
import { COMPLIANCE_CHANNEL, OFFICER, startHarness, type Harness } from './harness.js';

const MISSILES = 'Can we export terbium-containing magnets from China to a European company that builds missiles?';

let h: Harness;
let dispatcher: OutboxDispatcher;
beforeAll(async () => {
  h = await startHarness();
  dispatcher = new OutboxDispatcher({ db: h.app.db, channels: { slack: h.slack.humanChannel } });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
});

let seq = 0;
async function askInChannel(text: string, channel = 'C_ENG'): Promise<{ ts: string }> {
  seq += 1;
  const ts = `1720000${String(seq).padStart(3, '0')}.000100`;
  await h.send.event({ type: 'app_mention', user: 'U_ASKER', channel, ts, event_ts: ts, text: `<@${BOT_USER_ID}> ${text}` });
  await h.slack.idle();
  return { ts };
}

/** The case opened for the conversation in `channel`. */
function caseIn(channel: string): string {
  const c = h.app.cases.list({ limit: 500 }).find((x) => x.replyTo.conversation.includes(`:${channel}:`));
  if (!c) throw new Error(`no case for ${channel}`);
  return c.id;
}

async function cardFor(caseId: string) {
  await dispatcher.runOnce();
  const [card] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === COMPLIANCE_CHANNEL && String(c.args.text).includes(caseId));
  return card;
}

function click(user: string, actionId: string, value: string, messageTs: string, url: string) {
  return h.send.interaction(blockAction({
    user, channel: COMPLIANCE_CHANNEL, messageTs, actionId, blockId: `case|${value}`, value, responseUrl: h.fake.responseUrl(url),
  }));
}

describe('Slack escalation', () => {
  it('posts an escalated question as a case card; an officer decides in a modal; the asker\'s thread gets the decision', async () => {
    const { ts } = await askInChannel(MISSILES);
    const [answer] = h.fake.callsOf('chat.postMessage');
    expect(headerOf(answer)).toContain('compliance officer');
    const caseId = caseIn('C_ENG');
    expect(textOf(answer)).toContain(`Case ${caseId} is with the compliance team`);

    const card = await cardFor(caseId);
    expect(headerOf(card)).toBe(`Case ${caseId} · Open`);
    expect(textOf(card)).toContain('missiles');
    const cardButtons = buttonsOf(card).map((b) => b.actionId);
    expect(cardButtons).toEqual(['case_claim', 'case_decide']);

    const opened = await click(OFFICER, 'case_decide', caseId, '1720999999.000001', 'decide1');
    expect(opened.status).toBe(200);
    const [modal] = await h.fake.waitFor((c) => c.method === 'views.open');
    const view = modal?.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('case_decision');
    expect(JSON.parse(view.private_metadata)).toEqual({ caseId });

    const submitted = await h.send.interaction(decisionSubmission({
      user: OFFICER, caseId, verdict: 'prohibited', note: 'Military end use: do not ship.', reusable: false,
    }));
    expect(submitted.status).toBe(200);
    expect(submitted.body).toBe('');
    expect(h.app.cases.get(caseId)?.resolution).toMatchObject({ decision: 'prohibited', reusable: false, by: { channel: 'slack', user: OFFICER } });

    await dispatcher.runOnce();
    const [notice] = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C_ENG' && c.args.thread_ts === ts && String(c.args.text).includes('decided'));
    expect(textOf(notice)).toContain(`case ${caseId}`);
    expect(textOf(notice)).toContain('Prohibited');
    expect(textOf(notice)).toContain('Military end use: do not ship.');
    expect(textOf(notice)).toContain('<@U_ASKER>');
    const [update] = await h.fake.waitFor((c) => c.method === 'chat.update' && String(c.args.text).includes(caseId));
    expect(update?.args.channel).toBe(COMPLIANCE_CHANNEL);
    expect(headerOf(update)).toBe(`Case ${caseId} · Resolved`);
    expect(buttonsOf(update)).toHaveLength(0);
  });

  it('opens a case from the Escalate button, in the conversation of the answer', async () => {
    const { ts } = await askInChannel('Can I export samarium metal from China to Germany for a civil motor maker?', 'C_SALES');
    const [answer] = h.fake.callsOf('chat.postMessage');
    const escalate = buttonsOf(answer).find((b) => b.actionId === 'escalate');
    expect(escalate?.blockId).toBe(`act|t:C_SALES:${ts}`);
    await h.send.interaction(blockAction({
      user: 'U_ASKER', channel: 'C_SALES', messageTs: '1720999999.000002', threadTs: ts, actionId: 'escalate',
      blockId: escalate?.blockId ?? '', value: escalate?.value ?? '', responseUrl: h.fake.responseUrl('esc'),
    }));
    await h.slack.idle();
    const posts = h.fake.callsOf('chat.postMessage');
    const reply = posts.at(-1);
    expect(reply?.args.thread_ts).toBe(ts);
    expect(textOf(reply)).toContain('asked for a compliance officer');
    const caseId = caseIn('C_SALES');
    expect(textOf(reply)).toContain(caseId);
    const c = h.app.cases.get(caseId);
    expect(c?.replyTo).toMatchObject({ channel: 'slack', conversation: `slack:T_TEST:C_SALES:${ts}`, threadRef: ts, slackChannel: 'C_SALES' });
    expect(c?.facts.item?.form).toBe('metal');
  });

  it('refuses a non-officer\'s Claim ephemerally and leaves the case as it was', async () => {
    await askInChannel(MISSILES, 'C_OPS');
    const caseId = caseIn('C_OPS');
    await cardFor(caseId);
    h.fake.reset();
    const res = await click('U_INTRUDER', 'case_claim', caseId, '1720999999.000003', 'claim-no');
    expect(res.status).toBe(200);
    const [refusal] = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(refusal?.args).toMatchObject({ channel: COMPLIANCE_CHANNEL, user: 'U_INTRUDER' });
    expect(String(refusal?.args.text)).toContain('Only compliance officers');
    expect(h.app.cases.get(caseId)?.state).toBe('open');
    const audit = h.app.cases.audit.records().filter((r) => r.kind === 'refusal' && r.actor === 'slack:U_INTRUDER');
    expect(audit.map((r) => r.payload)).toEqual([{ action: 'claim', caseId }]);
    await dispatcher.runOnce();
    expect(h.fake.callsOf('chat.update').filter((c) => String(c.args.text).includes(caseId))).toHaveLength(0);
  });

  it('refuses a non-officer\'s Decide without opening the modal', async () => {
    await askInChannel(MISSILES, 'C_OPS2');
    const caseId = caseIn('C_OPS2');
    await click('U_INTRUDER', 'case_decide', caseId, '1720999999.000004', 'decide-no');
    const [refusal] = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(String(refusal?.args.text)).toContain('Only compliance officers');
    expect(h.fake.callsOf('views.open')).toHaveLength(0);
  });

  it('shows a refused decision as an error in the modal (not an officer, already decided, no verdict)', async () => {
    await askInChannel(MISSILES, 'C_OPS3');
    const caseId = caseIn('C_OPS3');
    const intruder = await h.send.interaction(decisionSubmission({ user: 'U_INTRUDER', caseId, verdict: 'not_required' }));
    expect(JSON.parse(intruder.body)).toMatchObject({ response_action: 'errors', errors: { verdict: expect.stringContaining('Only compliance officers') } });
    const empty = await h.send.interaction(decisionSubmission({ user: OFFICER, caseId }));
    expect(JSON.parse(empty.body)).toMatchObject({ response_action: 'errors', errors: { verdict: 'Choose a decision.' } });
    expect(h.app.cases.get(caseId)?.state).toBe('open');
    await h.send.interaction(decisionSubmission({ user: OFFICER, caseId, verdict: 'license_required' }));
    const again = await h.send.interaction(decisionSubmission({ user: OFFICER, caseId, verdict: 'not_required' }));
    expect(JSON.parse(again.body).errors.verdict).toContain('resolved');
    expect(h.app.cases.get(caseId)?.resolution?.decision).toBe('license_required');
  });

  it('lets an officer claim a case; the card then shows who has it', async () => {
    await askInChannel(MISSILES, 'C_OPS4');
    const caseId = caseIn('C_OPS4');
    await cardFor(caseId);
    await click(OFFICER, 'case_claim', caseId, '1720999999.000005', 'claim-ok');
    await h.slack.idle();
    expect(h.app.cases.get(caseId)?.state).toBe('claimed');
    await dispatcher.runOnce();
    const [update] = await h.fake.waitFor((c) => c.method === 'chat.update' && String(c.args.text).includes(caseId));
    expect(headerOf(update)).toBe(`Case ${caseId} · Claimed`);
    expect(textOf(update)).toContain(`Claimed by <@${OFFICER}>`);
    expect(buttonsOf(update).map((b) => b.actionId)).toEqual(['case_decide']);
  });

  it('shows officers the queue of waiting cases in the App Home', async () => {
    await askInChannel(MISSILES, 'C_OPS5');
    await h.send.event({ type: 'app_home_opened', user: OFFICER, channel: 'D_OFFICER', tab: 'home', event_ts: '1720999999.000006' });
    const [publish] = await h.fake.waitFor((c) => c.method === 'views.publish');
    const view = publish?.args.view as { blocks: { text?: { text: string }; accessory?: { action_id: string } }[] };
    const text = view.blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(text).toContain('Cases waiting for a decision');
    expect(view.blocks.some((b) => b.accessory?.action_id === 'case_decide')).toBe(true);
  });

  it('answers the same facts from a decision the officer marked reusable, without a new case', async () => {
    const question = 'Can we export dysprosium oxide from China to a Korean firm that builds military radars?';
    await askInChannel(question, 'C_RADAR');
    const caseId = caseIn('C_RADAR');
    await h.send.interaction(decisionSubmission({ user: OFFICER, caseId, verdict: 'license_required', reusable: true }));
    h.fake.reset();
    await askInChannel(question, 'C_RADAR2');
    const [answer] = h.fake.callsOf('chat.postMessage');
    expect(headerOf(answer)).toContain('Licence required');
    expect(textOf(answer)).toContain(caseId);
    expect(h.app.cases.list({ state: 'open' }).some((c) => c.replyTo.conversation.includes('C_RADAR2'))).toBe(false);
  });
});
