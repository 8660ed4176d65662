import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { checkSignable } from '../../src/db/signing-guard.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import {
  click,
  createProject,
  DEFAULT_UNITS,
  opinionCardsTo,
  opinionIdFor,
  say,
  settle,
  startReviewAs,
} from './review-helpers.js';

// 现代农业、旅游物流产业招商小分队: captain 农业局局长 (not a reviewer), leaders 朱健 and 卓天高.
const SQUAD = 'AGRI_TOURISM_LOGISTICS';
const CAPTAIN = '农业局局长';

let bot: TestBot;
const db = () => bot.database.prisma;
const project = (id: number) => db().project.findUniqueOrThrow({ where: { id } });
/** What the signing gate says about marking the project 签约 now. */
const signable = async (id: number) => checkSignable(db(), { ...(await project(id)), stage: 'SIGNED' });
/** The owning squad's group chat, where its review status card lives. */
const squadChat = async () => (await db().squad.findUniqueOrThrow({ where: { code: SQUAD } })).chatId!;

beforeAll(async () => {
  // Friday 2018-09-28, 10:00 in Shanghai: the day before the adjusted working days of 国庆.
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-09-28T02:00:00Z')) });
  // 环保局 has named a reviewer (经办人): its cards go to them, not to the 局长.
  const epbReviewer = await db().person.findFirstOrThrow({ where: { name: '环保局二分队队员' } });
  await db().personRole.create({ data: { personId: epbReviewer.id, role: 'REVIEWER' } });
});
afterAll(async () => {
  await bot?.close();
});

