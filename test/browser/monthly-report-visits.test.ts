import { beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
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

// A busy month: the trip reports hold more visited businessmen than the monthly report's input can
// take (1,000 characters). The form is pre-filled with the whole lines that fit, and says how many
// were left out, on a desktop and on a phone.

const clock = new FixedClock(new Date('2018-06-20T10:00:00+08:00'));
let bot: TestBot;
let browser: Browser;
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock, startSender: true });
  browser = await openBrowser();
  const squad = await db().squad.findUniqueOrThrow({ where: { code: 'MACHINERY_ELECTRONICS' } });
  const captain = await db().person.findFirstOrThrow({ where: { name: '发改局局长' } });
  for (let i = 1; i <= 12; i++)
    await db().visit.create({
      data: {
        squadId: squad.id,
        visitedOn: `2018-06-${String(i + 1).padStart(2, '0')}`,
        contactName: `客商${i}`,
        company: `深圳市第${i}电子科技有限公司`,
        address: `广东省深圳市南山区科技园第${i}栋`,
        position: '总经理',
        phone: `1390000${String(i).padStart(4, '0')}`,
        businessScope: '消费电子整机及精密结构件的研发、生产和销售',
        investmentIntent: '拟在园区新建生产基地，投资约 2 亿元',
        createdById: captain.id,
      },
    });
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

describeInBrowser('the monthly report of a busy month', () => {
  it.each([
    ['desktop', undefined],
    ['phone', PHONE],
  ])('on a %s: the visits that fit are pre-filled and the rest are counted', async (width, size) => {
    const captain = await bot.openIdOf('发改局局长');
    const page = await browser.newPage(size);
    await openAs(page, bot.url, captain);
    await openChat(page, p2pChatId(captain));
    await sendText(page, '/report');
    const card = cardTitled(page, '月度汇报').last();
    await card.waitFor();
    const visits = await card.locator('[data-name="visited_businessmen"]').inputValue();
    const lines = visits.split('\n');
    expect(visits.length).toBeLessThanOrEqual(1000);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(12);
    expect(lines[0]).toBe(
      '客商1｜深圳市第1电子科技有限公司｜广东省深圳市南山区科技园第1栋｜总经理｜13900000001｜' +
        '消费电子整机及精密结构件的研发、生产和销售｜拟在园区新建生产基地，投资约 2 亿元',
    );
    await card.getByText(`已按本月外出报告预填 ${lines.length} 位拜访客商。`).waitFor();
    await card.getByText(`另有 ${12 - lines.length} 位拜访客商放不下`).waitFor();
    await card.getByText(`另有 ${12 - lines.length} 位拜访客商放不下`).scrollIntoViewIfNeeded();
    await shot(page, `flow-report-busy-month-${width}`);
    await page.close();
  });
});
