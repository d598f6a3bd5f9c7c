/**
 * Screening a bill of materials in the web chat, in the real browser against the real server: upload, the table
 * with verdict badges and filters, the product summary, the annotated downloads (formula-looking cells defused),
 * the escalation as one case with the file for the officer, and refusals of bad files. The whole flow, up to the
 * officer's download from the console, runs on both engines (SQLite, and PostgreSQL as several instances run it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AFTER } from '../../bom/bom-fixtures.js';
import { messyBomXlsx } from '../../bom/messy-bom.js';
import { launchChromium, screenshot, textOf } from './browser.js';
import { useThrowawayPostgres } from '../../support/postgres.js';
import { startPostgresWebServer, startWebServer, type AnyWebServer } from './web-server.js';

const LOUDSPEAKER = readFileSync(join(import.meta.dirname, '..', '..', 'bom', 'fixtures', 'loudspeaker.csv'));
const UPLOAD_URL = /\/chat\/bom\/[0-9a-f-]{36}$/;

const cluster = useThrowawayPostgres();
let server: AnyWebServer | undefined;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
  await server?.close();
  context = undefined;
  server = undefined;
});

async function open(env: Record<string, string> = {}, engine: 'sqlite' | 'postgres' = 'sqlite'): Promise<{ s: AnyWebServer; page: Page }> {
  server = engine === 'sqlite' ? await startWebServer(env) : await startPostgresWebServer(await cluster().freshDatabase(), env);
  context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  return { s: server, page: await context.newPage() };
}

/**
 * Uploads through the form and returns the status of the upload's own response (303 to the screened file, or the
 * refusal's status). Waiting on that response rather than on the next page's load event says, if it ever fails,
 * whether the upload went unanswered or answered something else (CI once timed out on the load, unexplained).
 */
async function upload(page: Page, s: AnyWebServer, file: { name: string; mimeType: string; buffer: Buffer }, asOf?: string): Promise<number> {
  await page.goto(s.url);
  await page.getByRole('link', { name: /Screen a bill of materials/ }).click();
  await page.waitForURL(/\/chat\/bom$/);
  await page.getByLabel(/BOM file/).setInputFiles(file);
  if (asOf) await page.getByLabel('Screen as of this date (optional)').fill(asOf);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/chat/bom'),
    page.getByRole('button', { name: 'Screen' }).click(),
  ]);
  return response.status();
}

/** Uploads a file that screens, and waits for its page. */
async function screened(page: Page, s: AnyWebServer, file: { name: string; mimeType: string; buffer: Buffer }, asOf?: string): Promise<void> {
  expect(await upload(page, s, file, asOf)).toBe(303);
  await page.waitForURL(UPLOAD_URL, { waitUntil: 'domcontentloaded' });
}

async function download(page: Page, linkId: string): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator(`#${linkId}`).click()]);
  const path = await dl.path();
  return readFileSync(path);
}

