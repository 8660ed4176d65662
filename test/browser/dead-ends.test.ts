import { beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandReply, formValuesOf } from '../helpers/callbacks.js';
import { createProject, settle, startReviewAs } from '../flows/review-helpers.js';
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
import type { Page } from 'playwright-core';

// Dead ends a new user met on the local page, each shown fixed on a desktop and on a phone: project
// numbers and names in commands, /tripreport before a trip begins, the monthly report's buttons,
// a rejected trip plan re-opened pre-filled, the veto's confirmation and toast, the lead card's
// required 线索来源.

const clock = new FixedClock(new Date('2018-06-25T10:00:00+08:00'));
let bot: TestBot;
let browser: Browser;
const db = () => bot.database.prisma;
const SIZES = [
  ['desktop', undefined],
  ['phone', PHONE],
] as const;
const MEMBER = '财政局三分队队员'; // squad 3 (机械制造、电子信息)
const CAPTAIN = '发改局局长'; // its captain, 科级: plans go to 俸振江
let tripId: number;

async function pageAs(name: string, size?: { width: number; height: number }): Promise<Page> {
  const openId = await bot.openIdOf(name);
  const page = await browser.newPage(size);
  await openAs(page, bot.url, openId);
  await openChat(page, p2pChatId(openId));
  return page;
}
const botText = (page: Page, text: string) => page.locator('.msg-bot', { hasText: text }).last();

