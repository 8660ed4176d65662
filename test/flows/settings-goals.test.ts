import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { loadDistrictGoals } from '../../src/db/quotas.js';
import { askPrivately } from '../helpers/ask.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandCard, fieldOf, textOf } from '../helpers/cards.js';

// /settings 目标 through the real bot: an office admin sets the year's district goals on the card,
// /quota shows them at once and /settings history lists each change; a bad value comes back on the
// card with what was typed and nothing is stored; anyone else's callback is refused.

let bot: TestBot;
const clock = new FixedClock(new Date('2018-06-20T01:00:00Z'));
const db = () => bot.database.prisma;
let seq = 0;

beforeAll(async () => {
  bot = await startTestBot({}, { clock });
  seeded = await loadDistrictGoals(bot.database.prisma, 2018);
});
afterAll(() => bot?.close());

async function say(name: string, text: string): Promise<any> {
  return JSON.parse(await askPrivately(bot, await bot.openIdOf(name), text));
}

async function tap(name: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) {
  const res = await bot.card(
    cardCallback({
      openId: await bot.openIdOf(name),
      name: 'goals_save',
      value,
      formValue,
      messageId: `om_goal_${seq++}`,
    }),
  );
  expect(res.status).toBe(200);
  return res.body as { toast?: { type: string; content: string }; card?: { data: any } };
}

/** The inputs of a goals card as it shows them, with some changed. */
function formOf(card: any, changes: Record<string, string> = {}): Record<string, string> {
  const form: Record<string, string> = {};
  const walk = (els: any[]) => {
    for (const e of els ?? []) {
      if (e.tag === 'input') form[e.name] = e.default_value;
      walk(e.elements);
    }
  };
  walk(card.body.elements);
  return { ...form, ...changes };
}

const admin = '招商局局长';
/** The 2018 goals the test district starts with (the plan's own). */
let seeded: { metric: string; target: number }[];
const goalAudits = () => db().auditLog.count({ where: { action: 'goal.set' } });

