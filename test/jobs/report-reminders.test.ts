import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { runReportReminders } from '../../src/jobs/report-reminders.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { squadByOrder } from '../helpers/district.js';

// A month of monthly-report reminders with a fixed clock: the set days before the 28th, the
// escalation on the 28th and three days later (July 1), and the next month's reminders.

let bot: TestBot;
const clock = new FixedClock(new Date('2018-06-01T01:00:00Z'));
const at = (day: string) => new Date(`${day}T09:00:00+08:00`);
const texts = async (name: string) =>
  bot.sb.messagesTo(await bot.openIdOf(name)).map((m) => (m.content as { text?: string }).text ?? '');
const run = async (day: string) => {
  clock.set(at(day));
  const r = await runReportReminders(bot.deps, at(day));
  await bot.flush();
  return r;
};

beforeAll(async () => {
  bot = await startTestBot({}, { clock });
  const db = bot.database.prisma;
  const s4 = await squadByOrder(db, 4);
  const muge = await squadByOrder(db, 14);
  await db.monthlyReport.create({
    data: { squadId: s4.id, month: '2018-06', status: 'SUBMITTED', submittedAt: at('2018-06-10') },
  });
  await db.monthlyReport.create({
    data: { squadId: (await squadByOrder(db, 1)).id, month: '2018-06', status: 'DRAFT' },
  });
  await db.exemption.create({
    data: { squadId: muge.id, fromDate: '2018-06-01', toDate: '2018-06-30', reason: '本月无外出' },
  });
  const onLeave = await db.person.findFirstOrThrow({ where: { name: '林业局局长' } });
  await db.exemption.create({
    data: { personId: onLeave.id, fromDate: '2018-06-18', toDate: '2018-06-22', reason: '休假' },
  });
});
afterAll(() => bot?.close());

describe('monthly report reminders', () => {
  it('sends nothing on a day that is no reminder day', async () => {
    const r = await run('2018-06-19');
    expect(r.messages).toBe(0);
    expect(bot.sb.state.messages).toHaveLength(0);
  });

  it('on the 20th reminds, in one batch, the captains of squads that have not submitted', async () => {
    const r = await run('2018-06-20');
    expect(r.messages).toBe(1);
    expect(bot.sb.callCount('/open-apis/message/v4/batch_send')).toBe(1);
    expect((await texts('招商局局长'))[0]).toContain('6月招商工作情况汇报须在6月28日前报送');
    expect(await texts('发改局局长')).toHaveLength(1);
    expect(await texts('经贸局局长')).toEqual([]); // squad 4 submitted
    expect(await texts('木格镇镇长')).toEqual([]); // exempt (免报)
    expect(await texts('林业局局长')).toEqual([]); // on leave
    expect(await texts('市政局四分队队员')).toEqual([]); // members are not on the default ladder
  });

  it('running the same day twice reminds nobody twice', async () => {
    const before = bot.sb.state.messages.length;
    const r = await run('2018-06-20');
    expect(r.messages).toBe(0);
    expect(bot.sb.state.messages.length).toBe(before);
    expect(await texts('招商局局长')).toHaveLength(1);
  });

  it('on the 25th skips a squad that submitted in between', async () => {
    await bot.database.prisma.monthlyReport.updateMany({
      where: { month: '2018-06', status: 'DRAFT' },
      data: { status: 'SUBMITTED', submittedAt: at('2018-06-24') },
    });
    await run('2018-06-25');
    expect(await texts('招商局局长')).toHaveLength(1);
    expect((await texts('发改局局长')).at(-1)).toContain('还剩 3 天');
    expect(await texts('林业局局长')).toHaveLength(1); // back from leave
  });

  it('on the 28th: captains told they are late, leaders get their squads, the office the three buckets', async () => {
    const r = await run('2018-06-28');
    expect((await texts('发改局局长')).at(-1)).toContain('已过截止日');
    // 俸振江 leads squads 1 (submitted) and 3 (missing)
    const leader = (await texts('俸振江')).at(-1)!;
    expect(leader).toContain('机械制造、电子信息产业招商小分队');
    expect(leader).not.toContain('重大项目');
    expect(await texts('马明')).toEqual([]); // his squads: submitted and exempt
    const office = (await texts('领导小组办公室工作人员')).at(-1)!;
    expect(office).toMatch(/未报送（12）/);
    expect(office).toContain('按时报送（2）：重大项目招商谈判小分队、纺织和羽绒产业招商小分队');
    expect(office).toContain('免报（1）：木格镇招商小分队');
    expect(r.summary).toContain('12 个小分队未报');
  });

  it('a late submission after the 28th is no longer missing on July 1 (second step, over the month end)', async () => {
    const s3 = await squadByOrder(bot.database.prisma, 3);
    await bot.database.prisma.monthlyReport.create({
      data: { squadId: s3.id, month: '2018-06', status: 'SUBMITTED', late: true, submittedAt: at('2018-06-29') },
    });
    const before = (await texts('发改局局长')).length;
    const r = await run('2018-07-01');
    expect(r.summary).toContain('2018-06 第2步：11 个小分队未报');
    expect(await texts('发改局局长')).toHaveLength(before); // step 2 goes to leaders and the office only
    expect(await texts('俸振江')).toHaveLength(1); // squad 3 is no longer missing
    const office = (await texts('招商局局长')).at(-1)!;
    expect(office).toContain('截止后第 3 天');
    expect(office).toContain('逾期补报（1）：机械制造、电子信息产业招商小分队');
  });

  it('in July the squads are reminded about July, whatever they did in June', async () => {
    await run('2018-07-20');
    expect((await texts('经贸局局长')).at(-1)).toContain('7月招商工作情况汇报');
    expect((await texts('木格镇镇长')).at(-1)).toContain('7月'); // June's exemption is over
  });
});
