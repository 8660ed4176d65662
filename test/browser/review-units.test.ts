import { beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { click, createProject, DEFAULT_UNITS, settle, startReviewAs } from '../flows/review-helpers.js';
import {
  cardTitled,
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

// What people see of the rules that keep the one-vote veto whole: the start card as an office admin
// sees it (the plan's six units ticked, a reason field for leaving one out), the squad's status card
// showing a unit an office admin removed and why, and the message that asks the office admins to
// name a reviewer when every person of a unit belongs to the owning squad.

const ADMIN = '招商局局长'; // OFFICE_ADMIN
const TEXTILE = 'TEXTILE_DOWN'; // captain 经贸局局长
const SERVICE = 'PROJECT_SERVICE'; // 政务办's only person is its member
const REMOVAL_REASON = '项目为企业自有用地改扩建，不涉及政务服务审批事项';

let bot: TestBot;
let browser: Browser;
let removedId: number;
let unstaffedId: number;
const db = () => bot.database.prisma;
const widths: [string, { width: number; height: number } | undefined][] = [
  ['desktop', undefined],
  ['phone', PHONE],
];

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-09-28T02:00:00Z')) });
  browser = await openBrowser();
  removedId = await createProject(bot, { name: '羽绒服装扩建项目', squadCode: TEXTILE, investment: 30_000 });
  unstaffedId = await createProject(bot, { name: '园区标准厂房项目', squadCode: SERVICE, investment: 30_000 });
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

describeInBrowser('the plan’s six reviewing units on the cards', () => {
  it.each(widths)(
    'an office admin’s start card ticks the six and asks a reason only to remove one (%s)',
    async (width, size) => {
      const page = await browser.newPage(size);
      await openAs(page, bot.url, await bot.openIdOf(ADMIN));
      await openChat(page, p2pChatId(await bot.openIdOf(ADMIN)));
      await sendText(page, `/review ${removedId}`);
      const card = cardTitled(page, '发起联合预审');
      await card.waitFor();
      await card.getByText('移除方案单位的理由').waitFor();
      for (const unit of ['经贸局', '环保局', '招商局', '发改局', '区工业园', '政务办'])
        await card.getByText(unit).first().waitFor();
      await shot(page, `review-start-office-admin-${width}`);
      await page.close();
    },
  );

  it.each(widths)('the squad’s status card shows the removed unit and the reason (%s)', async (width, size) => {
    if (width === 'desktop') {
      const five = DEFAULT_UNITS.filter((c) => c !== 'GOV_SERVICE');
      const body = await click(
        bot,
        ADMIN,
        { action: 'review.start', projectId: removedId },
        { units: five, reason: REMOVAL_REASON },
      );
      expect(body.toast.type).toBe('success');
      await settle(bot);
    }
    const chatId = (await db().squad.findUniqueOrThrow({ where: { code: TEXTILE } })).chatId!;
    const page = await browser.newPage(size);
    await openAs(page, bot.url, await bot.openIdOf('经贸局局长'));
    await openChat(page, chatId);
    const card = cardTitled(page, '联合预审 · 羽绒服装扩建项目');
    await card.waitFor();
    await card.getByText('已移除的方案预审单位').waitFor();
    await card.getByText(REMOVAL_REASON).first().waitFor();
    await card.getByText('已出具 0/5').waitFor();
    await shot(page, `review-status-removed-unit-${width}`);
    await page.close();
  });

  it.each(widths)('the office admins are asked to name a reviewer, and name one in chat (%s)', async (width, size) => {
    if (width === 'desktop') {
      expect((await startReviewAs(bot, '区工业园管委主任', unstaffedId)).toast.type).toBe('success');
      await settle(bot);
    }
    const page = await browser.newPage(size);
    const admin = await bot.openIdOf(ADMIN);
    await openAs(page, bot.url, admin);
    await openChat(page, p2pChatId(admin));
    const ask = page.locator('.msg', { hasText: '【请指定预审经办人】' }).last();
    await ask.waitFor();
    await expect.poll(() => ask.textContent()).toContain(`/review ${unstaffedId} 指定 政务办 姓名`);
    await ask.scrollIntoViewIfNeeded();
    await shot(page, `review-name-reviewer-asked-${width}`);
    if (width === 'phone') {
      await sendText(page, `/review ${unstaffedId} 指定 政务办 财政局一分队队员`);
      const done = page.locator('.msg', { hasText: '已指定 财政局一分队队员' }).last();
      await done.waitFor();
      await done.scrollIntoViewIfNeeded();
      await shot(page, `review-name-reviewer-named-${width}`);
    }
    await page.close();
  });

  it.each(widths)('the squad’s status card marks the unit waiting for a named reviewer (%s)', async (width, size) => {
    const chatId = (await db().squad.findUniqueOrThrow({ where: { code: SERVICE } })).chatId!;
    const page = await browser.newPage(size);
    await openAs(page, bot.url, await bot.openIdOf('区工业园管委主任'));
    await openChat(page, chatId);
    const card = cardTitled(page, '联合预审 · 园区标准厂房项目');
    await card.waitFor();
    await card.getByText('办公室指定 财政局一分队队员').waitFor();
    await shot(page, `review-status-named-reviewer-${width}`);
    await page.close();
  });
});
