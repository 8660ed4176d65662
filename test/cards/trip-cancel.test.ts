import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { listTripsAwaitingReport } from '../../src/db/trip-reports.js';
import { findTrip } from '../../src/db/trips.js';
import { tallySquads } from '../../src/db/tallies.js';
import { renderTripSummary } from '../../src/cards/trip-plan/view-summary.js';
import { quarterOfDate } from '../../src/domain/periods.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { cardCallback, fieldOf } from '../helpers/cards.js';
import { squadByOrder } from '../helpers/district.js';

// A trip plan cancelled by its submitter or the squad's captain, with a reason: it leaves the tallies
// and /tripreport, the approver and the office are told; anyone else is refused and nothing changes.

let bot: TestBot;
const db = () => bot.database.prisma;
let seq = 0;
let squadId: number;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-15T02:00:00Z')) });
  squadId = (await squadByOrder(db(), 4)).id;
});
afterAll(() => bot?.close());

async function person(name: string) {
  return db().person.findFirstOrThrow({ where: { name } });
}

async function trip(status: string, filedBy = '市政局四分队队员'): Promise<number> {
  const by = await person(filedBy);
  const approver = await person('曾健清');
  const t = await db().trip.create({
    data: {
      requestKey: `cancel-test:${seq++}`,
      squadId,
      travellerId: by.id,
      rank: 'SECTION',
      destination: '深圳',
      startDate: '2018-06-20',
      endDate: '2018-06-22',
      status,
      approverId: approver.id,
      createdById: by.id,
    },
  });
  return t.id;
}

async function tap(name: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) {
  const res = await bot.card(
    cardCallback({ openId: await bot.openIdOf(name), name: 'submit', value, formValue, messageId: `om_tc_${seq++}` }),
  );
  expect(res.status).toBe(200);
  return res.body as { toast?: { type: string; content: string }; card?: { data: any } };
}

const tripsInQuarter = async () =>
  (await tallySquads(db(), quarterOfDate('2018-06-15'), '2018-06-15', [squadId]))[0]!.actual.trips;

describe('cancelling a trip plan', () => {
  it('the traveller’s card carries the cancel button while the plan is pending or approved', async () => {
    const id = await trip('PENDING');
    const view = (await findTrip(db(), { id }))!;
    expect(fieldOf(renderTripSummary(view, 'Asia/Shanghai', 'traveller'), 'trip_cancel_open')).toBeDefined();
    expect(fieldOf(renderTripSummary(view, 'Asia/Shanghai', 'office'), 'trip_cancel_open')).toBeUndefined();
  });

  it('someone who neither filed it nor captains the squad is refused; nothing changes', async () => {
    const id = await trip('APPROVED');
    for (const who of ['招商局局长', '马明', '曾健清']) {
      const res = await tap(who, { action: 'trip.cancel', tripId: id, confirm: true }, { cancel_reason: '伪造' });
      expect(res.toast?.type, who).toBe('error');
      expect(res.toast?.content).toContain('提交人或本小分队队长');
    }
    expect((await db().trip.findUniqueOrThrow({ where: { id } })).status).toBe('APPROVED');
  });

  it('the submitter gives a reason; the plan leaves the tallies and /tripreport; approver, captain and office are told', async () => {
    const id = await trip('APPROVED');
    const before = await tripsInQuarter();
    expect((await listTripsAwaitingReport(db(), [squadId])).map((t) => t.id)).toContain(id);
    const ask = await tap('市政局四分队队员', { action: 'trip.cancel', tripId: id });
    expect(fieldOf(ask.card!.data, 'cancel_reason')).toBeDefined();
    const empty = await tap(
      '市政局四分队队员',
      { action: 'trip.cancel', tripId: id, confirm: true },
      { cancel_reason: ' ' },
    );
    expect(empty.toast?.content).toBe('请写明取消原因');
    expect((await db().trip.findUniqueOrThrow({ where: { id } })).status).toBe('APPROVED');
    const done = await tap(
      '市政局四分队队员',
      { action: 'trip.cancel', tripId: id, confirm: true },
      { cancel_reason: '企业临时改期' },
    );
    expect(done.toast?.type).toBe('success');
    const card = JSON.stringify(done.card!.data);
    expect(card).toContain('已撤回');
    expect(card).toContain('企业临时改期');
    expect(card).not.toContain('trip_cancel_open');
    const row = await db().trip.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'CANCELLED', cancelReason: '企业临时改期' });
    expect(await db().auditLog.count({ where: { action: 'trip.cancel', entityId: String(id) } })).toBe(1);
    expect(await tripsInQuarter()).toBe(before - 1);
    expect((await listTripsAwaitingReport(db(), [squadId])).map((t) => t.id)).not.toContain(id);
    await bot.flush();
    for (const who of ['曾健清', '经贸局局长', '招商局局长']) {
      const got = bot.sb.messagesTo(await bot.openIdOf(who)).map((m) => JSON.stringify(m.content));
      expect(
        got.some((t) => t.includes('外出招商计划已取消') && t.includes('企业临时改期')),
        who,
      ).toBe(true);
    }
    // a second tap changes nothing
    const again = await tap(
      '市政局四分队队员',
      { action: 'trip.cancel', tripId: id, confirm: true },
      { cancel_reason: 'x' },
    );
    expect(again.toast?.content).toContain('已经取消');
  });

  it('the captain may cancel a member’s plan; a plan with visits entered or reported may not be cancelled', async () => {
    const id = await trip('PENDING');
    const ok = await tap(
      '经贸局局长',
      { action: 'trip.cancel', tripId: id, confirm: true },
      { cancel_reason: '任务调整' },
    );
    expect(ok.toast?.type).toBe('success');
    const visited = await trip('APPROVED');
    await db().visit.create({
      data: {
        squadId,
        tripId: visited,
        visitedOn: '2018-06-20',
        company: '某公司',
        contactName: '李总',
        createdById: 1,
      },
    });
    const res = await tap(
      '市政局四分队队员',
      { action: 'trip.cancel', tripId: visited, confirm: true },
      { cancel_reason: 'x' },
    );
    expect(res.toast?.content).toContain('已经录入了拜访企业');
    const reported = await trip('REPORTED');
    expect((await tap('市政局四分队队员', { action: 'trip.cancel', tripId: reported })).toast?.content).toContain(
      '已经提交报告',
    );
    expect((await db().trip.findUniqueOrThrow({ where: { id: visited } })).status).toBe('APPROVED');
  });
});
