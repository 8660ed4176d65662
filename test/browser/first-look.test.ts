import { afterAll, beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import {
  PHONE,
  cardTitled,
  checkPageAndCloseAfter,
  describeInBrowser,
  openAs,
  openBrowser,
  openChat,
  sendText,
  shot,
  type Browser,
} from './helpers.js';

// The first look on the local chat page: the demo start as the office (/progress, /rank, the
// quarterly bulletin) and as a captain on a phone; then a plain start, where /rank shows every squad
// 未参评 and tells the office how to enter the year's quotas.

const clock = new FixedClock(new Date('2026-11-30T10:00:00+08:00'));
let demo: TestBot;
let plain: TestBot;
let browser: Browser;

beforeAll(async () => {
  demo = await startTestBot({}, { clock, startSender: true, demo: true });
  plain = await startTestBot({}, { clock, startSender: true });
  browser = await openBrowser();
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot: demo }));
afterAll(() => plain?.close());

async function ask(bot: TestBot, who: string, text: string, title: string, size?: { width: number; height: number }) {
  const openId = await bot.openIdOf(who);
  const page = await browser.newPage(size);
  await openAs(page, bot.url, openId);
  await openChat(page, p2pChatId(openId));
  await sendText(page, text);
  const card = cardTitled(page, title);
  await card.waitFor();
  await card.scrollIntoViewIfNeeded();
  return { page, card };
}

describeInBrowser('the first look at the sandbox', () => {
  for (const [label, size] of [
    ['desktop', undefined],
    ['phone', PHONE],
  ] as const) {
    it(`the office sees the demo year in /progress and /rank (${label})`, async () => {
      const p = await ask(demo, '招商局局长', '/progress', '招商进度 · 全区', size);
      expect(await p.card.textContent()).toContain('2026年');
      expect(await p.card.textContent()).not.toContain('还没有分解目标任务');
      await shot(p.page, `first-look-office-progress-${label}`);
      // The demo's packaged projects count on the 策划包装项目 line: some of the goal of 30 done.
      const packagedLine = p.card.getByText(/策划包装项目/).first();
      expect(await packagedLine.textContent()).toMatch(/策划包装项目[^：]*：[1-9]\d*个 \/ 目标 30个/);
      await packagedLine.scrollIntoViewIfNeeded();
      await shot(p.page, `first-look-office-progress-packaged-${label}`);
      await sendText(p.page, '/rank');
      const rank = cardTitled(p.page, '2026年第四季度');
      await rank.waitFor();
      const text = (await rank.textContent()) ?? '';
      expect(text).toContain('红榜');
      expect(text).toContain('黑榜');
      await rank.scrollIntoViewIfNeeded();
      await shot(p.page, `first-look-office-rank-${label}`);
      await p.page.close();
    });

    it(`the office sees the demo's packaged projects in /packaged, one signed (${label})`, async () => {
      const p = await ask(demo, '招商局局长', '/packaged', '策划包装项目 · 全区', size);
      const text = (await p.card.textContent()) ?? '';
      expect(text).toMatch(/2026 年已包装 [1-9]\d* 个 \/ 目标 30 个/);
      for (const status of ['策划中', '已包装', '已推介', '已签约']) expect(text).toContain(`${status} · `);
      expect(text).not.toMatch(/\p{Extended_Pictographic}|\uFE0F/u);
      // Every row fits the card.
      const wide = await p.card.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
      expect(wide).toBe(false);
      await shot(p.page, `first-look-office-packaged-${label}`);
      await p.card.getByText('已签约 · ').first().scrollIntoViewIfNeeded();
      await shot(p.page, `first-look-office-packaged-signed-${label}`);
      await p.page.close();
    });

    it(`a captain sees their squad in /progress and /rank (${label})`, async () => {
      const p = await ask(demo, '经贸局局长', '/progress', '纺织和羽绒产业招商小分队', size);
      await shot(p.page, `first-look-captain-progress-${label}`);
      await sendText(p.page, '/rank');
      const rank = cardTitled(p.page, '2026年第四季度');
      await rank.waitFor();
      expect(await rank.textContent()).toContain('纺织');
      await rank.scrollIntoViewIfNeeded();
      await shot(p.page, `first-look-captain-rank-${label}`);
      await p.page.close();
    });
  }

  it('the office runs the quarterly bulletin on the demo year: a red and a black list, each reason once', async () => {
    const office = await demo.openIdOf('招商局局长');
    for (const [label, size] of [
      ['desktop', undefined],
      ['phone', PHONE],
    ] as const) {
      const page = await browser.newPage(size);
      await openAs(page, demo.url, office);
      if (label === 'desktop') {
        await openChat(page, '__office__');
        await page.fill('#job-date', '2026-11-30');
        await page.fill('#job-time', '09:00');
        await page.click('button[data-job="quarterly-bulletin"]');
        await page.locator('#job-log li', { hasText: '2026Q4' }).waitFor();
      }
      await openChat(page, p2pChatId(office));
      const draft = page.locator('.msg-bot .card').filter({ hasText: '草稿' }).filter({ hasText: '红榜' }).last();
      await draft.waitFor();
      const text = (await draft.textContent()) ?? '';
      expect(text).toMatch(/黑榜[\s\S]*第 \d+ 名/);
      expect(text).not.toContain('未参评');
      await draft.scrollIntoViewIfNeeded();
      await shot(page, `first-look-bulletin-draft-${label}`);
      await page.close();
    }
  });

  for (const [label, size] of [
    ['desktop', undefined],
    ['phone', PHONE],
  ] as const)
    it(`a plain start: /rank shows every squad 未参评 and how to enter the quotas (${label})`, async () => {
      const p = await ask(plain, '招商局局长', '/rank', '2026年第四季度', size);
      const text = (await p.card.textContent()) ?? '';
      expect(text).toContain('未参评');
      expect(text).toContain('/template quotas 2026');
      expect(text).toContain('也不上红黑榜');
      expect(text).not.toContain('排名第');
      await shot(p.page, `first-look-plain-rank-${label}`);
      await p.page.close();
    });
});