describe('joint pre-review (联合预审)', () => {
  let id: number;

  it('the squad captain gets the start card with the plan’s six units selected', async () => {
    id = await createProject(bot, { name: '年产10万吨饲料加工项目', squadCode: SQUAD, investment: 25_000 });
    const card = await say(bot, CAPTAIN, `/review ${id}`);
    const text = JSON.stringify(card);
    expect(text).toContain('发起联合预审');
    const select = card.body.elements[1].elements.find((e: any) => e.tag === 'multi_select_static');
    expect(select.selected_values).toEqual(DEFAULT_UNITS);
    expect(text).toContain('5 个工作日');
  });

  it('the project card’s 联合预审 button opens the same start card', async () => {
    const project = await click(bot, CAPTAIN, { action: 'project.view', projectId: id });
    const button = JSON.stringify(project.card.data);
    expect(button).toContain('"action":"review.open"');
    const body = await click(bot, CAPTAIN, { action: 'review.open', projectId: id });
    expect(JSON.stringify(body.card.data)).toContain('发起联合预审');
    const outsider = await click(bot, '财政局一分队队员', { action: 'review.open', projectId: id });
    expect(outsider.toast.type).toBe('error');
  });

  it('a member of another squad may not start it', async () => {
    const body = await startReviewAs(bot, '财政局一分队队员', id);
    expect(body.toast.type).toBe('error');
    expect(await db().projectReview.count({ where: { projectId: id } })).toBe(0);
  });

  it('starting sends each unit’s reviewer a card at their own open_id, due after the 国庆 holiday', async () => {
    const body = await startReviewAs(bot, CAPTAIN, id);
    expect(body.toast.type).toBe('success');
    expect(body.toast.content).toContain('2018-10-10');
    await settle(bot);
    const expected: [string, string][] = [
      ['经贸局局长', 'ECON'],
      ['环保局二分队队员', 'EPB'], // the REVIEWER, not the 局长
      ['招商局局长', 'INVEST'],
      ['发改局局长', 'DRC'],
      ['区工业园管委主任', 'PARK'],
      ['政务办二分队队员', 'GOV_SERVICE'], // no head in the roster: its only person
    ];
    for (const [name, code] of expected) {
      const cards = await opinionCardsTo(bot, name);
      expect(
        cards.map((c) => c.opinionId),
        name,
      ).toEqual([await opinionIdFor(bot, id, code)]);
    }
    expect(await opinionCardsTo(bot, '环保局局长')).toEqual([]);
    const opinions = await db().reviewOpinion.findMany({ where: { review: { projectId: id } } });
    expect(opinions.map((o) => o.dueOn)).toEqual(Array(6).fill('2018-10-10'));
    expect((await project(id)).reviewStatus).toBe('IN_REVIEW');
    // The owning squad sees the state in its group chat.
    const status = bot.sb.lastCardTo(await squadChat()) as any;
    expect(JSON.stringify(status)).toContain('已出具 0/6');
  });

  it('a double tap on 发起 starts one review', async () => {
    const body = await startReviewAs(bot, CAPTAIN, id);
    expect(body.toast.type).toBe('error');
    expect(await db().projectReview.count({ where: { projectId: id } })).toBe(1);
  });

  it('signing is refused, naming every unit still missing', async () => {
    const msg = await signable(id);
    expect(msg).toContain('尚缺：经贸局、环保局、招商局、发改局、区工业园、政务办的预审意见');
  });

  it('only the unit’s reviewer may answer its card', async () => {
    const body = await click(
      bot,
      '财政局一分队队员',
      { action: 'review.opinion', opinionId: await opinionIdFor(bot, id, 'ECON') },
      { decision: 'PASS' },
    );
    expect(body.toast.content).toContain('经贸局');
    expect(
      (await db().reviewOpinion.findUniqueOrThrow({ where: { id: await opinionIdFor(bot, id, 'ECON') } })).decision,
    ).toBe('PENDING');
  });

  it('pass with conditions without the conditions is refused and the card keeps what was typed', async () => {
    const opinionId = await opinionIdFor(bot, id, 'EPB');
    const body = await click(
      bot,
      '环保局二分队队员',
      { action: 'review.opinion', opinionId },
      { decision: 'CONDITIONAL', conditions: '', reason: '草稿' },
    );
    expect(body.toast.type).toBe('error');
    expect(body.toast.content).toContain('附加条件');
    const text = JSON.stringify(body.card.data);
    expect(text).toContain('附条件同意须填写附加条件');
    expect(text).toContain('"initial_option":"CONDITIONAL"');
    expect((await db().reviewOpinion.findUniqueOrThrow({ where: { id: opinionId } })).decision).toBe('PENDING');
  });

  it('passes and a conditional pass leave only 政务办 missing; the squad’s card is patched', async () => {
    const answers: [string, string, Record<string, unknown>][] = [
      ['经贸局局长', 'ECON', { decision: 'PASS' }],
      ['环保局二分队队员', 'EPB', { decision: 'CONDITIONAL', conditions: '开工前取得环评批复' }],
      ['招商局局长', 'INVEST', { decision: 'PASS' }],
      ['发改局局长', 'DRC', { decision: 'PASS' }],
      ['区工业园管委主任', 'PARK', { decision: 'PASS' }],
    ];
    for (const [name, code, form] of answers) {
      const body = await click(
        bot,
        name,
        { action: 'review.opinion', opinionId: await opinionIdFor(bot, id, code) },
        form,
      );
      expect(body.toast.type, name).toBe('success');
      await settle(bot);
    }
    expect(await signable(id)).toContain('尚缺：政务办的预审意见');
    const status = bot.sb.lastCardMessageTo(await squadChat())!;
    expect(status.versions.length).toBeGreaterThan(1);
    const latest = JSON.stringify(status.versions.at(-1)!.content);
    expect(latest).toContain('已出具 5/6');
    expect(latest).toContain('开工前取得环评批复');
  });

  it('the last pass makes the project signable; a second tap stores nothing more', async () => {
    const opinionId = await opinionIdFor(bot, id, 'GOV_SERVICE');
    const body = await click(bot, '政务办二分队队员', { action: 'review.opinion', opinionId }, { decision: 'PASS' });
    expect(body.toast.type).toBe('success');
    const again = await click(
      bot,
      '政务办二分队队员',
      { action: 'review.opinion', opinionId },
      { decision: 'VETO', veto_category: 'OTHER', reason: '改主意' },
    );
    expect(again.toast.type).toBe('error');
    expect((await project(id)).reviewStatus).toBe('PASSED');
    expect(await signable(id)).toBeNull();
    const history = await db().auditLog.findMany({
      where: { entity: 'Project', entityId: String(id) },
      orderBy: { id: 'asc' },
    });
    expect(history.map((h) => h.action)).toEqual(['review.start', ...Array(6).fill('review.opinion'), 'review.passed']);
    await settle(bot);
    const latest = JSON.stringify(bot.sb.lastCardMessageTo(await squadChat())!.versions.at(-1)!.content);
    expect(latest).toContain('项目可以签约');
    expect(latest).toContain('预审记录');
  });
});

