/** The web chat and console in a real browser against the real server: the flows of the issue, end to end. */
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RULE_STATUS_LABELS } from '../../../src/channels/web/labels.js';
import { ruleStatus } from '../../../src/rules/rule-status.js';
import { launchChromium, screenshot, textOf } from './browser.js';
import { startWebServer, type WebServer } from './web-server.js';

let server: WebServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let dialogs: string[];

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  server = await startWebServer();
  context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  page = await context.newPage();
  dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
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

function lastReply(p: Page) {
  return p.locator('#chat-log .turn').last().locator('article.reply');
}

describe('listed parties on the Sources page and in the console', () => {
  test('the Sources page lists the parties with their announcements, and a search finds a near match and says so', async () => {
    await page.goto(`${server.url}/sources`);
    const table = page.locator('table.parties');
    await expect.poll(textOf(page.locator('.party-count'))).toMatch(/^28 of 28 parties/);
    await expect.poll(textOf(table.locator('tr', { hasText: 'MP Materials' }))).toMatch(/Export control list.*US.*2026 No\. 23 \(2026-06-22\)/);
    await page.getByRole('searchbox', { name: 'Search parties' }).fill('TDK Corporation');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/party=TDK\+Corporation/);
    await expect.poll(textOf(page.locator('.party-matches'))).toContain("\"TDK Corporation\" matches watch-list entry 'TDK' in 2026 No. 12 or 2026 No. 28");
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await expect.poll(textOf(table.locator('tbody tr'))).toMatch(/TDK.*Watch list.*JP/);
    await screenshot(page, 'sources-parties-search');
    await table.getByRole('link', { name: '2026 No. 12' }).click();
    await page.waitForURL(/\/sources#CN-ANN-2026-12$/);
    await expect.poll(textOf(page.locator('dt#CN-ANN-2026-12'))).toContain('watch list');
  }, 60_000);

  test('the console rules page searches the parties by announcement and keeps its as-of date', async () => {
    await page.goto(`${server.url}/console/rules?asOf=2026-08-01`);
    await page.getByRole('searchbox', { name: 'Search parties' }).fill('2026 No. 23');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/asOf=2026-08-01.*party=2026/);
    const rows = page.locator('table.parties tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(textOf(rows.first())).toContain('MP Materials');
  }, 60_000);
});

