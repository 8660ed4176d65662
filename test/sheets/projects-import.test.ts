import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { importFromFile } from '../../src/sheets/cli.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { cardCallback, commandCard, textOf } from '../helpers/cards.js';
import { fixture, withText } from '../helpers/feishu.js';
import { fileMessage, fileRepliedTo, loadXlsx, repliesTo, settle, textRepliedTo, xlsxBytes } from '../helpers/files.js';

// History projects (e.g. the 2015–2017 signings): /template projects, the office sends the filled
// .xlsx, previews and confirms; imported projects skip the signing gate, re-import is idempotent,
// bad rows are refused with row and column, and the cohorts' commencement rates become real.

const OFFICE = '招商局局长'; // OFFICE + OFFICE_ADMIN
const MEMBER = '财政局三分队队员';
let bot: TestBot;
let squad3 = '';
let squad4 = '';
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
  squad3 = (await db().squad.findFirstOrThrow({ where: { sortOrder: 3 } })).name;
  squad4 = (await db().squad.findFirstOrThrow({ where: { sortOrder: 4 } })).name;
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

async function send(name: string, bytes: Buffer, fileName = '历史签约项目.xlsx') {
  const ev = await fileMessage(bot, name, bytes, fileName);
  expect((await bot.event(ev)).status).toBe(200);
  await settle(bot);
  return ev.event.message.message_id as string;
}

const previewOf = (messageId: string) =>
  repliesTo(bot, messageId).find((x) => x.msg_type === 'interactive')?.content as any;

async function confirm(name: string) {
  const batch = await db().importBatch.findFirstOrThrow({ orderBy: { id: 'desc' } });
  const res = await bot.card(
    cardCallback({
      openId: await bot.openIdOf(name),
      messageId: 'om_import_projects',
      name: 'import_confirm',
      value: { action: 'import.confirm', batchId: batch.id },
    }),
  );
  return { res, batch };
}

type Row = (string | number | Date | null)[];
const rowsA = (): Row[] => [
  // 项目名称, 小分队, 投资企业, 所属行业, 投资额, 到位资金, 外资, 签约, 开工, 投产, 达效, 战略, 重大
  ['羽绒精深加工项目', squad3, '某某羽绒有限公司', '纺织', 15000, 3000, 0, '2015-03-01', '2015-09-01', '', '', '', ''],
  ['电子元器件项目', squad3, '某某电子有限公司', '电子', 12000, 0, 0, '2015/4/1', '', '', '', '', ''],
  [
    '新能源电池项目',
    squad4,
    '某某新能源有限公司',
    '新能源',
    30000,
    8000,
    500,
    '2016-05-01',
    '2016/8/1',
    '2017年1月1日',
    '',
    '是',
    '',
  ],
  [
    '高端装备项目',
    squad4,
    '某某装备有限公司',
    '装备',
    20000,
    0,
    0,
    new Date(Date.UTC(2017, 6, 1)),
    '2018-02-01',
    '',
    '',
    '',
    '是',
  ],
];

async function filledTemplate(rows: Row[]): Promise<Buffer> {
  const id = await say(OFFICE, '/template projects');
  expect(textRepliedTo(bot, id)).toContain('已发送历史签约项目表');
  const wb = await loadXlsx(fileRepliedTo(bot, id).bytes);
  const ws = wb.worksheets[0]!;
  expect(ws.getRow(2).getCell(1).value).toBe('项目名称');
  for (let r = ws.rowCount; r >= 3; r--) ws.spliceRows(r, 1);
  for (const r of rows) ws.addRow(r);
  return xlsxBytes(wb);
}

