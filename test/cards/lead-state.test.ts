import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { normaliseCompanyName } from '../../src/domain/company-name.js';
import { rewardState } from '../../src/domain/lead-reward.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { cardCallback, commandCard, fieldOf } from '../helpers/cards.js';
import { squadByOrder } from '../helpers/district.js';

// A lead dropped with a reason (it leaves the active count, stays in the records), and the
// intermediary reward's states: agreed → due when the project signs → approved → paid.

let bot: TestBot;
const db = () => bot.database.prisma;
let seq = 0;
let squadId: number;
let dropId: number;
let rewardId: number;
let projectId: number;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-15T02:00:00Z')) });
  squadId = (await squadByOrder(db(), 4)).id;
  const owner = await db().person.findFirstOrThrow({ where: { name: '市政局四分队队员' } });
  const lead = (company: string, data: Record<string, unknown> = {}) =>
    db().lead.create({
      data: {
        requestKey: `ls:${company}`,
        companyKey: normaliseCompanyName(company),
        company,
        squadId,
        source: 'VISIT',
        ownerId: owner.id,
        createdOn: '2018-06-01',
        ...data,
      },
    });
  dropId = (await lead('某羽绒公司')).id;
  const p = await db().project.create({
    data: { name: '中介引荐项目', squadId, company: '某电子公司', investment: 3000 },
  });
  projectId = p.id;
  rewardId = (
    await lead('某电子公司', {
      source: 'INTERMEDIARY',
      intermediaryName: '某商会',
      intermediaryReward: '签约后按到位资金 1% 奖励',
      projectId: p.id,
      status: 'CONVERTED',
    })
  ).id;
});
afterAll(() => bot?.close());

async function tap(name: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) {
  const res = await bot.card(
    cardCallback({ openId: await bot.openIdOf(name), name: 'submit', value, formValue, messageId: `om_ls_${seq++}` }),
  );
  expect(res.status).toBe(200);
  return res.body as { toast?: { type: string; content: string }; card?: { data: any } };
}

describe('reward states (pure)', () => {
  it.each([
    ['no reward agreed', { intermediaryReward: null, projectStage: 'SIGNED', row: null }, 'NONE'],
    [
      'agreed, project still negotiating',
      { intermediaryReward: '1%', projectStage: 'NEGOTIATING', row: null },
      'AGREED',
    ],
    ['agreed, no project yet', { intermediaryReward: '1%', projectStage: null, row: null }, 'AGREED'],
    ['project signed: due', { intermediaryReward: '1%', projectStage: 'SIGNED', row: null }, 'DUE'],
    ['project later than signed: due', { intermediaryReward: '1%', projectStage: 'STARTED', row: null }, 'DUE'],
    [
      'approved by the office',
      { intermediaryReward: '1%', projectStage: 'SIGNED', row: { status: 'APPROVED' } },
      'APPROVED',
    ],
    ['paid', { intermediaryReward: '1%', projectStage: 'SIGNED', row: { status: 'PAID' } }, 'PAID'],
  ] as const)('%s', (_, facts, want) => expect(rewardState(facts)).toBe(want));
});

describe('dropping a lead', () => {
  it('another squad’s member and the responsible leader cannot drop it; nothing changes', async () => {
    for (const who of ['财政局三分队队员', '马明']) {
      const res = await tap(who, { action: 'lead.drop', leadId: dropId }, { drop_reason: '伪造' });
      expect(res.toast?.type, who).toBe('error');
    }
    expect((await db().lead.findUniqueOrThrow({ where: { id: dropId } })).status).toBe('OPEN');
  });

  it('a member drops it with a reason: 已放弃 in /leads, kept in the records, audited', async () => {
    const member = await bot.openIdOf('市政局四分队队员');
    const { card } = await commandCard(bot, member, `/leadcard ${dropId}`);
    expect(fieldOf(card, 'drop_reason')).toBeDefined();
    const empty = await tap('市政局四分队队员', { action: 'lead.drop', leadId: dropId }, { drop_reason: '' });
    expect(empty.toast?.content).toBe('请写明放弃原因');
    const res = await tap(
      '市政局四分队队员',
      { action: 'lead.drop', leadId: dropId },
      { drop_reason: '企业已落户外地' },
    );
    expect(res.toast?.type).toBe('success');
    expect(JSON.stringify(res.card!.data)).toContain('企业已落户外地');
    expect(fieldOf(res.card!.data, 'drop_reason')).toBeUndefined();
    expect(await db().lead.findUniqueOrThrow({ where: { id: dropId } })).toMatchObject({
      status: 'DROPPED',
      dropReason: '企业已落户外地',
    });
    expect(await db().auditLog.count({ where: { action: 'lead.drop' } })).toBe(1);
    const leads = JSON.stringify((await commandCard(bot, member, '/leads 纺织')).card);
    expect(leads).toContain(`#${dropId} 某羽绒公司`);
    expect(leads).toContain('已放弃');
    const again = await tap('市政局四分队队员', { action: 'lead.drop', leadId: dropId }, { drop_reason: 'x' });
    expect(again.toast?.content).toContain('已经放弃');
  });
});

