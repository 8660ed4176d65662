import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { seedCalendar } from '../../src/db/calendar.js';
import { warnReviewDeadlines } from '../../src/jobs/review-deadlines.js';
import { findJob } from '../../src/jobs/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { createProject, say, settle, startReviewAs } from './review-helpers.js';

const SQUAD = 'AGRI_TOURISM_LOGISTICS'; // responsible leaders 朱健 and 卓天高
const shanghai = (date: string) => new Date(`${date}T01:00:00Z`); // 09:00 in Shanghai

let bot: TestBot;
const db = () => bot.database.prisma;
const textsTo = async (name: string) =>
  bot.sb
    .messagesTo(await bot.openIdOf(name))
    .filter((m) => m.msg_type === 'text')
    .map((m) => (m.content as { text: string }).text);

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-09-28T02:00:00Z')) });
});
afterAll(async () => {
  await bot?.close();
});

describe('calendar data', () => {
  it('is loaded on start, and a second load adds nothing and keeps the office’s corrections', async () => {
    expect(await db().calendarDay.count()).toBeGreaterThan(100);
    expect(await db().calendarDay.findUnique({ where: { date: '2018-09-29' } })).toMatchObject({ kind: 'WORKDAY' });
    const reply = await say(bot, '招商局局长', '/calendar add 2018-10-08 放假 国庆补假（测试）');
    expect(reply.text).toContain('已记录：2018-10-08 放假');
    expect(await db().calendarDay.findUnique({ where: { date: '2018-10-08' } })).toMatchObject({ kind: 'HOLIDAY' });
    expect(await seedCalendar(db())).toBe(0);
    expect(await db().calendarDay.findUnique({ where: { date: '2018-10-08' } })).toMatchObject({ kind: 'HOLIDAY' });
    await say(bot, '招商局局长', '/calendar remove 2018-10-08');
    expect(await db().calendarDay.findUnique({ where: { date: '2018-10-08' } })).toBeNull();
    expect(await db().auditLog.count({ where: { entity: 'CalendarDay', entityId: '2018-10-08' } })).toBe(2);
  });

  it('only the office changes it', async () => {
    const reply = await say(bot, '农业局局长', '/calendar add 2018-10-09 放假');
    expect(reply.text).toContain('区招商局');
    expect(await db().calendarDay.findUnique({ where: { date: '2018-10-09' } })).toBeNull();
  });
});

