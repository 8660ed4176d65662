import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { validateCardCharts } from '../../src/cards/shared/charts.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { seedActivity } from '../helpers/district.js';
import { fixture, withText } from '../helpers/feishu.js';

// Each query command's card for each role (office, group leader, responsible leader, captain,
// member), on a small district history (test/helpers/district.ts), at 2018-06-15 10:00 Beijing time.

const OFFICE = '招商局局长';
const GROUP_LEADER = '曾健清';
const LEADER = '马明'; // responsible leader of squad 4 (纺织和羽绒) and 木格镇
const CAPTAIN = '经贸局局长'; // captain of squad 4
const MEMBER = '市政局四分队队员'; // member of squad 4
const OTHER_MEMBER = '发改局一分队队员'; // member of squad 1 only

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-15T02:00:00Z')) });
  await seedActivity(bot.database.prisma);
});
afterAll(() => bot?.close());

/** Sends `text` as `who` in a 1:1 chat and returns the reply's content (card JSON or text) as a string. */
async function ask(who: string, text: string): Promise<string> {
  const openId = await bot.openIdOf(who);
  const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, {
    openId,
    chatId: `oc_p2p_${openId}`,
  });
  expect((await bot.event(ev)).status).toBe(200);
  const row = await bot.database.prisma.outbox.findUniqueOrThrow({
    where: { dedupKey: `reply:${ev.event.message.message_id}` },
  });
  expect(row.content).not.toContain('${');
  return row.content;
}

const card = (s: string) => JSON.parse(s) as { header?: { title: { content: string } }; text?: string };

describe('/progress', () => {
  it.each([
    [OFFICE, '全区', ['**重大项目招商谈判**', '**瓦塘镇**', '开工率', '2017年签约 1 个']],
    [GROUP_LEADER, '全区', ['**木业深加工**']],
    [LEADER, '我负责的小分队', ['**纺织和羽绒产业**', '**木格镇**']],
    [CAPTAIN, '纺织和羽绒产业招商小分队', ['**2个** / 目标 3个（67%）', '按时 1 期 · 逾期补报 1 期']],
    [MEMBER, '纺织和羽绒产业招商小分队', ['**8亿元**']],
  ])('%s sees %s', async (who, title, contains) => {
    const c = await ask(who, '/progress');
    expect(card(c).header!.title.content).toBe(`招商进度 · ${title}`);
    for (const s of contains) expect(c).toContain(s);
    if (who !== OFFICE && who !== GROUP_LEADER) expect(c).not.toContain('重大项目招商谈判');
  });

  it('carries valid charts: completion bars per squad and the monthly trend in 亿元', async () => {
    const c = JSON.parse(await ask(OFFICE, '/progress'));
    expect(validateCardCharts(c)).toEqual([]);
    const charts = JSON.stringify(c.body.elements);
    const specs = (c.body.elements as any[]).filter((e) => e.tag === 'chart').map((e) => e.chart_spec);
    const bars = specs.find((x) => x.type === 'bar');
    expect(bars.data.values).toHaveLength(await bot.database.prisma.squad.count());
    const line = specs.find((x) => x.type === 'line');
    expect(line.data.values.map((v: any) => v.month)).toEqual([
      '01月',
      '01月',
      '02月',
      '02月',
      '03月',
      '03月',
      '04月',
      '04月',
      '05月',
      '05月',
      '06月',
      '06月',
    ]);
    const changes = await bot.database.prisma.projectStageChange.findMany({
      where: { on: { gte: '2018-01-01', lte: '2018-06-15' } },
    });
    const funds = changes.reduce((a, x) => a + (x.fundsInPlace ?? 0), 0) / 10_000;
    const drawn = line.data.values
      .filter((v: any) => v.kind === '到位资金')
      .reduce((a: number, v: any) => a + v.amount, 0);
    expect(drawn).toBeCloseTo(funds, 1);
    expect(charts).toContain('看不到图表？展开查看表格');
  });

  it('takes a squad by name fragment or number, and a period', async () => {
    expect(card(await ask(OFFICE, '/progress 纺织')).header!.title.content).toContain('纺织和羽绒');
    const c = await ask(OFFICE, '/progress 4 2018Q2');
    expect(c).toContain('2018年第二季度');
  });

  it('refuses another squad to a member, saying why', async () => {
    expect(card(await ask(MEMBER, '/progress 1')).text).toContain('只能查看自己所在或负责的小分队');
  });

  it('answers an unknown squad with the help text and the closest squad', async () => {
    const c = await ask(OFFICE, '/progress 纺织和羽毛产业招商小分队');
    expect(c).toContain('/progress [小分队]');
    expect(c).toContain('纺织和羽绒产业招商小分队');
  });
});

