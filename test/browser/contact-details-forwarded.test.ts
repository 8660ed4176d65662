import { beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import type { SandboxCore } from '../../src/sandbox/open-api/http.js';
import { addMessage } from '../../src/sandbox/open-api/store.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { squadByOrder } from '../helpers/district.js';
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
  toastText,
  type Browser,
} from './helpers.js';

// The captain forwards the monthly report card (with the visited businessmen's phones) into the
// squad's group and taps 保存草稿 there: the group's card becomes the draft without phones and
// addresses, and the full card arrives in the captain's 1:1 chat. On a desktop and on a phone.

const clock = new FixedClock(new Date('2018-07-10T10:00:00+08:00'));
const VISIT_PHONE = '13922223333';
let bot: TestBot;
let browser: Browser;
let squad4: number;
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock, startSender: true });
  browser = await openBrowser();
  squad4 = (await squadByOrder(db(), 4)).id;
  const captain = await db().person.findFirstOrThrow({ where: { name: '经贸局局长' } });
  await db().visit.create({
    data: {
      squadId: squad4,
      visitedOn: '2018-07-03',
      contactName: '赵总',
      company: '广州羽绒制品有限公司',
      address: '广州市天河区体育西路 88 号',
      position: '董事长',
      phone: VISIT_PHONE,
      createdById: captain.id,
    },
  });
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

/** What Feishu's 转发 makes: a new message with the same card in the other chat. */
function forward(messageId: string, toChatId: string): void {
  const m = bot.sb.state.messages.find((x) => x.message_id === messageId)!;
  const chat = bot.sb.state.chats.get(toChatId)!;
  const core = { state: bot.sb.state } as unknown as SandboxCore;
  addMessage(core, {
    target: { chat, receiver: { id: toChatId, id_type: 'chat_id' } },
    msg_type: m.msg_type,
    raw: m.raw,
    content: m.content,
    now: Date.now(),
  });
}

describeInBrowser('a card with contact details tapped in a group', () => {
  it.each([
    ['desktop', undefined, '2018-07'],
    ['phone', PHONE, '2018-07'],
  ])('on a %s: 保存草稿 on the forwarded report card keeps the phones out of the group', async (width, size, month) => {
    const captain = await bot.openIdOf('经贸局局长');
    const group = `oc_squad_${squad4}`;
    const page = await browser.newPage(size);
    await openAs(page, bot.url, captain);
    await openChat(page, p2pChatId(captain));
    await sendText(page, `/report ${month} 纺织`);
    const own = cardTitled(page, '月度汇报');
    await own.waitFor();
    const ownId = await own
      .locator(`xpath=ancestor::div[contains(concat(' ', @class, ' '), ' msg ')]`)
      .getAttribute('data-id');
    forward(ownId!, group);

    if (size) await page.click('#back');
    await openChat(page, group);
    const inGroup = cardTitled(page, '月度汇报');
    await inGroup.waitFor();
    await inGroup.locator('[data-name="economic_trends"]').fill('羽绒市场回暖');
    await inGroup.locator('button[data-name="report_save_draft"]').click();
    expect(await toastText(page)).toContain('私信发给你');
    const hidden = page.locator('.msg-bot').getByText('地址和联系方式只有本小分队和区招商局可见').last();
    await hidden.waitFor();
    await hidden.scrollIntoViewIfNeeded();
    const groupCard = cardTitled(page, '月度汇报');
    expect(await groupCard.textContent()).not.toContain(VISIT_PHONE);
    await shot(page, `contacts-forwarded-report-group-${width}`);

    if (size) await page.click('#back');
    await openChat(page, p2pChatId(captain));
    const full = page.locator('.msg-bot .card', { hasText: '草稿已保存' }).last();
    await full.waitFor();
    expect(await full.locator('[data-name="visited_businessmen"]').inputValue()).toContain(VISIT_PHONE);
    await full.locator('[data-name="visited_businessmen"]').scrollIntoViewIfNeeded();
    await shot(page, `contacts-forwarded-report-private-${width}`);
    const stored = await db().monthlyReport.findUniqueOrThrow({
      where: { squadId_month: { squadId: squad4, month } },
    });
    expect(stored.visitedBusinessmen).toContain(VISIT_PHONE);
    await page.close();
  });
});
