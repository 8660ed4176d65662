import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { askPrivately } from '../helpers/ask.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback } from '../helpers/cards.js';
import { seedActivity } from '../helpers/district.js';
import { fixture, withText } from '../helpers/feishu.js';
import { fileRepliedTo, loadXlsx, settle, textRepliedTo } from '../helpers/files.js';

// /assess through the real bot, on the plan's district (7 industry squads, 8 towns) with two
// department squads added, early in 2019: the 2018 assessment per kind, its details, the weights
// changed on the /settings card, and the assessment centre's workbook read back with exceljs.

let bot: TestBot;
const clock = new FixedClock(new Date('2019-01-10T02:00:00Z'));
const db = () => bot.database.prisma;
let seq = 0;
let townName = '';

const OFFICE = '领导小组办公室工作人员';
const ADMIN = '招商局局长';
const ASSESSOR = '考核中心专员';
const CAPTAIN = '经贸局局长';
const MEMBER = '市政局四分队队员';

beforeAll(async () => {
  bot = await startTestBot({}, { clock });
  await seedActivity(db());
  const office = await db().person.findFirstOrThrow({ where: { name: OFFICE } });
  // One town visited 4 companies and filed its June report on time; the other towns did nothing.
  const town = await db().squad.findFirstOrThrow({ where: { kind: 'TOWN' }, orderBy: { sortOrder: 'asc' } });
  for (let v = 0; v < 4; v++)
    await db().visit.create({
      data: {
        squadId: town.id,
        visitedOn: '2018-07-01',
        contactName: `镇客商${v}`,
        company: `镇企业${v}`,
        createdById: office.id,
      },
    });
  await db().monthlyReport.create({ data: { squadId: town.id, month: '2018-06', status: 'SUBMITTED', late: false } });
  townName = town.name;
  // Two department squads (区直部门), each with a visits quota; one visited 5 companies, the other 1.
  for (const [i, visits] of [
    [1, 5],
    [2, 1],
  ] as const) {
    const unit = await db().unit.create({ data: { code: `DEPT${i}`, name: `考核测试局${i}`, kind: 'DEPARTMENT' } });
    const squad = await db().squad.create({
      data: {
        code: `DEPT_SQ${i}`,
        name: `考核测试局${i}招商组`,
        kind: 'DEPARTMENT',
        sortOrder: 100 + i,
        leadUnitId: unit.id,
      },
    });
    await db().quota.create({ data: { year: 2018, squadId: squad.id, metric: 'VISITS', target: 10 } });
    for (let v = 0; v < visits; v++)
      await db().visit.create({
        data: {
          squadId: squad.id,
          visitedOn: '2018-09-01',
          contactName: `客商${v}`,
          company: `部门企业${i}-${v}`,
          createdById: office.id,
        },
      });
  }
});
afterAll(() => bot?.close());

async function say(name: string, text: string): Promise<any> {
  return JSON.parse(await askPrivately(bot, await bot.openIdOf(name), text));
}

async function tap(name: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) {
  const res = await bot.card(
    cardCallback({ openId: await bot.openIdOf(name), name: 'submit', value, formValue, messageId: `om_as_${seq++}` }),
  );
  expect(res.status).toBe(200);
  return res.body as { toast?: { type: string; content: string }; card?: { data: any } };
}

const tables = (card: any) => card.body.elements.filter((e: any) => e.tag === 'table');
const panels = (card: any) => card.body.elements.filter((e: any) => e.tag === 'collapsible_panel');

describe('who may see the assessment', () => {
  it('a captain and a member are refused, saying who may and where to look instead', async () => {
    for (const who of [CAPTAIN, MEMBER]) {
      const said = await say(who, '/assess 2018');
      expect(said.text, who).toContain('只有领导小组、办公室和考核中心');
      expect(said.text).toContain('/rank');
    }
  });

  it('a captain tapping a forwarded 查看明细 gets an error and no card', async () => {
    const res = await tap(CAPTAIN, { action: 'assess.open', year: 2018, kind: 'TOWN' });
    expect(res.toast?.type).toBe('error');
    expect(res.toast?.content).toContain('只有领导小组');
    expect(res.card).toBeUndefined();
  });

  it('a captain asking for the workbook is refused and no file task is queued', async () => {
    const said = await say(CAPTAIN, '/assess 2018 excel');
    expect(said.text).toContain('只有领导小组');
    expect(await db().feishuTask.count({ where: { kind: 'ASSESS_EXPORT' } })).toBe(0);
  });
});