describe('/rank', () => {
  it.each([OFFICE, GROUP_LEADER])(
    '%s sees the whole ranking, industry squads and towns apart, with the red and black lists',
    async (who) => {
      const c = await ask(who, '/rank');
      expect(card(c).header!.title.content).toBe('招商排名 · 2018年第二季度');
      expect(c).toContain('**产业招商小分队**（7 个）');
      expect(c).toContain('**镇（街道办）**（8 个）');
      expect(c).toContain('"rank":1,');
      expect(c).toContain('红榜');
      expect(c).toContain('黑榜');
      const parsed = JSON.parse(c);
      expect(validateCardCharts(parsed)).toEqual([]);
      // One table per kind, each ranked from 1; a kind's bars are drawn only when some squad there
      // scored: the industry squads did, every town scored 0 this quarter (so no empty chart for them).
      const tables = parsed.body.elements.filter((e: any) => e.tag === 'table');
      expect(tables.map((t: any) => t.rows.length)).toEqual([7, 8]);
      expect(tables.map((t: any) => t.rows[0].rank)).toEqual([1, 1]);
      expect(tables[0].rows[0].score).toBeGreaterThan(0);
      expect(tables[1].rows.every((r: any) => r.score === 0)).toBe(true);
      const bars = parsed.body.elements
        .filter((e: any) => e.tag === 'chart')
        .map((e: any) => e.chart_spec.data.values.length);
      expect(bars).toEqual([7]);
    },
  );

  it.each([
    [LEADER, ['纺织和羽绒产业', '木格镇']],
    [CAPTAIN, ['纺织和羽绒产业']],
    [MEMBER, ['纺织和羽绒产业']],
  ])('%s sees only their squads’ places', async (who, names) => {
    const c = JSON.parse(await ask(who, '/rank 2018'));
    const rows = c.body.elements.filter((e: any) => e.tag === 'table').flatMap((t: any) => t.rows);
    expect(rows.map((r: any) => r.name)).toEqual(names);
    expect(JSON.stringify(c)).not.toContain('红榜');
  });

  it('answers a bad period with the help text', async () => {
    const c = await ask(MEMBER, '/rank 2018Q9');
    expect(c).toContain('/rank [2018Q2|2018]');
    expect(c).toContain('2018Q9');
  });
});

describe('/leads', () => {
  it.each([
    [OFFICE, '全区', true],
    [GROUP_LEADER, '全区', false],
    [LEADER, '我负责的小分队', false],
    [CAPTAIN, '纺织和羽绒产业招商小分队', true],
    [MEMBER, '纺织和羽绒产业招商小分队', true],
  ])('%s sees %s; phones shown: %s', async (who, title, phones) => {
    const c = await ask(who, '/leads');
    expect(card(c).header!.title.content).toBe(`招商线索 · ${title}`);
    expect(c).toContain('苏州羽绒企业0');
    expect(c.includes('13900000000')).toBe(phones);
  });

  it('refuses another squad to a member', async () => {
    expect(card(await ask(OTHER_MEMBER, '/leads 纺织')).text).toContain('只能查看');
  });
});

