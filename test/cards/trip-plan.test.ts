import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import {
  buttonValue,
  cardCallback,
  commandReply,
  componentsOf,
  fieldErrors,
  formValuesOf,
} from '../helpers/callbacks.js';

const clock = new FixedClock(new Date('2018-06-20T10:00:00+08:00'));
let bot: TestBot;
let captain: string,
  member: string,
  division: string,
  groupLeader: string,
  inCharge: string,
  officeStaff: string,
  officeDirector: string;
const db = () => bot.database.prisma;

const plan = {
  destination: '广东深圳',
  start_date: '2018-06-25 +0800',
  end_date: '2018-06-28 +0800',
  companies: [
    '深圳华信电子有限公司',
    '深圳鹏达五金制品厂',
    '深圳宏图精密机械有限公司',
    '深圳星河光电有限公司',
    '深圳万邦物流有限公司',
    '深圳恒通电子科技有限公司',
  ].join('\n'),
};

async function planCard(openId: string, text = '/trip') {
  return commandReply(bot, openId, text);
}

async function submitPlan(
  openId: string,
  card: any,
  messageId: string,
  overrides: Record<string, unknown> = {},
  eventId?: string,
) {
  return bot.card(
    cardCallback({
      openId,
      name: 'trip_submit',
      value: buttonValue(card, 'trip_submit'),
      formValue: formValuesOf(card, { ...plan, ...overrides }),
      messageId,
      eventId,
    }),
  );
}

/** Waits until the sandbox has delivered everything (per-chat limits can defer a message by a second). */
async function settle() {
  for (let i = 0; i < 30; i++) {
    await bot.flush();
    if ((await db().outbox.count({ where: { status: { in: ['PENDING', 'SENDING'] } } })) === 0) return;
    await new Promise((r) => setTimeout(r, 150));
  }
}

beforeAll(async () => {
  bot = await startTestBot({}, { clock });
  captain = await bot.openIdOf('发改局局长'); // SECTION, captain of 机械制造、电子信息
  member = await bot.openIdOf('人社局三分队队员');
  division = await bot.openIdOf('陆雨'); // DIVISION, responsible leader of the same squad
  groupLeader = await bot.openIdOf('曾健清');
  inCharge = await bot.openIdOf('俸振江');
  officeStaff = await bot.openIdOf('领导小组办公室工作人员');
  officeDirector = await bot.openIdOf('招商局局长');
});
afterAll(async () => {
  await bot?.close();
});

