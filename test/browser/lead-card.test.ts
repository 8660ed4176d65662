import { beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { squadByOrder } from '../helpers/district.js';
import {
  cardTitled,
  checkPageAndCloseAfter,
  describeInBrowser,
  messageIdOf,
  openAs,
  openBrowser,
  openChat,
  PHONE,
  sendText,
  shot,
  type Browser,
} from './helpers.js';

// The lead card as people fill it on a desktop and a phone: the amount typed as 1.2亿, a company
// name close to one another squad registered (可能重复, shown with that entry), and 仍然提交.

const clock = new FixedClock(new Date('2018-06-20T10:00:00+08:00'));
const MEMBER = '财政局三分队队员';
let bot: TestBot;
let browser: Browser;
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock, startSender: true });
  browser = await openBrowser();
  const squad = await squadByOrder(db(), 1);
  const owner = await db().person.findFirstOrThrow({ where: { name: '发改局一分队队员' } });
  await db().lead.create({
    data: {
      requestKey: 'browser:shengfeng',
      companyKey: '盛丰服饰',
      company: '东莞盛丰服饰有限公司',
      squadId: squad.id,
      source: 'VISIT',
      ownerId: owner.id,
      createdOn: '2018-06-01',
    },
  });
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

describeInBrowser('the lead card with a Chinese amount and a near-duplicate name', () => {
  it.each([
    ['desktop', undefined, '东莞盛峰服饰有限公司'],
    ['phone', PHONE, '東莞市盛風服飾有限公司'],
  ])('on a %s: 1.2亿 and a close name → 可能重复, then 仍然提交 stores 12000 万元', async (width, size, company) => {
    const member = await bot.openIdOf(MEMBER);
    const page = await browser.newPage(size);
    try {
      await openAs(page, bot.url, member);
      await openChat(page, p2pChatId(member));
      await sendText(page, '/lead');
      const card = cardTitled(page, '招商线索登记');
      await card.waitFor();
      const messageId = await messageIdOf(card);
      await card.locator('[data-name="company"]').fill(company);
      await card.locator('[data-name="source"]').selectOption('VISIT');
      await card.locator('[data-name="investment"]').fill('1.2亿');
      await card.locator('button[data-name="lead_submit"]').click();
      await expect.poll(() => page.locator('#toast').textContent()).toContain('可能重复');
      const warned = page.locator(`.msg[data-id="${messageId}"][data-versions="2"]`);
      await warned.getByText('东莞盛丰服饰有限公司').first().waitFor();
      expect(await warned.textContent()).toContain('发改局一分队队员');
      expect(await warned.locator('[data-name="investment"]').inputValue()).toBe('1.2亿');
      const overflow = await warned.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, 'the card is wider than the screen').toBeLessThanOrEqual(1);
      await warned.getByText('可能重复').first().scrollIntoViewIfNeeded();
      await shot(page, `lead-near-duplicate-${width}`);

      await warned.locator('button[data-name="lead_go_on"]').click();
      await expect.poll(() => page.locator('#toast').textContent()).toContain('意向投资额已按 12000 万元记录');
      const receipt = page.locator(`.msg[data-id="${messageId}"][data-versions="3"]`);
      await receipt.getByText('意向投资额已按 12000 万元记录').waitFor();
      expect(await receipt.textContent()).toContain('1.2亿元');
      const lead = await db().lead.findFirstOrThrow({ where: { company } });
      expect(lead.intendedInvestment).toBe(12000);
      await receipt.scrollIntoViewIfNeeded();
      await shot(page, `lead-amount-receipt-${width}`);
    } finally {
      await page.close();
    }
  });
});
