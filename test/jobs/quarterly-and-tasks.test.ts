import { validateCardCharts } from '../../src/cards/shared/charts.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { runQuarterlyBulletin } from '../../src/jobs/quarterly-bulletin.js';
import { findJob } from '../../src/jobs/index.js';
import { fireSlot } from '../../src/jobs/scheduler.js';
import { runTaskWarnings } from '../../src/jobs/task-warnings.js';
import { LEADERSHIP_CHAT_ID } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { seedActivity } from '../helpers/district.js';
import { fixture, newEventId } from '../helpers/feishu.js';

let bot: TestBot;
const clock = new FixedClock(new Date('2018-06-20T01:00:00Z'));
const at = (day: string) => new Date(`${day}T09:00:00+08:00`);
const texts = async (name: string) => bot.sb.messagesTo(await bot.openIdOf(name)).map((m) => JSON.stringify(m.content));

beforeAll(async () => {
  bot = await startTestBot({}, { clock });
  await seedActivity(bot.database.prisma);
});
afterAll(() => bot?.close());

function publishTap(openId: string, period: string) {
  const cb = fixture('callbacks/card.action.trigger.button.json');
  cb.header.event_id = newEventId();
  cb.event.operator.open_id = openId;
  cb.event.action.value = { action: 'bulletin.publish', period };
  return cb;
}

describe('project task warnings', () => {
  it('warns the helper and the squad captain before the due date and when overdue; closed tasks never', async () => {
    const r = await runTaskWarnings(bot.deps, at('2018-06-15'));
    await bot.flush();
    expect(r.messages).toBe(2); // 办理施工许可: overdue 14 days (step 14); 水电接入: due tomorrow
    for (const who of ['帮办中心专员', '经贸局局长']) {
      const got = await texts(who);
      expect(got.some((t) => t.includes('超时预警') && t.includes('办理施工许可') && t.includes('14 天'))).toBe(true);
      expect(got.some((t) => t.includes('限时办结提醒') && t.includes('水电接入'))).toBe(true);
      expect(got.some((t) => t.includes('已办结事项'))).toBe(false);
    }
    expect(await texts('市政局四分队队员')).toEqual([]);
  });

  it('runs again the same day or the next without repeating; the next overdue step warns again', async () => {
    expect((await runTaskWarnings(bot.deps, at('2018-06-15'))).messages).toBe(0);
    expect((await runTaskWarnings(bot.deps, at('2018-06-16'))).messages).toBe(0);
    await bot.database.prisma.projectTask.updateMany({ where: { title: '水电接入' }, data: { status: 'DONE' } });
    const r = await runTaskWarnings(bot.deps, at('2018-07-01')); // 办理施工许可 30 days over: the day-30 step
    expect(r.messages).toBe(1);
  });

  it('a key project’s overdue task goes straight to the squad’s responsible leaders too', async () => {
    await bot.flush();
    const leaderTexts = async () => (await texts('马明')).filter((t) => t.includes('超时预警'));
    expect(await leaderTexts()).toEqual([]); // ordinary projects' overdue tasks stay with helper and captain
    const task = await bot.database.prisma.projectTask.findFirstOrThrow({ where: { title: '办理施工许可' } });
    await bot.database.prisma.project.update({ where: { id: task.projectId }, data: { isKey: true } });
    await bot.database.prisma.projectTask.create({
      data: { projectId: task.projectId, title: '用地规划许可', dueOn: '2018-07-01' },
    });
    expect((await runTaskWarnings(bot.deps, at('2018-07-02'))).messages).toBe(1);
    await bot.flush();
    const got = await leaderTexts();
    expect(got).toHaveLength(1);
    expect(got[0]).toContain('重点项目');
    expect(got[0]).toContain('用地规划许可');
  });
});

describe('project task warnings reach the person the task is assigned to', () => {
  it('the assignee (a member, neither helper nor captain) gets the warning too', async () => {
    const member = await bot.database.prisma.person.findFirstOrThrow({ where: { name: '市政局四分队队员' } });
    const task = await bot.database.prisma.projectTask.findFirstOrThrow({ where: { title: '办理施工许可' } });
    await bot.database.prisma.projectTask.create({
      data: { projectId: task.projectId, title: '环评批复', dueOn: '2018-09-10', assigneeId: member.id },
    });
    await runTaskWarnings(bot.deps, at('2018-09-09'));
    await bot.flush();
    const got = await texts('市政局四分队队员');
    expect(got.some((t) => t.includes('限时办结提醒') && t.includes('环评批复'))).toBe(true);
    expect(got.some((t) => t.includes('办理施工许可'))).toBe(false);
  });
});

