import { beforeAll, expect, it } from 'vitest';
import { enqueueMessage, textContent } from '../../src/feishu/outbox.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
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

// An office admin opens /outbox on the local chat page: a message Feishu refused (the bot was not
// in the group) is listed with its reason, and is re-sent once the cause is fixed.

let bot: TestBot;
let browser: Browser;
let admin: string;
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { startSender: true });
  browser = await openBrowser();
  admin = (
    await db().person.findFirstOrThrow({
      where: { active: true, openId: { not: null }, roles: { some: { role: 'OFFICE_ADMIN' } } },
    })
  ).openId!;
  const receiver = await bot.openIdOf('发改局局长');
  bot.sb.setFault('botNotInChat');
  await enqueueMessage(db(), {
    dedupKey: 'browser-outbox:refused',
    to: { type: 'open_id', id: receiver },
    msgType: 'text',
    content: textContent('【月度汇报提醒】6月招商工作情况汇报须在6月28日前报送'),
  });
  await bot.flush();
  bot.sb.setFault(null);
  expect((await db().outbox.findUniqueOrThrow({ where: { dedupKey: 'browser-outbox:refused' } })).status).toBe(
    'FAILED',
  );
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

describeInBrowser('/outbox on the local chat page', () => {
  it('lists the refused message with its reason, at desktop and phone width, and re-sends it', async () => {
    const row = await db().outbox.findUniqueOrThrow({ where: { dedupKey: 'browser-outbox:refused' } });
    for (const [size, name] of [
      [undefined, 'outbox-01-list-desktop'],
      [PHONE, 'outbox-02-list-phone'],
    ] as const) {
      const page = await browser.newPage(size);
      await openAs(page, bot.url, admin);
      await openChat(page, p2pChatId(admin));
      await sendText(page, '/outbox');
      const list = page.locator('.msg-bot .bubble', { hasText: '发送队列' }).last();
      await list.waitFor();
      const text = (await list.textContent()) ?? '';
      expect(text).toContain(`#${row.id}`);
      expect(text).toContain('发改局局长');
      expect(text).toContain('机器人不在这个群里');
      expect(text).toContain('230002');
      await list.scrollIntoViewIfNeeded();
      await shot(page, name);
      await page.close();
    }

    const page = await browser.newPage();
    await openAs(page, bot.url, admin);
    await openChat(page, p2pChatId(admin));
    await sendText(page, `/outbox resend ${row.id}`);
    await page.locator('.msg-bot .bubble', { hasText: '已重新排队 1 条' }).waitFor();
    await shot(page, 'outbox-03-resent');
    await expect
      .poll(async () => (await db().outbox.findUniqueOrThrow({ where: { id: row.id } })).status, { timeout: 10_000 })
      .toBe('SENT');
    await page.close();
  });
});
