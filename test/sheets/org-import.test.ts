import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { tallySquads } from '../../src/db/tallies.js';
import { yearPeriod } from '../../src/domain/periods.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { cardCallback, commandCard, fieldOf, textOf } from '../helpers/cards.js';
import { fixture, newEventId, withText } from '../helpers/feishu.js';
import { fileMessage, fileRepliedTo, loadXlsx, repliesTo, settle, textRepliedTo, xlsxBytes } from '../helpers/files.js';

// The org sheets of the roster workbook (小分队, 单位): the office adds, renames and retires squads
// of every kind with their units and people, through the same preview → confirm as the roster.

const OFFICE = '招商局局长';
const RENAMED_FROM = '木业深加工招商小分队';
const RENAMED_TO = '木业和家居产业招商小分队';
const RETIRED = '瓦塘镇招商小分队';
const DEPT = '发改局招商小分队';
const DEPT_MEMBER = '发改局二分队队员'; // also a member of 项目推进服务小分队
let bot: TestBot;
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-07-02T02:00:00Z')) });
});
afterAll(() => bot?.close());

async function say(name: string, text: string) {
  const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, {
    openId: await bot.openIdOf(name),
  });
  expect((await bot.event(ev)).status).toBe(200);
  await settle(bot);
  return ev.event.message.message_id as string;
}

async function send(bytes: Buffer, fileName: string) {
  const ev = await fileMessage(bot, OFFICE, bytes, fileName);
  expect((await bot.event(ev)).status).toBe(200);
  await settle(bot);
  return ev.event.message.message_id as string;
}

async function confirmLast() {
  const batch = await db().importBatch.findFirstOrThrow({ orderBy: { id: 'desc' } });
  const cb = fixture('callbacks/card.action.trigger.button.json');
  cb.header.event_id = newEventId('evt_card');
  cb.event.operator.open_id = await bot.openIdOf(OFFICE);
  cb.event.action.value = { action: 'import.confirm', batchId: batch.id };
  return bot.card(cb);
}

const previewOf = (id: string) =>
  JSON.stringify(repliesTo(bot, id).find((m) => m.msg_type === 'interactive')?.content ?? null);
const sheet = (wb: ExcelJS.Workbook, name: string) => wb.worksheets.find((w) => w.name === name)!;
function rowWith(ws: ExcelJS.Worksheet, col: number, text: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getRow(r).getCell(col).value) === text) return ws.getRow(r);
  throw new Error(`no row with ${text}`);
}
async function rosterTemplate(): Promise<ExcelJS.Workbook> {
  return loadXlsx(fileRepliedTo(bot, await say(OFFICE, '/template roster')).bytes);
}

