/**
 * The rule status desk in a real browser against the real server on 2026-11-30: the horizon shows No. 70's end as
 * one event with the conversations and cases depending on it; an officer records what followed, sees the preview,
 * confirms; the same question is answered anew at once, the earlier asker's chat shows one update, and recording
 * the same status again tells nobody. On both engines: the app on SQLite, and on PostgreSQL.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot, textOf } from './browser.js';
import { useThrowawayPostgres } from '../../support/postgres.js';
import { startPostgresWebServer, startWebServer, type AnyWebServer } from './web-server.js';

const QUESTION = 'Our Dutch warehouse resells Chinese-origin Tb oxide to the UK. Licence?';

const cluster = useThrowawayPostgres();
const engines = {
  sqlite: (): Promise<AnyWebServer> => startWebServer({}, '2026-11-30'),
  postgres: async (): Promise<AnyWebServer> => startPostgresWebServer(await cluster().freshDatabase(), {}, '2026-11-30'),
};

let server: AnyWebServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await context?.close();
  await server?.close();
});

async function ask(p: Page, text: string): Promise<void> {
  const before = await p.locator('#chat-log .turn').count();
  await p.getByLabel('Your question').fill(text);
  await p.getByRole('button', { name: 'Ask', exact: true }).click();
  await p.locator('#chat-log .turn').nth(before).waitFor();
}

/** Fills the form from No. 70's event, or (once the event is gone) from the form with No. 70 chosen. */
async function record(officer: Page, fromEvent: boolean): Promise<void> {
  await officer.goto(`${server.url}/console/rules`);
  if (fromEvent) await officer.locator('.horizon-event[data-source="CN-ANN-2025-70"]').getByRole('link', { name: 'Record what followed' }).click();
  else await officer.getByLabel('Rule or suspension').selectOption('CN-ANN-2025-70');
  expect(await officer.getByLabel('Rule or suspension').inputValue()).toBe('CN-ANN-2025-70');
  await officer.getByLabel('What followed').selectOption('resumed');
  await officer.getByLabel('From (resumed, revoked, amended)').fill('2026-11-10');
  await officer.getByLabel('Source ID').fill('CN-ANN-2026-99');
  await officer.getByLabel('Title').fill('Test notice: No. 70 not renewed');
  await officer.getByLabel('Date', { exact: true }).fill('2026-11-12');
  await officer.getByLabel('Official URL').fill('https://www.mofcom.gov.cn/test-notice');
  await officer.getByLabel(/^Why/).fill('MOFCOM notice: the suspension was not renewed.');
  await officer.getByRole('button', { name: 'Preview' }).click();
}

describe.each(Object.entries(engines))('rule status desk in a browser, on %s', (engine, start) => {
  test('record a resumption: preview, confirm, the answer changes at once, the asker is told once', async () => {
    server = await start();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const asker = await context.newPage();
    await asker.goto(server.url);
    await ask(asker, QUESTION);
    await expect.poll(textOf(asker.locator('#chat-log .turn').last().locator('.badge'))).toBe('Compliance review');

    const officer = await context.newPage();
    await officer.goto(`${server.url}/console/rules`);
    const event = officer.locator('.horizon-event[data-source="CN-ANN-2025-70"]');
    await expect.poll(textOf(event)).toContain('No. 70 (2025) ended on 2026-11-10: 17 rules, status unknown.');
    await expect.poll(textOf(event)).toContain('1 recent conversations and 1 open cases depend on them.');
    const versionBefore = await officer.locator('#rules-version').textContent();

    await record(officer, true);
    await expect.poll(textOf(officer.locator('#preview-heading'))).toBe('This will change 1 answers and 1 open cases');
    if (engine === 'sqlite') await screenshot(officer, 'console-status-desk-preview');
    await officer.getByRole('button', { name: 'Confirm and record' }).click();
    await expect.poll(textOf(officer.locator('#status-desk .flash'))).toContain('Status recorded and applied');
    expect(await officer.locator('#rules-version').textContent()).not.toBe(versionBefore);
    expect(await officer.locator('.horizon-event[data-source="CN-ANN-2025-70"]').count()).toBe(0);

    // The earlier asker's chat shows the update (the chat page polls its inbox), once.
    const notice = asker.locator('#chat-log article.notice');
    await expect.poll(textOf(notice.first().locator('.headline')), { timeout: 20_000 }).toBe('An earlier answer has changed: now Licence required');
    await expect.poll(textOf(notice.first())).toContain('CN-ANN-2026-99');
    // The same question now gets the new verdict, citing the new source.
    await ask(asker, QUESTION);
    const reply = asker.locator('#chat-log .turn').last().locator('article.reply');
    await expect.poll(textOf(reply.locator('.badge'))).toBe('Licence required');
    await expect.poll(textOf(reply.locator('.citations'))).toContain('CN-ANN-2026-99');

    // The same record again: nothing changes, nobody is told again.
    await record(officer, false);
    await expect.poll(textOf(officer.locator('#preview-heading'))).toBe('This will change 0 answers and 0 open cases');
    await officer.getByRole('button', { name: 'Confirm and record' }).click();
    await expect.poll(textOf(officer.locator('#status-desk .flash'))).toContain('already recorded');
    await server.dispatcher.runOnce();
    await asker.reload();
    expect(await asker.locator('#chat-log article.notice').count()).toBe(1);
  }, 120_000);
});
