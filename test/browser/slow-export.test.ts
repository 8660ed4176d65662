import { afterEach, beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { holdFileCalls, p2pChatId, releaseFileCalls } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import {
  checkPageAndCloseAfter,
  describeInBrowser,
  openAs,
  openBrowser,
  openChat,
  PHONE,
  sendText,
  shot,
  type Browser,
} from './helpers.js';

// What the office sees of an export while Feishu's file service is slow: the answer at once, then
// the file and its note when the upload gets through.

let bot: TestBot;
let browser: Browser;

afterEach(() => releaseFileCalls(bot.sb.state, 'upload'));

beforeAll(async () => {
  bot = await startTestBot(
    {},
    { clock: new FixedClock(new Date('2018-07-02T02:00:00Z')), startSender: true, tasks: { retryMs: 100 } },
  );
  browser = await openBrowser();
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

describeInBrowser('an export while the upload is slow', () => {
  for (const [size, label, kind, fileName] of [
    [undefined, 'desktop', 'projects', '港南区2018年项目.xlsx'],
    [PHONE, 'phone', 'leads', '港南区2018年招商线索.xlsx'],
  ] as const) {
    it(`is answered at once and the file follows (${label})`, async () => {
      const office = await bot.openIdOf('招商局局长');
      holdFileCalls(bot.sb.state, 'upload', { ms: 60_000, count: 1 });
      const page = await browser.newPage(size);
      await openAs(page, bot.url, office);
      await openChat(page, p2pChatId(office));
      const files = page.locator('.msg-bot[data-type="file"]');
      const filesBefore = await files.count();
      await sendText(page, `/export ${kind} 2018`);
      await page.locator('.msg-bot .bubble', { hasText: `正在生成 ${fileName}，稍后发给你。` }).waitFor();
      expect(await files.count()).toBe(filesBefore);
      await shot(page, `slow-export-01-waiting-${label}`);
      // The held upload is let go: the file and its note arrive once.
      releaseFileCalls(bot.sb.state, 'upload');
      await page.locator('.msg-bot .bubble', { hasText: `已导出 ${fileName}` }).waitFor({ timeout: 20_000 });
      await expect.poll(() => files.count()).toBe(filesBefore + 1);
      await shot(page, `slow-export-02-done-${label}`);
      await page.close();
    });
  }
});
