import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { cardCallback, commandCard, fieldOf, textOf } from '../helpers/cards.js';
import { formValuesOf } from '../helpers/callbacks.js';
import { say } from '../flows/review-helpers.js';

// /tripreport offers only trips that have begun (start date ≤ today, in the app's time zone); the
// visit date it pre-fills is one the form accepts.

let bot: TestBot;
let squadId: number;
let travellerId: number;
const MEMBER = '财政局三分队队员';

async function approvedTrip(destination: string, startDate: string, endDate: string): Promise<number> {
  const t = await bot.database.prisma.trip.create({
    data: {
      requestKey: `test:${destination}`,
      squadId,
      travellerId,
      rank: 'SECTION',
      destination,
      startDate,
      endDate,
      status: 'APPROVED',
      createdById: travellerId,
    },
  });
  return t.id;
}

beforeAll(async () => {
  // 2018-06-25 10:00 in Shanghai.
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
  const m = await bot.database.prisma.squadMember.findFirstOrThrow({ where: { person: { name: MEMBER } } });
  squadId = m.squadId;
  travellerId = m.personId;
});
afterAll(async () => {
  await bot?.close();
});

describe('/tripreport and trips that have not begun', () => {
  let future: number;

  it('with only a future trip approved, says none has begun and when the next one starts', async () => {
    future = await approvedTrip('深圳', '2018-07-02', '2018-07-04');
    const r = await say(bot, MEMBER, '/tripreport');
    expect(r.text).toContain('还没有已经开始的外出招商');
    expect(r.text).toContain('深圳');
    expect(r.text).toContain('2018-07-02');
  });

  it('a future trip opened from an old list shows when it can be filled, and no form', async () => {
    const res = await bot.card(
      cardCallback({
        openId: await bot.openIdOf(MEMBER),
        messageId: 'om_old_list',
        name: `open_trip_${future}`,
        value: { action: 'tripreport.open', tripId: future },
      }),
    );
    const card = res.body.card.data;
    expect(fieldOf(card, 'visit_date')).toBeUndefined();
    expect(textOf(card)).toContain('2018-07-02 出发后才能填写');
  });

  it('a trip under way is offered alone, pre-filled with today, and that date is accepted', async () => {
    const now = await approvedTrip('广州', '2018-06-24', '2018-06-27');
    const { card, messageId } = await commandCard(bot, await bot.openIdOf(MEMBER), '/tripreport');
    expect(fieldOf(card, 'visit_date').initial_date).toBe('2018-06-25');
    expect(textOf(card)).toContain('另有 1 次外出尚未开始');
    const res = await bot.card(
      cardCallback({
        openId: await bot.openIdOf(MEMBER),
        messageId,
        name: 'visit_submit',
        value: fieldOf(card, 'visit_submit').behaviors[0].value,
        formValue: formValuesOf(card, {
          contact_name: '王总',
          visit_company: '广州某电子有限公司',
          visit_phone: '13800000000',
        }),
      }),
    );
    expect(res.body.toast.content).toBe('已保存第 1 家拜访');
    expect(await bot.database.prisma.visit.count({ where: { tripId: now } })).toBe(1);
  });
});

describe('a tap on a form drawn before the trip began', () => {
  it('stores no visit and no report before the start date', async () => {
    const future = await approvedTrip('成都', '2018-08-01', '2018-08-03');
    const t = await bot.database.prisma.trip.findUniqueOrThrow({ where: { id: future } });
    for (const name of ['visit_submit', 'report_submit']) {
      const res = await bot.card(
        cardCallback({
          openId: await bot.openIdOf(MEMBER),
          messageId: 'om_stale',
          name,
          value: {
            action: name === 'visit_submit' ? 'tripreport.visit' : 'tripreport.submit',
            tripId: future,
            v: t.updatedAt.getTime(),
          },
          formValue: {
            visit_date: '2018-06-25 +0800',
            contact_name: '李总',
            visit_company: '成都某公司',
            visit_phone: '13800000001',
          },
        }),
      );
      expect(res.body.toast.content).toBe('这次外出 2018-08-01 才开始，出发后再填写');
    }
    const after = await bot.database.prisma.trip.findUniqueOrThrow({ where: { id: future } });
    expect(after.status).toBe('APPROVED');
    expect(await bot.database.prisma.visit.count({ where: { tripId: future } })).toBe(0);
  });
});