describe('the intermediary reward', () => {
  it('agreed while the project negotiates: nothing due, approval refused', async () => {
    const res = await tap(
      '招商局局长',
      { action: 'lead.reward', leadId: rewardId, step: 'approve' },
      { reward_amount: '5' },
    );
    expect(res.toast?.content).toContain('项目尚未签约');
    const { card } = await commandCard(bot, await bot.openIdOf('招商局局长'), `/leadcard ${rewardId}`);
    expect(JSON.stringify(card)).toContain('已约定');
    expect(JSON.stringify((await commandCard(bot, await bot.openIdOf('招商局局长'), '/leads')).card)).not.toContain(
      '中介奖励待办',
    );
  });

  it('due once the project signs; only the office approves; a bad amount is a field error', async () => {
    await db().project.update({ where: { id: projectId }, data: { stage: 'SIGNED', signedOn: '2018-06-10' } });
    const office = await bot.openIdOf('招商局局长');
    const leads = JSON.stringify((await commandCard(bot, office, '/leads')).card);
    expect(leads).toContain('中介奖励待办 1 笔');
    expect(leads).toContain('应兑现，待审核');
    const { card } = await commandCard(bot, office, '/leadcard 某电子公司');
    expect(fieldOf(card, 'reward_amount')).toBeDefined();
    for (const who of ['经贸局局长', '市政局四分队队员', '曾健清']) {
      const res = await tap(who, { action: 'lead.reward', leadId: rewardId, step: 'approve' }, { reward_amount: '5' });
      expect(res.toast?.content, who).toContain('由区招商局');
    }
    const bad = await tap(
      '招商局局长',
      { action: 'lead.reward', leadId: rewardId, step: 'approve' },
      { reward_amount: '-3' },
    );
    expect(bad.toast?.content).toContain('金额应大于 0');
    expect(await db().leadReward.count()).toBe(0);
    const ok = await tap(
      '招商局局长',
      { action: 'lead.reward', leadId: rewardId, step: 'approve' },
      { reward_amount: '5' },
    );
    expect(ok.toast?.content).toBe('中介奖励已审核通过');
    expect(fieldOf(ok.card!.data, 'paid_amount')).toBeDefined();
    expect(JSON.stringify((await commandCard(bot, office, '/leads')).card)).toContain('已审核，待支付');
  });

  it('the payment is recorded with amount and day; then nothing is due', async () => {
    const pay = (formValue: Record<string, unknown>) =>
      tap('招商局局长', { action: 'lead.reward', leadId: rewardId, step: 'pay' }, formValue);
    expect((await pay({ paid_amount: '5' })).toast?.content).toBe('请选择支付日期');
    const ok = await pay({ paid_amount: '5', paid_on: '2018-06-14 +0800' });
    expect(ok.toast?.content).toBe('中介奖励已登记支付');
    expect(JSON.stringify(ok.card!.data)).toContain('已支付：5 万元（2018-06-14）');
    expect(await db().leadReward.findUniqueOrThrow({ where: { leadId: rewardId } })).toMatchObject({
      status: 'PAID',
      paidAmountWan: 5,
      paidOn: '2018-06-14',
    });
    expect((await pay({ paid_amount: '5', paid_on: '2018-06-14 +0800' })).toast?.content).toContain('已登记支付');
    const leads = JSON.stringify((await commandCard(bot, await bot.openIdOf('招商局局长'), '/leads')).card);
    expect(leads).not.toContain('中介奖励待办');
    expect(await db().auditLog.count({ where: { action: { startsWith: 'lead.reward' } } })).toBe(2);
  });

  it('someone outside the squad cannot open the lead', async () => {
    const res = await commandCard(bot, await bot.openIdOf('财政局三分队队员'), `/leadcard ${rewardId}`);
    expect(JSON.stringify(res.card)).toContain('不能查看');
  });
});
