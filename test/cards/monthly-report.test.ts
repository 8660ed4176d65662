import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { setSetting } from '../../src/db/settings.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import {
  buttonValue,
  cardCallback,
  commandReply,
  componentsOf,
  fieldErrors,
  formValuesOf,
} from '../helpers/callbacks.js';

// Squad 3 of the plan (机械制造、电子信息): captain 发改局局长, member 人社局三分队队员, leaders 俸振江, 陆雨.
const clock = new FixedClock(new Date('2018-06-20T10:00:00+08:00'));
let bot: TestBot;
let squadId: number;
let captain: string, member: string, otherCaptain: string, office: string, leader: string;
let cardMessageId: string;

const db = () => bot.database.prisma;
const report = (sid = squadId, month = '2018-06') =>
  db().monthlyReport.findUnique({ where: { squadId_month: { squadId: sid, month } } });
const revisions = async (sid = squadId) => db().monthlyReportRevision.count({ where: { report: { squadId: sid } } });
const submit = (
  openId: string,
  card: any,
  messageId: string,
  overrides: Record<string, unknown> = {},
  eventId?: string,
) =>
  bot.card(
    cardCallback({
      openId,
      name: 'report_submit',
      value: buttonValue(card, 'report_submit'),
      formValue: formValuesOf(card, overrides),
      messageId,
      eventId,
    }),
  );

beforeAll(async () => {
  bot = await startTestBot({}, { clock });
  squadId = (await db().squad.findUniqueOrThrow({ where: { code: 'MACHINERY_ELECTRONICS' } })).id;
  captain = await bot.openIdOf('发改局局长');
  member = await bot.openIdOf('人社局三分队队员');
  otherCaptain = await bot.openIdOf('经贸局局长');
  office = await bot.openIdOf('领导小组办公室工作人员');
  leader = await bot.openIdOf('陆雨');
  const creator = await db().person.findFirstOrThrow({ where: { name: '人社局三分队队员' } });
  const visit = {
    squadId,
    createdById: creator.id,
    address: '深圳市南山区',
    position: '总经理',
    phone: '13900000000',
    businessScope: '电子元器件',
    investmentIntent: '拟投资 2 亿元建厂',
  };
  await db().visit.create({
    data: { ...visit, visitedOn: '2018-06-12', contactName: '王总', company: '深圳华信电子有限公司' },
  });
  await db().visit.create({
    data: { ...visit, visitedOn: '2018-05-30', contactName: '李总', company: '五月拜访公司' },
  });
});
afterAll(async () => {
  await bot?.close();
});