describe('/settings 目标', () => {
  it('the overview has a 全区目标 block for this year whose button opens the form', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf(admin), '/settings');
    expect(buttonValue(card, 'open_goals')).toEqual({ action: 'settings.goals', year: 2018 });
    expect(textOf(card)).toContain('全区目标（2018 年）');
    const opened = await tap(admin, { action: 'settings.goals', year: 2018 });
    expect(opened.card!.data.header.title.content).toBe('系统设置 · 全区目标 2018');
    const funds = seeded.find((g) => g.metric === 'FUNDS_IN_PLACE')!.target;
    expect(fieldOf(opened.card!.data, 'goal_FUNDS_IN_PLACE').default_value).toBe(String(funds));
    expect(fieldOf(opened.card!.data, 'rate_2015').default_value).toBe('80');
    expect(fieldOf(opened.card!.data, 'rate_2015')).toBeDefined();
    expect(fieldOf(opened.card!.data, 'rate_2017')).toBeDefined();
  });

  it('a member, a captain and the office staff are refused, by command and by forged callback; nothing stored', async () => {
    for (const who of ['市政局四分队队员', '经贸局局长', '领导小组办公室工作人员']) {
      expect((await say(who, '/settings 目标')).text, who).toContain('只有办公室管理员');
      for (const action of ['settings.goals', 'settings.goals.save']) {
        const res = await tap(who, { action, year: 2018 }, { goal_FUNDS_IN_PLACE: '1' });
        expect(res.toast?.type, `${who} ${action}`).toBe('error');
        expect(res.toast?.content).toContain('只有办公室管理员');
        expect(res.card).toBeUndefined();
      }
    }
    expect(await loadDistrictGoals(db(), 2018)).toEqual(seeded);
    expect(await goalAudits()).toBe(0);
  });

  it('a bad value keeps the form as typed with the reason; no goal of the form is stored', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf(admin), '/settings 目标 2018');
    for (const [field, value, says] of [
      ['goal_SIGNED_PROJECTS', '7.5', '应为整数'],
      ['rate_2015', '180', '0–100'],
      ['goal_LEADS', '很多', '请填写数字'],
      ['goal_FUNDS_IN_PLACE', '-3', '不小于 0'],
    ] as const) {
      // a good value next to the bad one: not stored either
      const form = formOf(card, { goal_FOREIGN_CAPITAL_USD: '5000', [field]: value });
      const res = await tap(admin, { action: 'settings.goals.save', year: 2018 }, form);
      expect(res.toast?.type, field).toBe('error');
      expect(res.toast?.content).toContain(says);
      expect(fieldOf(res.card!.data, field).default_value).toBe(value);
      expect(fieldOf(res.card!.data, 'goal_FOREIGN_CAPITAL_USD').default_value).toBe('5000');
      expect(JSON.stringify(res.card!.data)).toContain(`<font color='red'>`);
    }
    expect(await loadDistrictGoals(db(), 2018)).toEqual(seeded);
    expect(await goalAudits()).toBe(0);
  });

  it('an office admin sets goals: stored together, audited, shown by /quota and /settings history', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf(admin), '/settings 目标');
    const form = formOf(card, { goal_FUNDS_IN_PLACE: '850000', goal_SIGNED_PROJECTS: '30', rate_2015: '85' });
    const res = await tap(admin, { action: 'settings.goals.save', year: 2018 }, form);
    expect(res.toast?.type, res.toast?.content).toBe('success');
    expect(res.toast?.content).toContain('2015年签约项目开工率 85%');
    expect(fieldOf(res.card!.data, 'rate_2015').default_value).toBe('85');
    const changed = { COMMENCEMENT_RATE_2015: 0.85, FUNDS_IN_PLACE: 850000, SIGNED_PROJECTS: 30 } as Record<
      string,
      number
    >;
    expect(await loadDistrictGoals(db(), 2018)).toEqual(
      seeded.map((g) => ({ metric: g.metric, target: changed[g.metric] ?? g.target })),
    );
    const person = await db().person.findFirstOrThrow({ where: { name: admin } });
    const audits = await db().auditLog.findMany({ where: { action: 'goal.set' } });
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.actorId === person.id && a.at.getTime() === clock.now().getTime())).toBe(true);

    const quota = await commandCard(bot, await bot.openIdOf(admin), '/quota 2018');
    const text = textOf(quota.card);
    expect(text).toContain('全区目标');
    expect(text).toContain('2015年签约项目开工率 ≥ 85%');
    expect(text).toMatch(/到位资金：[^\n]*85/);

    // removing one and changing one: the history lists both, newest first
    clock.set(new Date('2018-06-20T02:00:00Z'));
    const again = await tap(
      admin,
      { action: 'settings.goals.save', year: 2018 },
      formOf(res.card!.data, { goal_SIGNED_PROJECTS: '', goal_FUNDS_IN_PLACE: '900000' }),
    );
    expect(again.toast?.type, again.toast?.content).toBe('success');
    const now = await loadDistrictGoals(db(), 2018);
    expect(now.map((g) => g.metric)).not.toContain('SIGNED_PROJECTS');
    expect(now.find((g) => g.metric === 'FUNDS_IN_PLACE')?.target).toBe(900000);
    const unchanged = await tap(admin, { action: 'settings.goals.save', year: 2018 }, formOf(again.card!.data));
    expect(unchanged.toast?.content).toContain('没有改动');

    const history = await commandCard(bot, await bot.openIdOf(admin), '/settings history');
    const rows = history.card.body.elements.find((e: any) => e.tag === 'table').rows;
    expect(
      rows
        .slice(0, 2)
        .map((r: any) => `${r.label} ${r.change}`)
        .sort(),
    ).toEqual(['全区目标·2018年到位资金 850000 万元 → 900000 万元', '全区目标·2018年新签约亿元以上项目 30 个 → 未设']);
    expect(rows[0].by).toBe(admin);
    expect(rows.some((r: any) => r.change === '80% → 85%')).toBe(true);
  });

  it('another year by argument; a bad year is explained', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf(admin), '/settings 目标 2019');
    expect(card.header.title.content).toContain('2019');
    expect(fieldOf(card, 'rate_2018')).toBeDefined();
    expect(JSON.stringify(await say(admin, '/settings 目标 明年'))).toContain('年份写四位数字');
  });
});