describe('the office sees each kind ranked on its own', () => {
  it('three kinds, three tables, each ranked from 1, with the weights used', async () => {
    const card = await say(OFFICE, '/assess 2018');
    expect(card.header.title.content).toBe('年度考核 · 2018年');
    const text = JSON.stringify(card);
    for (const label of ['产业招商小分队', '镇（街道办）', '区直部门']) expect(text).toContain(label);
    const [industry, towns, depts] = tables(card);
    expect(industry.rows.map((r: any) => r.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(towns.rows[0].rank).toBe(1);
    // Departments: 5 of 10 visits beats 1 of 10 (reports due count for both alike).
    expect(depts.rows.map((r: any) => r.name)).toEqual(['考核测试局1招商组', '考核测试局2招商组']);
    expect(depts.rows[0].score).toBeGreaterThan(depts.rows[1].score);
    expect(text).toContain('沿用红黑榜权重');
    for (const k of ['INDUSTRY', 'TOWN', 'DEPARTMENT'])
      expect(buttonValue(card, `assess_${k}`)).toEqual({ action: 'assess.open', year: 2018, kind: k });
  });

  it('the assessor opens the industry details: every squad a panel with weight, actual / target and points', async () => {
    const res = await tap(ASSESSOR, { action: 'assess.open', year: 2018, kind: 'INDUSTRY' });
    const card = res.card!.data;
    expect(panels(card)).toHaveLength(7);
    const textile = panels(card).find((p: any) => p.header.title.content.includes('纺织'));
    const body = textile.elements[0].content as string;
    // 纺织: two ¥100M+ signings, one of them ¥600M and strategic (counted 1 + 0.5 + 0.5).
    expect(body).toContain('签约 2 个，其中重大项目 1 个、战略性新兴产业 1 个');
    expect(body).toMatch(/\*\*签约亿元以上项目\*\*（权重 20）：3个 \/ \d+个/);
    expect(body).toContain('**拜访企业**（权重 5）：6家');
    // The points add up to the score in the panel's title.
    const points = [...body.matchAll(/得 \*\*([\d.]+)\*\* 分/g)].reduce((s, m) => s + Number(m[1]), 0);
    const score = Number(/([\d.]+) 分$/.exec(textile.header.title.content)![1]);
    expect(Math.abs(points - score)).toBeLessThan(0.3);
    expect(buttonValue(card, 'assess_back')).toEqual({ action: 'assess.open', year: 2018 });
  });

  it('the command opens one kind directly; a forged kind or year on a tap is refused', async () => {
    const card = await say(ASSESSOR, '/assess 2018 镇');
    expect(card.header.title.content).toContain('镇（街道办）明细');
    for (const value of [
      { action: 'assess.open', year: 2018, kind: 'PARK' },
      { action: 'assess.open', year: '2018' },
      { action: 'assess.open', year: 99999 },
    ]) {
      const res = await tap(ASSESSOR, value);
      expect(res.toast?.type, JSON.stringify(value)).toBe('error');
      expect(res.toast?.content).toContain('/assess 年份');
      expect(res.card).toBeUndefined();
    }
    // A bad argument: the usage, with what was not understood.
    expect(JSON.stringify(await say(ASSESSOR, '/assess 今年'))).toContain('看不懂年份「今年」');
    expect(JSON.stringify(await say(ASSESSOR, '/assess 2018 园区'))).toContain('看不懂「园区」');
  });
});

describe('weights per kind from the settings', () => {
  /** The 考核 group's form as the card shows it, with some inputs changed. */
  async function assessForm(changes: Record<string, string>) {
    const opened = await tap(ADMIN, { action: 'settings.open', group: 'assess' });
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

  it('weights of a kind that do not add up to 100 are refused, nothing stored', async () => {
    const form = await assessForm({ a_TOWN_trips: '50' });
    expect(form.a_INDUSTRY_signedProjects).toBe('20'); // the red/black weights, never saved yet
    const res = await tap(ADMIN, { action: 'settings.save', group: 'assess' }, form);
    expect(res.toast?.type).toBe('error');
    expect(res.toast?.content).toContain('镇的各项权重合计应为 100');
    expect(await db().setting.count({ where: { key: 'assess.weights' } })).toBe(0);
  });

  it('towns weighed on visits alone: their scores change, the card says which weights', async () => {
    const before = tables(await say(OFFICE, '/assess 2018'))[1].rows;
    const zeroTown = Object.fromEntries(
      Object.keys(await assessForm({}))
        .filter((n) => n.startsWith('a_TOWN_'))
        .map((n) => [n, '0']),
    );
    const form = await assessForm({ ...zeroTown, a_TOWN_visits: '100' });
    const res = await tap(ADMIN, { action: 'settings.save', group: 'assess' }, form);
    expect(res.toast?.type, res.toast?.content).toBe('success');
    const row = await db().setting.findFirstOrThrow({ where: { key: 'assess.weights' } });
    expect(row.version).toBe(1);
    expect(JSON.parse(row.value).TOWN.visits).toBe(100);
    expect(await db().auditLog.count({ where: { action: 'setting.change', entityId: 'assess.weights' } })).toBe(1);

    const card = await say(OFFICE, '/assess 2018');
    const after = tables(card)[1].rows;
    // Weighed on visits alone: the town that visited scores 4 ÷ its visits quota, its report no longer counts;
    // the towns that did nothing stay at 0.
    const busy = (rows: any[]) => rows.find((r) => townName.startsWith(r.name));
    const quota = await db().quota.findFirstOrThrow({
      where: { year: 2018, metric: 'VISITS', squad: { name: townName } },
    });
    expect(busy(after).score).toBe(Math.round(1000 * Math.min(4 / quota.target, 1.2)) / 10);
    expect(busy(after).score).not.toBe(busy(before).score);
    expect(after.filter((r: any) => r !== busy(after)).every((r: any) => r.score === 0)).toBe(true);
    expect(JSON.stringify(card)).toContain('年度考核权重（第 1 版）');
    // The industry squads keep the same scores (their weights equal the red/black ones).
    const details = await say(ASSESSOR, '/assess 2018 镇');
    expect(JSON.stringify(details)).toContain('拜访企业 100');
  });
});

describe('the assessment centre’s workbook', () => {
  it('one sheet per kind with every component and the counts behind them; the export is audited', async () => {
    const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/assess 2018 excel', {
      openId: await bot.openIdOf(ASSESSOR),
    });
    expect((await bot.event(ev)).status).toBe(200);
    await settle(bot);
    const id = ev.event.message.message_id as string;
    const f = fileRepliedTo(bot, id);
    expect(f.fileName).toBe('港南区2018年度招商引资考核表.xlsx');
    expect(textRepliedTo(bot, id)).toContain('已导出');
    const wb = await loadXlsx(f.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['产业招商小分队', '镇（街道办）', '区直部门', '权重']);

    const ws = wb.getWorksheet('产业招商小分队')!;
    const headers = (ws.getRow(2).values as unknown[]).slice(1).map(String);
    const col = (h: string) => headers.indexOf(h) + 1;
    for (const h of [
      '签约亿元以上项目·权重',
      '签约亿元以上项目·得分',
      '往年签约项目开工率·完成率(%)',
      '督查评为“好”(次)',
    ])
      expect(headers).toContain(h);
    const rows = Array.from({ length: 7 }, (_, i) => ws.getRow(3 + i));
    expect(rows.map((r) => r.getCell(1).value)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const textile = rows.find((r) => String(r.getCell(2).value).includes('纺织'))!;
    const cell = (h: string) => textile.getCell(col(h)).value;
    expect(cell('签约亿元以上项目(个)')).toBe(2);
    expect(cell('其中重大项目(个)')).toBe(1);
    expect(cell('其中战略性新兴产业(个)')).toBe(1);
    expect(cell('签约投资额(万元)')).toBe(80000);
    expect(cell('到位资金(万元)')).toBe(12000);
    expect(cell('拜访企业(家)')).toBe(6);
    expect(cell('招商线索(条)')).toBe(3);
    expect(cell('达标外出(次)')).toBe(1);
    expect(cell('月报按时(期)')).toBe(1);
    expect(cell('月报逾期(期)')).toBe(1);
    expect(cell('签约亿元以上项目·权重')).toBe(20);
    expect(cell('签约亿元以上项目·完成值')).toBe(3);
    // The score in the file is the score on the card.
    const card = await say(ASSESSOR, '/assess 2018');
    const onCard = tables(card)[0].rows.find((r: any) => String(r.name).includes('纺织'));
    expect(cell('总分')).toBe(onCard.score);

    const towns = wb.getWorksheet('镇（街道办）')!;
    const townHeaders = (towns.getRow(2).values as unknown[]).slice(1).map(String);
    expect(towns.getRow(3).getCell(townHeaders.indexOf('拜访企业·权重') + 1).value).toBe(100);
    const weights = wb.getWorksheet('权重')!;
    const visitsRow = Array.from({ length: weights.rowCount }, (_, i) => weights.getRow(i + 1)).find(
      (r) => r.getCell(1).value === '拜访企业',
    )!;
    expect([visitsRow.getCell(2).value, visitsRow.getCell(3).value, visitsRow.getCell(4).value]).toEqual([5, 100, 5]);

    const assessor = await db().person.findFirstOrThrow({ where: { name: ASSESSOR } });
    const audit = await db().auditLog.findMany({ where: { action: 'export', entityId: 'assess' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(assessor.id);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ period: '2018年', rows: 17, weightsVersion: 1 });
  });
});
