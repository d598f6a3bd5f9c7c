/**
 * Bills of materials sent in Slack and Teams on PostgreSQL, two instances on one database, over real HTTP (the real
 * Bolt receiver with signed requests and the fake Web API; the real botbuilder adapter with the fake connector): a
 * file screened by one instance is escalated from the other as ONE case, the compliance channel gets the annotated
 * file, a second press finds the case, and a Teams download link signed on one instance opens on the other (the link
 * key is the database's, not an instance's). Two presses at once on two instances open one case. The trail,
 * cases included, verifies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPgTrail } from '../../../src/cases/postgres/pg-audit-trail.js';
import { openPostgres } from '../../../src/cases/postgres/pg-database.js';
import { clockOn } from '../../support/clock.js';
import { useThrowawayPostgres } from '../../support/postgres.js';
import { AFTER } from '../../bom/bom-fixtures.js';
import { blockAction, buttonsOf, textOf } from '../slack/fixtures.js';
import { COMPLIANCE_CHANNEL, startPostgresHarness } from '../slack/harness.js';
import { FakeConnector } from '../teams/fake-connector.js';
import { ASKER, PERSONAL, cardActions, cardOf, cardSubmit, personalMessage, startPostgresLodestone } from '../teams/harness.js';

const LOUDSPEAKER = readFileSync(join(import.meta.dirname, '..', '..', 'bom', 'fixtures', 'loudspeaker.csv'));
const DM = 'D_ASKER';

const cluster = useThrowawayPostgres();
const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

async function trail(url: string) {
  const pool = await openPostgres(url, { poolMax: 1 });
  try {
    return await verifyPgTrail(pool);
  } finally {
    await pool.end();
  }
}

describe('a BOM in Slack, on PostgreSQL', () => {
  it('is screened by one instance and escalated from another as one case, with the annotated file for compliance', async () => {
    const url = await cluster().freshDatabase();
    // After No. 70's suspension ended: the loudspeaker's Chinese magnet needs a compliance decision.
    const a = await startPostgresHarness(url, { clock: clockOn(AFTER) });
    closing.push(() => a.close());
    const b = await startPostgresHarness(url, { clock: clockOn(AFTER) });
    closing.push(() => b.close());

    const ts = '1730000001.000200';
    await a.send.event({
      type: 'message', subtype: 'file_share', channel_type: 'im', channel: DM, user: 'U_ASKER', ts, event_ts: ts, text: '',
      files: [a.fake.hostFile('F_LS', 'loudspeaker.csv', LOUDSPEAKER)],
    });
    await a.slack.idle();
    const [answer] = a.fake.callsOf('chat.postMessage');
    expect(answer?.args).toMatchObject({ channel: DM, thread_ts: ts });
    expect(textOf(answer)).toContain('loudspeaker.csv: 5 lines screened as of 2026-11-30');
    expect(textOf(answer)).toContain('5 lines need a compliance decision');
    expect(a.fake.callsOf('files.completeUploadExternal').at(-1)?.args).toMatchObject({ channel_id: DM, thread_ts: ts });
    const [button] = buttonsOf(answer).filter((x) => x.actionId === 'bom_escalate');
    expect(button?.value).toMatch(/^[0-9a-f-]{36}$/);

    // The button pressed, its click delivered to instance b.
    const click = () => b.send.interaction(blockAction({
      user: 'U_ASKER', channel: DM, messageTs: '1730999999.000100', threadTs: ts, actionId: 'bom_escalate', blockId: button?.blockId ?? '', value: button?.value ?? '',
      responseUrl: b.fake.responseUrl('bom-click'),
    }));
    expect((await click()).status).toBe(200);
    await b.slack.idle();
    const open = await b.app.desk.list({ state: 'open' });
    expect(open).toHaveLength(1);
    const c = open[0];
    expect(c?.question).toContain('row 2 LS-1: Woofer magnet');
    expect(c?.replyTo).toMatchObject({ channel: 'slack', user: 'U_ASKER', threadRef: ts, slackChannel: DM });
    expect(await a.app.bomUploads.uploadOfCase(c?.id ?? '')).toBe(button?.value);
    const told = b.fake.callsOf('chat.postMessage').find((m) => m.args.channel === DM);
    expect(told?.args).toMatchObject({ thread_ts: ts, text: `Sent 5 lines to the compliance team as case ${c?.id}; the decision will be posted in this thread.` });
    expect(b.fake.callsOf('files.completeUploadExternal').at(-1)?.args).toMatchObject({ channel_id: COMPLIANCE_CHANNEL, initial_comment: `The annotated bill of materials for case ${c?.id}.` });

    b.fake.reset();
    await click();
    await b.slack.idle();
    expect(b.fake.callsOf('chat.postMessage').at(-1)?.args.text).toBe(`These lines are already with the compliance team as case ${c?.id}.`);
    expect(await a.app.desk.list({ state: 'open' })).toHaveLength(1);
    const t = await trail(url);
    expect(t.chain.ok).toBe(true);
    expect(t.cases).toEqual({ checked: 1, problems: [] });
  }, 60_000);
});

describe('a BOM in Teams, on PostgreSQL', () => {
  it('is screened by one instance; its signed link opens on another, which escalates it; two presses at once open one case', async () => {
    const url = await cluster().freshDatabase();
    const fake = await FakeConnector.start();
    closing.push(() => fake.close());
    const options = { emulator: fake, clock: clockOn(AFTER) };
    const a = await startPostgresLodestone(url, options);
    closing.push(() => a.close());
    const b = await startPostgresLodestone(url, options);
    closing.push(() => b.close());

    expect((await a.post(personalMessage(fake, '', ASKER, { attachments: [fake.fileAttachment('ls', 'loudspeaker.csv', LOUDSPEAKER)] }))).status).toBe(200);
    const reply = fake.messagesTo(PERSONAL).at(-1);
    if (!reply) throw new Error('no reply');
    const actions = cardActions(cardOf(reply));
    const link = new URL(String(actions.find((x) => x.type === 'Action.OpenUrl')?.url));
    // The link a signed, fetched from b.
    const file = await fetch(`${b.url}${link.pathname}${link.search}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('loudspeaker-screened.xlsx');
    const forged = `${link.pathname}?sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
    expect((await fetch(`${b.url}${forged}`)).status).toBe(404);

    // "Send them to compliance" pressed twice at once, the two presses landing on a and b.
    const data = actions.find((x) => x.type === 'Action.Submit')?.data as Record<string, unknown>;
    const presses = await Promise.all([a, b].map((l) => l.post(cardSubmit(fake, data, ASKER, 'personal'))));
    expect(presses.map((p) => p.status)).toEqual([200, 200]);
    const open = await a.app.desk.list({ state: 'open' });
    expect(open).toHaveLength(1);
    const said = fake.messagesTo(PERSONAL).slice(-2).map((m) => String(m.body.text)).sort();
    expect(said).toEqual([
      `Sent 5 lines to the compliance team as case ${open[0]?.id}; the decision will be posted here.`,
      `These lines are already with the compliance team as case ${open[0]?.id}.`,
    ]);
    const t = await trail(url);
    expect(t.chain.ok).toBe(true);
    expect(t.cases).toEqual({ checked: 1, problems: [] });
  }, 60_000);
});
