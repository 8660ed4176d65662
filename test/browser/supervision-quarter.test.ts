import type { Page } from 'playwright-core';
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
  toastText,
  type Browser,
} from './helpers.js';

// A quarter of the supervision loop (plan 三(四) 督查, 三(五) 考核), as the people do it on the local
// chat page: the 督查室 inspects 纺织和羽绒 and sets a correction; its owner closes it with a note;
// the squad's captain raises an issue for the leadership meeting; the office opens the meeting pack,
// records a decision on the issue; the decision's owner closes it; the next quarter's pack shows it
// done with its note. Desktop width throughout; the inspection form, the pack and the decision card
// also at phone width.

const clock = new FixedClock(new Date('2018-06-20T10:00:00+08:00'));
let bot: TestBot;
let browser: Browser;
const db = () => bot.database.prisma;
const who = {} as Record<'inspector' | 'captain' | 'member' | 'leader' | 'office', string>;
let squad4 = 0;
let issueId = 0;
let decisionId = 0;

const CORRECTION = '补齐 5 月外出招商台账';
const ISSUE = '羽绒产业园用地指标未落实，影响开工';
const DECISION = '由区国土分局牵头，7 月 20 日前调剂 200 亩用地指标';

beforeAll(async () => {
  bot = await startTestBot({}, { clock, startSender: true });
  browser = await openBrowser();
  who.inspector = await bot.openIdOf('督查室专员');
  who.captain = await bot.openIdOf('经贸局局长'); // captain of squad 4 (纺织和羽绒)
  who.member = await bot.openIdOf('市政局四分队队员');
  who.leader = await bot.openIdOf('马明'); // a responsible leader of squad 4
  who.office = await bot.openIdOf('领导小组办公室工作人员');
  squad4 = (await squadByOrder(db(), 4)).id;
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

/** A page of this person with their 1:1 chat with the bot open. */
async function chatOf(openId: string, size?: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage(size);
  await openAs(page, bot.url, openId);
  await openChat(page, p2pChatId(openId));
  return page;
}

/** The same person's chat at phone width, scrolled to the card with this title (and this text). */
async function phoneShot(
  openId: string,
  title: string,
  name: string,
  opts: { text?: string; also?: { field: string; name: string } } = {},
): Promise<void> {
  const phone = await chatOf(openId, PHONE);
  let card = cardTitled(phone, title);
  if (opts.text)
    card = phone.locator('.msg-bot .card').filter({ hasText: title }).filter({ hasText: opts.text }).last();
  await card.waitFor();
  await card.locator('.card-title').scrollIntoViewIfNeeded();
  await shot(phone, name);
  if (opts.also) {
    // A second screenful further down the card (e.g. a form's lower fields).
    await card.locator(`[data-name="${opts.also.field}"]`).scrollIntoViewIfNeeded();
    await shot(phone, opts.also.name);
  }
  await phone.close();
}

describeInBrowser('a quarter of supervision on the local chat page', () => {
  it('the 督查室 inspector records the inspection of 纺织和羽绒 with one correction', async () => {
    const page = await chatOf(who.inspector);
    await sendText(page, '/inspect 纺织');
    const form = cardTitled(page, '季度督查记录');
    await form.waitFor();
    expect(await form.textContent()).toContain('纺织和羽绒产业招商小分队 · 2018年第二季度');
    const messageId = await messageIdOf(form);
    await form.locator('[data-name="insp_date"]').fill('2018-06-19');
    await form.locator('[data-name="insp_checked"]').fill('月度汇报、外出招商台账、在谈项目推进');
    await form.locator('[data-name="insp_findings"]').fill('5 月外出招商台账不全，2 个在谈项目无进展记录');
    await form.locator('[data-name="insp_rating"]').selectOption({ label: '一般' });
    await form.locator('[data-name="corr1_title"]').fill(CORRECTION);
    await form.locator('[data-name="corr1_owner"]').selectOption(who.member);
    await form.locator('[data-name="corr1_due"]').fill('2018-06-22');
    await form.locator('[data-name="insp_rating"]').scrollIntoViewIfNeeded();
    await shot(page, 'quarter-01-inspection-form-desktop');
    await phoneShot(who.inspector, '季度督查记录', 'quarter-01-inspection-form-phone', {
      also: { field: 'corr1_due', name: 'quarter-01-inspection-corrections-phone' },
    });

    await page.bringToFront();
    await form.locator('button[data-name="inspection_submit"]').click();
    expect(await toastText(page)).toBe('督查记录已提交，已通知队长、责任领导和整改责任人');
    const result = page.locator(`.msg[data-id="${messageId}"] .card`);
    await result.locator('.card-title', { hasText: '季度督查结果' }).waitFor();
    const text = await result.textContent();
    expect(text).toContain('一般');
    expect(text).toContain(CORRECTION);
    expect(text).toContain('市政局四分队队员');
    await result.locator('.card-title').scrollIntoViewIfNeeded();
    await shot(page, 'quarter-02-inspection-result');

    const inspection = await db().inspection.findFirstOrThrow({ include: { corrections: true } });
    expect(inspection).toMatchObject({
      squadId: squad4,
      period: '2018Q2',
      inspectedOn: '2018-06-19',
      rating: 'AVERAGE',
    });
    expect(inspection.corrections.map((c) => [c.title, c.dueOn, c.status])).toEqual([
      [CORRECTION, '2018-06-22', 'OPEN'],
    ]);
    await page.close();
  });

  it('the correction’s owner closes it with a note (办结销号) in their chat', async () => {
    const page = await chatOf(who.member);
    const card = cardTitled(page, '督查整改事项');
    await card.waitFor();
    expect(await card.textContent()).toContain(CORRECTION);
    const messageId = await messageIdOf(card);
    await card.locator('[data-name="corr_note"]').fill('5 月台账已补齐，已报督查室核对');
    await shot(page, 'quarter-03-correction-card');
    await card.locator('button[data-name="correction_close"]').click();
    expect(await toastText(page)).toBe('已办结销号');
    const closed = page.locator(`.msg[data-id="${messageId}"] .card`);
    await closed.getByText('5 月台账已补齐，已报督查室核对').waitFor();
    expect(await closed.locator('form').count()).toBe(0);
    await shot(page, 'quarter-04-correction-closed');
    const row = await db().correction.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'DONE', closedNote: '5 月台账已补齐，已报督查室核对' });
    await page.close();
  });

  it('the captain raises an issue for the leadership meeting with /issue', async () => {
    const page = await chatOf(who.captain);
    // The captain also received the inspection result.
    await cardTitled(page, '季度督查结果').waitFor();
    await sendText(page, '/issue');
    const form = cardTitled(page, '提请领导小组研究的问题');
    await form.waitFor();
    const messageId = await messageIdOf(form);
    await form.locator('[data-name="issue_title"]').fill(ISSUE);
    await form.locator('[data-name="issue_project"]').selectOption('none');
    await form.locator('[data-name="issue_help"]').fill('请领导小组协调区国土分局在 7 月底前落实 200 亩用地指标。');
    await shot(page, 'quarter-05-issue-form');
    await form.locator('button[data-name="issue_submit"]').click();
    expect(await toastText(page)).toBe('已提交，区招商局已收到通知');
    await page.locator(`.msg[data-id="${messageId}"] .card`).getByText('待研究').first().waitFor();
    await shot(page, 'quarter-06-issue-raised');
    const issue = await db().meetingIssue.findFirstOrThrow();
    expect(issue).toMatchObject({ squadId: squad4, projectId: null, title: ISSUE, status: 'OPEN' });
    issueId = issue.id;
    await page.close();
  });

  it('the office opens the meeting pack: scores, the draft red/black list and the issue', async () => {
    const page = await chatOf(who.office);
    await sendText(page, '/meeting');
    const pack = cardTitled(page, '领导小组会议材料');
    await pack.waitFor();
    const text = await pack.textContent();
    expect(text).toContain('2018年第二季度');
    expect(text).toContain('一、进度与得分');
    expect(text).toContain('二、红黑榜');
    expect(text).toContain('纺织和羽绒');
    expect(text).toContain(ISSUE);
    expect(text).toContain('经贸局局长提出');
    await pack.locator('.card-title').scrollIntoViewIfNeeded();
    await shot(page, 'quarter-07-pack-desktop');
    await pack.locator(`button[data-name="decide_${issueId}"]`).scrollIntoViewIfNeeded();
    await shot(page, 'quarter-08-pack-issue-desktop');

    const phone = await chatOf(who.office, PHONE);
    const small = cardTitled(phone, '领导小组会议材料');
    await small.locator('.card-title').scrollIntoViewIfNeeded();
    await shot(phone, 'quarter-07-pack-phone');
    await small.locator(`button[data-name="decide_${issueId}"]`).scrollIntoViewIfNeeded();
    await shot(phone, 'quarter-08-pack-issue-phone');
    const button = await small.locator(`button[data-name="decide_${issueId}"]`).boundingBox();
    expect(button!.x + button!.width, '记录决定 fits on a phone').toBeLessThanOrEqual(PHONE.width);
    // One line of text: the button is no taller than the 另记一项会议决定 button under the pack.
    const single = await small.locator('button[data-name="decide_new"]').boundingBox();
    expect(button!.height, '记录决定 on one line').toBeLessThanOrEqual(single!.height + 1);
    await phone.close();
    await page.close();
  });

  it('the office records the decision on the issue', async () => {
    const page = await chatOf(who.office);
    const pack = cardTitled(page, '领导小组会议材料');
    await pack.locator(`button[data-name="decide_${issueId}"]`).click();
    expect(await toastText(page)).toContain('决定表单已发给你');
    const form = cardTitled(page, '记录领导小组会议决定');
    await form.waitFor();
    expect(await form.textContent()).toContain(ISSUE);
    await form.locator('[data-name="decision_title"]').fill(DECISION);
    await form.locator('[data-name="decision_owner"]').selectOption(who.leader);
    await form.locator('[data-name="decision_due"]').fill('2018-07-20');
    await form.locator('.card-title').scrollIntoViewIfNeeded();
    await shot(page, 'quarter-09-decision-form-desktop');
    await phoneShot(who.office, '记录领导小组会议决定', 'quarter-09-decision-form-phone');
    await page.bringToFront();
    await form.locator('button[data-name="decision_submit"]').click();
    // The form's toast may still be showing: wait for the save's own.
    await expect.poll(() => toastText(page)).toContain('决定已记录');
    const decision = await db().meetingDecision.findFirstOrThrow({ where: { issueId } });
    const leaderRow = await db().person.findFirstOrThrow({ where: { openId: who.leader } });
    expect(decision).toMatchObject({ title: DECISION, ownerId: leaderRow.id, dueOn: '2018-07-20', status: 'OPEN' });
    expect((await db().meetingIssue.findUniqueOrThrow({ where: { id: issueId } })).status).toBe('DECIDED');
    decisionId = decision.id;
    await page.close();
  });

  it('the decision’s owner closes it with a note', async () => {
    const leaderRow = await db().person.findFirstOrThrow({ where: { openId: who.leader } });
    const owner = await chatOf(who.leader);
    const card = owner
      .locator('.msg-bot .card')
      .filter({ hasText: '领导小组会议决定事项' })
      .filter({ hasText: DECISION });
    await card.last().waitFor();
    const messageId = await messageIdOf(card.last());
    expect(await card.last().textContent()).toContain('办理中');
    await card.last().locator('.card-title').scrollIntoViewIfNeeded();
    await shot(owner, 'quarter-10-decision-card-desktop');
    await phoneShot(who.leader, '领导小组会议决定事项', 'quarter-10-decision-card-phone', { text: DECISION });
    await owner.bringToFront();
    await card.last().locator('[data-name="close_note"]').fill('已调剂 200 亩，6 月底供地');
    await card.last().locator('button[data-name="decision_close"]').click();
    expect(await toastText(owner)).toContain('已办结销号');
    const done = owner.locator(`.msg[data-id="${messageId}"] .card`);
    await done.getByText('已调剂 200 亩，6 月底供地').waitFor();
    expect(await done.textContent()).toContain('已办结');
    await shot(owner, 'quarter-11-decision-closed');
    expect(await db().meetingDecision.findUniqueOrThrow({ where: { id: decisionId } })).toMatchObject({
      status: 'DONE',
      closedNote: '已调剂 200 亩，6 月底供地',
      closedById: leaderRow.id,
    });
    await owner.close();
  });

  it('the captain who raised the issue is told what was decided', async () => {
    const raiser = await chatOf(who.captain);
    const told = raiser.locator('.msg-bot', { hasText: '已有决定' }).last();
    await told.waitFor();
    expect(await told.textContent()).toContain(DECISION);
    await told.scrollIntoViewIfNeeded();
    await shot(raiser, 'quarter-12-raiser-told');
    await raiser.close();
  });

  it('the pack no longer lists the decided issue; the next quarter’s shows the decision done with its note', async () => {
    const page = await chatOf(who.office);
    await sendText(page, '/meeting');
    const same = page.locator('.msg-bot .card').filter({ hasText: '领导小组会议材料' }).nth(1);
    await same.waitFor();
    expect(await same.textContent()).not.toContain(ISSUE);
    await sendText(page, '/meeting 2018Q3');
    const next = cardTitled(page, '2018年第三季度');
    await next.waitFor();
    const text = await next.textContent();
    expect(text).toContain('五、上次会议以来办结的决定（1 项）');
    expect(text).toContain(DECISION);
    expect(text).toContain('已调剂 200 亩，6 月底供地');
    await next.getByText('五、上次会议以来办结的决定').scrollIntoViewIfNeeded();
    await shot(page, 'quarter-13-next-pack-done');
    await page.close();
  });
});
