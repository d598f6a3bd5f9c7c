/**
 * A bill of materials sent as a file in a Teams personal chat: the real botbuilder adapter behind /api/messages, the
 * file.download.info attachment's downloadUrl served by the fake connector's host, the answer card with the summary
 * and a signed link to the annotated file served by the app, and the lines escalated as one case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clockOn } from '../../support/clock.js';
import { AFTER } from '../../bom/bom-fixtures.js';
import { messyBomXlsx } from '../../bom/messy-bom.js';
import { FakeConnector } from './fake-connector.js';
import { ASKER, PERSONAL, cardActions, cardOf, cardSubmit, cardText, channelMention, personalMessage, startLodestone, type Lodestone } from './harness.js';

const LOUDSPEAKER = readFileSync(join(import.meta.dirname, '..', '..', 'bom', 'fixtures', 'loudspeaker.csv'));

let fake: FakeConnector;
let lode: Lodestone;

beforeEach(async () => {
  fake = await FakeConnector.start();
  lode = await startLodestone({ emulator: fake, clock: clockOn(AFTER), env: { BOM_UPLOAD_MAX_MB: '0.05' } });
});
afterEach(async () => {
  await lode.close();
  await fake.close();
});

async function sendFile(id: string, name: string, bytes: Buffer): Promise<void> {
  const res = await lode.post(personalMessage(fake, '', ASKER, { attachments: [fake.fileAttachment(id, name, bytes)] }));
  expect(res.status).toBe(200);
}

function lastReply() {
  const reply = fake.messagesTo(PERSONAL).at(-1);
  if (!reply) throw new Error('no reply');
  return reply;
}

/** The app's own path of a link on the card (PUBLIC_URL is the configured host, not the test server's port). */
function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

describe('a BOM sent as a file in a Teams personal chat', () => {
  it('is fetched from its downloadUrl, screened, and answered with the summary, the annotated file and the escalate offer', async () => {
    await sendFile('ls', 'loudspeaker.csv', LOUDSPEAKER);
    expect(fake.downloads).toEqual(['ls']);
    const reply = lastReply();
    expect(reply.op).toBe('reply');
    const card = cardOf(reply);
    const said = cardText(card);
    expect(said).toContain('loudspeaker.csv: 5 lines screened as of 2026-11-30');
    expect(said).toContain('Chinese-origin rare-earth content share');
    expect(said).toContain('5 lines need a compliance decision:');
    expect(said).toContain('row 2 LS-1: Woofer magnet');
    const actions = cardActions(card);
    const link = actions.find((a) => a.type === 'Action.OpenUrl');
    expect(String(link?.url)).toMatch(/^http:\/\/127\.0\.0\.1:3978\/api\/bom\/[0-9a-f-]{36}\/annotated\.xlsx\?sig=/);

    const file = await fetch(`${lode.url}${pathOf(String(link?.url))}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('loudspeaker-screened.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await file.arrayBuffer());
    expect(wb.worksheets[0]?.getRow(2).getCell(1).value).toBe('LS-1');
    // A link not signed for this upload opens nothing.
    const forged = pathOf(String(link?.url)).replace(/sig=.*/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await fetch(`${lode.url}${forged}`)).status).toBe(404);

    const question = lode.app.cases.audit.records().filter((r) => r.kind === 'question').at(-1);
    expect(question?.payload).toMatchObject({ channel: 'teams', file: 'loudspeaker.csv', lines: 5 });
  });

  it('escalates the lines as ONE case from the card; pressing again finds the same case', async () => {
    await sendFile('ls', 'loudspeaker.csv', LOUDSPEAKER);
    const escalate = cardActions(cardOf(lastReply())).find((a) => a.type === 'Action.Submit');
    expect(escalate?.title).toBe('Send them to compliance as one case');
    const data = escalate?.data as Record<string, unknown>;

    expect((await lode.post(cardSubmit(fake, data, ASKER, 'personal'))).status).toBe(200);
    const [c] = lode.app.cases.list({ state: 'open' });
    expect(c?.question).toContain('LS-1');
    expect(c?.replyTo).toMatchObject({ channel: 'teams', user: ASKER.aadObjectId });
    expect(lastReply().body.text).toBe(`Sent 5 lines to the compliance team as case ${c?.id}; the decision will be posted here.`);

    await lode.post(cardSubmit(fake, data, ASKER, 'personal'));
    expect(lastReply().body.text).toBe(`These lines are already with the compliance team as case ${c?.id}.`);
    expect(lode.app.cases.list({ state: 'open' })).toHaveLength(1);
  });

  it('defuses formula-looking cells in the annotated XLSX', async () => {
    await sendFile('hub', 'hub-motor.xlsx', await messyBomXlsx());
    const link = cardActions(cardOf(lastReply())).find((a) => a.type === 'Action.OpenUrl');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await fetch(`${lode.url}${pathOf(String(link?.url))}`)).arrayBuffer());
    const values: unknown[] = [];
    wb.worksheets[0]?.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values.some((v) => typeof v === 'string' && v.startsWith("'="))).toBe(true);
    expect(values.some((v) => typeof v === 'string' && /^[=+\-@]/.test(v))).toBe(false);
  });

  it('answers an over-large file, a wrong type, a malformed sheet and one without lines clearly, and audits each', async () => {
    await sendFile('big', 'big.csv', Buffer.alloc(60_000, 0x41));
    await sendFile('macro', 'bom.xlsm', Buffer.from('PK\u0003\u0004'));
    await sendFile('bad', 'bom.xlsx', Buffer.from('PK\u0003\u0004 broken'));
    await sendFile('empty', 'empty.csv', Buffer.from('Part No,Description,Qty\n'));
    const said = fake.messagesTo(PERSONAL).map((m) => String(m.body.text));
    expect(said).toEqual([
      expect.stringContaining('big.csv is larger than the 0.05 MB screened here'),
      expect.stringContaining('only .csv and .xlsx bills of materials are screened'),
      expect.stringContaining('not a readable XLSX file'),
      expect.stringContaining('no BOM lines under the header row'),
    ]);
    // The wrong type is refused by its name, before it is fetched.
    expect(fake.downloads).toEqual(['big', 'bad', 'empty']);
    const refusals = lode.app.cases.audit.records().filter((r) => r.kind === 'refusal').map((r) => (r.payload as { code?: string }).code);
    expect(refusals).toEqual(['too_large', 'unsupported_type', 'malformed', 'empty']);
  });

  it('fetches nothing from an origin other than the emulator in local mode, and asks for a personal chat in a channel', async () => {
    const attachment = fake.fileAttachment('x', 'bom.csv', LOUDSPEAKER);
    const elsewhere = { ...attachment, content: { downloadUrl: 'http://127.0.0.2:9/files/x/bom.csv', fileType: 'csv' } };
    await lode.post(personalMessage(fake, '', ASKER, { attachments: [elsewhere] }));
    expect(String(lastReply().body.text)).toContain('it is not served from where Teams keeps files');
    expect(fake.downloads).toEqual([]);

    const inChannel = { ...channelMention(fake, 'screen this'), attachments: [attachment] };
    await lode.post(inChannel);
    expect(String(fake.activities.at(-1)?.body.text)).toBe('Send the bill of materials to me in a personal chat, and I will screen it there.');
    expect(fake.downloads).toEqual([]);
  });
});
