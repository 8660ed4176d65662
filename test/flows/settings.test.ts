import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { loadBulletinInputs } from '../../src/db/bulletins.js';
import { reportCloseDay } from '../../src/db/monthly-reports.js';
import { findJob } from '../../src/jobs/index.js';
import { startScheduler } from '../../src/jobs/scheduler.js';
import { quarterOfDate } from '../../src/domain/periods.js';
import { askPrivately } from '../helpers/ask.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandCard, fieldOf } from '../helpers/cards.js';

// /settings through the real bot: an office admin changes a group on its card, the change is a new
// version with who and when, audited, and read by the next use (no restart); everyone else is refused
// and nothing is stored.

let bot: TestBot;
const clock = new FixedClock(new Date('2018-06-20T01:00:00Z')); // 09:00 in Asia/Shanghai
const db = () => bot.database.prisma;
let seq = 0;

beforeAll(async () => {
  bot = await startTestBot({}, { clock });
});
afterAll(() => bot?.close());

async function say(name: string, text: string): Promise<any> {
  return JSON.parse(await askPrivately(bot, await bot.openIdOf(name), text));
}

async function tap(name: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) {
  const res = await bot.card(
    cardCallback({
      openId: await bot.openIdOf(name),
      name: 'settings_save',
      value,
      formValue,
      messageId: `om_set_${seq++}`,
    }),
  );
  expect(res.status).toBe(200);
  return res.body as { toast?: { type: string; content: string }; card?: { data: any } };
}

/** The form of a group as the card shows it, with some inputs changed. */
async function groupForm(group: string, changes: Record<string, string>): Promise<Record<string, string>> {
  const opened = await tap('招商局局长', { action: 'settings.open', group });
  const form: Record<string, string> = {};
  const walk = (els: any[]) => {
    for (const e of els ?? []) {
      if (e.tag === 'input') form[e.name] = e.default_value;
      walk(e.elements);
    }
  };
  walk(opened.card!.data.body.elements);
  return { ...form, ...changes };
}

const versions = () => db().setting.count();

describe('who may use /settings', () => {
  it('a captain, a member and the office staff (not admins) are refused with the reason', async () => {
    for (const who of ['经贸局局长', '市政局四分队队员', '领导小组办公室工作人员', '曾健清']) {
      const said = await say(who, '/settings');
      expect(said.text, who).toContain('只有办公室管理员');
    }
    expect((await say('市政局四分队队员', '/settings history')).text).toContain('只有办公室管理员');
  });

  it('a forged save from a member (a callback never shown to them) stores nothing', async () => {
    const before = await versions();
    const form = await groupForm('review', { threshold: '1' });
    for (const who of ['市政局四分队队员', '经贸局局长', '领导小组办公室工作人员']) {
      const res = await tap(who, { action: 'settings.save', group: 'review' }, form);
      expect(res.toast?.type, who).toBe('error');
      expect(res.toast?.content).toContain('只有办公室管理员');
      expect(res.card).toBeUndefined();
      const opened = await tap(who, { action: 'settings.open', group: 'review' });
      expect(opened.toast?.type).toBe('error');
    }
    expect(await versions()).toBe(before);
    expect(await db().auditLog.count({ where: { action: 'setting.change' } })).toBe(0);
  });

  it('an office admin gets the overview with a card per group', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf('招商局局长'), '/settings');
    expect(card.header.title.content).toContain('系统设置');
    for (const g of ['report', 'review', 'bulletin', 'jobs'])
      expect(buttonValue(card, `open_${g}`)).toEqual({ action: 'settings.open', group: g });
    const text = JSON.stringify(card);
    expect(text).toContain('10000'); // review threshold default
    expect(text).toContain('0 9 &#42; &#42; &#42;'); // a cron, escaped for markdown
  });
});