describe('one-vote veto and the leading group’s overrule', () => {
  let id: number;

  it('one veto rejects the project at once and goes to the leading group', async () => {
    id = await createProject(bot, { name: '电镀园区项目', squadCode: SQUAD, investment: 50_000 });
    await startReviewAs(bot, '招商局局长', id);
    await click(
      bot,
      '经贸局局长',
      { action: 'review.opinion', opinionId: await opinionIdFor(bot, id, 'ECON') },
      { decision: 'PASS' },
    );
    const body = await click(
      bot,
      '环保局二分队队员',
      { action: 'review.opinion', opinionId: await opinionIdFor(bot, id, 'EPB') },
      { decision: 'VETO', veto_category: 'ENVIRONMENT', reason: '选址位于饮用水水源二级保护区' },
    );
    expect(body.toast.type).toBe('success');
    expect((await project(id)).reviewStatus).toBe('VETOED');
    const refusal = await signable(id);
    expect(refusal).toContain('环保局（环保）：选址位于饮用水水源二级保护区');
    await settle(bot);
    const notice = JSON.stringify(bot.sb.lastCardTo(await bot.openIdOf('曾健清')));
    expect(notice).toContain('review.overrule');
    expect(notice).toContain('选址位于饮用水水源二级保护区');
    // Units still pending cannot answer a closed review.
    const late = await click(
      bot,
      '发改局局长',
      { action: 'review.opinion', opinionId: await opinionIdFor(bot, id, 'DRC') },
      { decision: 'PASS' },
    );
    expect(late.toast.content).toContain('已经结束');
  });

  it('the office may not overrule, nor a leader without a reason', async () => {
    const reviewId = (await db().projectReview.findFirstOrThrow({ where: { projectId: id } })).id;
    const office = await click(
      bot,
      '招商局局长',
      { action: 'review.overrule', reviewId },
      { overrule_reason: '我觉得可以' },
    );
    expect(office.toast.content).toContain('组长、副组长');
    const empty = await click(bot, '曾健清', { action: 'review.overrule', reviewId }, { overrule_reason: '  ' });
    expect(empty.toast.content).toContain('理由');
    expect((await project(id)).reviewStatus).toBe('VETOED');
  });

  it('the group leader overrules with a reason: recorded with who and why, the project becomes signable', async () => {
    const reviewId = (await db().projectReview.findFirstOrThrow({ where: { projectId: id } })).id;
    const body = await click(
      bot,
      '曾健清',
      { action: 'review.overrule', reviewId },
      { overrule_reason: '领导小组会议同意调整选址后推进' },
    );
    expect(body.toast.type).toBe('success');
    const review = await db().projectReview.findUniqueOrThrow({ where: { id: reviewId } });
    const leader = await db().person.findFirstOrThrow({ where: { name: '曾健清' } });
    expect(review).toMatchObject({
      status: 'OVERRULED',
      overruledById: leader.id,
      overruleReason: '领导小组会议同意调整选址后推进',
    });
    expect((await project(id)).reviewStatus).toBe('OVERRULED');
    expect(await signable(id)).toBeNull();
    const audit = await db().auditLog.findFirstOrThrow({
      where: { entity: 'Project', entityId: String(id), action: 'review.overrule' },
    });
    expect(audit.actorId).toBe(leader.id);
    await settle(bot);
    expect(JSON.stringify(bot.sb.lastCardMessageTo(await squadChat())!.versions.at(-1)!.content)).toContain(
      '领导小组会议同意调整选址后推进',
    );
    const twice = await click(bot, '卓天高', { action: 'review.overrule', reviewId }, { overrule_reason: '同意' });
    expect(twice.toast.content).toContain('已由曾健清推翻');
  });

  it('a project under the threshold never waits for a review', async () => {
    const small = await createProject(bot, { name: '小型农家乐', squadCode: SQUAD, investment: 800 });
    expect(await signable(small)).toBeNull();
    const big = await createProject(bot, { name: '未预审的大项目', squadCode: SQUAD, investment: 10_000 });
    expect(await signable(big)).toContain(`/review ${big}`);
  });
});