describe('history project import in chat', () => {
  it('previews four new projects and stores nothing until the office confirms', async () => {
    const id = await send(OFFICE, await filledTemplate(rowsA()));
    const card = textOf(previewOf(id));
    expect(card).toContain('历史项目');
    expect(card).toContain('新增 **4** 项，修改 **0** 项，删除 **0** 项');
    expect(await db().project.count()).toBe(0);
  });

  it('a member cannot confirm; the office confirms once: projects with stages, flags and amounts, every row audited', async () => {
    const refused = await confirm(MEMBER);
    expect(refused.res.body.toast.type).toBe('error');
    expect(await db().project.count()).toBe(0);
    const { res, batch } = await confirm(OFFICE);
    expect(res.body.toast.content).toBe('已导入');
    const ps = await db().project.findMany({ orderBy: { id: 'asc' } });
    expect(ps.map((p) => [p.name, p.stage, p.signedOn, p.startedOn, p.producingOn, p.importedHistory])).toEqual([
      ['羽绒精深加工项目', 'STARTED', '2015-03-01', '2015-09-01', null, true],
      ['电子元器件项目', 'SIGNED', '2015-04-01', null, null, true],
      ['新能源电池项目', 'PRODUCING', '2016-05-01', '2016-08-01', '2017-01-01', true],
      ['高端装备项目', 'STARTED', '2017-07-01', '2018-02-01', null, true],
    ]);
    expect(ps.map((p) => [p.strategicEmerging, p.majorProject])).toEqual([
      [false, false],
      [false, false],
      [true, false],
      [false, true],
    ]);
    expect(ps[2]).toMatchObject({ investment: 30000, fundsInPlace: 8000, foreignCapitalUsd: 500 });
    const audits = await db().auditLog.findMany({ where: { action: 'project.import' } });
    expect(audits.map((a) => Number(a.entityId)).sort()).toEqual(ps.map((p) => p.id));
    expect(audits.every((a) => JSON.parse(a.detail).batchId === batch.id)).toBe(true);
    const again = await confirm(OFFICE);
    expect(again.res.body.toast.content).toContain('已经导入过了');
    expect(await db().project.count()).toBe(4);
  });

  it('/progress shows the cohorts’ real commencement rates', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf(OFFICE), '/progress 2018');
    const text = textOf(card);
    expect(text).toContain(
      "2015年签约 2 个，已开工 1 个，开工率 **50%**（目标 80%） <text_tag color='red'>未达标</text_tag>",
    );
    expect(text).toContain(
      "2016年签约 1 个，已开工 1 个，开工率 **100%**（目标 70%） <text_tag color='green'>达标</text_tag>",
    );
    expect(text).toContain(
      "2017年签约 1 个，已开工 1 个，开工率 **100%**（目标 60%） <text_tag color='green'>达标</text_tag>",
    );
  });

  it('the signing gate does not apply to an imported ¥100M+ project: its amount can be raised on the card', async () => {
    const p = await db().project.findFirstOrThrow({ where: { name: '高端装备项目' } });
    const openId = await bot.openIdOf('经贸局局长'); // captain of squad 4
    const res = await bot.card(
      cardCallback({
        openId,
        messageId: 'om_stage_imported',
        name: 'stage_submit',
        value: { action: 'project.stage', projectId: p.id, seq: 1 },
        formValue: { to_stage: 'STARTED', stage_date: '2018-06-24 +0800', investment: '25000' },
      }),
    );
    expect(res.body.toast.type, JSON.stringify(res.body.toast)).toBe('success');
    expect((await db().project.findUniqueOrThrow({ where: { id: p.id } })).investment).toBe(25000);
  });

  it('re-import: the same file changes nothing; a changed date updates that project in place (audited)', async () => {
    const same = await send(OFFICE, await filledTemplate(rowsA()));
    expect(textOf(previewOf(same))).toContain('新增 **0** 项，修改 **1** 项'); // 高端装备项目's amount changed on the card
    const rows = rowsA();
    rows[1]![8] = '2018-03-01'; // 电子元器件项目 commenced
    rows[3]![4] = 25000; // the amount as it is now
    const changed = await send(OFFICE, await filledTemplate(rows));
    expect(textOf(previewOf(changed))).toContain('新增 **0** 项，修改 **1** 项');
    expect(textOf(previewOf(changed))).toContain('电子元器件项目：开工 —→2018-03-01');
    await confirm(OFFICE);
    expect(await db().project.count()).toBe(4);
    const p = await db().project.findFirstOrThrow({ where: { name: '电子元器件项目' } });
    expect([p.stage, p.startedOn]).toEqual(['STARTED', '2018-03-01']);
    expect(await db().auditLog.count({ where: { action: 'project.import.update', entityId: String(p.id) } })).toBe(1);
    // The template now carries the imported projects: sent back as it is, nothing changes.
    const roundTrip = await say(OFFICE, '/template projects');
    const back = await send(OFFICE, fileRepliedTo(bot, roundTrip).bytes);
    expect(textOf(previewOf(back))).toContain('新增 **0** 项，修改 **0** 项，删除 **0** 项');
  });
});