describe('monthly report card', () => {
  it('/report sends the form, pre-filled with this month’s visits only', async () => {
    const { card, messageId } = await commandReply(bot, captain, '/report');
    cardMessageId = messageId;
    const c = componentsOf(card);
    expect(card.header.title.content).toBe('月度汇报 · 2018年6月');
    expect(c.month.default_value).toBe('2018-06');
    expect(c.visited_businessmen.default_value).toBe(
      '王总｜深圳华信电子有限公司｜深圳市南山区｜总经理｜13900000000｜电子元器件｜拟投资 2 亿元建厂',
    );
    expect(JSON.stringify(card)).not.toContain('五月拜访公司');
    expect(c.report_save_draft).toBeDefined();
    expect(c.exempt_reason).toBeUndefined(); // the captain cannot exempt
  });

  it('a member saves a draft; the card message id is recorded from the callback', async () => {
    const { card } = await commandReply(bot, member, '/report');
    const res = await bot.card(
      cardCallback({
        openId: member,
        name: 'report_save_draft',
        value: buttonValue(card, 'report_save_draft'),
        formValue: formValuesOf(card, { economic_trends: '电子信息产业加速西移' }),
        messageId: cardMessageId,
      }),
    );
    expect(res.body.toast).toEqual({ type: 'success', content: '草稿已保存' });
    expect(componentsOf(res.body.card.data).economic_trends.default_value).toBe('电子信息产业加速西移');
    const r = await report();
    expect(r).toMatchObject({ status: 'DRAFT', economicTrends: '电子信息产业加速西移', version: 0, cardMessageId });
    expect(await revisions()).toBe(0);
  });

  it.each([
    ['the month in the wrong format', { month: '2018/06' }, '汇报月份'],
    ['a month in the future', { month: '2018-09' }, '汇报月份'],
    ['a field over 1000 characters', { project_info: '项'.repeat(1001) }, '项目信息'],
    ['neither trends nor project information', { economic_trends: '', project_info: '' }, '经济发展动态'],
    ['a businessman line without a company', { visited_businessmen: '王总' }, '本月拜访客商第 1 行'],
  ])(
    'submitting with %s gets a field error, keeps the typed values and stores nothing',
    async (_, overrides, fieldName) => {
      const before = await report();
      const { card } = await commandReply(bot, captain, '/report');
      const typed = { suggestions: '下月赴深圳对接', ...overrides };
      const res = await submit(captain, card, cardMessageId, typed);
      expect(res.body.toast.type).toBe('error');
      expect(res.body.toast.content).toContain(fieldName);
      const back = res.body.card.data;
      expect(fieldErrors(back).join()).toContain(fieldName);
      for (const [k, v] of Object.entries(typed)) expect(componentsOf(back)[k].default_value).toBe(v);
      expect(await report()).toEqual(before);
    },
  );

  it('members and captains of other squads cannot submit; nothing changes', async () => {
    // The member's own card has no 提交; a captain's card forwarded to them is refused on the server.
    const own = (await commandReply(bot, member, '/report')).card;
    expect(componentsOf(own).report_submit).toBeUndefined();
    const { card } = await commandReply(bot, captain, '/report');
    const asMember = await submit(member, card, cardMessageId);
    expect(asMember.body.toast).toEqual({ type: 'error', content: expect.stringContaining('队长') });
    expect(asMember.body.card).toBeUndefined();
    const asOther = await submit(otherCaptain, card, cardMessageId);
    expect(asOther.body.toast.type).toBe('error');
    expect((await report())!.status).toBe('DRAFT');
  });

  it('the captain submits; a second tap with another event id stores no second version', async () => {
    const { card } = await commandReply(bot, captain, '/report');
    const first = await submit(captain, card, cardMessageId);
    expect(first.body.toast).toEqual({ type: 'success', content: '已提交，谢谢！' });
    const summary = first.body.card.data;
    expect(summary.header.text_tag_list[0].text.content).toBe('已提交');
    expect(JSON.stringify(summary)).toContain('发改局局长');
    expect(JSON.stringify(summary)).toContain('2018-06-20 10:00（按时）');
    expect(componentsOf(summary).report_edit).toBeDefined();
    const again = await submit(captain, card, cardMessageId);
    expect(again.status).toBe(200);
    expect(again.body.card.data.header.text_tag_list[0].text.content).toBe('已提交');
    const r = await report();
    expect(r).toMatchObject({ status: 'SUBMITTED', version: 1, late: false, economicTrends: '电子信息产业加速西移' });
    expect(await revisions()).toBe(1);
    const audit = await db().auditLog.findMany({ where: { entity: 'MonthlyReport', entityId: String(r!.id) } });
    expect(audit.map((a) => a.action)).toEqual(['monthly-report.draft', 'monthly-report.submit']);
  });

  it('amending before the deadline keeps each version, and updates the original card by PATCH', async () => {
    clock.set('2018-06-25T09:00:00+08:00');
    const { card: summary, messageId: other } = await commandReply(bot, captain, '/report');
    expect(summary.header.text_tag_list[0].text.content).toBe('已提交');
    const edit = await bot.card(
      cardCallback({
        openId: captain,
        name: 'report_edit',
        value: buttonValue(summary, 'report_edit'),
        messageId: other,
      }),
    );
    const form = edit.body.card.data;
    expect(componentsOf(form).economic_trends.default_value).toBe('电子信息产业加速西移');
    expect(componentsOf(form).report_save_draft).toBeUndefined();
    const res = await submit(captain, form, other, { project_info: '华信电子 2 亿元项目洽谈中' });
    expect(res.body.toast.content).toBe('已提交修改（第 2 版）');
    expect(JSON.stringify(res.body.card.data)).toContain('修改记录（共 2 版）');
    const r = await report();
    expect(r).toMatchObject({ version: 2, projectInfo: '华信电子 2 亿元项目洽谈中', cardMessageId });
    expect(r!.submittedAt!.toISOString()).toBe(new Date('2018-06-20T10:00:00+08:00').toISOString());
    const revs = await db().monthlyReportRevision.findMany({ where: { reportId: r!.id }, orderBy: { version: 'asc' } });
    expect(revs.map((x) => x.version)).toEqual([1, 2]);
    expect(JSON.parse(revs[0]!.content).projectInfo).toBe('');
    await bot.flush();
    const original = bot.sb.state.messages.find((m) => m.message_id === cardMessageId)!;
    expect(JSON.stringify(original.versions.at(-1)!.content)).toContain('华信电子 2 亿元项目洽谈中');
  });

  it('after the 27th: a first submission is accepted and marked late; only the office may amend', async () => {
    clock.set('2018-06-28T09:30:00+08:00');
    const squad4 = (await db().squad.findUniqueOrThrow({ where: { code: 'TEXTILE_DOWN' } })).id;
    const { card, messageId } = await commandReply(bot, otherCaptain, '/report');
    const res = await submit(otherCaptain, card, messageId, { economic_trends: '羽绒市场回暖' });
    expect(res.body.toast.type).toBe('warning');
    expect(JSON.stringify(res.body.card.data)).toContain('逾期');
    expect(await report(squad4)).toMatchObject({ status: 'SUBMITTED', late: true });

    const { card: summary, messageId: m2 } = await commandReply(bot, captain, '/report');
    // The summary no longer offers 修改; a tap from a card drawn before the deadline is refused.
    expect(componentsOf(summary).report_edit).toBeUndefined();
    const refused = await bot.card(
      cardCallback({
        openId: captain,
        name: 'report_edit',
        value: { action: 'monthly-report.edit', squadId, month: '2018-06' },
        messageId: m2,
      }),
    );
    expect(refused.body.toast).toEqual({ type: 'error', content: expect.stringContaining('已过截止时间') });
    const { card: officeView, messageId: m3 } = await commandReply(bot, office, `/report 2018-06 机械制造`);
    const edit = await bot.card(
      cardCallback({
        openId: office,
        name: 'report_edit',
        value: buttonValue(officeView, 'report_edit'),
        messageId: m3,
      }),
    );
    const ok = await submit(office, edit.body.card.data, m3, { suggestions: '办公室更正' });
    expect(ok.body.toast.content).toBe('已提交修改（第 3 版）');
    expect(await report()).toMatchObject({ version: 3, late: false, suggestions: '办公室更正' });
  });

  it('after the close day only the office may edit; the close day is a setting', async () => {
    clock.set('2018-07-06T09:00:00+08:00');
    const squad5 = (await db().squad.findUniqueOrThrow({ where: { code: 'AGRI_TOURISM_LOGISTICS' } })).id;
    const captain5 = await bot.openIdOf('农业局局长');
    // The captain's card is read-only now; the office's form (forwarded to them) is refused on the server.
    const own = (await commandReply(bot, captain5, '/report 2018-06')).card;
    expect(componentsOf(own).report_submit).toBeUndefined();
    const { card, messageId } = await commandReply(bot, office, '/report 2018-06 农业');
    const closed = await submit(captain5, card, messageId, { economic_trends: '晚了' });
    expect(closed.body.toast).toEqual({ type: 'error', content: expect.stringContaining('关闭') });
    expect(await report(squad5)).toBeNull();
    await setSetting(db(), 'report.closeDay', 10, null);
    const late = await submit(captain5, card, messageId, { economic_trends: '晚了' });
    expect(late.body.toast.type).toBe('warning');
    expect(await report(squad5)).toMatchObject({ status: 'SUBMITTED', late: true });
  });

  it('a responsible leader exempts a month with a reason; a reason is required; members cannot', async () => {
    const squad6 = (await db().squad.findUniqueOrThrow({ where: { code: 'HEALTH_MATERIALS' } })).id;
    const leader6 = await bot.openIdOf('梁民伟');
    const { card, messageId } = await commandReply(bot, leader6, '/report 2018-07 大健康');
    expect(componentsOf(card).exempt_reason).toBeDefined();
    const ex = (reason: string, openId = leader6) =>
      bot.card(
        cardCallback({
          openId,
          name: 'report_exempt',
          value: buttonValue(card, 'report_exempt'),
          formValue: formValuesOf(card, { exempt_reason: reason }),
          messageId,
        }),
      );
    const noReason = await ex('');
    expect(fieldErrors(noReason.body.card.data).join()).toContain('免报原因');
    expect(await report(squad6, '2018-07')).toBeNull();
    const byMember = await ex('想免报', await bot.openIdOf('卫计局六分队队员'));
    expect(byMember.body.toast.content).toContain('责任领导');
    const ok = await ex('本月无外出招商任务');
    expect(ok.body.toast.content).toBe('已标记免报');
    expect(await report(squad6, '2018-07')).toMatchObject({ status: 'EXEMPT', exemptReason: '本月无外出招商任务' });
    // and by command, for a leader's named squad
    const reply = await commandReply(bot, leader, '/report exempt 2018-07 机械制造 人员外出学习');
    expect(reply.text).toContain('免报');
    expect(await report(squadId, '2018-07')).toMatchObject({ status: 'EXEMPT', exemptReason: '人员外出学习' });
  });
});