describe('review time limits across 国庆 2018, and key projects', () => {
  let normal: number;
  let key: number;

  it('the office marks a project key with its one-enterprise-one-policy notes', async () => {
    normal = await createProject(bot, { name: '生态农业观光园', squadCode: SQUAD, investment: 12_000 });
    key = await createProject(bot, { name: '冷链物流中心', squadCode: SQUAD, investment: 30_000 });
    await say(bot, '农业局局长', `/key ${key} 我来标`);
    expect((await db().project.findUniqueOrThrow({ where: { id: key } })).isKey).toBe(false);
    await say(bot, '招商局局长', `/key ${key} 专人帮办，用地优先保障`);
    expect(await db().project.findUniqueOrThrow({ where: { id: key } })).toMatchObject({
      isKey: true,
      keyNotes: '专人帮办，用地优先保障',
    });
    expect(await db().auditLog.count({ where: { entity: 'Project', entityId: String(key), action: 'key.set' } })).toBe(
      1,
    );
  });

  it('started on Friday 2018-09-28: due 2018-10-10 (5 working days), a key project 2018-10-08 (3)', async () => {
    // An office admin leaves four of the plan's units out (with a reason), so two units are followed.
    const reason = '只涉及经贸、环保两项审查';
    expect((await startReviewAs(bot, '招商局局长', normal, ['ECON', 'EPB'], reason)).toast.type).toBe('success');
    expect((await startReviewAs(bot, '招商局局长', key, ['ECON', 'EPB'], reason)).toast.type).toBe('success');
    const due = async (projectId: number) =>
      (await db().reviewOpinion.findMany({ where: { review: { projectId } } })).map((o) => o.dueOn);
    expect(await due(normal)).toEqual(['2018-10-10', '2018-10-10']);
    expect(await due(key)).toEqual(['2018-10-08', '2018-10-08']);
    await settle(bot);
  });

  it('nothing is sent during the holiday', async () => {
    const r = await warnReviewDeadlines(bot.deps, shanghai('2018-10-05'));
    expect(r.messages).toBe(0);
  });

  it('on 2018-10-09 the normal project is due tomorrow, the key project overdue and escalated to leaders', async () => {
    const r = await warnReviewDeadlines(bot.deps, shanghai('2018-10-09'));
    expect(r.messages).toBeGreaterThan(0);
    await settle(bot);
    const econ = await textsTo('经贸局局长');
    expect(econ.some((t) => t.includes('到期提醒') && t.includes('生态农业观光园') && t.includes('2018-10-10'))).toBe(
      true,
    );
    expect(econ.some((t) => t.includes('超期') && t.includes('冷链物流中心') && t.includes('已超 1 个工作日'))).toBe(
      true,
    );
    const office = await textsTo('招商局局长');
    expect(office.filter((t) => t.startsWith('【联合预审超期】') && t.includes('冷链物流中心'))).toHaveLength(2); // 经贸局 and 环保局
    for (const leader of ['朱健', '卓天高']) {
      const t = await textsTo(leader);
      expect(
        t.filter((x) => x.includes('直报责任领导') && x.includes('冷链物流中心')),
        leader,
      ).toHaveLength(2);
      expect(
        t.some((x) => x.includes('生态农业观光园')),
        leader,
      ).toBe(false);
    }
    const history = await db().auditLog.findMany({
      where: { entity: 'Project', entityId: String(key), action: 'review.warning' },
    });
    expect(history).toHaveLength(2);
  });

  it('running the job again the same day (or the next) sends nothing twice', async () => {
    const before = await db().outbox.count();
    expect((await warnReviewDeadlines(bot.deps, shanghai('2018-10-09'))).messages).toBe(0);
    expect(await db().outbox.count()).toBe(before);
    // The next day the normal project is overdue (a new kind); the key project is not warned again.
    const overdueOf = async (projectId: number) => {
      const ids = (await db().reviewOpinion.findMany({ where: { review: { projectId } } })).map((o) => o.id);
      return db().outbox.count({
        where: { OR: ids.map((i) => ({ dedupKey: { startsWith: `review-deadline:${i}:OVERDUE:` } })) },
      });
    };
    const keyBefore = await overdueOf(key);
    expect(await overdueOf(normal)).toBe(0);
    expect((await warnReviewDeadlines(bot.deps, shanghai('2018-10-11'))).messages).toBeGreaterThan(0);
    expect(await overdueOf(normal)).toBeGreaterThan(0);
    expect(await overdueOf(key)).toBe(keyBefore);
    expect(
      await db().auditLog.count({ where: { entity: 'Project', entityId: String(key), action: 'review.warning' } }),
    ).toBe(2);
    await settle(bot);
  });

  it('is registered as the daily review-deadlines job', () => {
    expect(findJob('review-deadlines')?.cron).toBe('0 9 * * *');
  });
});

describe('/land', () => {
  it('records land needs and lists key projects still waiting, longest wait first', async () => {
    const mk = (name: string, isKey: boolean) =>
      createProject(bot, { name, squadCode: SQUAD, investment: 20_000, isKey });
    const a = await mk('木材加工园', true);
    const b = await mk('中药材基地', true);
    const c = await mk('已供地项目', true);
    const d = await mk('普通项目', false);
    await say(bot, '农业局局长', `/land set ${a} 120亩 已选址 2018-06-01 桥圩镇工业集中区`);
    await say(bot, '农业局局长', `/land set ${b} 80 已批地 2018-03-15`);
    await say(bot, '招商局局长', `/land set ${c} 50 已供地 2018-05-01`);
    await say(bot, '招商局局长', `/land set ${d} 30 未落实 2018-01-01`);
    // A member of another squad may not change it.
    await say(bot, '财政局一分队队员', `/land set ${a} 已供地`);
    expect(await db().project.findUniqueOrThrow({ where: { id: a } })).toMatchObject({
      landNeedMu: 120,
      landStatus: 'SITE_IDENTIFIED',
      landStatusOn: '2018-06-01',
      landLocation: '桥圩镇工业集中区',
    });
    const card = await say(bot, '招商局局长', '/land');
    const text = card.body.elements[0].content as string;
    const order = ['中药材基地', '木材加工园', '冷链物流中心'].map((n) => text.indexOf(n));
    expect(order.every((i) => i >= 0)).toBe(true);
    // 2018-03-15, 2018-06-01, then the review test's key project (recorded today)
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(text).not.toContain('已供地项目');
    expect(text).not.toContain('普通项目');
    expect(text).toContain('已等待 **197 天**'); // 2018-03-15 → 2018-09-28
  });
});
