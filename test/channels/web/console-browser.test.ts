/**
 * The console in a real browser: one line per alert, acknowledged with a click; audit details as fields; the
 * dashboard's charts drawn by Chart.js under the CSP, with their numbers in tables.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { escalation, magnetFacts, message, reply } from '../../cases/fixtures.js';
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
    await server.app.shared.alerts.add('status:no57-items', long, new Date('2026-03-02T08:00:00Z'));
    await server.app.shared.alerts.add('unclaimed:C-000009', 'Case C-000009 has waited a day.', new Date('2026-03-02T09:00:00Z'));
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

  test('the dashboard draws its three charts from this server, and its tables hold the same numbers', async () => {
    const { cases } = server.app;
    for (let i = 0; i < 3; i++) cases.recordQuestion(message(), { ...reply(), facts: magnetFacts });
    const oxide = { item: { form: 'oxide' as const, elementsPresent: ['Tb' as const] } };
    cases.recordQuestion(message(), { ...reply(), verdict: 'prohibited', facts: oxide });
    const answer = { questionSeq: 1, verdict: 'need_info', rulesVersion: 'v', asOf: '2026-02-20', fired: [], citations: [], escalation: 'not_needed', item: 'oxide (Tb)' };
    cases.audit.append({ kind: 'answer', actor: 'assistant', at: new Date('2026-02-20T10:00:00Z'), payload: answer });
    cases.openCase(escalation({ replyTo: { channel: 'web', user: 'w1', conversation: 'dash' } }));
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') failures.push(m.text()); });
    // No animation: the bars are whole once the script says it has drawn.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${server.url}/console/dashboard`);
    await expect.poll(() => page.locator('.dashboard').getAttribute('data-drawn')).toBe('true');

    for (const id of ['chart-answers', 'chart-cases', 'chart-items']) {
      const drawn = await page.locator(`#${id}`).evaluate((el) => {
        const canvas = el as HTMLCanvasElement;
        const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted++;
        return { width: canvas.width, height: canvas.height, painted };
      });
      expect(drawn.width, id).toBeGreaterThan(200);
      expect(drawn.height, id).toBeGreaterThan(100);
      expect(drawn.painted, id).toBeGreaterThan(1000);
    }
    // What Chart.js drew is what the tables say.
    const charted = await page.evaluate(() => {
      const chartOf = (id: string) => (globalThis as unknown as { Chart: { getChart(id: string): { data: { labels: string[]; datasets: { label: string; data: number[] }[] } } } }).Chart.getChart(id);
      const sum = (id: string) => chartOf(id).data.datasets.flatMap((d) => d.data).reduce((a, b) => a + b, 0);
      return { answers: sum('chart-answers'), cases: sum('chart-cases'), items: chartOf('chart-items').data.labels, legend: chartOf('chart-answers').data.datasets.map((d) => d.label) };
    });
    expect(charted).toEqual({
      answers: 5, cases: 1, items: ['NdFeB magnet (Dy)', 'oxide (Tb)'],
      legend: ['Prohibited', 'Compliance review', 'Licence required', 'More information needed', 'No licence required', 'Information'],
    });

    for (const summary of await page.locator('details.chart-table > summary').all()) await summary.click();
    expect((await page.locator('#table-answers tfoot').innerText()).split(/\s+/)).toEqual(['Total', '1', '0', '3', '1', '0', '0', '5']);
    expect(await page.locator('#table-answers tbody tr').filter({ hasText: '2026-02-20' }).innerText()).toMatch(/^2026-02-20\s+0\s+0\s+0\s+1\s+0\s+0\s+1$/);
    expect(await page.locator('#table-cases tbody tr').first().innerText()).toMatch(/^Under a day\s+1\s+0\s+1$/);
    expect(await page.locator('#table-items tbody tr').allInnerTexts()).toEqual(['NdFeB magnet (Dy)\t3', 'oxide (Tb)\t2']);
    expect(failures).toEqual([]);
    await page.locator('details.chart-table').evaluateAll((all) => all.forEach((d) => { (d as HTMLDetailsElement).open = false; }));
    await screenshot(page, 'console-dashboard');
  }, 60_000);
});
