import { beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import {
  checkPageAndCloseAfter,
  describeInBrowser,
  openAs,
  openBrowser,
  openChat,
  PHONE,
  shot,
  type Browser,
} from './helpers.js';

// The bot's custom menu on the local chat page: the same items as the developer console's menu,
// above the input box of the 1:1 chat with the bot; a tap is a real application.bot.menu_v6 event
// and its answer arrives in the chat, as the item's command typed there would.

let bot: TestBot;
let browser: Browser;
let captain: string;
let squadChat: string;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-15T02:00:00Z')), startSender: true });
  const squad = await bot.database.prisma.squad.findFirstOrThrow({
    where: { sortOrder: { gt: 1 }, kind: 'INDUSTRY' },
    include: { members: { include: { person: true } } },
  });
  captain = squad.members.find((m) => m.role === 'CAPTAIN')!.person.openId!;
  squadChat = squad.chatId!;
  browser = await openBrowser();
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

describeInBrowser('the bot menu on the chat page', () => {
  for (const [size, label] of [
    [PHONE, 'phone'],
    [undefined, 'desktop'],
  ] as const) {
    it(`tapping 月度汇报, 出差计划, 录入线索, 进度 and 排名 in the 1:1 chat answers each with its card (${label})`, async () => {
      const page = await browser.newPage(size);
      await openAs(page, bot.url, captain);
      await openChat(page, p2pChatId(captain));
      const menu = page.locator('#bot-menu');
      await menu.waitFor();
      expect(await menu.locator('.bot-menu-item').allTextContents()).toEqual([
        '月度汇报',
        '出差计划',
        '录入线索',
        '进度',
        '排名',
      ]);
      // Every item is on screen at a phone's width: nothing hidden off the edge.
      for (const item of await menu.locator('.bot-menu-item').all()) {
        const box = (await item.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual((size ?? { width: 1280 }).width);
      }
      await shot(page, `menu-01-menu-${label}`);
      const cards = page.locator('.msg-bot .card');
      for (const [item, title] of [
        ['进度', '进度'],
        ['排名', '排名'],
        ['月度汇报', '月度汇报'],
        ['出差计划', '外出招商计划'],
        ['录入线索', '线索'],
      ] as const) {
        const before = await cards.count();
        const events = await bot.database.prisma.processedEvent.count();
        await menu.locator('.bot-menu-item', { hasText: item }).click();
        await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(before + 1);
        expect(await cards.last().locator('.card-title').textContent()).toContain(title);
        // One tap, one event, and no message of the user's in the chat (a menu tap is not a message).
        expect(await bot.database.prisma.processedEvent.count()).toBe(events + 1);
        if (item === '进度' || item === '录入线索') {
          await cards.last().scrollIntoViewIfNeeded();
          await shot(page, `menu-02-${item === '进度' ? 'progress' : 'lead'}-${label}`);
        }
      }
      expect(await page.locator('.msg-me').count()).toBe(0);
      await page.close();
    });
  }

  it('the menu is shown in the 1:1 chat with the bot only, as in Feishu', async () => {
    const page = await browser.newPage(PHONE);
    await openAs(page, bot.url, captain);
    await openChat(page, squadChat);
    expect(await page.locator('#bot-menu').isVisible()).toBe(false);
    expect(await page.locator('#composer').isVisible()).toBe(true);
    await page.click('#back');
    await openChat(page, p2pChatId(captain));
    expect(await page.locator('#bot-menu').isVisible()).toBe(true);
    await page.close();
  });

  it('answers the same card the typed command gets', async () => {
    const page = await browser.newPage();
    await openAs(page, bot.url, captain);
    await openChat(page, p2pChatId(captain));
    const cardsInChat = () => bot.sb.messagesIn(p2pChatId(captain)).filter((m) => m.msg_type === 'interactive');
    const before = cardsInChat().length;
    await page.locator('#bot-menu .bot-menu-item', { hasText: '排名' }).click();
    await expect.poll(() => cardsInChat().length, { timeout: 15_000 }).toBe(before + 1);
    const byMenu = cardsInChat().at(-1)!;
    await page.fill('#text', '/rank');
    await page.press('#text', 'Enter');
    await expect.poll(() => cardsInChat().length, { timeout: 15_000 }).toBe(before + 2);
    const byCommand = cardsInChat().at(-1)!;
    expect(byMenu.content).toEqual(byCommand.content);
    await page.close();
  });
});
