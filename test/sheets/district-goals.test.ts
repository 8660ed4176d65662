import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { loadDistrictGoals, saveDistrictGoal } from '../../src/db/quotas.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { fixture, newEventId, withText } from '../helpers/feishu.js';
import { fileMessage, fileRepliedTo, loadXlsx, repliesTo, settle, textRepliedTo, xlsxBytes } from '../helpers/files.js';

// The district goals of any year in the quota workbook, a new year started from last year's split,
// and the check that the squads' quotas add up to the goals (a warning with the numbers).

const OFFICE = '招商局局长';
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-07-02T02:00:00Z')) });
});
afterAll(() => bot?.close());
const db = () => bot.database.prisma;

async function say(text: string) {
  const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, {
    openId: await bot.openIdOf(OFFICE),
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

async function confirm(batchId: number) {
  const cb = fixture('callbacks/card.action.trigger.button.json');
  cb.header.event_id = newEventId('evt_card');
  cb.event.operator.open_id = await bot.openIdOf(OFFICE);
  cb.event.action.value = { action: 'import.confirm', batchId };
  return bot.card(cb);
}

const previewOf = (id: string) =>
  JSON.stringify(repliesTo(bot, id).find((m) => m.msg_type === 'interactive')?.content ?? null);
const sheet = (wb: ExcelJS.Workbook, name: string) => wb.worksheets.find((w) => w.name.startsWith(name))!;
/** The row of a sheet whose column `col` reads `text`. */
function rowWith(ws: ExcelJS.Worksheet, col: number, text: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getRow(r).getCell(col).value) === text) return ws.getRow(r);
  throw new Error(`no row with ${text}`);
}

