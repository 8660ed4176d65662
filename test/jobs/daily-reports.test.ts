import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { findJob } from '../../src/jobs/index.js';
import { fireSlot } from '../../src/jobs/scheduler.js';
import { sendDailyReportSummary } from '../../src/jobs/daily-reports.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandCard, fieldOf } from '../helpers/cards.js';
import { squadByOrder } from '../helpers/district.js';
import { fixture, withText } from '../helpers/feishu.js';

// The office hears of each day's monthly reports the same evening (one card per office person), and
// /reports lists a month's reports of every squad with their state, each readable (read-only).

let bot: TestBot;
const clock = new FixedClock(new Date('2018-06-26T02:00:00Z')); // 10:00 local, before the deadline
const db = () => bot.database.prisma;
const evening = (day: string) => new Date(`${day}T20:00:00+08:00`);
let seq = 0;

async function cardsTo(name: string) {
  return bot.sb
    .messagesTo(await bot.openIdOf(name))
    .filter((m) => JSON.stringify(m.content).includes('今日提交的月度汇报'));
}

async function tap(name: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) {
  const res = await bot.card(
    cardCallback({ openId: await bot.openIdOf(name), name: 'submit', value, formValue, messageId: `om_rep_${seq++}` }),
  );
  expect(res.status).toBe(200);
  return res.body as { toast?: { type: string; content: string }; card?: { data: any } };
}

beforeAll(async () => {
  bot = await startTestBot({}, { clock });
  const s4 = await squadByOrder(db(), 4);
  // The captain of 纺织和羽绒 submits June's report on the card, on the 26th (on time).
  const res = await tap(
    '经贸局局长',
    { action: 'monthly-report.submit', squadId: s4.id, month: '2018-06', baseVersion: 0 },
    {
      month: '2018-06',
      economic_trends: '羽绒价格回升',
      investment_directions: '',
      project_info: '羽绒精深加工项目已开工',
      suggestions: '',
      visited_businessmen: '张总｜某羽绒公司｜广州｜总经理｜13800000000｜羽绒｜有意向',
    },
  );
  expect(res.toast?.type, res.toast?.content).toBe('success');
  // Squad 1's May report, submitted late the same afternoon; squad 2's June report is a draft.
  const s1 = await squadByOrder(db(), 1);
  const s2 = await squadByOrder(db(), 2);
  await db().monthlyReport.create({
    data: {
      squadId: s1.id,
      month: '2018-05',
      status: 'SUBMITTED',
      late: true,
      submittedAt: new Date('2018-06-26T07:00:00Z'),
    },
  });
  await db().monthlyReport.create({ data: { squadId: s2.id, month: '2018-06', status: 'DRAFT' } });
  // Submitted the day before: in the 25th's card, not the 26th's.
  const s3 = await squadByOrder(db(), 3);
  await db().monthlyReport.create({
    data: { squadId: s3.id, month: '2018-06', status: 'SUBMITTED', submittedAt: new Date('2018-06-25T03:00:00Z') },
  });
});
afterAll(() => bot?.close());

describe('the daily summary card to the office', () => {
  it('one card per office person with the day’s reports, on time or late, and their key figures', async () => {
    const r = await sendDailyReportSummary(bot.deps, evening('2018-06-26'));
    await bot.flush();
    expect(r.summary).toContain('2 份');
    for (const who of ['招商局局长', '领导小组办公室工作人员']) {
      const got = await cardsTo(who);
      expect(got, who).toHaveLength(1);
      const text = JSON.stringify(got[0]!.content);
      expect(text).toContain('纺织和羽绒');
      expect(text).toContain('已提交');
      expect(text).toContain('逾期提交');
      expect(text).toContain('拜访客商 1 位');
      expect(text).toContain('羽绒精深加工项目已开工');
      expect(text).not.toContain((await squadByOrder(db(), 3)).name); // yesterday's
      expect(text).not.toContain('13800000000');
    }
    expect(await cardsTo('经贸局局长')).toEqual([]); // captains are not the office
  });

  it('runs once a day: a second run (or a catch-up) of the same day sends nothing new', async () => {
    const again = await sendDailyReportSummary(bot.deps, evening('2018-06-26'));
    expect(again.messages).toBe(0);
    const slot = await fireSlot(bot.deps, findJob('daily-reports')!, evening('2018-06-26'), 'instance-a');
    expect(slot.ran).toBe(true);
    await bot.flush();
    expect(await cardsTo('招商局局长')).toHaveLength(1);
  });

  it('a day without submissions sends no card', async () => {
    const r = await sendDailyReportSummary(bot.deps, evening('2018-06-28'));
    expect(r.messages).toBe(0);
  });
});