beforeAll(async () => {
  bot = await startTestBot({}, { clock, startSender: true });
  browser = await openBrowser();
  const sq = 'MACHINERY_ELECTRONICS';
  const feed = await createProject(bot, { name: '年产10万吨饲料加工项目', squadCode: sq, investment: 20_000 });
  await db().project.update({ where: { id: feed }, data: { stage: 'SIGNED', signedOn: '2018-06-01' } });
  await createProject(bot, { name: '电子元件产业园', squadCode: sq, investment: 8000 });
  await createProject(bot, { name: '电子元件产业园二期', squadCode: sq, investment: 9000 });
  // A trip approved for next week: nothing to report yet.
  const m = await db().squadMember.findFirstOrThrow({ where: { person: { name: MEMBER } } });
  await db().trip.create({
    data: {
      requestKey: 'browser:future',
      squadId: m.squadId,
      travellerId: m.personId,
      rank: 'SECTION',
      destination: '广东深圳',
      startDate: '2018-07-02',
      endDate: '2018-07-04',
      status: 'APPROVED',
      createdById: m.personId,
    },
  });
  // A trip plan listing 3 companies, filed by the captain (then rejected on the page).
  const captain = await bot.openIdOf(CAPTAIN);
  const { card, messageId } = await commandReply(bot, captain, '/trip');
  const res = await bot.card(
    cardCallback({
      openId: captain,
      messageId,
      name: 'trip_submit',
      value: buttonValue(card, 'trip_submit'),
      formValue: formValuesOf(card, {
        destination: '广东东莞',
        start_date: '2018-06-27 +0800',
        end_date: '2018-06-29 +0800',
        companies: '东莞华信电子有限公司\n东莞鹏达五金制品厂\n东莞宏图精密机械有限公司',
      }),
    }),
  );
  expect(res.body.toast.type).toBe('warning');
  tripId = (await db().trip.findFirstOrThrow({ where: { destination: '广东东莞' } })).id;
  // A joint pre-review under way (环保局局长 reviews for 环保局).
  const reviewed = await createProject(bot, {
    name: '年产5万吨饲料添加剂项目',
    squadCode: 'AGRI_TOURISM_LOGISTICS',
    investment: 25_000,
  });
  await startReviewAs(bot, '招商局局长', reviewed);
  await settle(bot);
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

describeInBrowser('project numbers', () => {
  it.each(SIZES)(
    'on a %s: /project lists numbers, /project 饲料 opens the card, /review 电子元件 lists both',
    async (w, size) => {
      const page = await pageAs(MEMBER, size);
      await sendText(page, '/project');
      const list = cardTitled(page, '招商项目');
      await list.getByText('年产10万吨饲料加工项目').waitFor();
      expect(await list.textContent()).toMatch(/#\d+ 年产10万吨饲料加工项目/);
      await shot(page, `dead-ends-project-list-${w}`);
      await sendText(page, '/project 饲料');
      const card = cardTitled(page, '年产10万吨饲料加工项目');
      await card
        .getByText(/编号 \d+/)
        .first()
        .waitFor();
      await shot(page, `dead-ends-project-card-${w}`);
      await sendText(page, '/review 电子元件');
      const answer = botText(page, '名称含“电子元件”的项目有 2 个');
      await answer.waitFor();
      await answer.scrollIntoViewIfNeeded();
      await shot(page, `dead-ends-review-by-name-${w}`);
      await page.close();
    },
  );
});

describeInBrowser('/tripreport before the trip', () => {
  it.each(SIZES)('on a %s: says no trip has begun and when the next one starts', async (w, size) => {
    const page = await pageAs(MEMBER, size);
    await sendText(page, '/tripreport');
    const answer = botText(page, '还没有已经开始的外出招商');
    await answer.waitFor();
    expect(await answer.textContent()).toContain('2018-07-02 出发后再发送 /tripreport');
    await shot(page, `dead-ends-tripreport-not-begun-${w}`);
    await page.close();
  });
});

describeInBrowser('/tripreport once a trip is under way', () => {
  it.each(SIZES)(
    'on a %s: the card is pre-filled with today, names the trip ahead, and today is accepted',
    async (w, size) => {
      if (w === 'desktop') {
        const m = await db().squadMember.findFirstOrThrow({ where: { person: { name: MEMBER } } });
        await db().trip.create({
          data: {
            requestKey: 'browser:now',
            squadId: m.squadId,
            travellerId: m.personId,
            rank: 'SECTION',
            destination: '广东广州',
            startDate: '2018-06-24',
            endDate: '2018-06-27',
            status: 'APPROVED',
            createdById: m.personId,
          },
        });
      }
      const page = await pageAs(MEMBER, size);
      await sendText(page, '/tripreport');
      const card = cardTitled(page, '外出招商报告').last();
      await card.getByText('另有 1 次外出尚未开始').waitFor();
      expect(await card.locator('[data-name="visit_date"]').inputValue()).toBe('2018-06-25');
      if (w === 'desktop') {
        await card.locator('[data-name="contact_name"]').fill('王总');
        await card.locator('[data-name="visit_company"]').fill('广州某电子有限公司');
        await card.locator('[data-name="visit_phone"]').fill('13800000000');
        await card.locator('button[data-name="visit_submit"]').click();
        expect(await toastText(page)).toBe('已保存第 1 家拜访');
      }
      await shot(page, `dead-ends-tripreport-under-way-${w}`);
      await page.close();
    },
  );
});

describeInBrowser('a trip plan with 3 companies, rejected and re-opened', () => {
  it.each(SIZES)('on a %s: the approver sees the warning on the approval card', async (w, size) => {
    const page = await pageAs('俸振江', size);
    const card = cardTitled(page, '外出招商计划 · 待你审批');
    await card.getByText('拟拜访企业 3 家，少于方案要求的 6 家').waitFor();
    await card.getByText('拟拜访企业 3 家，少于方案要求的 6 家').scrollIntoViewIfNeeded();
    await shot(page, `dead-ends-trip-approval-warning-${w}`);
    await page.close();
  });

  it('the approver rejects; the traveller re-opens the plan from the notice, every field filled', async () => {
    const approver = await pageAs('俸振江');
    const card = cardTitled(approver, '外出招商计划 · 待你审批');
    await card.locator('[data-name="reject_reason"]').fill('拜访企业不足 6 家，请补充后再报');
    await card.locator('button[data-name="trip_reject"]').click();
    expect(await toastText(approver)).toBe('已驳回');
    await approver.close();
    await settle(bot);

    const page = await pageAs(CAPTAIN);
    const notice = page.locator('.msg-bot', { has: page.locator('button[data-name="trip_reopen"]') }).last();
    await notice.waitFor();
    await shot(page, `dead-ends-trip-rejected-notice-desktop`);
    await notice.locator('button[data-name="trip_reopen"]').click();
    const form = cardTitled(page, '外出招商计划');
    await form.locator('[data-name="destination"]').waitFor();
    await expect.poll(() => form.locator('[data-name="destination"]').inputValue()).toBe('广东东莞');
    expect(await form.locator('[data-name="companies"]').inputValue()).toBe(
      '东莞华信电子有限公司\n东莞鹏达五金制品厂\n东莞宏图精密机械有限公司',
    );
    await form.getByText('已按被驳回的计划预填').scrollIntoViewIfNeeded();
    await shot(page, `dead-ends-trip-reopened-desktop`);
    await page.close();
  });

  it('on a phone: the re-opened form reads', async () => {
    const page = await pageAs(CAPTAIN, PHONE);
    const form = cardTitled(page, '外出招商计划');
    await form.getByText('已按被驳回的计划预填').waitFor();
    await form.locator('[data-name="companies"]').scrollIntoViewIfNeeded();
    await shot(page, `dead-ends-trip-reopened-phone`);
    await page.close();
    expect(await db().trip.count({ where: { id: tripId, status: 'REJECTED' } })).toBe(1);
  });
});

describeInBrowser('the veto', () => {
  it('asks for confirmation, then the toast says where the notices went', async () => {
    const page = await pageAs('环保局局长');
    const card = cardTitled(page, '联合预审 · 请出具意见');
    await card.locator('[data-name="veto_category"]').selectOption('ENVIRONMENT');
    await card.locator('[data-name="reason"]').fill('项目位于饮用水水源保护区内。');
    await card.locator('button[data-name="review_veto_submit"]').click();
    await page.locator('.modal', { hasText: '确认一票否决？' }).waitFor();
    await shot(page, 'dead-ends-veto-confirm-desktop');
    await page.locator('#confirm-ok').click();
    const toast = await toastText(page);
    expect(toast).toContain('已一票否决。否决通知已分别私信领导小组组长、副组长');
    expect(toast).not.toContain('。。');
    await shot(page, 'dead-ends-veto-toast-desktop');
    await page.close();
  });

  it('on a phone: the group leader overrules; the answer counts the units that never answered', async () => {
    await settle(bot);
    const page = await pageAs('曾健清', PHONE);
    const card = cardTitled(page, '一票否决');
    await card.locator('[data-name="overrule_reason"]').fill('经领导小组会议研究，同意调整选址后推进。');
    await card.locator('button[data-name="review_overrule_submit"]').click();
    await page.locator('#confirm-ok').click();
    const toast = await toastText(page);
    expect(toast).toContain('另有 5 个单位未出具意见');
    await shot(page, 'dead-ends-overrule-toast-phone');
    await page.close();
  });
});

describeInBrowser('the lead card’s required 线索来源', () => {
  it.each(SIZES)(
    'on a %s: the select is labelled and marked, and the form names the required fields',
    async (w, size) => {
      const page = await pageAs(MEMBER, size);
      await sendText(page, '/lead');
      const card = cardTitled(page, '招商线索登记');
      await card.getByText('必填：企业名称、线索来源').waitFor();
      await card.locator('[data-name="source"]').scrollIntoViewIfNeeded();
      await shot(page, `dead-ends-lead-source-${w}`);
      await card.locator('button[data-name="lead_submit"]').click();
      expect(await toastText(page)).toBe('有必填项未填写');
      await page.close();
    },
  );
});

describeInBrowser('the monthly report after the deadline', () => {
  it('the captain submits before the deadline', async () => {
    const captain = await bot.openIdOf(CAPTAIN);
    const { card, messageId } = await commandReply(bot, captain, '/report');
    const res = await bot.card(
      cardCallback({
        openId: captain,
        messageId,
        name: 'report_submit',
        value: buttonValue(card, 'report_submit'),
        formValue: formValuesOf(card, { economic_trends: '电子信息产业回暖' }),
      }),
    );
    expect(res.body.toast.content).toBe('已提交，谢谢！');
    clock.set('2018-06-29T10:00:00+08:00');
  });

  it.each(SIZES)('on a %s: no 修改 for the captain, and the card says why', async (w, size) => {
    const page = await pageAs(CAPTAIN, size);
    await sendText(page, '/report');
    const card = cardTitled(page, '月度汇报').last();
    await card.getByText('已提交的汇报不能再修改').waitFor();
    expect(await card.locator('button[data-name="report_edit"]').count()).toBe(0);
    await card.getByText('已提交的汇报不能再修改').scrollIntoViewIfNeeded();
    await shot(page, `dead-ends-report-no-edit-${w}`);
    await page.close();
  });

  it.each(SIZES)('on a %s: a leader reading a squad’s month gets a read-only card', async (w, size) => {
    const page = await pageAs('曾健清', size);
    await sendText(page, '/report 2018-06 纺织');
    const card = cardTitled(page, '月度汇报').last();
    await card.getByText('只读').waitFor();
    expect(await card.locator('button[data-name="report_submit"]').count()).toBe(0);
    expect(await card.locator('button[data-name="report_save_draft"]').count()).toBe(0);
    await shot(page, `dead-ends-report-read-only-${w}`);
    await page.close();
  });
});
