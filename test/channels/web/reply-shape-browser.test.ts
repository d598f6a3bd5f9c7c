/**
 * The compact reply shape of issue 14 in a real browser at 1280×800: a need_info and a licence_required answer
 * each fit under a stated height with their details collapsed, the composer stays pinned at the bottom, earlier
 * answers' buttons are disabled once used, and each reply kind is saved as a screenshot in test-artifacts/.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium, screenshot, textOf } from './browser.js';
import { startWebServer, type WebServer } from './web-server.js';

/** The bound a reply card must stay under at 1280×800: half the window (the issue saw 900 px for a need_info card). */
const MAX_REPLY_HEIGHT_PX = 400;
const VIEWPORT = { width: 1280, height: 800 };

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
  context = await browser.newContext({ viewport: VIEWPORT });
  page = await context.newPage();
});

afterEach(async () => {
  await context?.close();
  await server?.close();
});

async function ask(p: Page, text: string): Promise<Locator> {
  const before = await p.locator('#chat-log .turn').count();
  await p.getByLabel('Your question').fill(text);
  await p.getByRole('button', { name: 'Ask', exact: true }).click();
  await p.locator('#chat-log .turn').nth(before).waitFor();
  return p.locator('#chat-log .turn').nth(before).locator('article.reply');
}

async function height(l: Locator): Promise<number> {
  const box = await l.boundingBox();
  if (!box) throw new Error('the reply is not laid out');
  return box.height;
}

async function shoot(card: Locator, name: string): Promise<void> {
  // Top of the window, so the pinned composer does not cover the card in its picture.
  await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await card.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

describe('the compact reply shape in the web chat at 1280×800', () => {
  test(`a need_info and a licence_required reply are each under ${MAX_REPLY_HEIGHT_PX} px with details collapsed; old buttons are disabled once used`, async () => {
    await page.goto(server.url);
    const question = await ask(page, 'Do our magnets need an export license?');
    await expect.poll(textOf(question.locator('.badge'))).toBe('More information needed');
    await shoot(question, 'reply-need_info');
    expect(await height(question)).toBeLessThan(MAX_REPLY_HEIGHT_PX);
    expect(await question.locator('.reply-details').getAttribute('open')).toBeNull();
    expect(await question.locator('.more-reasons').isVisible()).toBe(false);
    expect(await question.locator('.key-reasons li').count()).toBe(1);
    // A question not decided yet has no licence steps.
    expect(await question.locator('.next-steps').count()).toBe(0);

    await question.getByRole('button', { name: 'It contains dysprosium' }).click();
    await expect.poll(() => page.locator('#chat-log .turn').count()).toBe(2);
    // The first answer's buttons are spent: all disabled, the one used marked.
    const spent = question.locator('form button');
    expect(await spent.count()).toBeGreaterThan(1);
    await expect.poll(() => spent.evaluateAll((bs) => bs.every((b) => (b as HTMLButtonElement).disabled))).toBe(true);
    expect(await question.locator('button.chosen').textContent()).toContain('It contains dysprosium');

    const licence = await ask(page, "They're sintered NdFeB with 5% dysprosium shipped from Ningbo to Germany");
    await expect.poll(textOf(licence.locator('.badge'))).toBe('Licence required');
    await shoot(licence, 'reply-license_required');
    expect(await height(licence)).toBeLessThan(MAX_REPLY_HEIGHT_PX);
    expect(await licence.locator('.reply-details').getAttribute('open')).toBeNull();
    expect(await licence.locator('.next-steps').isVisible()).toBe(false);
    expect(await licence.locator('.key-reasons li').count()).toBeLessThanOrEqual(2);
    expect(await licence.locator('.primary-source a').first().isVisible()).toBe(true);

    // One click opens everything else.
    await licence.locator('.reply-details > summary').click();
    expect(await licence.locator('.next-steps').isVisible()).toBe(true);
    await shoot(licence, 'reply-license_required-details-open');

    // After a reload the server renders the earlier answers' buttons disabled too.
    await page.reload();
    const first = page.locator('#chat-log .turn').first().locator('article.reply');
    expect(await first.locator('form button').evaluateAll((bs) => bs.every((b) => (b as HTMLButtonElement).disabled))).toBe(true);
    expect(await page.locator('#chat-log .turn').last().locator('article.reply form button').evaluateAll((bs) => bs.some((b) => !(b as HTMLButtonElement).disabled))).toBe(true);
  }, 90_000);

  test('the composer stays pinned at the bottom of the window as the conversation grows', async () => {
    await page.goto(server.url);
    const composer = page.locator('#composer');
    const pinned = async () => {
      const box = await composer.boundingBox();
      return box !== null && Math.abs(box.y + box.height - VIEWPORT.height) <= 1;
    };
    // Empty: the composer already sits at the bottom, as in a chat product.
    expect(await pinned()).toBe(true);
    await ask(page, 'Do our magnets need an export license?');
    await ask(page, 'Can we export terbium metal from China to a military end user in Russia?');
    await ask(page, 'Can we ship NdFeB magnets with dysprosium from China to Germany?');
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(VIEWPORT.height);
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await pinned()).toBe(true);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await pinned()).toBe(true);
    await screenshot(page, 'web-chat-pinned-composer');
  }, 90_000);

  test('the empty input shows a calm blue focus ring, not an error-like one', async () => {
    await page.goto(server.url);
    await page.getByLabel('Your question').focus();
    const look = await page.evaluate(() => {
      const row = document.querySelector('.composer-row');
      const input = document.getElementById('question');
      if (!row || !input) return null;
      return { border: getComputedStyle(row).borderColor, shadow: getComputedStyle(row).boxShadow, outline: getComputedStyle(input).outlineStyle };
    });
    expect(look).toEqual({ border: 'rgb(29, 78, 216)', shadow: expect.stringContaining('rgba(29, 78, 216') as unknown, outline: 'none' });
    await screenshot(page, 'web-chat-empty-focus');
  }, 60_000);

  test('each reply kind is saved as a screenshot; licence required and prohibited differ in icon and words', async () => {
    await page.goto(server.url);
    // The licence question first: later ones in the same conversation would inherit the military end use.
    const licence = await ask(page, 'Can we ship NdFeB magnets with dysprosium from China to Germany?');
    await expect.poll(textOf(licence.locator('.badge'))).toBe('Licence required');
    const kinds: [string, string, string][] = [
      ['not_required', 'Can we ship NdFeB magnets without Dy or Tb from Japan to Germany, made in Japan, no Chinese content?', 'No licence required'],
      ['prohibited', 'Can we ship dysprosium oxide from China to a US military contractor for missile guidance?', 'Prohibited'],
      ['escalate', 'Can we export terbium metal from China to a military end user in Russia?', 'Compliance review'],
      ['none', 'help', ''],
    ];
    const badges = new Map<string, { icon: string; action: string }>();
    for (const [kind, text, label] of kinds) {
      const card = await ask(page, text);
      await expect.poll(textOf(card.locator('.badge'))).toBe(label);
      if (label) {
        badges.set(kind, {
          icon: await card.locator('.badge svg').innerHTML(),
          action: await card.locator('.badge-action').innerText(),
        });
      }
      await shoot(card, `reply-${kind}`);
    }
    const prohibited = badges.get('prohibited');
    expect(prohibited?.action).toMatch(/do not ship/i);
    expect(await licence.locator('.badge svg').innerHTML()).not.toBe(prohibited?.icon);
    expect(await licence.locator('.badge-action').innerText()).not.toBe(prohibited?.action);
  }, 90_000);
});