describe('screening a BOM in the web chat', () => {
  test.each(['sqlite', 'postgres'] as const)('upload, table with verdict badges, filters, product summary, download and one escalated case (%s)', async (engine) => {
    const { s, page } = await open({}, engine);
    await screened(page, s, { name: 'loudspeaker.csv', mimeType: 'text/csv', buffer: LOUDSPEAKER }, AFTER);

    await expect.poll(() => page.locator('tr.bom-line').count()).toBe(5);
    await expect.poll(textOf(page.locator('tr.bom-line').first().locator('.part-verdict .badge'))).toBe('compliance review');
    await expect.poll(textOf(page.locator('tr.bom-line').nth(1).locator('.part-verdict .badge'))).toBe('not exported from China');
    await expect.poll(textOf(page.locator('#bom-product .headline'))).toContain('loudspeaker.csv: 5 lines screened as of 2026-11-30');
    await expect.poll(textOf(page.locator('#bom-share'))).toMatch(/Chinese-origin rare-earth content share: \d+\.\d{4} %/);
    if (engine === 'sqlite') await screenshot(page, 'web-bom-screened');

    await page.getByLabel('Part exported from China').selectOption('escalate');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/part=escalate/);
    await expect.poll(() => page.locator('tr.bom-line').count()).toBe(1);
    await expect.poll(textOf(page.locator('#bom-count'))).toBe('Showing 1 of 5 lines.');
    await expect.poll(textOf(page.locator('tr.bom-line td').nth(0))).toBe('LS-1');

    const csv = (await download(page, 'download-csv')).toString('utf8');
    expect(csv.split('\n')[0]).toContain('Lodestone: part export from China');
    expect(csv).toMatch(/^LS-1,Woofer magnet,.*,escalate,/m);

    // After 2026-11-10 every line's product view escalates (see test/bom/bom-fixtures.ts), so the button sends them all.
    await page.getByRole('button', { name: 'Send them to compliance as one case' }).click();
    await page.waitForURL(/escalated=opened/);
    const [c] = await s.app.desk.list({ state: 'open' });
    expect(c?.question).toContain('LS-1');
    await expect.poll(textOf(page.locator('#bom-notice'))).toBe(`Sent to the compliance team as case ${c?.id}.`);
    await expect.poll(textOf(page.locator('#bom-case'))).toContain(`case ${c?.id}`);
    expect(await page.getByRole('button', { name: /Send them to compliance/ }).count()).toBe(0);
    expect(await s.app.desk.list({ state: 'open' })).toHaveLength(1);

    // The officer finds the annotated file on the case.
    await page.goto(`${s.url}/console/cases/${c?.id}`);
    await expect.poll(textOf(page.locator('#case-bom'))).toContain('the annotated file');
    const xlsx = await (async () => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#case-bom a', { hasText: 'XLSX' }).click()]);
      return readFileSync(await dl.path());
    })();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.getRow(2).getCell(1).value).toBe('LS-1');
  }, 120_000);

  test('an XLSX with a formula-looking description comes back defused in both downloads', async () => {
    const { s, page } = await open();
    await screened(page, s, { name: 'hub-motor.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await messyBomXlsx() });
    await expect.poll(() => page.locator('tr.bom-line').count()).toBeGreaterThan(3);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(page, 'download-xlsx')) as unknown as ArrayBuffer);
    const values: unknown[] = [];
    wb.worksheets[0]?.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values.every((v) => typeof v === 'string' || v === null)).toBe(true);
    expect(values.some((v) => typeof v === 'string' && v.startsWith("'="))).toBe(true);
    expect(values.some((v) => typeof v === 'string' && /^[=+\-@]/.test(v))).toBe(false);
    const csv = (await download(page, 'download-csv')).toString('utf8');
    expect(csv.split('\n').some((line) => line.split(',').some((cell) => /^"?[=+\-@]/.test(cell)))).toBe(false);
  }, 120_000);

  test('a file of the wrong type, a malformed sheet and a file without lines get a clear answer, audited', async () => {
    const { s, page } = await open();
    const cases = [
      { name: 'bom.xlsm', buffer: Buffer.from('PK\u0003\u0004 macros'), says: 'only .csv and .xlsx bills of materials are screened' },
      { name: 'bom.xlsx', buffer: Buffer.from('PK\u0003\u0004 not a workbook'), says: 'not a readable XLSX file' },
      { name: 'bom.csv', buffer: Buffer.from('Part No,Description,Quantity\n'), says: 'no BOM lines under the header row' },
    ];
    for (const c of cases) {
      expect(await upload(page, s, { name: c.name, mimeType: 'application/octet-stream', buffer: c.buffer })).toBe(422);
      await expect.poll(textOf(page.locator('#bom-error'))).toContain(c.says);
      expect(page.url()).toMatch(/\/chat\/bom$/);
    }
    const refusals = (await s.app.trail.latest(100)).records.filter((r) => r.kind === 'refusal').reverse();
    expect(refusals.map((r) => (r.payload as { code?: string }).code)).toEqual(['unsupported_type', 'malformed', 'empty']);
  }, 120_000);

  test('an over-large file is refused at the limit, with the limit named, and audited', async () => {
    const { s, page } = await open({ BOM_UPLOAD_MAX_MB: '0.001' });
    const big = Buffer.concat([LOUDSPEAKER, Buffer.alloc(4_000, 0x20)]);
    expect(await upload(page, s, { name: 'big.csv', mimeType: 'text/csv', buffer: big })).toBe(413);
    await expect.poll(textOf(page.locator('#bom-error'))).toContain('is larger than the');
    const refusals = (await s.app.trail.latest(100)).records.filter((r) => r.kind === 'refusal');
    expect(refusals.map((r) => r.payload)).toEqual([expect.objectContaining({ action: 'bom_upload', code: 'too_large' })]);
  }, 120_000);

  test("another session cannot open someone's screened file", async () => {
    const { s, page } = await open();
    await screened(page, s, { name: 'loudspeaker.csv', mimeType: 'text/csv', buffer: LOUDSPEAKER });
    const other = await browser.newContext();
    try {
      const res = await (await other.newPage()).goto(page.url());
      expect(res?.status()).toBe(404);
      const dl = await other.request.get(`${page.url()}/annotated.csv`);
      expect(dl.status()).toBe(404);
    } finally {
      await other.close();
    }
  }, 120_000);
});
