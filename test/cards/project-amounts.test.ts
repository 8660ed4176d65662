import { afterAll, beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandCard, textOf } from '../helpers/cards.js';

// The project cards read amounts as people type them (8000万, 1.2亿, ３５００, 200万美元) in the unit
// each field asks for, and say what was stored.

let bot: TestBot;
let member: string;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
  member = await bot.openIdOf('财政局三分队队员');
});
afterAll(async () => {
  await bot?.close();
});

it('a new project at 8000万 and a stage update with 1.2亿, ３５００ and 200万美元 store 万元 / 万美元 and say so', async () => {
  const { card, messageId } = await commandCard(bot, member, '/project new');
  const created = await bot.card(
    cardCallback({
      openId: member,
      messageId,
      name: 'project_create',
      value: buttonValue(card, 'project_create'),
      formValue: { project_name: '光学镜片产业园', company: '某光学有限公司', investment: '8000万' },
    }),
  );
  expect(created.body.toast.content).toBe('项目已创建；计划投资额已按 8000 万元记录');
  const p = await bot.database.prisma.project.findFirstOrThrow({ where: { name: '光学镜片产业园' } });
  expect(p.investment).toBe(8000);

  const stage = await bot.card(
    cardCallback({
      openId: member,
      messageId,
      name: 'project_stage',
      value: { action: 'project.view', projectId: p.id, mode: 'stage' },
    }),
  );
  const res = await bot.card(
    cardCallback({
      openId: member,
      messageId,
      name: 'stage_submit',
      value: buttonValue(stage.body.card.data, 'stage_submit'),
      formValue: {
        to_stage: 'NEGOTIATING',
        stage_date: '2018-06-24 +0800',
        investment: '1.2亿',
        funds_added: '３５００',
        fx_added: '200万美元',
      },
    }),
  );
  expect(res.body.toast.type).toBe('success');
  expect(res.body.toast.content).toContain('投资额已按 12000 万元记录');
  expect(res.body.toast.content).toContain('新增到位资金已按 3500 万元记录');
  expect(res.body.toast.content).toContain('新增实际利用外资已按 200 万美元记录');
  expect(textOf(res.body.card.data)).toContain('投资额已按 12000 万元记录');
  expect(await bot.database.prisma.project.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
    investment: 12000,
    fundsInPlace: 3500,
    foreignCapitalUsd: 200,
  });
});

it('yuan in the foreign-capital field is refused with the field named, nothing stored', async () => {
  const { card, messageId } = await commandCard(bot, member, '/project new');
  await bot.card(
    cardCallback({
      openId: member,
      messageId,
      name: 'project_create',
      value: buttonValue(card, 'project_create'),
      formValue: { project_name: '外资币种项目', company: '某外资有限公司', investment: '100' },
    }),
  );
  const p = await bot.database.prisma.project.findFirstOrThrow({ where: { name: '外资币种项目' } });
  const stage = await bot.card(
    cardCallback({
      openId: member,
      messageId,
      name: 'project_stage',
      value: { action: 'project.view', projectId: p.id, mode: 'stage' },
    }),
  );
  const res = await bot.card(
    cardCallback({
      openId: member,
      messageId,
      name: 'stage_submit',
      value: buttonValue(stage.body.card.data, 'stage_submit'),
      formValue: { to_stage: 'NEGOTIATING', stage_date: '2018-06-24 +0800', fx_added: '500万元' },
    }),
  );
  expect(res.body.toast.type).toBe('error');
  expect(textOf(res.body.card.data)).toContain('本次新增实际利用外资（万美元）：单位是万美元');
  expect((await bot.database.prisma.project.findUniqueOrThrow({ where: { id: p.id } })).foreignCapitalUsd).toBe(0);
});
