/** The console's alerts and audit view in a real browser: one line per alert, acknowledged with a click; audit details as fields. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot, textOf } from './browser.js';
import { startWebServer, type WebServer } from './web-server.js';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  server = await startWebServer();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

afterEach(async () => {
  await context?.close();
  await server?.close();
});

describe('console in a browser', () => {
  test('each alert is one line until opened, and Acknowledge takes it off the list', async () => {
    const long = 'Rule no57-items: its suspension by CN-ANN-2025-70 ended on 2026-11-10. The rules data records nothing about what followed, so answers escalate until compliance records its status.';
    server.app.stores.web.alerts.add('status:no57-items', long, new Date('2026-03-02T08:00:00Z'));
    server.app.stores.web.alerts.add('unclaimed:C-000009', 'Case C-000009 has waited a day.', new Date('2026-03-02T09:00:00Z'));
    await page.goto(`${server.url}/console`);
    const alerts = page.locator('.alert-list > li');
    expect(await alerts.count()).toBe(2);
    // One line each: the rest of the long alert is hidden until its line is opened.
    for (const box of await Promise.all([0, 1].map((i) => alerts.nth(i).boundingBox()))) expect(box?.height ?? 0).toBeLessThan(48);
    const rest = page.getByText('The rules data records nothing about what followed');
    expect(await rest.isVisible()).toBe(false);
    await screenshot(page, 'console-alerts');
    await page.locator('.alert-list summary').first().click();
    expect(await rest.isVisible()).toBe(true);

    await alerts.filter({ hasText: 'Rule no57-items' }).getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => page.locator('.alert-list > li').count()).toBe(1);
    await expect.poll(textOf(page.locator('.alerts .hint'))).toBe('1 acknowledged.');
    expect(await page.locator('.alert-list').innerText()).toContain('Case C-000009 has waited a day.');
  }, 60_000);

  test('the audit view shows each record\'s details as labelled fields', async () => {
    await page.goto(server.url);
    await page.getByLabel('Your question').fill('Can we export terbium metal from China to a military end user in Russia?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await page.locator('#chat-log .turn').first().waitFor();
    await page.goto(`${server.url}/console/audit`);
    const answer = page.locator('table.audit tbody tr').filter({ hasText: 'answer' }).first();
    await answer.locator('dl.fields').first().waitFor();
    expect(await answer.locator('dl.fields').first().innerText()).toMatch(/Verdict\s+escalate/);
    expect(await answer.locator('dl.fields dt').allInnerTexts()).toEqual(expect.arrayContaining(['Verdict', 'Rules version', 'Case']));
    expect(await page.locator('table.audit').innerText()).not.toContain('{"');
    await screenshot(page, 'console-audit-fields');
  }, 60_000);
});
