import { beforeAll, expect, it } from 'vitest';
import { cardActions } from '../../src/cards/index.js';
import { escapeMarkdown } from '../../src/cards/shared/template.js';
import type { CardInput } from '../../src/cards/types.js';
import { answer } from '../../src/feishu/answer.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { fixture } from '../helpers/feishu.js';
import {
  cardTitled,
  describeInBrowser,
  checkPageAndCloseAfter,
  openAs,
  openBrowser,
  openChat,
  PHONE,
  sendText,
  shot,
  toastText,
  type Browser,
} from './helpers.js';
import type { Page } from 'playwright-core';

// The generic parts of the local chat page, in a real browser: picking a person, typing, live
// updates, every card element, and real card callbacks through /webhook/card.

const calls: CardInput[] = [];
cardActions['sandbox-test.echo'] = async (input: CardInput) => {
  calls.push(input);
  if (input.value.op === 'void') return answer.toast('已作废', 'success');
  if (input.value.op === 'more') return answer.toast(`你选择了：${input.option}`);
  const title = String(input.formValue.ks_title ?? '');
  return answer.toastAndCard(`已收到：${title}`, {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: '已提交' }, template: 'green' },
    body: { elements: [{ tag: 'markdown', content: `**标题**：${escapeMarkdown(title)}` }] },
  });
};

/** Waits for the page to draw what it has received: a frame, then a moment for its handlers. */
const afterPaint = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))));

let bot: TestBot;
let browser: Browser;
let captain: string;
let member: string;
let squadChat: string;

