/**
 * The rule status desk across a crash, in a real browser against the real server on 2026-11-30: two people asked a
 * question that escalated; an officer records what followed in the console; the server sends one update (one a
 * minute, ANSWER_UPDATES_PER_MINUTE=1) and stops before the other; started again on the same database, it sends
 * the other, and each asker's chat shows exactly one update.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, textOf } from './browser.js';
import { startWebServer, type WebServer } from './web-server.js';

const QUESTION = 'Our Dutch warehouse resells Chinese-origin Tb oxide to the UK. Licence?';

let browser: Browser;
const servers: WebServer[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  for (const s of servers.splice(0)) await s.close();
  await browser?.close();
});

async function start(dbFile: string): Promise<WebServer> {
  const s = await startWebServer({ ANSWER_UPDATES_PER_MINUTE: '1' }, '2026-11-30', { dbFile });
  servers.push(s);
  return s;
}

/** A person of their own (their own browser context, so their own chat session) who asks once. */
async function asker(url: string, text: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await page.getByLabel('Your question').fill(text);
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect.poll(textOf(page.locator('#chat-log .turn').last().locator('.badge'))).toBe('Compliance review');
  return page;
}

async function notices(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.locator('#chat-log .turn').first().waitFor();
  return page.locator('#chat-log article.notice').count();
}

describe('rule status desk across a restart', () => {
  test('a server that stops after recording, before every update went out, sends the rest once when started again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lodestone-web-desk-')), 'lodestone.db');
    const first = await start(file);
    const one = await asker(first.url, QUESTION);
    const two = await asker(first.url, QUESTION.replace('Tb oxide', 'Dy oxide'));

    const officer = await (await browser.newContext()).newPage();
    await officer.goto(`${first.url}/console/rules`);
    await officer.locator('.horizon-event[data-source="CN-ANN-2025-70"]').getByRole('link', { name: 'Record what followed' }).click();
    await officer.getByLabel('What followed').selectOption('resumed');
    await officer.getByLabel('From (resumed, revoked, amended)').fill('2026-11-10');
    await officer.getByLabel('Source ID').fill('CN-ANN-2026-99');
    await officer.getByLabel('Title').fill('Test notice: No. 70 not renewed');
    await officer.getByLabel('Date', { exact: true }).fill('2026-11-12');
    await officer.getByLabel('Official URL').fill('https://www.mofcom.gov.cn/test-notice');
    await officer.getByLabel(/^Why/).fill('MOFCOM notice: the suspension was not renewed.');
    await officer.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(textOf(officer.locator('#preview-heading'))).toBe('This will change 2 answers and 2 open cases');
    await officer.getByRole('button', { name: 'Confirm and record' }).click();
    await expect.poll(textOf(officer.locator('#status-desk .flash'))).toContain('Status recorded and applied');

    // The first update goes out (the background dispatcher runs every second); the second waits for the limit.
    const sent = () => first.app.db.prepare("SELECT COUNT(*) FROM outbox WHERE kind = 'answer_update' AND state = 'done'").pluck().get();
    await expect.poll(sent, { timeout: 20_000 }).toBe(1);
    // The server stops there: no more deliveries from it. Its database is left as it is.
    await first.dispatcher.stop();

    const again = await start(file);
    const url = again.url;
    await expect.poll(() => again.app.db.prepare("SELECT COUNT(*) FROM outbox WHERE kind = 'answer_update' AND state = 'done'").pluck().get(), { timeout: 20_000 }).toBe(2);
    // Each asker's chat shows exactly one update (cookies are per host, not port; the session key is in the database).
    expect(await notices(one, url)).toBe(1);
    expect(await notices(two, url)).toBe(1);
    await expect.poll(textOf(one.locator('#chat-log article.notice').first().locator('.headline'))).toBe('An earlier answer has changed: now Licence required');
  }, 120_000);
});