describe('web chat in a browser', () => {
  test('asking a question shows the verdict card with reasons, the primary source link, next steps in the details and the disclaimer', async () => {
    await page.goto(server.url);
    await ask(page, 'Do sintered NdFeB magnets with 5% dysprosium shipped from Ningbo to Germany need an export licence?');
    const card = lastReply(page);
    await expect.poll(textOf(card.locator('.badge'))).toBe('Licence required');
    await expect.poll(textOf(card.locator('.headline'))).toContain('Licence required');
    expect(await card.locator('.reasons li').count()).toBeGreaterThan(0);
    expect(await card.locator('.next-steps li').count()).toBeGreaterThan(0);
    await expect.poll(textOf(card.locator('.disclaimer'))).toContain('Not legal advice');
    // The primary source is at a glance; every source is in the collapsed details.
    expect(await card.locator('.reply-details').getAttribute('open')).toBeNull();
    expect(await card.locator('.citations a').count()).toBeGreaterThan(0);
    const citation = card.locator('.primary-source a').first();
    expect(await citation.getAttribute('href')).toBe('/sources#CN-ANN-2025-18');
    await screenshot(page, 'web-chat-verdict');
    await citation.click();
    await page.waitForURL(/\/sources#CN-ANN-2025-18$/);
    await expect.poll(textOf(page.locator('dt#CN-ANN-2025-18'))).toContain('Announcement 2025 No. 18');
  }, 60_000);

  test('a follow-up question offers choices; a choice and then a typed answer lead to licence_required', async () => {
    await page.goto(server.url);
    await ask(page, 'Do our magnets need an export license?');
    const first = lastReply(page);
    await expect.poll(textOf(first.locator('.badge'))).toBe('More information needed');
    const choices = first.getByRole('group');
    await choices.getByRole('button', { name: 'It contains dysprosium' }).waitFor();
    await screenshot(page, 'web-chat-follow-up');

    await choices.getByRole('button', { name: 'It contains dysprosium' }).click();
    await expect.poll(() => page.locator('#chat-log .turn').count()).toBe(2);
    await expect.poll(textOf(page.locator('#chat-log .turn').last().locator('.from-user .said'))).toBe('It contains dysprosium');

    await ask(page, "They're sintered NdFeB with 5% dysprosium shipped from Ningbo to Germany");
    await expect.poll(textOf(lastReply(page).locator('.badge'))).toBe('Licence required');
    // Reloading shows the same conversation, rendered by the server from the same Reply.
    await page.reload();
    await expect.poll(() => page.locator('#chat-log .turn').count()).toBe(3);
    await expect.poll(textOf(lastReply(page).locator('.badge'))).toBe('Licence required');
  }, 60_000);

  test('the answer says how the question was read; clicking a correction decides again and the verdict changes', async () => {
    await page.goto(server.url);
    await ask(page, 'We export loose sintered NdFeB magnets with 3% Dy from Ningbo to Germany. Licence?');
    const first = lastReply(page);
    await expect.poll(textOf(first.locator('.badge'))).toBe('Licence required');
    await expect.poll(textOf(first.locator('.read-as-text'))).toMatch(/^I read this as: NdFeB magnet, .*dysprosium.*loose.*from China, to Germany\.$/);
    const corrections = first.getByRole('group', { name: 'Not right? Correct the reading' });
    await corrections.getByRole('button', { name: 'It contains no Dy or Tb' }).waitFor();
    await screenshot(page, 'web-chat-read-as');

    await corrections.getByRole('button', { name: 'It contains no Dy or Tb' }).click();
    await expect.poll(() => page.locator('#chat-log .turn').count()).toBe(2);
    await expect.poll(textOf(page.locator('#chat-log .turn').last().locator('.from-user .said'))).toBe('It contains no Dy or Tb');
    await expect.poll(textOf(lastReply(page).locator('.badge'))).toBe('No licence required');
    await expect.poll(textOf(lastReply(page).locator('.read-as-text'))).toContain('without dysprosium or terbium');
    await screenshot(page, 'web-chat-read-as-corrected');
  }, 60_000);

  test('escalating opens a case; an officer decides it in the console; the decision appears in the chat', async () => {
    await page.goto(server.url);
    await ask(page, 'Do our magnets need an export license?');
    await ask(page, "They're sintered NdFeB with 5% dysprosium shipped from Ningbo to Germany");
    await lastReply(page).getByRole('button', { name: 'Talk to compliance' }).click();
    await expect.poll(() => page.locator('#chat-log .turn').count()).toBe(3);
    await expect.poll(textOf(lastReply(page).locator('.escalation'))).toContain('Case C-000001');

    const officer = await context.newPage();
    await officer.goto(`${server.url}/console`);
    await officer.getByRole('link', { name: 'C-000001' }).click();
    await expect.poll(textOf(officer.getByRole('heading', { level: 1 }))).toContain('Case C-000001');
    await expect.poll(textOf(officer.locator('.facts'))).toContain('DE');
    await expect.poll(textOf(officer.locator('.rule-result[open]').first())).toContain('Expected');
    await expect.poll(textOf(officer.locator('.turns'))).toContain('sintered NdFeB');
    await screenshot(officer, 'console-case-open');

    await officer.getByRole('button', { name: 'Claim this case' }).click();
    await expect.poll(textOf(officer.locator('.done'))).toBe('Case claimed.');
    await officer.getByLabel('Decision', { exact: true }).selectOption('license_required');
    await officer.getByLabel('Note to the asker').fill('Apply via the Ningbo exporter; we hold the end-user certificate.');
    await officer.getByLabel('Reusable').check();
    await officer.getByRole('button', { name: 'Record decision' }).click();
    await expect.poll(textOf(officer.locator('.done'))).toContain('Decision recorded');
    await expect.poll(textOf(officer.locator('.resolution'))).toContain('Licence required');

    await officer.goto(`${server.url}/console?state=resolved`);
    await officer.getByRole('link', { name: 'C-000001' }).waitFor();
    await screenshot(officer, 'console-cases-resolved');

    // The dispatcher delivers within a second or so; the chat polls every three seconds.
    const notice = page.locator('article.notice');
    await notice.waitFor({ timeout: 15_000 });
    await expect.poll(textOf(notice)).toContain('Compliance decision on case C-000001: Licence required');
    await expect.poll(textOf(notice)).toContain('Apply via the Ningbo exporter');
    await screenshot(page, 'web-chat-decision');

    await officer.goto(`${server.url}/console/audit`);
    await expect.poll(textOf(officer.locator('.verification'))).toContain('The chain verifies');
    await screenshot(officer, 'console-audit');
  }, 60_000);

  test('script and image payloads in a question render as inert text, live and after a reload', async () => {
    const payload = '<script>alert("xss-script")</script> <img src=x onerror=alert("xss-img")> do magnets need a licence?';
    await page.goto(server.url);
    await ask(page, payload);
    const said = page.locator('#chat-log .from-user .said').last();
    await expect.poll(textOf(said)).toBe(payload);
    await page.reload();
    await expect.poll(textOf(page.locator('#chat-log .from-user .said').last())).toBe(payload);
    expect(await page.locator('#chat-log img').count()).toBe(0);
    expect(await page.locator('#chat-log script').count()).toBe(0);

    // The officer sees it too, in the case page.
    await lastReply(page).getByRole('button', { name: 'Talk to compliance' }).click();
    await expect.poll(textOf(lastReply(page).locator('.escalation'))).toContain('Case C-000001');
    await page.goto(`${server.url}/console/cases/C-000001`);
    await expect.poll(textOf(page.locator('.turns'))).toContain('<img src=x onerror=alert("xss-img")>');
    expect(await page.locator('main img').count()).toBe(0);
    await screenshot(page, 'console-case-xss');
    expect(dialogs).toEqual([]);
  }, 60_000);

  test('the chat works with the keyboard alone: Tab to the question, Enter sends, focus stays to type the next turn', async () => {
    await page.goto(server.url);
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'question')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question');
    await page.keyboard.type('Can we export samarium metal from China to a German university?');
    await page.keyboard.press('Enter');
    await expect.poll(textOf(lastReply(page).locator('.badge'))).toBe('Licence required');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('question');
    // Shift+Tab reaches the card's buttons, and focus is visible on them.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Shift+Tab');
      if (await page.evaluate(() => document.activeElement?.textContent === 'Talk to compliance')) break;
    }
    const outline = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? getComputedStyle(el).outlineStyle : 'none';
    });
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    await expect.poll(textOf(lastReply(page).locator('.escalation'))).toContain('Case C-000001');
  }, 60_000);

  test('without JavaScript the same forms post and the page shows the answer', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    try {
      const p = await noScript.newPage();
      await p.goto(server.url);
      await p.getByLabel('Your question').fill('Do our magnets need an export license?');
      await p.getByRole('button', { name: 'Ask', exact: true }).click();
      await p.waitForURL(/#turn-1$/);
      await expect.poll(textOf(p.locator('article.reply .badge'))).toBe('More information needed');
      await p.getByRole('button', { name: 'It contains dysprosium' }).click();
      await p.waitForURL(/#turn-2$/);
      await expect.poll(() => p.locator('#chat-log .turn').count()).toBe(2);
    } finally {
      await noScript.close();
    }
  }, 60_000);

  test("the rules browser shows the timeline and each rule's status on the date picked", async () => {
    await page.goto(`${server.url}/console/rules`);
    await page.getByLabel('What did the rules say on').fill('2025-10-20');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/asOf=2025-10-20/);
    await page.getByRole('heading', { name: 'Status on 2025-10-20' }).waitFor();
    expect(await page.locator('svg.timeline rect[fill="#1d4ed8"]').count()).toBeGreaterThan(0);
    const shown = new Map(await page.locator('table.rules tbody tr').evaluateAll((rows) =>
      rows.map((r) => [r.id.replace(/^rule-/, ''), r.querySelector('.rule-status')?.textContent?.trim() ?? ''] as const)));
    // Known answers for 2025-10-20 (the server's own day is 2026-03-02, when No. 57 is suspended and the Japan ban in force).
    expect(shown.get('no18-listed-items')).toBe('In force');
    expect(shown.get('us-military-ban')).toBe('In force');
    expect(shown.get('japan-military-ban')).toBe('Not yet in force');
    expect(shown.get('no57-items')).toBe('Not yet in force');
    expect(shown.get('us-ga-ge-sb-superhard-denial')).toBe('In force');
    // And every rule's row shows its own status on the picked day.
    expect([...shown.keys()].sort()).toEqual(server.app.rules.rules.map((r) => r.id).sort());
    for (const rule of server.app.rules.rules) {
      expect(shown.get(rule.id), rule.id).toBe(RULE_STATUS_LABELS[ruleStatus(rule, '2025-10-20').kind]);
    }
    await screenshot(page, 'console-rules');
  }, 60_000);
});
