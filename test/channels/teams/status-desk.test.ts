/**
 * The rule status desk in Teams, through the real botbuilder adapter with the fake Bot Connector: the horizon
 * alert card carries the "Record what followed" form; officers only; problems come back under their fields on the
 * card; the preview ("this will change N answers and M open cases") comes before Confirm, which records through the
 * status desk; the same question is answered anew at once; the earlier asker gets one update with the new verdict
 * and citations; a second identical record tells nobody; a process that dies midway resumes without duplicates.
 * Both ways a card button arrives are driven: Action.Execute (an invoke, answered with the next card) and
 * Action.Submit (a message with `value`, answered in the conversation).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxDispatcher } from '../../../src/cases/outbox-dispatcher.js';
import { LOCAL_MODE_STATUS_TEXT, NOT_OFFICER_STATUS_TEXT } from '../../../src/channels/teams/routes/status-desk-action.js';
import { fixedClock } from '../../../src/core/clock.js';
import { FakeConnector } from './fake-connector.js';
import { ASKER, CHANNEL, OFFICER, PERSONAL, cardActions, cardOf, cardSubmit, cardText, channelMention, startLodestone, type Lodestone } from './harness.js';
import { actionTitled, ask, FORM, invoke, preview, REEXPORT, SUSPENSION, updatesTo } from './status-desk-steps.js';

const fakes: FakeConnector[] = [];
const running: Lodestone[] = [];
afterEach(async () => {
  for (const l of running.splice(0)) await l.close();
  for (const f of fakes.splice(0)) await f.close();
});

async function start(clock: ReturnType<typeof fixedClock>, dbFile?: string): Promise<{ fake: FakeConnector; lode: Lodestone }> {
  const fake = await FakeConnector.start();
  fakes.push(fake);
  const lode = await startLodestone({ emulator: fake, env: { TEAMS_LOCAL_OFFICER_ACTIONS: 'true' }, clock, ...(dbFile ? { dbFile } : {}) });
  running.push(lode);
  return { fake, lode };
}

function dispatcher(lode: Lodestone, perMinute?: number): OutboxDispatcher {
  return new OutboxDispatcher({
    db: lode.app.db, channels: { teams: lode.humanChannel }, clock: lode.app.clock, audit: lode.app.cases.audit,
    ...(perMinute ? { answerUpdatesPerMinute: perMinute } : {}),
  });
}

async function horizonAlertCard(fake: FakeConnector, lode: Lodestone): Promise<Record<string, unknown>> {
  expect((await lode.post(channelMention(fake, 'use this channel for compliance'))).status).toBe(200);
  lode.app.cases.checkRulesHorizon(lode.app.rules, '2026-11-30');
  await dispatcher(lode).runOnce();
  // The case card quotes the same ending in its reasons: the alert is the card that opens with it.
  const alert = fake.messagesTo(CHANNEL).find((a) => a.body.attachments !== undefined && cardText(cardOf(a)).startsWith(`${SUSPENSION} ended on 2026-11-10`));
  if (!alert) throw new Error('no horizon alert card');
  return cardOf(alert);
}

describe('the rule status desk in Teams', () => {
  it('records from the horizon alert card: officers only, validated on the card, previewed, confirmed; answers change; the asker is told once', async () => {
    const clock = fixedClock('2026-11-20T09:00:00Z');
    const { fake, lode } = await start(clock);
    await ask(fake, lode, PERSONAL);
    clock.set('2026-11-30T10:00:00Z');

    const alert = await horizonAlertCard(fake, lode);
    const record = cardActions(alert).find((a) => a.title === 'Record what followed');
    expect(record?.type).toBe('Action.ShowCard');
    expect(actionTitled(alert, 'Preview')).toEqual({ verb: 'status_preview', data: { action: 'status_preview', target: SUSPENSION } });
    for (const id of lode.app.rules.sources.keys()) expect(JSON.stringify(alert)).toContain(`"value":"${id}"`);

    // Not an officer: a refusal, nothing changes, and the attempt is audited.
    const refused = await invoke(lode, fake, 'status_preview', { action: 'status_preview', target: SUSPENSION, ...FORM }, ASKER);
    expect(refused).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: NOT_OFFICER_STATUS_TEXT });
    expect(lode.app.cases.audit.records().some((r) => r.kind === 'refusal' && r.actor === `teams:${ASKER.aadObjectId}`)).toBe(true);

    // Problems come back on the card, under their fields, with what was typed kept.
    const invalid = await preview(lode, fake, alert, { ...FORM, from: '', newSourceUrl: '' });
    const invalidText = cardText(invalid);
    expect(invalidText).toContain('Nothing was recorded: see the notes under the fields.');
    expect(invalidText).toContain('resumed needs the day it took effect');
    expect(invalidText).toContain('give the official URL of the new source');
    expect(invalidText).toContain('MOFCOM notice: the suspension was not renewed.');
    expect(lode.app.statusDesk.list()).toHaveLength(0);

    // The preview, then Confirm.
    const shown = await preview(lode, fake, alert);
    expect(cardText(shown)).toContain('This will change 1 answers and 1 open cases');
    expect(cardText(shown)).toContain('An answer in teams, asked 2026-11-20: escalate → license_required');
    expect(lode.app.statusDesk.list()).toHaveLength(0);
    // Change goes back to the form, filled in as it was.
    const change = actionTitled(shown, 'Change');
    const back = await invoke(lode, fake, change.verb, change.data);
    expect(JSON.stringify(back.value)).toContain('"id":"newSourceUrl","label":"New source: official URL","maxLength":500,"value":"https://www.mofcom.gov.cn/test-notice"');
    expect(actionTitled(back.value, 'Preview').data).toEqual({ action: 'status_preview', target: SUSPENSION });
    const versionBefore = lode.app.rules.version;
    const confirm = actionTitled(shown, 'Confirm and record');
    const done = await invoke(lode, fake, confirm.verb, confirm.data);
    expect(cardText(done.value)).toMatch(/Recorded for CN-ANN-2025-70 and applied: .* 1 askers whose answer changed will be told; 1 open cases have a new preliminary verdict\./);
    expect(lode.app.statusDesk.list()).toMatchObject([{ target: SUSPENSION, status: 'resumed', by: `teams:${OFFICER.aadObjectId}` }]);
    expect(lode.app.rules.version).not.toBe(versionBefore);

    // The same question now: the new verdict at once, citing the new source.
    const again = await ask(fake, lode, 'a:personal-chat-bea');
    expect(cardText(cardOf(again))).toMatch(/licence required/i);
    expect(cardText(cardOf(again))).toContain('CN-ANN-2026-99');

    // The earlier asker: one update, with the new verdict and the citations.
    await dispatcher(lode).runOnce();
    const updates = updatesTo(fake, PERSONAL);
    expect(updates).toHaveLength(1);
    expect(String(updates[0]?.body.text)).toMatch(/^On 20 November 2026 you asked about .*; the answer was escalate\. Since compliance recorded that CN-ANN-2025-70 was resumed from 2026-11-10, it is now license required, because/);
    expect(String(updates[0]?.body.text)).toContain('CN-ANN-2026-99');

    // The same record again, this time by Action.Submit: already recorded, nobody told again.
    const { data } = actionTitled(alert, 'Preview');
    await lode.post(cardSubmit(fake, { ...data, ...FORM }, OFFICER, 'channel'));
    const previewAgain = cardOf(fake.activities.at(-1)!);
    expect(cardText(previewAgain)).toContain('This will change 0 answers and 0 open cases');
    await lode.post(cardSubmit(fake, actionTitled(previewAgain, 'Confirm and record').data, OFFICER, 'channel'));
    expect(cardText(cardOf(fake.activities.at(-1)!))).toContain('That status was already recorded for CN-ANN-2025-70: nothing changed, nobody is told again.');
    await dispatcher(lode).runOnce();
    expect(updatesTo(fake, PERSONAL)).toHaveLength(1);
    expect(lode.app.statusDesk.list()).toHaveLength(1);
    expect(lode.app.cases.verifyAuditTrail().ok).toBe(true);
  }, 60_000);

  it('resumes the updates after the process dies midway, and sends none twice', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lodestone-teams-desk-')), 'lodestone.db');
    const clock = fixedClock('2026-11-20T09:00:00Z');
    const first = await start(clock, file);
    await ask(first.fake, first.lode, 'a:chat-one');
    await ask(first.fake, first.lode, 'a:chat-two', REEXPORT.replace('Tb oxide', 'Dy oxide'));
    clock.set('2026-11-30T10:00:00Z');
    const alert = await horizonAlertCard(first.fake, first.lode);
    const shown = await preview(first.lode, first.fake, alert);
    expect(cardText(shown)).toContain('This will change 2 answers and 2 open cases');
    const confirm = actionTitled(shown, 'Confirm and record');
    await invoke(first.lode, first.fake, confirm.verb, confirm.data);
    // One update goes out (one a minute), then the process dies before the other: no close, no shutdown.
    await dispatcher(first.lode, 1).runOnce();
    const before = [...updatesTo(first.fake, 'a:chat-one'), ...updatesTo(first.fake, 'a:chat-two')];
    expect(before).toHaveLength(1);

    const restarted = await start(clock, file);
    clock.advance(61_000);
    const d = dispatcher(restarted.lode);
    await d.runOnce();
    await d.runOnce();
    // The restarted process sends its updates to the connector the conversations were stored with: the first one.
    const all = [...updatesTo(first.fake, 'a:chat-one'), ...updatesTo(first.fake, 'a:chat-two')];
    expect(all.map((a) => a.conversationId).sort()).toEqual(['a:chat-one', 'a:chat-two']);
    expect(restarted.lode.app.cases.verifyAuditTrail().ok).toBe(true);
  }, 60_000);

  it('refuses in local mode without TEAMS_LOCAL_OFFICER_ACTIONS, where nothing proves who asks, and records nothing', async () => {
    const fake = await FakeConnector.start();
    fakes.push(fake);
    const lode = await startLodestone({ emulator: fake, clock: fixedClock('2026-11-30T10:00:00Z') });
    running.push(lode);
    const res = await invoke(lode, fake, 'status_preview', { action: 'status_preview', target: SUSPENSION, ...FORM });
    expect(res).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: LOCAL_MODE_STATUS_TEXT });
    const confirm = await invoke(lode, fake, 'status_record', {
      action: 'status_record',
      record: { target: SUSPENSION, status: 'resumed', from: '2026-11-10', source: { id: SUSPENSION }, by: 'teams:x', why: 'Not renewed.' },
    });
    expect(confirm.value).toBe(LOCAL_MODE_STATUS_TEXT);
    expect(lode.app.statusDesk.list()).toHaveLength(0);
    expect(lode.app.cases.audit.records().filter((r) => r.kind === 'refusal')).toHaveLength(2);
  }, 30_000);
});
