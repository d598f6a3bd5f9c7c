/**
 * A bill of materials shared with Lodestone in Slack: the real Bolt app behind real signed requests, the file
 * fetched from the fake Web API's url_private with the bot token, the answer and the annotated file (files.uploadV2
 * against the fake) in the file's thread, and the lines that need a decision escalated as one case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clockOn } from '../../support/clock.js';
import { AFTER } from '../../bom/bom-fixtures.js';
import { messyBomXlsx } from '../../bom/messy-bom.js';
import { BOT_USER_ID } from './fake-slack-api.js';
import { blockAction, buttonsOf, textOf } from './fixtures.js';
import { COMPLIANCE_CHANNEL, startHarness, type Harness } from './harness.js';

const LOUDSPEAKER = readFileSync(join(import.meta.dirname, '..', '..', 'bom', 'fixtures', 'loudspeaker.csv'));
const DM = 'D_ASKER';

let h: Harness;
beforeAll(async () => {
  // After No. 70's suspension ended: the loudspeaker's Chinese magnet needs a compliance decision.
  h = await startHarness({ clock: clockOn(AFTER), env: { BOM_UPLOAD_MAX_MB: '0.05' } });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.fake.reset();
});

let seq = 0;
function nextTs(): string {
  seq += 1;
  return `1730000${String(seq).padStart(3, '0')}.000200`;
}

async function shareInDm(file: Record<string, unknown>): Promise<string> {
  const ts = nextTs();
  await h.send.event({ type: 'message', subtype: 'file_share', channel_type: 'im', channel: DM, user: 'U_ASKER', ts, event_ts: ts, text: '', files: [file] });
  await h.slack.idle();
  return ts;
}

async function workbook(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no worksheet');
  return ws;
}

describe('a BOM shared with Lodestone in Slack', () => {
  it('in a DM: fetched with the bot token, answered in its thread with the summary, the annotated file and the escalate offer', async () => {
    const ts = await shareInDm(h.fake.hostFile('F_LS', 'loudspeaker.csv', LOUDSPEAKER));

    const [download] = h.fake.callsOf('file_download');
    expect(download?.args).toEqual({ id: 'F_LS', authorized: true });
    const [answer] = h.fake.callsOf('chat.postMessage');
    expect(answer?.args).toMatchObject({ channel: DM, thread_ts: ts });
    expect(textOf(answer)).toContain('loudspeaker.csv: 5 lines screened as of 2026-11-30');
    expect(textOf(answer)).toContain('Chinese-origin rare-earth content share');
    expect(textOf(answer)).toContain('5 lines need a compliance decision');
    expect(textOf(answer)).toContain('row 2 LS-1: Woofer magnet');
    const [button] = buttonsOf(answer).filter((b) => b.actionId === 'bom_escalate');
    expect(button?.value).toMatch(/^[0-9a-f-]{36}$/);

    // files.uploadV2: ask for an upload URL, post the bytes there, complete the upload into the thread.
    const [getUrl] = h.fake.callsOf('files.getUploadURLExternal');
    expect(getUrl?.args.filename).toBe('loudspeaker-screened.xlsx');
    const [complete] = h.fake.callsOf('files.completeUploadExternal');
    expect(complete?.args).toMatchObject({ channel_id: DM, thread_ts: ts });
    const uploaded = h.fake.uploads.at(-1);
    expect(uploaded?.filename).toBe('loudspeaker-screened.xlsx');
    const ws = await workbook(uploaded?.bytes ?? Buffer.alloc(0));
    expect(ws.getRow(1).values).toContain('Lodestone: part export from China');
    expect(ws.getRow(2).getCell(1).value).toBe('LS-1');

    const audit = h.app.cases.audit.records();
    expect(audit.filter((r) => r.kind === 'question').at(-1)?.payload).toMatchObject({ channel: 'slack', file: 'loudspeaker.csv', lines: 5 });
  });

  it('escalates the lines as ONE case on the button, tells the thread, and gives compliance the annotated file; a second click finds the case', async () => {
    const ts = await shareInDm(h.fake.hostFile('F_LS2', 'loudspeaker.csv', LOUDSPEAKER));
    const [answer] = h.fake.callsOf('chat.postMessage');
    const [button] = buttonsOf(answer).filter((b) => b.actionId === 'bom_escalate');
    h.fake.reset();
    const click = () => h.send.interaction(blockAction({
      user: 'U_ASKER', channel: DM, messageTs: '1730999999.000100', threadTs: ts, actionId: 'bom_escalate', blockId: button?.blockId ?? '', value: button?.value ?? '',
      responseUrl: h.fake.responseUrl('bom-click'),
    }));
    expect((await click()).status).toBe(200);
    await h.slack.idle();

    const open = h.app.cases.list({ state: 'open' }).filter((c) => c.question.includes('loudspeaker.csv'));
    expect(open).toHaveLength(1);
    const c = open[0];
    expect(c?.replyTo).toMatchObject({ channel: 'slack', user: 'U_ASKER', threadRef: ts, slackChannel: DM });
    const told = h.fake.callsOf('chat.postMessage').find((m) => m.args.channel === DM);
    expect(told?.args).toMatchObject({ thread_ts: ts, text: `Sent 5 lines to the compliance team as case ${c?.id}; the decision will be posted in this thread.` });
    expect(h.fake.callsOf('files.completeUploadExternal').at(-1)?.args).toMatchObject({ channel_id: COMPLIANCE_CHANNEL, initial_comment: `The annotated bill of materials for case ${c?.id}.` });

    h.fake.reset();
    await click();
    await h.slack.idle();
    expect(h.app.cases.list({ state: 'open' }).filter((x) => x.question.includes('loudspeaker.csv'))).toHaveLength(1);
    expect(h.fake.callsOf('chat.postMessage').at(-1)?.args.text).toBe(`These lines are already with the compliance team as case ${c?.id}.`);
  });

  it('with a mention in a channel: screens the XLSX and answers in the thread, defused cells in the annotated file', async () => {
    const ts = nextTs();
    const file = h.fake.hostFile('F_HUB', 'hub-motor.xlsx', await messyBomXlsx());
    await h.send.event({ type: 'app_mention', user: 'U_ASKER', channel: 'C_ENG', ts, event_ts: ts, text: `<@${BOT_USER_ID}> please screen this`, files: [file] });
    await h.slack.idle();
    const [answer] = h.fake.callsOf('chat.postMessage');
    expect(answer?.args).toMatchObject({ channel: 'C_ENG', thread_ts: ts });
    expect(textOf(answer)).toContain('hub-motor.xlsx');
    const values: unknown[] = [];
    (await workbook(h.fake.uploads.at(-1)?.bytes ?? Buffer.alloc(0))).eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values.some((v) => typeof v === 'string' && v.startsWith("'="))).toBe(true);
    expect(values.some((v) => typeof v === 'string' && /^[=+\-@]/.test(v))).toBe(false);
  });

  it('refuses an over-large file without fetching it, a wrong type and a malformed sheet, with a clear answer, audited', async () => {
    const big = h.fake.hostFile('F_BIG', 'big.csv', Buffer.alloc(60_000, 0x41));
    await shareInDm(big);
    expect(h.fake.callsOf('file_download')).toHaveLength(0);
    await shareInDm(h.fake.hostFile('F_XLSM', 'bom.xlsm', Buffer.from('PK\u0003\u0004')));
    expect(h.fake.callsOf('file_download')).toHaveLength(0);
    await shareInDm(h.fake.hostFile('F_BAD', 'bom.xlsx', Buffer.from('PK\u0003\u0004 broken')));
    await shareInDm(h.fake.hostFile('F_EMPTY', 'empty.csv', Buffer.from('Part No,Description,Qty\n')));
    const said = h.fake.callsOf('chat.postMessage').map((c) => String(c.args.text));
    expect(said).toEqual([
      expect.stringContaining('big.csv is larger than the 0.05 MB screened here'),
      expect.stringContaining('only .csv and .xlsx bills of materials are screened'),
      expect.stringContaining('not a readable XLSX file'),
      expect.stringContaining('no BOM lines under the header row'),
    ]);
    expect(h.fake.callsOf('files.getUploadURLExternal')).toHaveLength(0);
    const refusals = h.app.cases.audit.records().filter((r) => r.kind === 'refusal').map((r) => (r.payload as { code?: string }).code);
    expect(refusals.slice(-4)).toEqual(['too_large', 'unsupported_type', 'malformed', 'empty']);
  });

  it('never sends the bot token to a host that is not Slack', async () => {
    const file = { ...h.fake.hostFile('F_EVIL', 'bom.csv', LOUDSPEAKER), url_private_download: 'http://127.0.0.2:9/steal.csv', url_private: 'http://127.0.0.2:9/steal.csv' };
    await shareInDm(file);
    expect(h.fake.callsOf('file_download')).toHaveLength(0);
    expect(String(h.fake.callsOf('chat.postMessage')[0]?.args.text)).toContain('the file is not served by Slack');
  });
});