describe('district goals in the quota workbook', () => {
  it('the template carries the goals; sent back unchanged it changes nothing and warns of nothing', async () => {
    const id = await say('/template quotas 2018');
    const wb = await loadXlsx(fileRepliedTo(bot, id).bytes);
    const goals = sheet(wb, '区目标任务');
    expect(rowWith(goals, 2, '到位资金').getCell(3).value).toBe(800000);
    expect(rowWith(goals, 2, '2015年签约项目开工率').getCell(3).value).toBe(80);
    const back = await send(await xlsxBytes(wb), '2018年招商目标任务.xlsx');
    const card = previewOf(back);
    expect(card).toContain('新增 **0** 项，修改 **0** 项，删除 **0** 项');
    expect(card).not.toContain('请核对');
  });

  it('a changed goal shows old → new, the sums that no longer match are listed with the numbers, and it imports', async () => {
    const wb = await loadXlsx(fileRepliedTo(bot, await say('/template quotas 2018')).bytes);
    rowWith(sheet(wb, '区目标任务'), 2, '到位资金').getCell(3).value = 900000;
    // A town is given a signing quota: towns may carry signing and funds quotas too.
    const towns = sheet(wb, '附表二');
    rowWith(towns, 2, '桥圩镇招商小分队').getCell(3).value = 2;
    const id = await send(await xlsxBytes(wb), '2018年目标任务（改）.xlsx');
    const card = previewOf(id);
    expect(card).toContain('2018 全区目标 到位资金：800000 → 900000');
    expect(card).toContain('2018 桥圩镇招商小分队 新签约亿元以上项目 2');
    expect(card).toContain('请核对：分解合计与全区目标不一致（共 2 项）');
    expect(card).toContain('2018 年 新签约亿元以上项目：各小分队合计 20 个，全区目标 18 个，多 2 个');
    expect(card).toContain('2018 年 到位资金：各小分队合计 800000 万元，全区目标 900000 万元，少 100000 万元');
    expect(card).toContain('import.confirm'); // a warning, not a refusal
    const batch = await db().importBatch.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect((await confirm(batch.id)).body.toast.content).toBe('已导入');
    expect((await loadDistrictGoals(db(), 2018)).find((g) => g.metric === 'FUNDS_IN_PLACE')?.target).toBe(900000);
    const town = await db().squad.findFirstOrThrow({ where: { name: '桥圩镇招商小分队' } });
    expect(
      (await db().quota.findFirstOrThrow({ where: { year: 2018, squadId: town.id, metric: 'SIGNED_PROJECTS' } }))
        .target,
    ).toBe(2);
  });

  it('a year without quotas starts from last year’s split, marked as a copy, and imports as that year', async () => {
    const id = await say('/template quotas 2019');
    expect(textRepliedTo(bot, id)).toContain('2019 年还没有目标任务：已按 2018 年的全区目标和分解复制一份作为起点');
    const f = fileRepliedTo(bot, id);
    expect(f.fileName).toBe('2019年招商目标任务.xlsx');
    const wb = await loadXlsx(f.bytes);
    expect(String(wb.worksheets[0]!.getRow(1).getCell(1).value)).toContain('【据 2018 年复制，请按 2019 年修改】');
    const goals = sheet(wb, '区目标任务');
    expect(String(goals.getRow(1).getCell(1).value)).toContain('据 2018 年复制');
    // The cohorts move on with the year: 2019's rates are for projects signed 2016–2018.
    expect(rowWith(goals, 2, '2018年签约项目开工率').getCell(1).value).toBe(2019);
    expect(() => rowWith(goals, 2, '2015年签约项目开工率')).toThrow();
    expect(await db().quota.count({ where: { year: 2019 } })).toBe(0);
    const back = await send(f.bytes, f.fileName);
    const card = previewOf(back);
    expect(card).toMatch(/新增 \*\*\d+\*\* 项，修改 \*\*0\*\* 项，删除 \*\*0\*\* 项/);
    const batch = await db().importBatch.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect((await confirm(batch.id)).body.toast.content).toBe('已导入');
    expect(await db().quota.count({ where: { year: 2019 } })).toBe(await db().quota.count({ where: { year: 2018 } }));
    expect((await loadDistrictGoals(db(), 2019)).map((g) => g.metric)).toContain('COMMENCEMENT_RATE_2018');
    expect(await db().quota.count({ where: { year: 2018 } })).toBeGreaterThan(0); // 2018 untouched
  });

  it('a bad goal row is named by sheet, row and column, and nothing changes', async () => {
    const wb = await loadXlsx(fileRepliedTo(bot, await say('/template quotas 2018')).bytes);
    const goals = sheet(wb, '区目标任务');
    const row = rowWith(goals, 2, '2016年签约项目开工率');
    row.getCell(3).value = 170;
    const before = await db().districtGoal.count();
    const id = await send(await xlsxBytes(wb), '目标.xlsx');
    expect(textRepliedTo(bot, id)).toContain(
      `工作表「区目标任务」 第 ${row.number} 行 「目标」列：开工率按百分数填写（0–100）；现在是 170`,
    );
    expect(await db().districtGoal.count()).toBe(before);
  });

  it('saveDistrictGoal (for the settings card) checks, writes and audits one goal', async () => {
    await expect(
      saveDistrictGoal(db(), { year: 2020, metric: 'COMMENCEMENT_RATE_2017', target: 80 }, null),
    ).rejects.toThrow('比例');
    expect(
      await saveDistrictGoal(db(), { year: 2020, metric: 'SIGNED_PROJECTS', target: 20 }, { id: null, openId: 'ou_x' }),
    ).toBeNull();
    expect(await saveDistrictGoal(db(), { year: 2020, metric: 'SIGNED_PROJECTS', target: 22 }, null)).toBe(20);
    expect(await loadDistrictGoals(db(), 2020)).toEqual([{ metric: 'SIGNED_PROJECTS', target: 22 }]);
    expect(await db().auditLog.count({ where: { action: 'goal.set', entityId: '2020:SIGNED_PROJECTS' } })).toBe(2);
  });
});