describe('org sheets in the roster workbook', () => {
  it('the roster template has the 名册, 小分队 and 单位 sheets; sent back unchanged it changes nothing', async () => {
    const wb = await rosterTemplate();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['名册', '小分队', '单位']);
    const squads = sheet(wb, '小分队');
    expect(rowWith(squads, 2, RETIRED).getCell(3).value).toBe('镇(街道办)');
    expect(rowWith(squads, 2, RETIRED).getCell(8).value).toBe('在用');
    const id = await send(await xlsxBytes(wb), '招商工作名册.xlsx');
    expect(previewOf(id)).toContain('新增 **0** 项，修改 **0** 项，删除 **0** 项');
  });

  it('a deleted squad row is refused with what to do instead, and nothing changes', async () => {
    const wb = await rosterTemplate();
    const squads = sheet(wb, '小分队');
    squads.spliceRows(rowWith(squads, 2, RETIRED).number, 1);
    const id = await send(await xlsxBytes(wb), '名册.xlsx');
    expect(textRepliedTo(bot, id)).toContain(
      `工作表「小分队」：「${RETIRED}」（编号 TOWN_WATANG）不在表中：小分队不能删除；要撤销请保留这一行，把「状态」改为「撤销」`,
    );
    expect(await db().squad.count({ where: { active: false } })).toBe(0);
  });

  it('adds a unit, a department squad and its people, renames one squad and retires another in one confirm', async () => {
    const renamed = await db().squad.findUniqueOrThrow({ where: { name: RENAMED_FROM } });
    const retired = await db().squad.findUniqueOrThrow({ where: { name: RETIRED } });
    const author = await db().person.findFirstOrThrow();
    // History of both: a lead each.
    for (const [squadId, company] of [
      [renamed.id, '木业历史线索有限公司'],
      [retired.id, '瓦塘历史线索有限公司'],
    ] as const)
      await db().lead.create({
        data: {
          requestKey: `seed:${company}`,
          companyKey: company,
          company,
          squadId,
          source: 'VISIT',
          ownerId: author.id,
          createdOn: '2018-05-10',
        },
      });

    const wb = await rosterTemplate();
    const units = sheet(wb, '单位');
    units.addRow(['', '商务局', '区直部门']);
    const squads = sheet(wb, '小分队');
    rowWith(squads, 2, RENAMED_FROM).getCell(2).value = RENAMED_TO;
    rowWith(squads, 2, RETIRED).getCell(8).value = '撤销';
    squads.addRow(['', DEPT, '区直部门', 30, '发改局', '', '新能源、电子信息', '在用']);
    squads.addRow(['', '商务局招商小分队', '区直部门', 31, '商务局', '发改局', '', '']);
    const people = sheet(wb, '名册');
    people.addRow([DEPT_MEMBER, '发改局', DEPT, '队员', '', '', '', '']);
    people.addRow(['商务局局长', '商务局', '商务局招商小分队', '队长', '科级', '13800009901', '', '局长']);
    const id = await send(await xlsxBytes(wb), '招商工作名册（调整）.xlsx');
    expect(textRepliedTo(bot, id)).not.toContain('没有导入');
    const card = previewOf(id);
    expect(card).toContain(`小分队「${RENAMED_FROM}」：改名为「${RENAMED_TO}」（数据保留）`);
    expect(card).toContain(`小分队「${RETIRED}」：撤销（历史数据保留，今后不再出现在表单和排名中）`);
    expect(card).toContain('单位「商务局」（区直部门）');
    expect(card).toContain(`小分队「${DEPT}」（区直部门，牵头 发改局）`);
    expect(card).toContain('商务局局长（商务局）');
    expect(await db().squad.count()).toBe(15); // nothing yet

    expect((await confirmLast()).body.toast.content).toBe('已导入');
    // Renamed: same row, same data.
    const after = await db().squad.findUniqueOrThrow({ where: { id: renamed.id } });
    expect(after).toMatchObject({ name: RENAMED_TO, code: renamed.code, active: true });
    expect(await db().lead.count({ where: { squadId: renamed.id } })).toBe(1);
    // Retired: kept with its history, dated.
    expect(await db().squad.findUniqueOrThrow({ where: { id: retired.id } })).toMatchObject({
      active: false,
      retiredOn: '2018-07-02',
    });
    expect(await db().lead.count({ where: { squadId: retired.id } })).toBe(1);
    expect(await db().squadMember.count({ where: { squadId: retired.id } })).toBeGreaterThan(0);
    // Added: the unit, two department squads with stable codes, their people.
    const unit = await db().unit.findUniqueOrThrow({ where: { name: '商务局' } });
    expect(unit).toMatchObject({ kind: 'DEPARTMENT', code: `UNIT_${unit.id}` });
    const dept = await db().squad.findUniqueOrThrow({
      where: { name: '商务局招商小分队' },
      include: { members: { include: { person: true } }, partnerUnits: true },
    });
    expect(dept).toMatchObject({ kind: 'DEPARTMENT', leadUnitId: unit.id, code: `SQUAD_${dept.id}` });
    expect(dept.members.map((m) => [m.person.name, m.role])).toEqual([['商务局局长', 'CAPTAIN']]);
    expect(dept.partnerUnits).toHaveLength(1);
    // Sent back again, the new template changes nothing (the file names the new codes).
    const again = await send(await xlsxBytes(await rosterTemplate()), '名册.xlsx');
    expect(previewOf(again)).toContain('新增 **0** 项，修改 **0** 项，删除 **0** 项');
  });

  it('a retired squad is gone from new forms: the office’s squad select, and its own captain files nothing', async () => {
    const office = await commandCard(bot, await bot.openIdOf(OFFICE), '/lead');
    const options = fieldOf(office.card, 'squad').options.map((o: any) => o.text.content);
    expect(options).toContain(RENAMED_TO);
    expect(options).toContain(DEPT);
    expect(options).not.toContain(RETIRED);
    const captain = await commandCard(bot, await bot.openIdOf('瓦塘镇镇长'), '/lead');
    expect(JSON.stringify(captain.card)).toContain('你不在任何招商小分队中，无法登记线索');
  });

  it('a department’s staff files a lead for the department squad', async () => {
    const openId = await bot.openIdOf(DEPT_MEMBER);
    const { card, messageId } = await commandCard(bot, openId, '/lead');
    const select = fieldOf(card, 'squad');
    expect(select.options.map((o: any) => o.text.content).sort()).toEqual(['项目推进服务小分队', DEPT].sort());
    const dept = await db().squad.findUniqueOrThrow({ where: { name: DEPT } });
    const res = await bot.card(
      cardCallback({
        openId,
        messageId,
        name: 'lead_submit',
        value: { action: 'lead.submit' },
        formValue: {
          squad: String(dept.id),
          company: '广西发改新能源有限公司',
          source: 'VISIT',
          sector: '新能源',
          investment: '20000',
          contact_name: '黄经理',
          phone: '13800138111',
          description: '储能电池项目',
        },
      }),
    );
    expect(res.body.toast.type).toBe('success');
    expect(await db().lead.findFirstOrThrow({ where: { company: '广西发改新能源有限公司' } })).toMatchObject({
      squadId: dept.id,
    });
    // Not for a squad they are not in.
    const other = await db().squad.findUniqueOrThrow({ where: { name: RENAMED_TO } });
    const refused = await bot.card(
      cardCallback({
        openId,
        messageId,
        name: 'lead_submit',
        value: { action: 'lead.submit' },
        formValue: {
          squad: String(other.id),
          company: '另一家公司',
          source: 'VISIT',
          contact_name: '李',
          phone: '13800138112',
        },
      }),
    );
    expect(refused.body.toast).toEqual({
      type: 'error',
      content: '你不是这个小分队的成员，只能为自己所在的小分队填报。',
    });
    expect(await db().lead.count({ where: { company: '另一家公司' } })).toBe(0);
  });

  it('rankings: three lists; the retired squad is left out from its retirement on, and kept for the quarter before', async () => {
    const now = textOf((await commandCard(bot, await bot.openIdOf(OFFICE), '/rank')).card);
    expect(now).toContain('**产业招商小分队**（7 个）');
    expect(now).toContain('**镇（街道办）**（7 个）');
    // Both departments are listed: 发改局's squad is ranked on the lead its staff filed; 商务局's new
    // squad has no quota and no activity yet, so it is 未参评 and named apart, not ranked.
    expect(now).toContain('**区直部门**（1 个）');
    expect(now).toContain('"name":"发改局"');
    expect(now).toContain('**未参评**：商务局招商小分队');
    expect(now).not.toContain(RETIRED.replace('招商小分队', '')); // rows carry the short name
    const before = textOf((await commandCard(bot, await bot.openIdOf(OFFICE), '/rank 2018Q2')).card);
    expect(before).toContain('**镇（街道办）**（8 个）');
    expect(before).toContain(RETIRED);
    expect(before).toContain(RENAMED_TO); // renamed: its history under its new name
  });

  it('a quota file sent after the retirement leaves the retired squad’s quotas as its history', async () => {
    const retired = await db().squad.findUniqueOrThrow({ where: { name: RETIRED } });
    const before = await db().quota.count({ where: { squadId: retired.id, year: 2018 } });
    expect(before).toBe(3);
    const f = fileRepliedTo(bot, await say(OFFICE, '/template quotas 2018'));
    const wb = await loadXlsx(f.bytes);
    expect(() => rowWith(sheet(wb, '附表二 各镇(街道办)'), 2, RETIRED)).toThrow();
    // The departments added are in 附表三, ready for their quotas.
    expect(rowWith(sheet(wb, '附表三 区直部门'), 2, DEPT).getCell(1).value).toBe(2018);
    expect(rowWith(sheet(wb, '附表三 区直部门'), 2, '商务局招商小分队').getCell(3).value).toBeNull();
    const id = await send(f.bytes, f.fileName);
    expect(previewOf(id)).toContain('新增 **0** 项，修改 **0** 项，删除 **0** 项');
    expect(await db().quota.count({ where: { squadId: retired.id, year: 2018 } })).toBe(before);
  });

  it('a department gets its quotas in 附表三 and is ranked on them', async () => {
    const f = fileRepliedTo(bot, await say(OFFICE, '/template quotas 2018'));
    const wb = await loadXlsx(f.bytes);
    const row = rowWith(sheet(wb, '附表三 区直部门'), 2, DEPT);
    row.getCell(3).value = 1; // 新签约亿元以上项目
    row.getCell(5).value = 20000; // 到位资金(万元)
    const id = await send(await xlsxBytes(wb), f.fileName);
    const card = previewOf(id);
    expect(card).toContain(`2018 ${DEPT} 新签约亿元以上项目 1`);
    expect(card).toContain('2018 年 新签约亿元以上项目：各小分队合计 19 个，全区目标 18 个，多 1 个');
    expect((await confirmLast()).body.toast.content).toBe('已导入');
    const dept = await db().squad.findUniqueOrThrow({ where: { name: DEPT } });
    expect(await db().quota.count({ where: { squadId: dept.id, year: 2018 } })).toBe(2);
  });

  it('two squads may swap names in one file: each keeps its own rows', async () => {
    const a = await db().squad.findUniqueOrThrow({ where: { name: '江南街道招商小分队' } });
    const b = await db().squad.findUniqueOrThrow({ where: { name: '八塘街道招商小分队' } });
    const wb = await rosterTemplate();
    const squads = sheet(wb, '小分队');
    const [rowA, rowB] = [rowWith(squads, 2, a.name), rowWith(squads, 2, b.name)];
    rowA.getCell(2).value = b.name;
    rowB.getCell(2).value = a.name;
    const id = await send(await xlsxBytes(wb), '名册（互换）.xlsx');
    expect(previewOf(id)).toContain(`小分队「${a.name}」：改名为「${b.name}」（数据保留）`);
    expect((await confirmLast()).body.toast.content).toBe('已导入');
    expect((await db().squad.findUniqueOrThrow({ where: { id: a.id } })).name).toBe(b.name);
    expect((await db().squad.findUniqueOrThrow({ where: { id: b.id } })).name).toBe(a.name);
  });

  it('a squad added mid-year owes no monthly reports for the months before it was added', async () => {
    const dept = await db().squad.findUniqueOrThrow({ where: { name: DEPT } });
    expect(dept.addedOn).toBe('2018-07-02');
    const renamed = await db().squad.findUniqueOrThrow({ where: { name: RENAMED_TO } });
    const tallies = await tallySquads(db(), yearPeriod(2018), '2018-07-02', [dept.id, renamed.id]);
    const of = (id: number) => tallies.find((t) => t.squadId === id)!.actual.reports;
    expect(of(renamed.id).missing).toBe(6); // January to June
    expect(of(dept.id).missing).toBe(0);
  });
});
