import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandCard, fieldOf, textOf } from '../helpers/cards.js';

// Trips are filed and approved by the trip plan card (test/cards/trip-plan.test.ts); here they are
// created as APPROVED rows.

let bot: TestBot;
let member: string; // 财政局三分队队员, squad 3 (captain 发改局局长)
let captain: string;
let outsider: string; // 发改局一分队队员, squad 1
let squadId: number;

async function approvedTrip(destination: string): Promise<number> {
  const p = await bot.database.prisma.person.findFirstOrThrow({ where: { name: '财政局三分队队员' } });
  const t = await bot.database.prisma.trip.create({
    data: {
      requestKey: `test:${destination}`,
      squadId,
      travellerId: p.id,
      rank: 'SECTION',
      destination,
      startDate: '2018-06-20',
      endDate: '2018-06-22',
      status: 'APPROVED',
      createdById: p.id,
    },
  });
  return t.id;
}

const visit = (i: number) => ({
  visit_date: '2018-06-21 +0800',
  contact_name: `客商${i}`,
  visit_company: `广州拜访企业${i}有限公司`,
  position: '总经理',
  visit_phone: '020-12345678',
  address: '广州市天河区',
  business_scope: '电子元件',
  investment_intent: '考虑在港南设厂',
});

let messageId: string;
let card: any;
/** Submits the visit form of the current card and keeps the answer as the current card. */
async function addVisit(form: Record<string, unknown>, opts: { openId?: string; keepCard?: boolean } = {}) {
  const res = await bot.card(
    cardCallback({
      openId: opts.openId ?? member,
      messageId,
      name: 'visit_submit',
      value: buttonValue(card, 'visit_submit'),
      formValue: form,
    }),
  );
  if (res.body.card && !opts.keepCard) card = res.body.card.data;
  return res;
}
const visits = (tripId: number) => bot.database.prisma.visit.count({ where: { tripId } });

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
  member = await bot.openIdOf('财政局三分队队员');
  captain = await bot.openIdOf('发改局局长');
  outsider = await bot.openIdOf('发改局一分队队员');
  squadId = (
    await bot.database.prisma.squadMember.findFirstOrThrow({ where: { person: { name: '财政局三分队队员' } } })
  ).squadId;
});
afterAll(async () => {
  await bot?.close();
});