beforeAll(async () => {
  bot = await startTestBot({}, { startSender: true });
  const squad = await bot.database.prisma.squad.findFirstOrThrow({
    where: { sortOrder: { gt: 1 } },
    include: { members: { include: { person: true } } },
  });
  captain = squad.members.find((m) => m.role === 'CAPTAIN')!.person.openId!;
  member = squad.members.find((m) => m.role === 'MEMBER')!.person.openId!;
  squadChat = squad.chatId!;
  browser = await openBrowser();
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

describeInBrowser('the local chat page', () => {
  it('a captain picks themself, sends /help in the 1:1 chat and sees the help card', async () => {
    const page = await browser.newPage();
    await openAs(page, bot.url, captain);
    await expect.poll(() => page.locator('#chats li').count()).toBeGreaterThanOrEqual(3);
    await openChat(page, p2pChatId(captain));
    await sendText(page, '/help');
    await page.locator('.msg-me .bubble', { hasText: '/help' }).waitFor();
    const card = cardTitled(page, '命令帮助');
    await card.waitFor();
    expect(await card.textContent()).toContain('/help');
    await shot(page, 'page-01-help-desktop');
    await page.close();
  });

  it('opened without the token of the start log, the page says which link to open and calls nothing', async () => {
    const before = bot.sb.state.messages.length;
    for (const [size, name] of [
      [undefined, 'page-00-no-token-desktop'],
      [PHONE, 'page-00-no-token-phone'],
    ] as const) {
      const page = await browser.newPage(size);
      const apiCalls: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/sandbox/api/')) apiCalls.push(r.url());
      });
      await page.goto(`${bot.url}/sandbox`);
      expect(await toastText(page)).toContain('local chat page:');
      expect(await page.locator('#empty').textContent()).toContain('?t=');
      await shot(page, name);
      expect(apiCalls).toEqual([]);
      await page.close();
    }
    expect(bot.sb.state.messages.length).toBe(before);
  });

  it('on a phone: the chat list, then the chat with a back button', async () => {
    const page = await browser.newPage(PHONE);
    await openAs(page, bot.url, captain);
    expect(await page.locator('.main').isVisible()).toBe(false);
    await shot(page, 'page-02-phone-chat-list');
    await openChat(page, p2pChatId(captain));
    await cardTitled(page, '命令帮助').waitFor();
    expect(await page.locator('.sidebar').isVisible()).toBe(false);
    await shot(page, 'page-03-phone-chat');
    await page.click('#back');
    expect(await page.locator('.sidebar').isVisible()).toBe(true);
    await page.close();
  });

  it('on a phone: a chat opened while a choice of person is still loading stays open', async () => {
    const page = await browser.newPage(PHONE);
    await openAs(page, bot.url, captain);
    // The page comes back as the same person (kept in the browser), then the person is chosen
    // again while the server answers slowly: the chat tapped meanwhile must not be closed under them.
    await page.reload();
    await page.locator('body[data-ready="yes"]').waitFor();
    let slowAnswers = 0;
    await page.route(
      (url) => url.pathname === '/sandbox/api/chats' && url.searchParams.get('openId') === captain,
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue();
        slowAnswers++;
      },
    );
    await page.selectOption('#who', captain);
    await openChat(page, p2pChatId(captain));
    await expect.poll(() => slowAnswers).toBe(1);
    await afterPaint(page);
    expect(await page.locator('#messages').isVisible()).toBe(true);
    expect(await page.locator('#chat-title').textContent()).not.toBe('请选择会话');
    await shot(page, 'page-04-phone-chat-kept-open');

    // The captain chosen, then at once someone else: the captain's chats are gone at once, and
    // their slow answer, coming after the other person's chat was opened, draws nothing.
    await page.click('#back');
    await page.selectOption('#who', captain);
    await page.selectOption('#who', member);
    expect(await page.locator(`#chats li[data-chat="${p2pChatId(captain)}"]`).count()).toBe(0);
    await openChat(page, p2pChatId(member));
    await expect.poll(() => slowAnswers).toBe(2);
    await afterPaint(page);
    expect(await page.locator(`#chats li[data-chat="${p2pChatId(captain)}"]`).count()).toBe(0);
    expect(await page.locator('#messages').isVisible()).toBe(true);
    expect(await page.locator('#messages').getAttribute('data-chat')).toBe(p2pChatId(member));
    await page.close();
  });

  it('a chat being opened is busy until its messages are drawn, and the helper waits for them', async () => {
    const page = await browser.newPage();
    await openAs(page, bot.url, captain);
    await page.route(
      (url) => url.pathname === '/sandbox/api/messages',
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await route.continue();
      },
    );
    await openChat(page, p2pChatId(captain));
    expect(await page.locator('#messages').getAttribute('aria-busy')).toBeNull();
    expect(await page.locator('#messages .msg').count()).toBeGreaterThan(0);
    await page.close();
  });

  it.each([
    ['desktop', undefined],
    ['phone', PHONE],
  ] as const)('on a %s: a message that arrives while a chat is being opened is drawn, not lost', async (w, size) => {
    const page = await browser.newPage(size);
    await openAs(page, bot.url, member);
    const chatId = p2pChatId(member);
    const text = `打开会话时刚好发出的消息（${w}）`;
    // The chat's messages are read, then a message is sent and streamed to the page before that
    // reading arrives: the page must show both.
    let answered!: () => void;
    const opened = new Promise<void>((resolve) => {
      answered = resolve;
    });
    await page.route(
      (url) => url.pathname === '/sandbox/api/messages' && url.searchParams.get('chatId') === chatId,
      async (route) => {
        const response = await route.fetch();
        const sent = await fetch(`${bot.url}/sandbox/api/send`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-sandbox-token': route.request().headers()['x-sandbox-token']!,
          },
          body: JSON.stringify({ openId: member, chatId, text, mentionBot: false }),
        });
        expect(sent.status).toBe(200);
        await page.waitForTimeout(500);
        await route.fulfill({ response });
        answered();
      },
      { times: 1 },
    );
    await openChat(page, chatId);
    await opened;
    await afterPaint(page);
    const mine = page.locator('.msg-me .bubble', { hasText: text });
    await mine.waitFor({ timeout: 5000 });
    // Drawn after the messages read, not above them: the newest of the person's own is this one.
    expect(await page.locator('.msg-me .bubble').last().textContent()).toContain(text);
    await mine.scrollIntoViewIfNeeded();
    await shot(page, `page-05-message-while-opening-${w}`);
    await page.close();
  });

  it("a group member sees another member's message and the bot's answer arrive live", async () => {
    const mine = await browser.newPage();
    const theirs = await browser.newPage();
    await openAs(mine, bot.url, captain);
    await openAs(theirs, bot.url, member);
    await openChat(mine, squadChat);
    await openChat(theirs, squadChat);

    // Without @招商助手 the bot is not addressed in a group: the message shows, nothing is answered.
    await mine.bringToFront();
    await mine.uncheck('#mention');
    const outboxBefore = await bot.database.prisma.outbox.count();
    await sendText(mine, '大家好');
    await theirs.locator('.msg-other .bubble', { hasText: '大家好' }).waitFor();
    expect(await bot.database.prisma.outbox.count()).toBe(outboxBefore);

    await sendText(mine, '@招商助手 /help');
    await theirs.locator('.msg-other .bubble', { hasText: '@招商助手 /help' }).waitFor();
    await cardTitled(theirs, '命令帮助').waitFor();
    await shot(theirs, 'page-04-group-live');
    await mine.close();
    await theirs.close();
  });

  it('draws every card element, and its buttons and forms send real card callbacks', async () => {
    const page = await browser.newPage();
    const other = await browser.newPage();
    await openAs(page, bot.url, captain);
    await openAs(other, bot.url, captain);
    await openChat(page, p2pChatId(captain));
    await openChat(other, p2pChatId(captain));
    await page.bringToFront();
    const sent = await bot.deps.lark.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: {
        receive_id: captain,
        msg_type: 'interactive',
        content: JSON.stringify(fixture('cards/kitchen-sink.json')),
      },
    });
    const messageId = sent.data!.message_id!;
    const card = cardTitled(page, '全部元素测试卡片');
    await card.waitFor();

    // Markdown: a safe subset; escaped or unknown markup is shown as the text it is.
    const md = card.locator('.md').first();
    expect(await md.locator('strong').textContent()).toBe('加粗');
    expect(await md.locator('a').getAttribute('href')).toBe('https://example.com');
    expect(await md.locator('.fc-red').textContent()).toBe('红字');
    expect(await md.locator('.at').textContent()).toBe('@曾健清');
    expect(await md.textContent()).toContain('<script>alert(1)</script> <b>不解析</b>');
    expect(await page.locator('script:not([src])').count()).toBe(0);
    // Table paging, charts, people, panel, image placeholder.
    expect(await card.locator('.tbl tbody tr').count()).toBe(2);
    await card.locator('.tbl-pager button', { hasText: '下一页' }).click();
    expect(await card.locator('.tbl tbody tr').count()).toBe(1);
    expect(await card.locator('.tbl-pager span').textContent()).toBe('2 / 2');
    expect(await card.locator('[data-chart-type="bar"]:not([data-direction]) rect.bar').count()).toBe(4);
    expect(await card.locator('[data-direction="horizontal"] rect.bar').count()).toBe(3);
    expect(await card.locator('[data-chart-type="line"] polyline').count()).toBe(1);
    expect(await card.locator('[data-tag="person_list"] .person-chip').count()).toBe(2);
    await card.locator('.panel summary').click();
    await card.locator('.img-placeholder', { hasText: '项目照片' }).waitFor();
    expect(await card.locator('.unsupported').count()).toBe(0);
    await shot(page, 'page-05-card-elements');

    // Required fields are checked in the client, as Feishu does: no callback is sent.
    await card.locator('button[data-name="ks_submit"]').click();
    expect(await toastText(page)).toBe('有必填项未填写');
    expect(calls).toHaveLength(0);

    // A button whose action the bot no longer knows: the bot's error toast.
    await card.locator('button[data-name="ks_stale"]').click();
    await expect.poll(() => page.locator('#toast').textContent()).toContain('这张卡片已失效');
    expect(await card.locator('button[data-name="ks_disabled"]').isDisabled()).toBe(true);

    // Confirm dialog: cancel sends nothing, confirm sends the callback.
    await card.locator('button[data-name="ks_confirm"]').click();
    await page.click('#confirm-cancel');
    expect(calls).toHaveLength(0);
    await card.locator('button[data-name="ks_confirm"]').click();
    await page.click('#confirm-ok');
    await expect.poll(() => page.locator('#toast').textContent()).toBe('已作废');
    expect(calls.at(-1)!.value).toEqual({ action: 'sandbox-test.echo', op: 'void' });

    await card.locator('.overflow-toggle').click();
    await card.locator('.overflow-item', { hasText: '导出' }).click();
    await expect.poll(() => page.locator('#toast').textContent()).toBe('你选择了：export');
    expect(calls.at(-1)!.option).toBe('export');

    // The form: every kind of field, in Feishu's formats; the answer's card replaces the old one.
    await card.locator('[data-name="ks_title"]').fill('七月<汇报>');
    await card.locator('[data-name="ks_rank"]').selectOption('DIVISION');
    await card.locator('[data-name="ks_sectors"]').selectOption(['energy', 'food']);
    await card.locator('[data-name="ks_time"]').fill('10:15');
    await card.locator('[data-name="ks_person"]').selectOption('ou_sbx_2');
    await card.locator('[data-name="ks_people"]').selectOption(['ou_sbx_1', 'ou_sbx_3']);
    await card.locator('[data-name="ks_ok"]').check();
    await card.locator('button[data-name="ks_submit"]').click();
    await expect.poll(() => page.locator('#toast').textContent()).toBe('已收到：七月<汇报>');
    const submit = calls.at(-1)!;
    expect(submit.componentName).toBe('ks_submit');
    expect(submit.value).toEqual({ action: 'sandbox-test.echo', id: 7 });
    expect(submit.formValue).toEqual({
      ks_title: '七月<汇报>',
      ks_note: '原有备注',
      ks_rank: 'DIVISION',
      ks_sectors: ['energy', 'food'],
      ks_date: '2018-06-10 +0800',
      ks_time: '10:15 +0800',
      ks_when: '2018-06-11 09:30 +0800',
      ks_person: 'ou_sbx_2',
      ks_people: ['ou_sbx_1', 'ou_sbx_3'],
      ks_ok: true,
    });
    expect(submit.operatorOpenId).toBe(captain);
    expect(submit.messageId).toBe(messageId);
    expect(submit.chatId).toBe(p2pChatId(captain));
    expect(submit.timezone).toBe('Asia/Shanghai');
    expect(bot.sb.state.cardTokens.get(submit.token!)?.messageId).toBe(messageId);

    // Shared card: the replacement is the message's new version, and every open page shows it.
    for (const p of [page, other]) {
      await p.locator(`.msg[data-id="${messageId}"][data-versions="2"] .card-title`, { hasText: '已提交' }).waitFor();
      expect(await p.locator(`.msg[data-id="${messageId}"] .md`).textContent()).toContain('七月<汇报>');
    }
    const stored = bot.sb.state.message(messageId)!;
    expect(stored.versions.map((v) => v.via)).toEqual(['create', 'callback']);
    await shot(page, 'page-06-card-replaced');
    await page.close();
    await other.close();
  });
});