describe('trip plan card', () => {
  it('/trip offers the squad’s roster in the people picker and names the approver', async () => {
    const { card } = await planCard(captain);
    const options = componentsOf(card).people.options.map((o: any) => o.value);
    expect(options).toContain(member);
    expect(options).toContain(division);
    expect(options).not.toContain(captain);
    expect(JSON.stringify(card)).toContain('俸振江');
  });

  it.each([
    ['no destination', { destination: '' }, '目的地'],
    ['a return before the departure', { end_date: '2018-06-24 +0800' }, '返回日期'],
    ['a departure long past', { start_date: '2018-06-01 +0800' }, '出发日期'],
    ['no departure date', { start_date: '' }, '出发日期'],
  ])('%s gets a field error, keeps the typed values and stores nothing', async (_, overrides, field) => {
    const { card, messageId } = await planCard(captain);
    const res = await submitPlan(captain, card, messageId, { ...overrides, people: [member] });
    expect(res.body.toast.type).toBe('error');
    expect(fieldErrors(res.body.card.data).join()).toContain(field);
    const back = componentsOf(res.body.card.data);
    expect(back.companies.default_value).toBe(plan.companies);
    expect(back.people.selected_values).toEqual([member]);
    expect(await db().trip.count()).toBe(0);
  });

  it(
    'a section-level plan goes to the leader in charge (俸振江), ' +
      'the office gets the filed copy; a double tap stores one',
    async () => {
      const { card, messageId } = await planCard(captain);
      const res = await submitPlan(captain, card, messageId, { people: [member] });
      expect(res.body.toast.content).toContain('俸振江');
      expect(res.body.card.data.header.text_tag_list[0].text.content).toBe('待审批');
      const again = await submitPlan(captain, card, messageId, { people: [member] });
      expect(again.body.toast.content).toBe('这份计划已经提交过');
      const trips = await db().trip.findMany();
      expect(trips).toHaveLength(1);
      const approver = await db().person.findFirstOrThrow({ where: { name: '俸振江' } });
      expect(trips[0]).toMatchObject({
        status: 'PENDING',
        rank: 'SECTION',
        approverId: approver.id,
        destination: '广东深圳',
        startDate: '2018-06-25',
        endDate: '2018-06-28',
        planMessageId: messageId,
      });
      await settle();
      const approval = bot.sb.lastCardTo(inCharge) as any;
      expect(approval.header.title.content).toContain('待你审批');
      expect(JSON.stringify(approval)).toContain('人社局三分队队员');
      for (const o of [officeStaff, officeDirector])
        expect((bot.sb.lastCardTo(o) as any).header.title.content).toBe('外出招商计划 · 备案');
      expect(bot.sb.messagesTo(groupLeader)).toHaveLength(0);
    },
  );

  it('only the approver may decide; rejecting needs a reason; the traveller’s card shows the outcome', async () => {
    const trip = await db().trip.findFirstOrThrow({ where: { rank: 'SECTION' } });
    const approvalMsg = bot.sb.lastCardMessageTo(inCharge)!;
    const approval = approvalMsg.versions.at(-1)!.content as any;
    const click = (openId: string, name: 'trip_approve' | 'trip_reject', reason = '') =>
      bot.card(
        cardCallback({
          openId,
          name,
          value: buttonValue(approval, name),
          formValue: { reject_reason: reason },
          messageId: approvalMsg.message_id,
        }),
      );
    const byOther = await click(groupLeader, 'trip_approve');
    expect(byOther.body.toast).toEqual({ type: 'error', content: '这份外出招商计划不是报给你审批的。' });
    const noReason = await click(inCharge, 'trip_reject');
    expect(fieldErrors(noReason.body.card.data).join()).toContain('驳回原因');
    expect((await db().trip.findUniqueOrThrow({ where: { id: trip.id } })).status).toBe('PENDING');

    const rejected = await click(inCharge, 'trip_reject', '与区重点工作冲突，请改期');
    expect(rejected.body.toast.content).toBe('已驳回');
    expect(rejected.body.card.data.header.text_tag_list[0].text.content).toBe('已驳回');
    expect(await db().trip.findUniqueOrThrow({ where: { id: trip.id } })).toMatchObject({
      status: 'REJECTED',
      rejectReason: '与区重点工作冲突，请改期',
      approvalMessageId: approvalMsg.message_id,
    });
    const late = await click(inCharge, 'trip_approve');
    expect(late.body.toast.type).toBe('info');
    await settle();
    const planMsg = bot.sb.state.messages.find((m) => m.message_id === trip.planMessageId)!;
    const shown = JSON.stringify(planMsg.versions.at(-1)!.content);
    expect(shown).toContain('已驳回');
    expect(shown).toContain('与区重点工作冲突');
    const copy = JSON.stringify(bot.sb.lastCardTo(officeStaff));
    expect(copy).toContain('已驳回'); // the filed copy follows
    const actions = (await db().auditLog.findMany({ where: { entity: 'Trip', entityId: String(trip.id) } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(['trip.submit', 'trip.reject']);
  });

  it('a division-level plan goes to the group leader (曾健清), who approves it', async () => {
    const { card, messageId } = await planCard(division, '/trip 机械制造');
    expect(JSON.stringify(card)).toContain('曾健清');
    const res = await submitPlan(division, card, messageId, { destination: '浙江杭州' });
    expect(res.body.toast.content).toContain('曾健清');
    const trip = await db().trip.findFirstOrThrow({ where: { destination: '浙江杭州' } });
    const leader = await db().person.findFirstOrThrow({ where: { name: '曾健清' } });
    expect(trip).toMatchObject({ rank: 'DIVISION', approverId: leader.id });
    await settle();
    const msg = bot.sb.lastCardMessageTo(groupLeader)!;
    const approval = msg.versions.at(-1)!.content as any;
    const ok = await bot.card(
      cardCallback({
        openId: groupLeader,
        name: 'trip_approve',
        value: buttonValue(approval, 'trip_approve'),
        formValue: { reject_reason: '' },
        messageId: msg.message_id,
      }),
    );
    expect(ok.body.toast.content).toBe('已批准');
    await settle();
    const planMsg = bot.sb.state.messages.find((m) => m.message_id === messageId)!;
    expect(JSON.stringify(planMsg.versions.at(-1)!.content)).toContain('已批准');
    expect(
      bot.sb
        .messagesTo(division)
        .some((m) => m.msg_type === 'text' && JSON.stringify(m.versions.at(-1)!.content).includes('批准')),
    ).toBe(true);
  });

  it('two simultaneous submits of one card (different event ids) store one plan', async () => {
    const { card, messageId } = await planCard(captain);
    const before = await db().trip.count();
    const answers = await Promise.all([
      submitPlan(captain, card, messageId, { destination: '广西南宁' }),
      submitPlan(captain, card, messageId, { destination: '广西南宁' }),
    ]);
    for (const a of answers) expect(a.status).toBe(200);
    expect(answers.map((a) => a.body.toast.type).sort()).toEqual(['info', 'success']);
    expect(await db().trip.count()).toBe(before + 1);
    expect(await db().outbox.count({ where: { dedupKey: { startsWith: 'trip-approval:' } } })).toBe(before + 1);
  });

  it('someone outside the squad cannot file a plan for it', async () => {
    const outsider = await bot.openIdOf('经贸局局长');
    const { card, messageId } = await planCard(captain);
    const before = await db().trip.count();
    const res = await submitPlan(outsider, card, messageId);
    expect(res.body.toast.type).toBe('error');
    expect(await db().trip.count()).toBe(before);
  });
});