describe('bad values are refused on the card, nothing stored', () => {
  it.each([
    ['weights that do not add up to 100', 'bulletin', { w_trips: '30' }, 'w_signedProjects', '合计应为 100'],
    ['a negative weight', 'bulletin', { w_leads: '-5' }, 'w_leads', '应在 0–100 之间'],
    ['a weight that is not a number', 'bulletin', { w_visits: '很多' }, 'w_visits', '请填写数字'],
    ['a reminder day after the 27th', 'report', { report_days: '20,30' }, 'report_days', '1–27'],
    ['a close day of 0', 'report', { close_day: '0' }, 'close_day', '应在 1–28 之间'],
    [
      'a job time croner cannot read',
      'jobs',
      { cron_task_warnings: '99 9 * * *' },
      'cron_task_warnings',
      '不是有效的 cron',
    ],
    ['a key-project limit longer than the normal one', 'review', { key_days: '9' }, 'key_days', '不能长于'],
  ])('%s', async (_, group, change, field, says) => {
    const before = await versions();
    const form = await groupForm(group, change);
    const res = await tap('招商局局长', { action: 'settings.save', group }, form);
    expect(res.toast?.type).toBe('error');
    expect(res.toast?.content).toContain(says);
    // the card comes back with what was typed and a red line under the bad input
    const input = fieldOf(res.card!.data, field);
    expect(input.default_value).toBe(form[field]);
    expect(JSON.stringify(res.card!.data)).toContain(`<font color='red'>`);
    expect(await versions()).toBe(before);
  });
});

describe('a change is versioned, audited and in force at once', () => {
  it('the close day: a new version with who and when, an audit row, read at the next use', async () => {
    expect(await reportCloseDay(db())).toBe(5);
    const res = await tap(
      '招商局局长',
      { action: 'settings.save', group: 'report' },
      await groupForm('report', { close_day: '8' }),
    );
    expect(res.toast?.type).toBe('success');
    expect(res.toast?.content).toContain('已保存');
    expect(fieldOf(res.card!.data, 'close_day').default_value).toBe('8');
    expect(await reportCloseDay(db())).toBe(8);
    const admin = await db().person.findFirstOrThrow({ where: { name: '招商局局长' } });
    const row = await db().setting.findFirstOrThrow({
      where: { key: 'report.closeDay' },
      orderBy: { version: 'desc' },
    });
    expect(row).toMatchObject({ version: 1, value: '8', changedBy: admin.id });
    expect(row.createdAt.toISOString()).toBe(clock.now().toISOString());
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: 'setting.change', entityId: 'report.closeDay' },
    });
    expect(audit.actorId).toBe(admin.id);
    // saving the same values again adds nothing
    const again = await tap('招商局局长', { action: 'settings.save', group: 'report' }, await groupForm('report', {}));
    expect(again.toast?.content).toContain('没有改动');
    expect(await db().setting.count({ where: { key: 'report.closeDay' } })).toBe(1);
  });

  it('the weights: the next ranking reads them', async () => {
    const form = await groupForm('bulletin', { w_signedProjects: '10', w_trips: '15' });
    const res = await tap('招商局局长', { action: 'settings.save', group: 'bulletin' }, form);
    expect(res.toast?.type, res.toast?.content).toBe('success');
    const { weights } = await loadBulletinInputs(db(), quarterOfDate('2018-06-20'), '2018-06-20');
    expect(weights.signedProjects).toBe(10);
    expect(weights.trips).toBe(15);
  });

  it('a job time: the running scheduler picks it up at its next look, no restart', async () => {
    const ran: string[] = [];
    const job = {
      ...findJob('task-warnings')!,
      run: async (_: unknown, now: Date) => {
        ran.push(now.toISOString());
        return { summary: 'ok' };
      },
    };
    const scheduler = await startScheduler(bot.deps, { jobs: [job], holder: 'settings-test' });
    try {
      await scheduler.check();
      expect(scheduler.patterns()['task-warnings']).toBe('30 9 * * *');
      expect(ran).toEqual([]); // 09:00 now: the default 09:30 slot has not come
      const form = await groupForm('jobs', { cron_task_warnings: '0 8 * * *' });
      const res = await tap('招商局局长', { action: 'settings.save', group: 'jobs' }, form);
      expect(res.toast?.type, res.toast?.content).toBe('success');
      await scheduler.check();
      expect(scheduler.patterns()['task-warnings']).toBe('0 8 * * *');
      expect(ran).toEqual(['2018-06-20T00:00:00.000Z']); // today's 08:00 slot, caught up at once
    } finally {
      await scheduler.stop();
    }
  });

  it('/settings history lists the changes, newest first, with who made them', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf('招商局局长'), '/settings history');
    const rows = card.body.elements.find((e: any) => e.tag === 'table').rows;
    expect(rows[0].label).toBe('定时任务时间·项目限时事项预警（第 1 版）');
    expect(rows[0].change).toBe('30 9 * * * → 0 8 * * *');
    expect(rows.some((r: any) => r.change === '5 → 8' && r.by === '招商局局长')).toBe(true);
    expect(
      rows.some(
        (r: any) => r.label.startsWith('红黑榜评分·权重') && r.change === 'signedProjects 20 → 10，trips 5 → 15',
      ),
    ).toBe(true);
  });
});
