// Drives the local chat page in Debian's Chromium through playwright-core. CI installs Chromium
// (.ci/run), so there the tests always run; on a machine without it they are skipped with a note.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect } from 'vitest';
import { collectTags, SUPPORTED_TAGS } from '../../src/sandbox/page/client/supported-tags.js';
import type { Sandbox } from '../../src/sandbox/open-api/index.js';
import { pageUrlOf, type TestBot } from '../helpers/app.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SHOTS = path.resolve('test-results', 'screenshots');
export const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 860 };

/** describe() that runs only where Chromium is installed — always in CI, where it must be. */
/**
 * A browser step waits on the bot, its outbox and Chromium, all sharing the machine's cores with
 * the rest of the suite: on a busy two-core machine one step can take several times as long as on a
 * quiet one, so a step gets longer than the suite's 30 s before it counts as hung.
 */
const BROWSER_STEP_TIMEOUT_MS = 90_000;

export function describeInBrowser(name: string, body: () => void): void {
  if (fs.existsSync(CHROMIUM) || process.env.CI) {
    describe(name, { timeout: BROWSER_STEP_TIMEOUT_MS }, body);
  } else {
    console.warn(
      `[browser tests skipped] ${CHROMIUM} is missing: apt-get install -y chromium (CI installs it in .ci/run)`,
    );
    describe.skip(name, body);
  }
}

export interface Browser {
  context: BrowserContext;
  /** Console errors and page errors of every page opened, as text. */
  errors: string[];
  newPage(size?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const errors: string[] = [];
  return {
    context,
    errors,
    async newPage(size = DESKTOP) {
      const page = await context.newPage();
      await page.setViewportSize(size);
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
      return page;
    },
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/**
 * Opens the page by the link the start log gives (/sandbox?t=<token>) and becomes this person (by
 * open_id: some names appear in two groups).
 */
export async function openAs(page: Page, botUrl: string, openId: string): Promise<void> {
  await page.goto(pageUrlOf(botUrl));
  await page.locator('body[data-ready="yes"]').waitFor();
  await page.locator('body[data-live="yes"]').waitFor();
  await page.selectOption('#who', openId);
  // The person's own chats, not only the office's scheduled-jobs entry drawn while they load.
  await page.locator('#chats li:not([data-chat="__office__"])').first().waitFor();
}

/**
 * Opens a chat and waits until its messages are drawn. With several pages open, act on the front
 * one: background pages get no animation frames.
 */
export async function openChat(page: Page, chatId: string): Promise<void> {
  await page.bringToFront();
  await page.locator(`#chats li[data-chat="${chatId}"]`).click();
  await expect.poll(() => page.locator('#chat-title').textContent()).not.toBe('请选择会话');
  if (chatId !== '__office__')
    await page.locator(`#messages[data-chat="${chatId}"]:not([aria-busy])`).waitFor({ state: 'attached' });
}

export async function sendText(page: Page, text: string): Promise<void> {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

/** The latest bot card in the open chat whose header title contains this text. */
export function cardTitled(page: Page, title: string): Locator {
  return page
    .locator('.msg-bot .card')
    .filter({ has: page.locator('.card-title', { hasText: title }) })
    .last();
}

/** The sandbox message id of the chat message a card belongs to. */
export async function messageIdOf(card: Locator): Promise<string> {
  const id = await card
    .locator(`xpath=ancestor::div[contains(concat(' ', @class, ' '), ' msg ')]`)
    .getAttribute('data-id');
  if (!id) throw new Error('card is not inside a chat message');
  return id;
}

export async function toastText(page: Page): Promise<string> {
  const t = page.locator('#toast');
  await t.waitFor({ state: 'visible' });
  return (await t.textContent()) ?? '';
}

/** Every card the bot sent (all versions) uses only tags the page draws. */
function expectRenderableCards(sb: Sandbox): void {
  const missing = new Set<string>();
  for (const m of sb.state.messages) {
    if (m.msg_type !== 'interactive') continue;
    for (const v of m.versions)
      for (const tag of collectTags(v.content)) if (!SUPPORTED_TAGS.includes(tag)) missing.add(tag);
  }
  expect([...missing], 'tags in cards the bot sent that the sandbox page cannot draw').toEqual([]);
}

/**
 * The checks every browser test file ends with: no console errors after each test; at the end,
 * every card the bot sent is one the page can draw; then the browser and the bot close.
 */
export function checkPageAndCloseAfter(get: () => { browser?: Browser; bot?: TestBot }): void {
  afterEach(() => {
    expect(get().browser!.errors, 'console errors on the page').toEqual([]);
  });
  afterAll(async () => {
    const { browser, bot } = get();
    if (bot) expectRenderableCards(bot.sb);
    await browser?.close();
    await bot?.close();
  });
}