describe('trip report card', () => {
  let tripId: number;

  it('/tripreport with nothing approved says so', async () => {
    const ev = await import('../helpers/feishu.js');
    const e = ev.withText(ev.fixture('events/im.message.receive_v1.p2p-help.json'), '/tripreport', { openId: member });
    await bot.event(e);
    const row = await bot.database.prisma.outbox.findUnique({
      where: { dedupKey: `reply:${e.event.message.message_id}` },
    });
    expect(row?.content).toContain('没有待填写报告');
  });

  it('/tripreport sends the report card of the approved trip with counters at 0', async () => {
    tripId = await approvedTrip('广州');
    ({ messageId, card } = await commandCard(bot, member, '/tripreport'));
    expect(card.header.subtitle.content).toContain('广州 2018-06-20—2018-06-22');
    expect(textOf(card)).toContain('已录入 0/6 家');
    expect(textOf(card)).toContain('已录入 0/3 条');
    expect(fieldOf(card, 'visit_date').initial_date).toBe('2018-06-22');
    expect(textOf(card)).not.toContain('${');
  });

  it('each submit stores one visit and the card comes back with the list and counters', async () => {
    const res = await addVisit(visit(1));
    expect(res.body.toast).toEqual({ type: 'success', content: '已保存第 1 家拜访' });
    expect(textOf(card)).toContain('已录入 1/6 家');
    expect(textOf(card)).toContain('广州拜访企业1有限公司');
    const v = await bot.database.prisma.visit.findFirstOrThrow({ where: { tripId } });
    expect(v).toMatchObject({
      squadId,
      visitedOn: '2018-06-21',
      contactName: '客商1',
      position: '总经理',
      phone: '020-12345678',
      businessScope: '电子元件',
      investmentIntent: '考虑在港南设厂',
    });
    expect(await bot.database.prisma.auditLog.count({ where: { entity: 'Visit', entityId: String(v.id) } })).toBe(1);
  });

  it('a double tap (the same card submitted twice) stores one visit', async () => {
    const stale = card;
    await addVisit(visit(2));
    expect(await visits(tripId)).toBe(2);
    const res = await bot.card(
      cardCallback({
        openId: member,
        messageId,
        name: 'visit_submit',
        value: buttonValue(stale, 'visit_submit'),
        formValue: visit(2),
      }),
    );
    expect(res.body.toast.type).toBe('info');
    expect(await visits(tripId)).toBe(2);
  });

  it.each([
    ['a bad phone number', { visit_phone: '1380013' }, 'visit_phone', '联系方式'],
    ['a missing company', { visit_company: '' }, 'visit_company', '单位'],
    ['a visit date outside the trip', { visit_date: '2018-06-18 +0800' }, 'visit_date', '2018-06-20 至 2018-06-22'],
    ['a date in the future', { visit_date: '2018-06-26 +0800' }, 'visit_date', '不能晚于今天'],
    ['not a date', { visit_date: '下周一' }, 'visit_date', '不是有效日期'],
  ])('%s: error on the card naming the field, values kept, nothing stored', async (_, change, field, words) => {
    const before = await visits(tripId);
    const res = await addVisit({ ...visit(9), ...change }, { keepCard: true });
    expect(res.body.toast.type).toBe('error');
    expect(res.body.toast.content).toContain(words);
    const answerCard = res.body.card.data;
    expect(textOf(answerCard)).toContain(`err_${field}`);
    expect(fieldOf(answerCard, 'contact_name').default_value).toBe('客商9');
    expect(fieldOf(answerCard, 'investment_intent').default_value).toBe('考虑在港南设厂');
    expect(await visits(tripId)).toBe(before);
  });

  it('a member of another squad is refused with a toast', async () => {
    const res = await addVisit(visit(3), { openId: outsider, keepCard: true });
    expect(res.body.toast.type).toBe('error');
    expect(res.body.toast.content).toContain('不是这个小分队的成员');
    expect(res.body.card).toBeUndefined();
    expect(await visits(tripId)).toBe(2);
  });

  it('"录入招商线索" opens the lead card for the trip; its submit stores a VISIT lead, back to the report', async () => {
    const open = await bot.card(
      cardCallback({ openId: member, messageId, name: 'trip_add_lead', value: buttonValue(card, 'trip_add_lead') }),
    );
    const leadCard = open.body.card.data;
    expect(fieldOf(leadCard, 'source').initial_option).toBe('VISIT');
    const res = await bot.card(
      cardCallback({
        openId: member,
        messageId,
        name: 'lead_submit',
        value: buttonValue(leadCard, 'lead_submit'),
        formValue: { company: '广州线索一号有限公司', source: 'VISIT', investment: '5000' },
      }),
    );
    expect(res.body.toast.content).toBe('线索已录入');
    card = res.body.card.data;
    expect(textOf(card)).toContain('已录入 1/3 条');
    expect(
      await bot.database.prisma.lead.findFirst({ where: { tripId, company: '广州线索一号有限公司', source: 'VISIT' } }),
    ).not.toBeNull();
  });

  it('submitting short of the rule marks the trip, tells the captain and shows a read-only summary', async () => {
    const res = await bot.card(
      cardCallback({
        openId: member,
        messageId,
        name: 'trip_submit_report',
        value: buttonValue(card, 'trip_submit_report'),
      }),
    );
    expect(res.body.toast.type).toBe('warning');
    const summary = res.body.card.data;
    expect(summary.body.elements.some((e: any) => e.tag === 'form')).toBe(false);
    expect(textOf(summary)).toContain('由 财政局三分队队员 于 2018-06-25 10:00 提交');
    expect(textOf(summary)).toContain('已提交·未达标');
    const trip = await bot.database.prisma.trip.findUniqueOrThrow({ where: { id: tripId } });
    expect(trip).toMatchObject({ status: 'REPORTED', shortOfRule: true, reportMessageId: messageId });
    await bot.flush();
    const told = bot.sb.messagesTo(captain).filter((m) => m.msg_type === 'text');
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]!.content)).toContain('拜访企业 2 家');
    // Tapping submit again changes nothing and tells the captain nothing more.
    const again = await bot.card(
      cardCallback({
        openId: member,
        messageId,
        name: 'trip_submit_report',
        value: buttonValue(card, 'trip_submit_report'),
      }),
    );
    expect(again.body.toast.content).toBe('这份报告已提交');
    await bot.flush();
    expect(bot.sb.messagesTo(captain).filter((m) => m.msg_type === 'text')).toHaveLength(1);
  });

  it('a trip with 6 visits and 3 leads is not short and the captain is not told', async () => {
    const id = await approvedTrip('深圳');
    ({ messageId, card } = await commandCard(bot, member, '/tripreport'));
    for (let i = 1; i <= 6; i++) expect((await addVisit(visit(10 + i))).body.toast.type).toBe('success');
    for (let i = 1; i <= 3; i++) {
      const open = await bot.card(
        cardCallback({ openId: member, messageId, name: 'trip_add_lead', value: buttonValue(card, 'trip_add_lead') }),
      );
      const res = await bot.card(
        cardCallback({
          openId: member,
          messageId,
          name: 'lead_submit',
          value: buttonValue(open.body.card.data, 'lead_submit'),
          formValue: { company: `深圳第${i}家意向企业有限公司`, source: 'VISIT' },
        }),
      );
      card = res.body.card.data;
    }
    expect(textOf(card)).toContain('已录入 6/6 家');
    expect(textOf(card)).toContain('已录入 3/3 条');
    const res = await bot.card(
      cardCallback({
        openId: member,
        messageId,
        name: 'trip_submit_report',
        value: buttonValue(card, 'trip_submit_report'),
      }),
    );
    expect(res.body.toast.type).toBe('success');
    expect((await bot.database.prisma.trip.findUniqueOrThrow({ where: { id } })).shortOfRule).toBe(false);
    await bot.flush();
    expect(bot.sb.messagesTo(captain).filter((m) => m.msg_type === 'text')).toHaveLength(1);
  });
});

describe('/tripreport with several trips waiting', () => {
  it('lists each waiting trip with a button that opens its report card', async () => {
    const xiamen = await approvedTrip('厦门');
    await approvedTrip('苏州');
    const waiting = await bot.database.prisma.trip.count({ where: { squadId, status: 'APPROVED' } });
    const list = await commandCard(bot, member, '/tripreport');
    expect(list.card.header.subtitle.content).toBe(`共 ${waiting} 次外出待填报告`);
    expect(textOf(list.card)).toContain('厦门');
    expect(textOf(list.card)).toContain('苏州');
    const res = await bot.card(
      cardCallback({
        openId: member,
        messageId: list.messageId,
        name: `open_trip_${xiamen}`,
        value: buttonValue(list.card, `open_trip_${xiamen}`),
      }),
    );
    expect(res.body.card.data.header.subtitle.content).toContain('厦门 2018-06-20—2018-06-22');
  });
});