describe('/projects', () => {
  it.each([
    [OFFICE, true],
    [GROUP_LEADER, true],
    [LEADER, false],
    [CAPTAIN, false],
    [MEMBER, false],
  ])('%s: signed projects, other squads shown: %s', async (who, others) => {
    const c = await ask(who, '/projects 签约');
    expect(c).toContain('纺织服装产业园');
    expect(c.includes('港口物流园')).toBe(others);
    expect(c).toContain('签约 **');
  });

  it('lists key projects first, however small', async () => {
    const squad = await bot.database.prisma.squad.findFirstOrThrow({ where: { name: '纺织和羽绒产业招商小分队' } });
    const small = await bot.database.prisma.project.create({
      data: {
        name: '小型重点项目',
        squadId: squad.id,
        stage: 'SIGNED',
        investment: 500,
        signedOn: '2018-05-02',
        isKey: true,
      },
    });
    const list: string = JSON.parse(await ask(OFFICE, '/projects 签约')).body.elements.find(
      (e: any) => e.tag === 'markdown' && e.content.includes('**#'),
    ).content;
    const names = list.split('\n\n').map((item) => item.split('\n')[0]);
    expect(names[0]).toBe(`**★ #${small.id} 小型重点项目**`);
    expect(names.length).toBeGreaterThan(1);
    await bot.database.prisma.project.delete({ where: { id: small.id } });
  });

  it('answers a misspelt stage with the closest one', async () => {
    const c = await ask(CAPTAIN, '/projects 开公');
    expect(c).toContain('开工');
    expect(c).toContain('/projects [洽谈|签约|开工|投产|达效]');
  });
});

describe('/overdue', () => {
  it.each([
    [OFFICE, true],
    [GROUP_LEADER, true],
    [LEADER, true],
    [CAPTAIN, true],
    [MEMBER, true],
    ['帮办中心专员', true],
    [OTHER_MEMBER, false],
  ])('%s sees squad 4’s overdue task: %s', async (who, sees) => {
    const c = await ask(who, '/overdue');
    expect(c.includes('办理施工许可')).toBe(sees);
    expect(c).not.toContain('已办结事项');
    if (sees) {
      expect(c).toContain("<text_tag color='red'>超时 14 天</text_tag>");
      expect(c).toContain("<text_tag color='green'>还剩 1 天</text_tag>");
    }
  });
});

describe('/quota', () => {
  it.each([
    [OFFICE, true],
    [GROUP_LEADER, true],
    [LEADER, false],
    [CAPTAIN, false],
    [MEMBER, false],
  ])('%s: district goals and all squads shown: %s', async (who, all) => {
    const c = await ask(who, '/quota');
    expect(c).toContain('4. 纺织和羽绒产业招商小分队');
    expect(c.includes('全区目标')).toBe(all);
    expect(c.includes('1. 重大项目招商谈判小分队')).toBe(all);
  });
});

describe('/bind-group', () => {
  async function inGroup(who: string, chatId: string) {
    const ev = fixture('events/im.message.receive_v1.group-help.json');
    const v = withText(ev, '@_user_1 /bind-group', { openId: await bot.openIdOf(who), chatId });
    v.event.message.mentions[0].id.open_id = bot.sb.botOpenId;
    await bot.event(v);
    return bot.database.prisma.outbox.findUniqueOrThrow({ where: { dedupKey: `reply:${v.event.message.message_id}` } });
  }

  it('the office binds the group it is sent in as the leadership chat', async () => {
    const r = await inGroup(OFFICE, 'oc_new_leaders');
    expect(r.content).toContain('已把本群设为领导小组群');
    const rows = await bot.database.prisma.chat.findMany({ where: { kind: 'LEADERSHIP' } });
    expect(rows.map((c) => c.chatId)).toEqual(['oc_new_leaders']);
    expect(await bot.database.prisma.auditLog.count({ where: { action: 'chat.bind-leadership' } })).toBe(1);
  });

  it('refuses anyone else, and a 1:1 chat', async () => {
    expect((await inGroup(MEMBER, 'oc_other')).content).toContain('只有区招商局');
    expect(card(await ask(OFFICE, '/bind-group')).text).toContain('群聊');
    expect((await bot.database.prisma.chat.findFirst({ where: { kind: 'LEADERSHIP' } }))?.chatId).toBe(
      'oc_new_leaders',
    );
  });
});

describe('/help', () => {
  it('lists the new commands', async () => {
    const c = await ask(MEMBER, '/help');
    for (const name of ['/progress', '/rank', '/leads', '/projects', '/overdue', '/quota', '/bind-group'])
      expect(c).toContain(name);
  });
});
