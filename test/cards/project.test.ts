import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { setSetting } from '../../src/db/settings.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandCard, fieldOf, textOf } from '../helpers/cards.js';

let bot: TestBot;
let member: string; // 财政局三分队队员, squad 3
let outsider: string; // 发改局一分队队员, squad 1
let office: string;
let helper: string;
let messageId: string;
let card: any;
let projectId: number;

const stageForm = (to: string, extra: Record<string, unknown> = {}) => ({
  to_stage: to,
  stage_date: '2018-06-24 +0800',
  investment: '8000',
  ...extra,
});

async function tap(
  name: string,
  opts: { openId?: string; formValue?: Record<string, unknown>; from?: any; keep?: boolean } = {},
) {
  const res = await bot.card(
    cardCallback({
      openId: opts.openId ?? member,
      messageId,
      name,
      value: buttonValue(opts.from ?? card, name),
      formValue: opts.formValue,
    }),
  );
  if (res.body.card && !opts.keep) card = res.body.card.data;
  return res;
}
/** Taps "更新阶段" / "添加任务" / "指派帮办" (the value those buttons carry), whatever card is showing. */
async function openMode(mode: 'stage' | 'task' | 'helper', openId = member) {
  const res = await bot.card(
    cardCallback({ openId, messageId, name: `project_${mode}`, value: { action: 'project.view', projectId, mode } }),
  );
  card = res.body.card.data;
}
const changes = () => bot.database.prisma.projectStageChange.count({ where: { projectId } });
const project = () => bot.database.prisma.project.findUniqueOrThrow({ where: { id: projectId } });

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
  member = await bot.openIdOf('财政局三分队队员');
  outsider = await bot.openIdOf('发改局一分队队员');
  office = await bot.openIdOf('领导小组办公室工作人员');
  helper = await bot.openIdOf('帮办中心专员');
});
afterAll(async () => {
  await bot?.close();
});

