import { beforeAll, expect, it } from 'vitest';
import { renderTripSummary } from '../../src/cards/trip-plan/view-summary.js';
import { FixedClock } from '../../src/clock.js';
import { findTrip } from '../../src/db/trips.js';
import { enqueueMessage } from '../../src/feishu/outbox.js';
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

// The office's cards on the local chat page: /settings (a refused change with its reason on the
// card, the fix saved; a member refused; the year's district goals changed and shown by /quota), the day's report summary run from the office panel,
// /reports with a report opened read-only, a trip plan cancelled by its traveller, and an
// intermediary reward approved and paid. Each at desktop and phone width where a person reads it.

const clock = new FixedClock(new Date('2018-06-26T10:00:00+08:00'));
let bot: TestBot;
let browser: Browser;
let admin: string;
const db = () => bot.database.prisma;
let tripId: number;
let leadId: number;

beforeAll(async () => {
  bot = await startTestBot({}, { clock, startSender: true });
  browser = await openBrowser();
  admin = await bot.openIdOf('招商局局长');
  const s4 = await squadByOrder(db(), 4);
  const s1 = await squadByOrder(db(), 1);
  await db().monthlyReport.create({
    data: {
      squadId: s4.id,
      month: '2018-06',
      status: 'SUBMITTED',
      submittedAt: new Date('2018-06-26T09:00:00+08:00'),
      economicTrends: '羽绒价格回升，下游订单增加',
      projectInfo: '羽绒精深加工项目已开工，二期在洽谈',
      visitedBusinessmen: JSON.stringify([
        {
          name: '张总',
          company: '某羽绒公司',
          address: '广州',
          position: '总经理',
          contact: '13800000000',
          businessScope: '羽绒',
          investmentIntent: '有意',
        },
      ]),
    },
  });
  await db().monthlyReport.create({
    data: {
      squadId: s1.id,
      month: '2018-05',
      status: 'SUBMITTED',
      late: true,
      submittedAt: new Date('2018-06-26T08:00:00+08:00'),
    },
  });
  const member = await db().person.findFirstOrThrow({ where: { name: '市政局四分队队员' } });
  const leader = await db().person.findFirstOrThrow({ where: { name: '曾健清' } });
  tripId = (
    await db().trip.create({
      data: {
        requestKey: 'browser:cancel',
        squadId: s4.id,
        travellerId: member.id,
        rank: 'SECTION',
        destination: '浙江杭州',
        startDate: '2018-06-28',
        endDate: '2018-06-30',
        companiesPlanned: '杭州某羽绒制品有限公司',
        status: 'APPROVED',
        approverId: leader.id,
        decidedAt: clock.now(),
        createdById: member.id,
      },
    })
  ).id;
  // The traveller's own plan card, as the bot sends it after the approval.
  await enqueueMessage(db(), {
    dedupKey: 'browser:cancel:card',
    to: { type: 'open_id', id: member.openId! },
    msgType: 'interactive',
    content: renderTripSummary((await findTrip(db(), { id: tripId }))!, 'Asia/Shanghai', 'traveller'),
  });
  const project = await db().project.create({
    data: {
      name: '中介引荐电子项目',
      squadId: s4.id,
      company: '某电子公司',
      investment: 3000,
      stage: 'SIGNED',
      signedOn: '2018-06-10',
    },
  });
  leadId = (
    await db().lead.create({
      data: {
        requestKey: 'browser:reward',
        companyKey: '某电子',
        company: '某电子公司',
        squadId: s4.id,
        source: 'INTERMEDIARY',
        intermediaryName: '贵港市电子商会',
        intermediaryReward: '签约后按到位资金 1% 奖励',
        status: 'CONVERTED',
        projectId: project.id,
        ownerId: member.id,
        createdOn: '2018-05-02',
      },
    })
  ).id;
  await bot.flush();
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

describeInBrowser('the office’s cards on the local chat page', () => {
  it('/settings: a change that breaks the weights is refused on the card; the fix is saved; a member is refused', async () => {
    for (const [size, suffix] of [
      [undefined, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const page = await browser.newPage(size);
      await openAs(page, bot.url, admin);
      await openChat(page, p2pChatId(admin));
      await sendText(page, '/settings');
      const overview = cardTitled(page, '系统设置 · 全部');
      await overview.waitFor();
      await shot(page, `settings-01-overview-${suffix}`);
      const id = await messageIdOf(overview);
      await overview.locator('button[data-name="open_bulletin"]').click();
      const form = page.locator(`.msg[data-id="${id}"][data-versions="2"]`);
      await form.locator('[data-name="w_trips"]').waitFor();
      await form.locator('[data-name="w_trips"]').fill('40');
      await form.locator('button[data-name="settings_save"]').click();
      await expect.poll(() => page.locator('#toast').textContent()).toContain('合计应为 100');
      const refused = page.locator(`.msg[data-id="${id}"][data-versions="3"]`);
      await refused.locator('.fc-red', { hasText: '合计应为 100' }).waitFor();
      expect(await refused.locator('[data-name="w_trips"]').inputValue()).toBe('40');
      await refused.locator('.fc-red').first().scrollIntoViewIfNeeded();
      await shot(page, `settings-02-refused-${suffix}`);
      expect(await db().setting.count({ where: { key: 'bulletin.weights' } })).toBe(suffix === 'desktop' ? 0 : 1);
      if (suffix === 'desktop') {
        await refused.locator('[data-name="w_trips"]').fill('10');
        await refused.locator('[data-name="w_leads"]').fill('0');
        await refused.locator('button[data-name="settings_save"]').click();
        await expect.poll(() => page.locator('#toast').textContent()).toContain('已保存');
        await page.locator(`.msg[data-id="${id}"][data-versions="4"]`).waitFor();
        await shot(page, 'settings-03-saved-desktop');
        expect(await db().setting.count({ where: { key: 'bulletin.weights' } })).toBe(1);
      }
      await page.close();
    }
    const member = await bot.openIdOf('市政局四分队队员');
    const page = await browser.newPage(PHONE);
    await openAs(page, bot.url, member);
    await openChat(page, p2pChatId(member));
    await sendText(page, '/settings');
    await page.locator('.msg-bot .bubble', { hasText: '只有办公室管理员' }).waitFor();
    await shot(page, 'settings-04-member-refused-phone');
    await page.close();
  });

  it('/settings 目标: a refused rate keeps the form; the year’s goals are saved and /quota shows them', async () => {
    const goal = async (metric: string) =>
      (await db().districtGoal.findUnique({ where: { year_metric: { year: 2018, metric } } }))?.target;
    const audits = () => db().auditLog.count({ where: { action: 'goal.set' } });
    const desktop = await browser.newPage();
    await openAs(desktop, bot.url, admin);
    await openChat(desktop, p2pChatId(admin));
    await sendText(desktop, '/settings');
    const overview = cardTitled(desktop, '系统设置 · 全部');
    await overview.locator('button[data-name="open_goals"]').waitFor();
    const id = await messageIdOf(overview);
    await overview.locator('button[data-name="open_goals"]').scrollIntoViewIfNeeded();
    await shot(desktop, 'settings-05-goals-overview-desktop');
    await overview.locator('button[data-name="open_goals"]').click();
    const form = desktop.locator(`.msg[data-id="${id}"][data-versions="2"]`);
    await form.locator('[data-name="rate_2015"]').waitFor();
    expect(await form.locator('[data-name="rate_2015"]').inputValue()).toBe('80');
    await form.locator('[data-name="goal_FUNDS_IN_PLACE"]').fill('900000');
    await form.locator('[data-name="rate_2015"]').fill('180');
    await form.locator('button[data-name="goals_save"]').click();
    await expect.poll(() => desktop.locator('#toast').textContent()).toContain('0–100');
    const refused = desktop.locator(`.msg[data-id="${id}"][data-versions="3"]`);
    await refused.locator('.fc-red', { hasText: '0–100' }).waitFor();
    expect(await refused.locator('[data-name="rate_2015"]').inputValue()).toBe('180');
    expect(await refused.locator('[data-name="goal_FUNDS_IN_PLACE"]').inputValue()).toBe('900000');
    await refused.locator('.fc-red').first().scrollIntoViewIfNeeded();
    await shot(desktop, 'settings-06-goals-refused-desktop');
    expect(await goal('COMMENCEMENT_RATE_2015')).toBe(0.8);
    expect(await goal('FUNDS_IN_PLACE')).not.toBe(900000);
    expect(await audits()).toBe(0);
    await refused.locator('[data-name="rate_2015"]').fill('85');
    await refused.locator('button[data-name="goals_save"]').click();
    await expect.poll(() => desktop.locator('#toast').textContent()).toContain('已保存 2018 年全区目标');
    const saved = desktop.locator(`.msg[data-id="${id}"][data-versions="4"]`);
    await saved.locator('.fc-green', { hasText: '已保存' }).first().waitFor();
    await shot(desktop, 'settings-07-goals-saved-desktop');
    expect(await goal('COMMENCEMENT_RATE_2015')).toBe(0.85);
    expect(await goal('FUNDS_IN_PLACE')).toBe(900000);
    expect(await audits()).toBe(2);
    await desktop.close();

    const phone = await browser.newPage(PHONE);
    await openAs(phone, bot.url, admin);
    await openChat(phone, p2pChatId(admin));
    await sendText(phone, '/settings 目标');
    const card = cardTitled(phone, '全区目标 2018');
    await card.locator('[data-name="goal_SIGNED_PROJECTS"]').waitFor();
    const phoneId = await messageIdOf(card);
    await shot(phone, 'settings-08-goals-form-phone');
    await card.locator('[data-name="goal_SIGNED_PROJECTS"]').fill('33');
    await card.locator('button[data-name="goals_save"]').click();
    await expect.poll(() => phone.locator('#toast').textContent()).toContain('已保存 2018 年全区目标');
    const savedLine = phone.locator(`.msg[data-id="${phoneId}"] .fc-green`, { hasText: '已保存' });
    await savedLine.waitFor();
    await savedLine.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await shot(phone, 'settings-09-goals-saved-phone');
    expect(await goal('SIGNED_PROJECTS')).toBe(33);
    await sendText(phone, '/quota');
    const quota = cardTitled(phone, '目标任务');
    await quota.getByText('新签约亿元以上项目：33').waitFor();
    await quota.getByText('2015年签约项目开工率 ≥ 85%').waitFor();
    await quota.getByText('全区目标').scrollIntoViewIfNeeded();
    await shot(phone, 'settings-10-quota-shows-goals-phone');
    await sendText(phone, '/settings history');
    const history = cardTitled(phone, '设置变更记录');
    await history.getByText('全区目标·2018年新签约亿元以上项目').first().waitFor();
    await history.getByText('全区目标·2018年新签约亿元以上项目').first().scrollIntoViewIfNeeded();
    await shot(phone, 'settings-11-history-goals-phone');
    await phone.close();
  });

  it('the day’s report summary reaches the office; /reports lists the month and opens a report read-only', async () => {
    const page = await browser.newPage();
    await openAs(page, bot.url, admin);
    await openChat(page, '__office__');
    await page.locator('button[data-job="daily-reports"]').waitFor();
    await page.fill('#job-date', '2018-06-26');
    await page.fill('#job-time', '20:00');
    await page.click('button[data-job="daily-reports"]');
    await page.locator('#job-log li', { hasText: '2 份月度汇报' }).waitFor();
    await page.close();
    for (const [size, suffix] of [
      [undefined, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const p = await browser.newPage(size);
      await openAs(p, bot.url, admin);
      await openChat(p, p2pChatId(admin));
      const day = cardTitled(p, '今日提交的月度汇报');
      await day.waitFor();
      expect(await day.textContent()).toContain('逾期提交');
      await day.scrollIntoViewIfNeeded();
      await shot(p, `reports-01-daily-summary-${suffix}`);
      await sendText(p, '/reports 2018-06');
      const list = cardTitled(p, '月度汇报一览');
      await list.waitFor();
      expect(await list.textContent()).toContain('未提交');
      await list.scrollIntoViewIfNeeded();
      await shot(p, `reports-02-month-list-${suffix}`);
      if (suffix === 'desktop') {
        const id = await messageIdOf(list);
        const s4 = await squadByOrder(db(), 4);
        await list.locator(`button[data-name="open_${s4.id}_201806"]`).click();
        const opened = p.locator(`.msg[data-id="${id}"][data-versions="2"]`);
        await opened.locator('.card', { hasText: '羽绒价格回升' }).waitFor();
        expect(await opened.locator('button').count()).toBe(1);
        await shot(p, 'reports-03-read-only-desktop');
        await opened.locator('button[data-name="reports_back"]').click();
        await p
          .locator(`.msg[data-id="${id}"][data-versions="3"]`)
          .locator('.card', { hasText: '月度汇报一览' })
          .waitFor();
      }
      await p.close();
    }
  });

  it('the traveller cancels an approved trip with a reason', async () => {
    const member = await bot.openIdOf('市政局四分队队员');
    const page = await browser.newPage(PHONE);
    await openAs(page, bot.url, member);
    await openChat(page, p2pChatId(member));
    const plan = cardTitled(page, '外出招商计划');
    await plan.waitFor();
    const id = await messageIdOf(plan);
    await plan.locator('button[data-name="trip_cancel_open"]').click();
    const ask = page.locator(`.msg[data-id="${id}"][data-versions="2"]`);
    await ask.locator('[data-name="cancel_reason"]').fill('企业临时改期，下月再去');
    await shot(page, 'trip-cancel-01-reason-phone');
    await ask.locator('button[data-name="trip_cancel_submit"]').click();
    await expect.poll(() => page.locator('#toast').textContent()).toContain('已取消');
    const done = page.locator(`.msg[data-id="${id}"][data-versions="3"]`);
    await done.locator('.card', { hasText: '企业临时改期' }).waitFor();
    await shot(page, 'trip-cancel-02-cancelled-phone');
    expect((await db().trip.findUniqueOrThrow({ where: { id: tripId } })).status).toBe('CANCELLED');
    await page.close();
  });

  it('the office approves a due intermediary reward and records its payment', async () => {
    for (const [size, suffix] of [
      [undefined, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const page = await browser.newPage(size);
      await openAs(page, bot.url, admin);
      await openChat(page, p2pChatId(admin));
      await sendText(page, '/leads');
      const leads = cardTitled(page, '线索');
      await leads.waitFor();
      await expect.poll(() => leads.textContent()).toContain('中介奖励待办');
      await shot(page, `reward-01-leads-due-${suffix}`);
      await page.close();
    }
    const page = await browser.newPage();
    await openAs(page, bot.url, admin);
    await openChat(page, p2pChatId(admin));
    await sendText(page, `/leadcard ${leadId}`);
    const card = cardTitled(page, '招商线索 · 某电子公司');
    await card.waitFor();
    const id = await messageIdOf(card);
    await card.locator('[data-name="reward_amount"]').fill('5');
    await shot(page, 'reward-02-due-desktop');
    await card.locator('button[data-name="reward_approve"]').click();
    await expect.poll(() => page.locator('#toast').textContent()).toBe('中介奖励已审核通过');
    const approved = page.locator(`.msg[data-id="${id}"][data-versions="2"]`);
    await approved.locator('[data-name="paid_amount"]').fill('5');
    await approved.locator('[data-name="paid_on"]').fill('2018-06-26');
    await shot(page, 'reward-03-approved-desktop');
    await approved.locator('button[data-name="reward_pay"]').click();
    await expect.poll(() => page.locator('#toast').textContent()).toBe('中介奖励已登记支付');
    await page.locator(`.msg[data-id="${id}"][data-versions="3"]`).locator('.card', { hasText: '已支付' }).waitFor();
    await shot(page, 'reward-04-paid-desktop');
    expect((await db().leadReward.findUniqueOrThrow({ where: { leadId } })).status).toBe('PAID');
    await page.close();
  });
});
