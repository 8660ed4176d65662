import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { findJob } from '../../src/jobs/index.js';
import { runCorrectionWarnings } from '../../src/jobs/correction-warnings.js';
import { runTaskWarnings } from '../../src/jobs/task-warnings.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { squadByOrder } from '../helpers/district.js';

// 督查整改 warnings: before the due date and at each overdue step, to the owner, the squad's captain
// and the inspector who recorded it; overdue ones to the responsible leaders too; closed ones never.

let bot: TestBot;
const at = (day: string) => new Date(`${day}T09:40:00+08:00`);
const db = () => bot.database.prisma;
const texts = async (name: string) => bot.sb.messagesTo(await bot.openIdOf(name)).map((m) => JSON.stringify(m.content));
const person = (name: string) => db().person.findFirstOrThrow({ where: { name } });

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-20T01:00:00Z')) });
  const squad = await squadByOrder(db(), 4);
  await db().inspection.create({
    data: {
      requestKey: 'test:inspection',
      squadId: squad.id,
      period: '2018Q2',
      inspectedOn: '2018-06-10',
      checked: '台账',
      findings: '台账不全',
      rating: 'POOR',
      createdById: (await person('督查室专员')).id,
      corrections: {
        create: [
          { title: '补齐台账', ownerId: (await person('市政局四分队队员')).id, dueOn: '2018-06-22' },
          {
            title: '已整改的事项',
            ownerId: (await person('市政局四分队队员')).id,
            dueOn: '2018-06-22',
            status: 'DONE',
          },
        ],
      },
    },
  });
});
afterAll(() => bot?.close());

describe('correction warnings', () => {
  it('is a scheduled job of its own', () => {
    expect(findJob('correction-warnings')?.label).toBe('督查整改事项预警');
  });

  it('warns the owner, the captain and the inspector before the due date; not the leaders; closed ones never', async () => {
    const r = await runCorrectionWarnings(bot.deps, at('2018-06-20'));
    await bot.flush();
    expect(r.messages).toBe(1);
    for (const who of ['市政局四分队队员', '经贸局局长', '督查室专员']) {
      const got = await texts(who);
      expect(got.some((t) => t.includes('督查整改提醒') && t.includes('补齐台账') && t.includes('还剩 2 天'))).toBe(
        true,
      );
      expect(got.some((t) => t.includes('已整改的事项'))).toBe(false);
    }
    expect((await texts('马明')).filter((t) => t.includes('督查整改'))).toEqual([]);
    expect((await texts('交通局四分队队员')).filter((t) => t.includes('督查整改'))).toEqual([]);
  });

  it('does not repeat; an overdue step warns again, to the responsible leaders too', async () => {
    expect((await runCorrectionWarnings(bot.deps, at('2018-06-20'))).messages).toBe(0);
    expect((await runCorrectionWarnings(bot.deps, at('2018-06-21'))).messages).toBe(0);
    expect((await runCorrectionWarnings(bot.deps, at('2018-06-23'))).messages).toBe(1); // 1 day over
    await bot.flush();
    const got = (await texts('马明')).filter((t) => t.includes('督查整改超时'));
    expect(got).toHaveLength(1);
    expect(got[0]).toContain('已超过期限 1 天');
  });

  it('keys do not collide with a project task of the same id warned the same day', async () => {
    const c = await db().correction.findFirstOrThrow({ where: { title: '补齐台账' } });
    const squad = await squadByOrder(db(), 4);
    const project = await db().project.create({
      data: { name: '同号任务项目', squadId: squad.id, company: '同号公司' },
    });
    await db().projectTask.create({
      data: { id: c.id, projectId: project.id, title: '同号任务', dueOn: '2018-06-22' },
    });
    expect((await runTaskWarnings(bot.deps, at('2018-06-25'))).messages).toBe(1); // its day-3 step too
    expect((await runCorrectionWarnings(bot.deps, at('2018-06-25'))).messages).toBe(1); // the day-3 step
  });

  it('a closed correction is warned no more', async () => {
    await db().correction.updateMany({ where: { title: '补齐台账' }, data: { status: 'DONE' } });
    expect((await runCorrectionWarnings(bot.deps, at('2018-06-29'))).messages).toBe(0);
  });
});
