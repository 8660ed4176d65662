import { beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { seedActivity, squadByOrder } from '../helpers/district.js';
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

// Phones and addresses reach only the office and the squad that collected them: /leads asked in the
// squad's group answers in the captain's 1:1 chat (the group is told so), and the group leader's
// /report shows the visited businessmen without them. On a desktop and on a phone.

const clock = new FixedClock(new Date('2018-06-20T10:00:00+08:00'));
let bot: TestBot;
let browser: Browser;
let squad4: number;
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock, startSender: true });
  browser = await openBrowser();
  await seedActivity(db());
  squad4 = (await squadByOrder(db(), 4)).id;
  const captain = await db().person.findFirstOrThrow({ where: { name: '经贸局局长' } });
  await db().visit.create({
    data: {
      squadId: squad4,
      visitedOn: '2018-06-12',
      contactName: '赵总',
      company: '广州羽绒制品有限公司',
      address: '广州市天河区体育西路 88 号',
      position: '董事长',
      phone: '13922223333',
      businessScope: '羽绒制品',
      investmentIntent: '拟投资 1 亿元建厂',
      createdById: captain.id,
    },
  });
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

describeInBrowser('contact details go only to those who may see them', () => {
  it.each([
    ['desktop', undefined],
    ['phone', PHONE],
  ])('on a %s: /leads in the squad group answers in the 1:1 chat, with a note in the group', async (width, size) => {
    const captain = await bot.openIdOf('经贸局局长');
    const page = await browser.newPage(size);
    await openAs(page, bot.url, captain);
    await openChat(page, `oc_squad_${squad4}`);
    await sendText(page, '@招商助手 /leads');
    const note = page.locator('.msg-bot', { hasText: '联系方式已私信发给你' }).last();
    await note.waitFor();
    await note.scrollIntoViewIfNeeded();
    expect(await page.locator('#messages').textContent()).not.toContain('13900000000');
    await shot(page, `contacts-leads-group-note-${width}`);

    if (size) await page.click('#back'); // on a phone the chat list is behind the open chat
    await openChat(page, p2pChatId(captain));
    const card = cardTitled(page, '招商线索');
    await card.waitFor();
    await card.getByText('13900000000').first().scrollIntoViewIfNeeded();
    await shot(page, `contacts-leads-private-card-${width}`);
    await page.close();
  });

  it.each([
    ['desktop', undefined],
    ['phone', PHONE],
  ])('on a %s: the group leader’s /report lists the businessmen without phones or addresses', async (width, size) => {
    const leader = await bot.openIdOf('曾健清');
    const page = await browser.newPage(size);
    await openAs(page, bot.url, leader);
    await openChat(page, p2pChatId(leader));
    await sendText(page, '/report 2018-06 纺织');
    const card = cardTitled(page, '月度汇报').last();
    await card.waitFor();
    // A leader reads the month (no form to fill): the businessmen are listed without contacts.
    const visits = card.getByText('赵总｜广州羽绒制品有限公司｜｜董事长｜｜羽绒制品').first();
    await visits.waitFor();
    expect(await card.locator('[data-name="visited_businessmen"]').count()).toBe(0);
    expect(JSON.stringify(await card.textContent())).not.toContain('13922223333');
    const hidden = card.getByText('地址和联系方式只有本小分队和区招商局可见').first();
    await hidden.waitFor();
    await visits.scrollIntoViewIfNeeded();
    await shot(page, `contacts-report-group-leader-${width}`);
    await page.close();
  });
});