describe('bad rows are refused with row, column and reason, and nothing is stored', () => {
  it('lists every problem of the file', async () => {
    const before = await db().project.count();
    const batches = await db().importBatch.count();
    const bad: Row[] = [
      ['火星项目', '火星小分队', '', '', 15000, 0, 0, '2015-03-01', '', '', '', '', ''],
      ['日期错的项目', squad3, '', '', 15000, 0, 0, '2015-02-30', '', '', '', '', ''],
      ['先开工后签约', squad3, '', '', 15000, 0, 0, '2016-03-01', '2016-01-01', '', '', '', ''],
      ['没签约日期', squad3, '', '', 15000, 0, 0, '', '', '', '', '', ''],
      ['金额是字', squad3, '', '', '约一亿', 0, 0, '2016-03-01', '', '', '', '可能', ''],
      ['投产无开工', squad3, '', '', 15000, 0, 0, '2016-03-01', '', '2016-05-01', '', '', ''],
      ['未来签约', squad3, '', '', 15000, 0, 0, '2019-01-01', '', '', '', '', ''],
      ['羽绒精深加工项目', squad3, '', '', 15000, 0, 0, '2015-03-01', '', '', '', '', ''],
      ['羽绒精深加工项目', squad3, '', '', 15000, 0, 0, '2015-03-01', '', '', '', '', ''],
    ];
    const id = await send(OFFICE, await filledTemplate(bad));
    const text = textRepliedTo(bot, id);
    expect(text).toContain('没有导入，什么也没有修改');
    for (const line of [
      '第 3 行 「小分队」列：没有名为「火星小分队」的小分队',
      '第 4 行 「签约日期」列：应为日期，如 2016-03-01；现在是「2015-02-30」',
      '第 5 行 「开工日期」列：不能早于签约日期（2016-03-01）',
      '第 6 行 「签约日期」列：不能为空',
      '第 7 行 「投资额(万元)」列：应为 0 到 10000000 之间的数字（万元）；现在是「约一亿」',
      '第 7 行 「战略性新兴产业」列：填“是”或留空；现在是「可能」',
      '第 8 行 「投产日期」列：填了投产日期，也要填开工日期',
      '第 9 行 「签约日期」列：不能晚于今天（2018-06-25）',
      '第 11 行 「项目名称」列：与第 10 行重复',
    ])
      expect(text).toContain(line);
    expect(await db().project.count()).toBe(before);
    expect(await db().importBatch.count()).toBe(batches);
  });

  it('a row naming a project registered in the bot is refused (the import never overwrites it)', async () => {
    const s3 = await db().squad.findFirstOrThrow({ where: { sortOrder: 3 } });
    const live = await db().project.create({ data: { name: '在系统中登记的项目', squadId: s3.id } });
    const id = await send(
      OFFICE,
      await filledTemplate([['在系统中登记的项目', squad3, '', '', 15000, 0, 0, '2016-03-01', '', '', '', '', '']]),
    );
    expect(textRepliedTo(bot, id)).toContain(
      `第 3 行 「项目名称」列：本系统中已登记了这个小分队的同名项目（编号 ${live.id}）`,
    );
    expect((await db().project.findUniqueOrThrow({ where: { id: live.id } })).importedHistory).toBe(false);
  });
});

describe('npm run import -- projects', () => {
  it('previews, applies with --yes in one transaction, and a second run changes nothing', async () => {
    const file = path.join(bot.dir, '历史项目-cli.xlsx');
    const wb = await loadXlsx(
      await filledTemplate([
        ['命令行导入项目', squad4, '', '', 18000, 0, 0, '2017-03-01', '2017-10-01', '', '', '', ''],
      ]),
    );
    fs.writeFileSync(file, await xlsxBytes(wb as ExcelJS.Workbook));
    const dry = await importFromFile(db(), 'projects', file, false);
    expect([dry.prepared.summary.added, dry.applied]).toEqual([1, false]);
    expect(await db().project.count({ where: { name: '命令行导入项目' } })).toBe(0);
    const run = await importFromFile(db(), 'projects', file, true);
    expect(run.applied).toBe(true);
    const p = await db().project.findFirstOrThrow({ where: { name: '命令行导入项目' } });
    expect([p.importedHistory, p.stage]).toEqual([true, 'STARTED']);
    expect(await db().auditLog.count({ where: { action: 'project.import', entityId: String(p.id) } })).toBe(1);
    const twice = await importFromFile(db(), 'projects', file, true);
    expect([twice.prepared.summary.added, twice.prepared.summary.changed]).toEqual([0, 0]);
    expect(await db().project.count({ where: { name: '命令行导入项目' } })).toBe(1);
  });
});

describe('nothing half-way', () => {
  it('a clash that appears between preview and confirm refuses the whole file, and the preview stays', async () => {
    const before = await db().project.count();
    await send(
      OFFICE,
      await filledTemplate([
        ['第一个新项目', squad3, '', '', 15000, 0, 0, '2016-03-01', '', '', '', '', ''],
        ['后来登记的项目', squad3, '', '', 15000, 0, 0, '2016-03-01', '', '', '', '', ''],
      ]),
    );
    const s3 = await db().squad.findFirstOrThrow({ where: { sortOrder: 3 } });
    const live = await db().project.create({ data: { name: '后来登记的项目', squadId: s3.id } });
    const { res, batch } = await confirm(OFFICE);
    expect(res.body.toast.type).toBe('error');
    expect(res.body.toast.content).toContain(`「后来登记的项目」（编号 ${live.id}）`);
    expect(await db().project.count()).toBe(before + 1); // only the one registered in the bot
    expect(await db().project.count({ where: { name: '第一个新项目' } })).toBe(0);
    expect((await db().importBatch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe('PREVIEW');
  });
});