describe('/reports', () => {
  it('lists every squad’s report of the month with its state, a button on those that exist', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf('招商局局长'), '/reports 2018-06');
    const text = JSON.stringify(card);
    expect(card.header.title.content).toContain('2018年6月');
    const squads = await db().squad.findMany({ where: { active: true } });
    for (const s of squads) expect(text).toContain(s.name);
    expect(text).toContain('已提交 **2**');
    expect(text).toContain('草稿 **1**');
    expect(text).toContain(`未提交 **${squads.length - 3}**`);
    const s4 = await squadByOrder(db(), 4);
    expect(buttonValue(card, `open_${s4.id}_201806`)).toEqual({
      action: 'reports.open',
      squadId: s4.id,
      month: '2018-06',
    });
    const s5 = await squadByOrder(db(), 5);
    expect(fieldOf(card, `open_${s5.id}_201806`)).toBeUndefined();
  });

  it('查看 opens the report read-only for the office (no edit button), phones only in the 1:1 chat', async () => {
    const s4 = await squadByOrder(db(), 4);
    const res = await tap('招商局局长', { action: 'reports.open', squadId: s4.id, month: '2018-06' });
    const text = JSON.stringify(res.card!.data);
    expect(text).toContain('羽绒价格回升');
    // read-only: the one button goes back to the month's list
    const buttons = text.match(/"tag":"button"/g) ?? [];
    expect(buttons).toHaveLength(1);
    expect(fieldOf(res.card!.data, 'reports_back').behaviors[0].value).toEqual({
      action: 'reports.open',
      month: '2018-06',
      list: true,
    });
    expect(text).not.toContain('report_edit');
    expect(text).toContain('13800000000');
    const back = await tap('招商局局长', { action: 'reports.open', month: '2018-06', list: true });
    expect(back.card!.data.header.title.content).toContain('月度汇报一览');
    const inGroup = await bot.card(
      cardCallback({
        openId: await bot.openIdOf('招商局局长'),
        name: 'submit',
        value: { action: 'reports.open', squadId: s4.id, month: '2018-06' },
        messageId: `om_rep_${seq++}`,
        chatId: 'oc_some_group',
      }),
    );
    expect(JSON.stringify(inGroup.body.card.data)).not.toContain('13800000000');
  });

  it('other months by argument; bad months get the format', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf('招商局局长'), '/reports 2018-5');
    expect(JSON.stringify(card)).toContain('逾期提交 **1**');
    const bad = await commandCard(bot, await bot.openIdOf('招商局局长'), '/reports 2018-13');
    expect(JSON.stringify(bad.card)).toContain('请写成 2018-06');
  });

  it('a member is refused the list, and a forged 查看 of another squad’s report', async () => {
    const openId = await bot.openIdOf('市政局四分队队员');
    const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/reports', {
      openId,
      chatId: `oc_p2p_${openId}`,
    });
    await bot.event(ev);
    const row = await db().outbox.findUniqueOrThrow({ where: { dedupKey: `reply:${ev.event.message.message_id}` } });
    expect(JSON.parse(row.content).text).toContain('只给区招商局');
    const s1 = await squadByOrder(db(), 1);
    const res = await tap('市政局四分队队员', { action: 'reports.open', squadId: s1.id, month: '2018-05' });
    expect(res.toast?.type).toBe('error');
    expect(res.card).toBeUndefined();
    const list = await tap('市政局四分队队员', { action: 'reports.open', month: '2018-06', list: true });
    expect(list.toast?.content).toContain('只给区招商局');
    expect(list.card).toBeUndefined();
    // a member reading their own squad's report gets no button back to a list they may not see
    const own = await tap('市政局四分队队员', {
      action: 'reports.open',
      squadId: (await squadByOrder(db(), 4)).id,
      month: '2018-06',
    });
    expect(fieldOf(own.card!.data, 'reports_back')).toBeUndefined();
  });
});
