import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandCard, fieldOf, textOf } from '../helpers/cards.js';

let bot: TestBot;
let member: string; // 财政局三分队队员, squad 3
let otherMember: string; // 发改局一分队队员, squad 1
let formCard: string | undefined;
const leads = () => bot.database.prisma.lead.count();

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
  member = await bot.openIdOf('财政局三分队队员');
  otherMember = await bot.openIdOf('发改局一分队队员');
});
afterAll(async () => {
  await bot?.close();
});

const good = {
  company: '广西某某羽绒制品有限公司',
  source: 'INTERMEDIARY',
  intermediary_name: '贵港市羽绒行业协会',
  intermediary_reward: '按到位资金的千分之一奖励',
  sector: '羽绒加工',
  investment: '12000',
  contact_name: '陈经理',
  phone: '13800138000',
  description: '拟在园区新建水洗羽绒生产线',
};

async function submit(openId: string, formValue: Record<string, unknown>, messageId?: string) {
  const sent = messageId ? { messageId, card: undefined } : await commandCard(bot, openId, '/lead');
  const value = sent.card ? buttonValue(sent.card, 'lead_submit') : { action: 'lead.submit' };
  const res = await bot.card(
    cardCallback({ openId, messageId: sent.messageId, name: 'lead_submit', value, formValue }),
  );
  return { res, messageId: sent.messageId };
}

describe('lead card', () => {
  it('/lead sends the lead form with the five sources', async () => {
    const { card } = await commandCard(bot, member, '/lead');
    expect(card.schema).toBe('2.0');
    expect(fieldOf(card, 'source').options.map((o: any) => o.value)).toEqual([
      'VISIT',
      'INTERMEDIARY',
      'ASSOCIATION',
      'ENTERPRISE',
      'PERSON',
    ]);
    expect(textOf(card)).not.toContain('${');
    // A member files for their own squad: no squad select.
    expect(fieldOf(card, 'squad')).toBeUndefined();
  });

  it('stores an intermediary lead and answers with a read-only summary naming who and when', async () => {
    const { res } = await submit(member, good);
    expect(res.status).toBe(200);
    expect(res.body.toast.type).toBe('success');
    const lead = await bot.database.prisma.lead.findFirstOrThrow({
      where: { company: good.company },
      include: { squad: true },
    });
    expect(lead).toMatchObject({
      source: 'INTERMEDIARY',
      intermediaryName: '贵港市羽绒行业协会',
      intendedInvestment: 12000,
      phone: '13800138000',
      companyKey: '某某羽绒制品',
      createdOn: '2018-06-25',
    });
    expect(lead.squad.name).toBe('机械制造、电子信息产业招商小分队');
    const card = res.body.card.data;
    expect(card.body.elements.some((e: any) => e.tag === 'form')).toBe(false);
    expect(textOf(card)).toContain('1.2亿元');
    expect(textOf(card)).toContain('由 财政局三分队队员 于 2018-06-25 10:00 提交');
    expect(await bot.database.prisma.auditLog.count({ where: { entity: 'Lead', entityId: String(lead.id) } })).toBe(1);
  });

  it('a second squad entering the same business (other spelling) sees the owner, nothing is stored (撞单)', async () => {
    const before = await leads();
    const { res } = await submit(otherMember, { ...good, company: '广西 某某羽绒制品股份有限公司', source: 'VISIT' });
    expect(res.body.toast.type).toBe('warning');
    expect(res.body.toast.content).toContain('机械制造、电子信息产业招商小分队');
    const card = res.body.card.data;
    expect(textOf(card)).toContain('财政局三分队队员');
    expect(fieldOf(card, 'company').default_value).toBe('广西 某某羽绒制品股份有限公司');
    expect(await leads()).toBe(before);
  });

  it('a double tap on the same card stores one lead', async () => {
    const before = await leads();
    const first = await submit(member, { ...good, company: '贵港双击测试有限公司' });
    const again = await submit(member, { ...good, company: '贵港双击测试有限公司' }, first.messageId);
    expect(again.res.body.toast.type).toBe('info');
    expect(again.res.body.card.data.body.elements.some((e: any) => e.tag === 'form')).toBe(false);
    expect(await leads()).toBe(before + 1);
  });

  it.each([
    ['a bad phone number', { phone: '12345' }, 'phone', '联系电话'],
    ['a missing company', { company: '' }, 'company', '企业名称'],
    ['an amount that is not a number', { investment: '一个亿' }, 'investment', '意向投资额'],
    ['a negative amount', { investment: '-5' }, 'investment', '意向投资额'],
    ['an intermediary lead without the intermediary', { intermediary_name: '' }, 'intermediary_name', '推荐方名称'],
    [
      'an association lead without the reward',
      { source: 'ASSOCIATION', intermediary_reward: '' },
      'intermediary_reward',
      '奖励',
    ],
  ])('%s: error under the field, typed values kept, nothing stored', async (_, change, field, words) => {
    const before = await leads();
    const form = { ...good, company: `校验测试${field}有限公司`, ...change };
    // One card for all the error cases: nothing is stored, so the same card can be submitted again.
    formCard ??= (await commandCard(bot, member, '/lead')).messageId;
    const { res } = await submit(member, form, formCard);
    expect(res.body.toast.type).toBe('error');
    expect(res.body.toast.content).toContain(words);
    const card = res.body.card.data;
    // the red line under the field (element ids are ≤ 20 chars)
    expect(textOf(card)).toContain(`err_${field}`.slice(0, 20));
    expect(fieldOf(card, 'contact_name').default_value).toBe('陈经理');
    expect(fieldOf(card, 'description').default_value).toBe(good.description);
    expect(await leads()).toBe(before);
  });

  it('the office chooses the squad it files for', async () => {
    const office = await bot.openIdOf('领导小组办公室工作人员');
    const { card, messageId } = await commandCard(bot, office, '/lead');
    const squads = fieldOf(card, 'squad').options;
    expect(squads.length).toBeGreaterThanOrEqual(15);
    const town = await bot.database.prisma.squad.findFirstOrThrow({ where: { kind: 'TOWN' } });
    const res = await bot.card(
      cardCallback({
        openId: office,
        messageId,
        name: 'lead_submit',
        value: { action: 'lead.submit' },
        formValue: { ...good, company: '办公室代填有限公司', squad: String(town.id) },
      }),
    );
    expect(res.body.toast.type).toBe('success');
    expect(
      (await bot.database.prisma.lead.findFirstOrThrow({ where: { company: '办公室代填有限公司' } })).squadId,
    ).toBe(town.id);
  });
});