// The visited businessmen's addresses and phones are for the squad and the office only
// (domain/contact-rules.ts): leaders and the assessor see the names, and a forwarded card shows
// them nothing more than their own /report would.
describe('monthly report: contact details', () => {
  const PHONE = '13922223333';
  const ADDRESS = '广州市天河区体育西路';
  let squad4: number;
  beforeAll(async () => {
    squad4 = (await db().squad.findUniqueOrThrow({ where: { code: 'TEXTILE_DOWN' } })).id;
    const creator = await db().person.findFirstOrThrow({ where: { name: '经贸局局长' } });
    await db().visit.create({
      data: {
        squadId: squad4,
        createdById: creator.id,
        visitedOn: '2018-07-03',
        contactName: '赵总',
        company: '广州羽绒制品有限公司',
        address: ADDRESS,
        position: '董事长',
        phone: PHONE,
      },
    });
  });

  it.each([
    ['the group leader', '曾健清'],
    ['a responsible leader of the squad', '马明'],
    ['the assessor', '考核中心专员'],
  ])('/report as %s shows the visited businessmen without addresses and phones', async (_, name) => {
    const { card } = await commandReply(bot, await bot.openIdOf(name), '/report 2018-07 纺织');
    const text = JSON.stringify(card);
    expect(text).toContain('赵总｜广州羽绒制品有限公司');
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(ADDRESS);
    expect(text).toContain('地址和联系方式只有本小分队和区招商局可见');
  });

  it('the squad’s captain and the office see them', async () => {
    for (const openId of [otherCaptain, office]) {
      const { card } = await commandReply(bot, openId, '/report 2018-07 纺织');
      expect(componentsOf(card).visited_businessmen.default_value).toContain(`${ADDRESS}｜董事长｜${PHONE}`);
    }
  });

  it('a submitted report shows a responsible leader the businessmen without their phones', async () => {
    const { card } = await commandReply(bot, leader, '/report 2018-06 机械制造');
    const text = JSON.stringify(card);
    expect(text).toContain('王总｜深圳华信电子有限公司');
    expect(text).not.toContain('13900000000');
    expect(text).not.toContain('深圳市南山区');
  });

  it('a forwarded 查看 tap is refused to someone who may not see the squad, and shows no phones to a leader', async () => {
    const view = (openId: string) =>
      bot.card(
        cardCallback({
          openId,
          name: 'report_cancel',
          value: { action: 'monthly-report.view', squadId: squad4, month: '2018-07', baseVersion: 0 },
          messageId: 'om_forwarded_report_card',
          chatId: 'oc_some_other_chat',
        }),
      );
    for (const name of ['帮办中心专员', '人社局三分队队员']) {
      const res = await view(await bot.openIdOf(name));
      expect(res.body.toast).toEqual({ type: 'error', content: expect.stringContaining('不能查看它的月度汇报') });
      expect(res.body.card).toBeUndefined();
    }
    const byLeader = await view(await bot.openIdOf('曾健清'));
    const text = JSON.stringify(byLeader.body.card.data);
    expect(text).toContain('赵总');
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain(ADDRESS);
  });
});