describe('project card', () => {
  it('/project new → create: the project starts negotiating, with its first history row', async () => {
    ({ messageId, card } = await commandCard(bot, member, '/project new'));
    const bad = await tap('project_create', {
      formValue: { project_name: '电子元件产业园', company: '', investment: 'abc' },
      keep: true,
    });
    expect(bad.body.toast.type).toBe('error');
    expect(fieldOf(bad.body.card.data, 'project_name').default_value).toBe('电子元件产业园');
    expect(await bot.database.prisma.project.count()).toBe(0);

    const res = await tap('project_create', {
      formValue: {
        project_name: '电子元件产业园',
        company: '深圳某电子有限公司',
        sector: '电子信息',
        investment: '8000',
      },
    });
    expect(res.body.toast.content).toBe('项目已创建');
    const p = await bot.database.prisma.project.findFirstOrThrow({ where: { name: '电子元件产业园' } });
    projectId = p.id;
    expect(p).toMatchObject({ stage: 'NEGOTIATING', investment: 8000, cardMessageId: messageId });
    expect(await changes()).toBe(1);
    expect(textOf(card)).toContain('8000万元');
    expect(textOf(card)).toContain('财政局三分队队员');
    expect(buttonValue(card, 'project_stage')).toEqual({ action: 'project.view', projectId, mode: 'stage' });
    // The same submit again (double tap) creates nothing more.
    await bot.card(
      cardCallback({
        openId: member,
        messageId,
        name: 'project_create',
        value: { action: 'project.create' },
        formValue: { project_name: '电子元件产业园', company: '深圳某电子有限公司', investment: '8000' },
      }),
    );
    expect(await bot.database.prisma.project.count()).toBe(1);
  });

  it('/project lists the squad projects with a button each', async () => {
    const list = await commandCard(bot, member, '/project');
    expect(buttonValue(list.card, `project_open_${projectId}`)).toEqual({ action: 'project.view', projectId });
  });

  it('signing with amounts adds a history row, sets signedOn, adds to the totals; double tap stores one', async () => {
    await openMode('stage');
    expect(fieldOf(card, 'to_stage').initial_option).toBe('SIGNED');
    const form = card;
    const res = await tap('stage_submit', {
      formValue: stageForm('SIGNED', { funds_added: '1500', fx_added: '200', evidence: '合同 GN-2018-01' }),
    });
    expect(res.body.toast.content).toBe('已标记为“签约”');
    expect(await project()).toMatchObject({
      stage: 'SIGNED',
      signedOn: '2018-06-24',
      fundsInPlace: 1500,
      foreignCapitalUsd: 200,
    });
    const again = await tap('stage_submit', {
      from: form,
      formValue: stageForm('SIGNED', { funds_added: '1500' }),
      keep: true,
    });
    expect(again.body.toast.type).toBe('info');
    expect(await changes()).toBe(2);
    expect((await project()).fundsInPlace).toBe(1500);
    expect(textOf(card)).toContain('洽谈→签约');
    expect(textOf(card)).toContain('合同 GN-2018-01');
  });

  it('an amount update on the same stage keeps the date and adds to the totals', async () => {
    await openMode('stage');
    await tap('stage_submit', {
      formValue: stageForm('SIGNED', { stage_date: '2018-06-25 +0800', funds_added: '500' }),
    });
    expect(await project()).toMatchObject({ stage: 'SIGNED', signedOn: '2018-06-24', fundsInPlace: 2000 });
    expect(textOf(card)).toContain('2000万元');
  });

  it('a member cannot skip a stage; the office may correct', async () => {
    await openMode('stage');
    const res = await tap('stage_submit', { formValue: stageForm('PRODUCING'), keep: true });
    expect(res.body.toast.type).toBe('error');
    expect(res.body.toast.content).toContain('逐级推进');
    expect((await project()).stage).toBe('SIGNED');
    const corrected = await tap('stage_submit', { openId: office, formValue: stageForm('PRODUCING') });
    expect(corrected.body.toast.type).toBe('success');
    expect(await project()).toMatchObject({ stage: 'PRODUCING', producingOn: '2018-06-24' });
    await openMode('stage', office);
    expect(fieldOf(card, 'to_stage').options).toHaveLength(5); // the office may pick any stage
    await tap('stage_submit', { openId: office, formValue: stageForm('SIGNED') });
    expect(await project()).toMatchObject({ stage: 'SIGNED', producingOn: null });
    expect(
      await bot.database.prisma.auditLog.count({
        where: { action: 'project.stage.correct', entityId: String(projectId) },
      }),
    ).toBe(2);
  });

  it.each([
    ['a date in the future', { stage_date: '2018-06-26 +0800' }, '不能晚于今天'],
    ['a negative amount', { funds_added: '-1' }, '到位资金'],
    ['an amount that is not a number', { investment: '八千' }, '投资额'],
  ])('%s is refused on the card and nothing is stored', async (_, change, words) => {
    await openMode('stage');
    const before = await changes();
    const res = await tap('stage_submit', { formValue: stageForm('STARTED', change), keep: true });
    expect(res.body.toast.type).toBe('error');
    expect(res.body.toast.content).toContain(words);
    expect(fieldOf(res.body.card.data, 'investment').default_value).toBe(String((change as any).investment ?? '8000'));
    expect(await changes()).toBe(before);
  });

  it('a member of another squad is refused with a toast', async () => {
    const res = await tap('stage_submit', { openId: outsider, formValue: stageForm('STARTED'), keep: true });
    expect(res.body.toast.content).toContain('不是这个小分队的成员');
    expect((await project()).stage).toBe('SIGNED');
  });

  it('a helper is assigned and told; a task is added and closed by the helper (办结销号)', async () => {
    await openMode('helper');
    expect(fieldOf(card, 'helper').options).toEqual([{ value: helper }]);
    await tap('helper_submit', { formValue: { helper } });
    expect((await project()).helperId).not.toBeNull();
    expect(textOf(card)).toContain('帮办中心专员');
    await openMode('task');
    const res = await tap('task_submit', { formValue: { task_title: '办理规划许可', task_due: '2018-07-10 +0800' } });
    expect(res.body.toast.content).toBe('任务已添加');
    const task = await bot.database.prisma.projectTask.findFirstOrThrow({ where: { projectId } });
    expect(task).toMatchObject({ dueOn: '2018-07-10', status: 'OPEN' });
    const refused = await tap(`task_close_${task.id}`, { openId: outsider, keep: true });
    expect(refused.body.toast.type).toBe('error');
    const closed = await tap(`task_close_${task.id}`, { openId: helper });
    expect(closed.body.toast.content).toBe('已办结销号');
    expect((await bot.database.prisma.projectTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('DONE');
    await bot.flush();
    expect(JSON.stringify(bot.sb.messagesTo(helper).map((m) => m.content))).toContain('电子元件产业园');
  });
});

describe('signing guard', () => {
  it('refuses signing a ¥100M+ project without the joint pre-review, allows it once passed', async () => {
    ({ messageId, card } = await commandCard(bot, member, '/project new'));
    await tap('project_create', {
      formValue: { project_name: '羽绒大项目', company: '某羽绒集团', investment: '10000' },
    });
    projectId = (await bot.database.prisma.project.findFirstOrThrow({ where: { name: '羽绒大项目' } })).id;
    await openMode('stage');
    const res = await tap('stage_submit', { formValue: stageForm('SIGNED', { investment: '10000' }), keep: true });
    expect(res.body.toast.content).toContain('须先通过联合预审才能签约');
    expect(res.body.toast.content).toContain(`/review ${projectId}`);
    expect((await project()).stage).toBe('NEGOTIATING');
    expect(await changes()).toBe(1);

    await bot.database.prisma.project.update({ where: { id: projectId }, data: { reviewStatus: 'PASSED' } });
    // The signing gate reads the project's newest review.
    await bot.database.prisma.projectReview.create({
      data: { projectId: projectId, status: 'PASSED', closedAt: new Date() },
    });
    const ok = await tap('stage_submit', { formValue: stageForm('SIGNED', { investment: '10000' }) });
    expect(ok.body.toast.type).toBe('success');
    expect((await project()).stage).toBe('SIGNED');
  });

  it('follows the office setting review.thresholdWan', async () => {
    await setSetting(bot.database.prisma, 'review.thresholdWan', 50000, null);
    ({ messageId, card } = await commandCard(bot, member, '/project new'));
    await tap('project_create', { formValue: { project_name: '中型项目', company: '某公司', investment: '20000' } });
    await openMode('stage');
    expect(
      (await tap('stage_submit', { formValue: stageForm('SIGNED', { investment: '20000' }) })).body.toast.type,
    ).toBe('success');
  });
});
