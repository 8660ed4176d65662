import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandCard, fieldOf } from '../helpers/cards.js';

// The signing gate: no write may leave a project at 签约 or later with an investment at or above
// review.thresholdWan (10000 万元) unless its joint pre-review passed (or a veto was overruled).

let bot: TestBot;
let member: string; // 财政局三分队队员
let office: string; // 领导小组办公室工作人员 (OFFICE)
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
  member = await bot.openIdOf('财政局三分队队员');
  office = await bot.openIdOf('领导小组办公室工作人员');
});
afterAll(async () => {
  await bot?.close();
});

const stageForm = (to: string, extra: Record<string, unknown> = {}) => ({
  to_stage: to,
  stage_date: '2018-06-24 +0800',
  ...extra,
});

/** A new project through the new-project card; returns its id and the card's message id. */
async function newProject(name: string, investment: string): Promise<{ id: number; messageId: string }> {
  const { card, messageId } = await commandCard(bot, member, '/project new');
  const res = await bot.card(
    cardCallback({
      openId: member,
      messageId,
      name: 'project_create',
      value: buttonValue(card, 'project_create'),
      formValue: { project_name: name, company: '某某实业有限公司', investment },
    }),
  );
  expect(res.body.toast.type, JSON.stringify(res.body.toast)).toBe('success');
  const p = await db().project.findFirstOrThrow({ where: { name } });
  return { id: p.id, messageId };
}

/** Opens the stage form of the project as this person and submits it. */
async function submitStage(openId: string, projectId: number, formValue: Record<string, unknown>) {
  const opened = await bot.card(
    cardCallback({
      openId,
      messageId: 'om_stage_' + projectId,
      name: 'project_stage',
      value: { action: 'project.view', projectId, mode: 'stage' },
    }),
  );
  const card = opened.body.card.data;
  return bot.card(
    cardCallback({
      openId,
      messageId: 'om_stage_' + projectId,
      name: 'stage_submit',
      value: buttonValue(card, 'stage_submit'),
      formValue,
    }),
  );
}

const projectOf = (id: number) => db().project.findUniqueOrThrow({ where: { id } });
const changesOf = (id: number) => db().projectStageChange.count({ where: { projectId: id } });

describe('the signing gate', () => {
  it('a project signed at 5000 万元 may not be raised to 80000 万元 at the same stage without a review', async () => {
    const { id } = await newProject('先小后大项目', '5000');
    const signed = await submitStage(member, id, stageForm('SIGNED', { investment: '5000' }));
    expect(signed.body.toast.type).toBe('success');
    const before = await changesOf(id);
    const raised = await submitStage(member, id, stageForm('SIGNED', { investment: '80000' }));
    expect(raised.body.toast.type).toBe('error');
    expect(raised.body.toast.content).toContain('联合预审');
    expect(JSON.stringify(raised.body.card.data)).toContain('联合预审');
    expect(await projectOf(id)).toMatchObject({ stage: 'SIGNED', investment: 5000 });
    expect(await changesOf(id)).toBe(before);
  });

  it('the office may not skip 签约 by correcting straight to 开工 at 80000 万元', async () => {
    const { id } = await newProject('跳过签约项目', '80000');
    const res = await submitStage(office, id, stageForm('STARTED', { investment: '80000' }));
    expect(res.body.toast.type).toBe('error');
    expect(res.body.toast.content).toContain('联合预审');
    expect((await projectOf(id)).stage).toBe('NEGOTIATING');
  });

  it('a signed project below the threshold raised at 开工 is refused too', async () => {
    const { id } = await newProject('开工后加码项目', '3000');
    expect((await submitStage(member, id, stageForm('SIGNED'))).body.toast.type).toBe('success');
    const res = await submitStage(member, id, stageForm('STARTED', { investment: '20000' }));
    expect(res.body.toast.type).toBe('error');
    expect(await projectOf(id)).toMatchObject({ stage: 'SIGNED', investment: 3000 });
  });

  it('once the review passed, the raise is allowed', async () => {
    const { id } = await newProject('预审后加码项目', '5000');
    expect((await submitStage(member, id, stageForm('SIGNED'))).body.toast.type).toBe('success');
    await db().project.update({ where: { id }, data: { reviewStatus: 'PASSED' } });
    // The signing gate reads the project's newest review.
    await db().projectReview.create({ data: { projectId: id, status: 'PASSED', closedAt: new Date() } });
    const res = await submitStage(member, id, stageForm('SIGNED', { investment: '80000' }));
    expect(res.body.toast.type).toBe('success');
    expect((await projectOf(id)).investment).toBe(80000);
  });
});

describe('amounts are finite and bounded (0 to 10,000,000 万元)', () => {
  it.each([
    ['1e308', '投资额'],
    ['10000001', '投资额'],
    ['Infinity', '投资额'],
  ])('%s as the investment on the stage form gets a field error and stores nothing', async (value, words) => {
    const { id } = await newProject(`金额边界项目${value}`, '100');
    const res = await submitStage(member, id, stageForm('NEGOTIATING', { investment: value }));
    expect(res.body.toast.type).toBe('error');
    expect(res.body.toast.content).toContain(words);
    expect(JSON.stringify(fieldOf(res.body.card.data, 'investment'))).toContain(value);
    expect(await projectOf(id)).toMatchObject({ investment: 100 });
    expect(await changesOf(id)).toBe(1);
  });

  it('1e308 as 到位资金 twice never reaches Infinity', async () => {
    const { id } = await newProject('到位资金边界项目', '100');
    const res = await submitStage(member, id, stageForm('NEGOTIATING', { funds_added: '1e308' }));
    expect(res.body.toast.type).toBe('error');
    expect(res.body.toast.content).toContain('到位资金');
    expect((await projectOf(id)).fundsInPlace).toBe(0);
  });

  it('到位资金 added up past 10,000,000 万元 is refused, the total stays', async () => {
    const { id } = await newProject('到位资金累计项目', '100');
    const first = await submitStage(member, id, stageForm('NEGOTIATING', { funds_added: '10000000' }));
    expect(first.body.toast.type).toBe('success');
    const second = await submitStage(member, id, stageForm('NEGOTIATING', { funds_added: '1' }));
    expect(second.body.toast.type).toBe('error');
    expect(second.body.toast.content).toContain('到位资金累计');
    expect((await projectOf(id)).fundsInPlace).toBe(10_000_000);
  });

  it('1e308 on the new-project card gets a field error and creates nothing', async () => {
    const { card, messageId } = await commandCard(bot, member, '/project new');
    const res = await bot.card(
      cardCallback({
        openId: member,
        messageId,
        name: 'project_create',
        value: buttonValue(card, 'project_create'),
        formValue: { project_name: '天文数字项目', company: '某公司', investment: '1e308' },
      }),
    );
    expect(res.body.toast.type).toBe('error');
    expect(JSON.stringify(res.body.card.data)).toContain('看不懂「1e308」');
    expect(await db().project.count({ where: { name: '天文数字项目' } })).toBe(0);
  });

  it('10,000,000 万元 itself is accepted', async () => {
    const { id } = await newProject('上限项目', '10000000');
    expect((await projectOf(id)).investment).toBe(10_000_000);
  });
});