describe('quarterly digest and red/black list', () => {
  it('sends the digest to the leadership chat and the draft to the office, once', async () => {
    const r = await runQuarterlyBulletin(bot.deps, at('2018-06-20'));
    await bot.flush();
    expect(r.summary).toContain('2018Q2');
    const digest = bot.sb.messagesTo(LEADERSHIP_CHAT_ID);
    expect(digest).toHaveLength(1);
    // Places are within each kind's own list: 7 industry squads, 8 towns.
    expect(JSON.stringify(digest[0]!.content)).toContain('纺织和羽绒产业招商小分队** · 第 1/7 名');
    expect(JSON.stringify(digest[0]!.content)).toContain('瓦塘镇招商小分队** · 第 8/8 名');
    const row = await bot.database.prisma.bulletin.findUniqueOrThrow({ where: { period: '2018Q2' } });
    expect(row.status).toBe('DRAFT');
    const stored = JSON.parse(row.content);
    expect(stored.sections.map((s: { label: string; ranking: unknown[] }) => [s.label, s.ranking.length])).toEqual([
      ['产业招商小分队', 7],
      ['镇（街道办）', 8],
    ]);
    const review = bot.sb.lastCardTo(await bot.openIdOf('招商局局长'));
    expect(JSON.stringify(review)).toContain('bulletin.publish');
    expect(JSON.stringify(review)).toContain('草稿');
    expect(JSON.stringify(review)).toContain('### 镇（街道办）');
    // twice: nothing new
    await runQuarterlyBulletin(bot.deps, at('2018-06-20'));
    await bot.flush();
    expect(bot.sb.messagesTo(LEADERSHIP_CHAT_ID)).toHaveLength(1);
  });

  it('only the office may publish', async () => {
    const res = await bot.card(publishTap(await bot.openIdOf('曾健清'), '2018Q2'));
    expect(res.body.toast.type).toBe('error');
    expect((await bot.database.prisma.bulletin.findUniqueOrThrow({ where: { period: '2018Q2' } })).status).toBe(
      'DRAFT',
    );
  });

  it('publishing posts the bulletin to the leadership chat once, however often it is tapped', async () => {
    const office = await bot.openIdOf('招商局局长');
    const first = await bot.card(publishTap(office, '2018Q2'));
    expect(first.body.toast.content).toContain('已发布');
    expect(JSON.stringify(first.body.card)).not.toContain('bulletin.publish');
    const again = await bot.card(publishTap(await bot.openIdOf('领导小组办公室工作人员'), '2018Q2'));
    expect(again.body.toast.content).toContain('已经发布');
    await bot.flush();
    const posted = bot.sb
      .messagesTo(LEADERSHIP_CHAT_ID)
      .filter((m) => JSON.stringify(m.content).includes('招商引资红黑榜'));
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]!.content)).toContain('已发布');
    // the ranking also as bars of the score, valid for Feishu's chart element
    expect(validateCardCharts(posted[0]!.content)).toEqual([]);
    const chart = (posted[0]!.content as any).body.elements.find((e: any) => e.tag === 'chart');
    expect(chart.chart_spec.type).toBe('bar');
    // a later run of the job leaves the published bulletin alone
    const r = await runQuarterlyBulletin(bot.deps, at('2018-06-21'));
    expect(r.summary).toContain('已发布，未改动');
  });
});

describe('scheduler slots', () => {
  it('a slot fires once across instances: the second claim of the same slot runs nothing', async () => {
    const job = findJob('task-warnings')!;
    const slot = at('2018-08-01');
    const [a, b] = await Promise.all([
      fireSlot(bot.deps, job, slot, 'instance-a'),
      fireSlot(bot.deps, job, slot, 'instance-b'),
    ]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    const run = await bot.database.prisma.jobRun.findUniqueOrThrow({
      where: { key: `task-warnings:${slot.toISOString()}` },
    });
    expect(run.status).toBe('DONE');
  });
});
