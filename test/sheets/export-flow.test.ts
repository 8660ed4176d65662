import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { exportToFile, importFromFile } from '../../src/sheets/cli.js';
import { buildQuotaWorkbook } from '../../src/sheets/quota-sheet.js';
import { loadKnownSquads, loadQuotas } from '../../src/db/imports.js';
import { workbookBytes } from '../../src/sheets/workbook.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { fixture, withText } from '../helpers/feishu.js';
import { fileRepliedTo, loadXlsx, settle, textRepliedTo } from '../helpers/files.js';

const OFFICE = '招商局局长';
const MEMBER = '财政局三分队队员'; // squad 3 (机械制造、电子信息)
const LEADER = '陆雨'; // a responsible leader of squad 3, not a member
let bot: TestBot;
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-07-02T02:00:00Z')) });
  const squads = await db().squad.findMany({ orderBy: { sortOrder: 'asc' } });
  for (const [i, s] of [squads[0]!, squads[2]!].entries()) {
    await db().visit.create({
      data: {
        squadId: s.id,
        visitedOn: '2018-05-1' + i,
        contactName: `客商${i}`,
        company: `企业${i}`,
        phone: `1390000000${i}`,
        address: `苏州路${i}号`,
        createdById: 1,
      },
    });
    await db().lead.create({
      data: {
        requestKey: `k${i}`,
        companyKey: `企业${i}`,
        company: `企业${i}`,
        squadId: s.id,
        source: 'VISIT',
        contactName: `联系人${i}`,
        phone: `1370000000${i}`,
        ownerId: 1,
        createdOn: '2018-05-20',
      },
    });
    const p = await db().project.create({
      data: { name: `项目${i}`, squadId: s.id, stage: 'SIGNED', investment: 20000, signedOn: '2018-04-01' },
    });
    await db().projectStageChange.create({
      data: { requestKey: `s${i}`, projectId: p.id, toStage: 'SIGNED', on: '2018-04-01', fundsInPlace: 5000 },
    });
  }
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

const headerRow = (ws: any, n: number) => (ws.getRow(n).values as unknown[]).filter(Boolean).map(String);

describe('/export', () => {
  it('the office gets visits with phones and addresses, and the export is audited', async () => {
    const id = await say(OFFICE, '/export visits 2018');
    const f = fileRepliedTo(bot, id);
    expect(f.fileName).toBe('港南区2018年拜访企业.xlsx');
    const ws = (await loadXlsx(f.bytes)).worksheets[0]!;
    expect(headerRow(ws, 2)).toEqual([
      '序号',
      '小分队',
      '拜访日期',
      '企业',
      '客商姓名',
      '职务',
      '经营范围',
      '投资意向',
      '联系方式',
      '地址',
    ]);
    expect(ws.rowCount).toBe(4);
    expect(textRepliedTo(bot, id)).toContain('全区，共 2 行');
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'export', entityId: 'visits' } });
    expect(JSON.parse(audit.detail)).toMatchObject({ withContacts: true, rows: 2 });
  });

  it('the projects export carries each project’s land need and land status', async () => {
    const p = await db().project.findFirstOrThrow({ where: { name: '项目0' } });
    await db().project.update({
      where: { id: p.id },
      data: { landNeedMu: 120, landLocation: '产业园南区', landStatus: 'LAND_APPROVED', landStatusOn: '2018-05-02' },
    });
    const id = await say(OFFICE, '/export projects 2018');
    const ws = (await loadXlsx(fileRepliedTo(bot, id).bytes)).worksheets[0]!;
    const headers = headerRow(ws, 2);
    expect(headers.slice(-4)).toEqual(['用地需求(亩)', '用地位置', '用地状态', '用地状态日期']);
    const row = (ws.getRow(3).values as unknown[]).map(String);
    expect(row).toContain('项目0');
    expect(row.slice(-4)).toEqual(['120', '产业园南区', '已批地', '2018-05-02']);
  });

  it('a leader asking for visits with contact data is refused, and the refusal is logged', async () => {
    const files = bot.sb.state.messages.filter((m) => m.msg_type === 'file').length;
    const id = await say(LEADER, '/export visits 2018 联系方式');
    expect(textRepliedTo(bot, id)).toContain('联系方式（电话、地址）只给区招商局和登记它们的小分队');
    expect(bot.sb.state.messages.filter((m) => m.msg_type === 'file').length).toBe(files);
    expect(await db().auditLog.count({ where: { action: 'export.refused' } })).toBe(1);
  });

  it('a leader gets the squads they lead without contact columns', async () => {
    const id = await say(LEADER, '/export visits 2018Q2');
    const ws = (await loadXlsx(fileRepliedTo(bot, id).bytes)).worksheets[0]!;
    expect(headerRow(ws, 2)).not.toContain('联系方式');
    expect(ws.rowCount).toBe(3);
    expect(String(ws.getRow(3).getCell(2).value)).toBe('机械制造、电子信息产业招商小分队');
    expect(JSON.stringify(ws.getSheetValues())).not.toContain('1390000000');
  });

  it('a member gets their own squad’s visits with the phones and addresses they collected', async () => {
    const id = await say(MEMBER, '/export visits 2018Q2 联系方式');
    const ws = (await loadXlsx(fileRepliedTo(bot, id).bytes)).worksheets[0]!;
    expect(headerRow(ws, 2)).toContain('联系方式');
    expect(ws.rowCount).toBe(3);
    expect(JSON.stringify(ws.getSheetValues())).toContain('13900000001');
    expect(JSON.stringify(ws.getSheetValues())).not.toContain('13900000000');
  });

  it('progress: quota vs actual per squad, amounts in 亿元, one sheet per squad kind', async () => {
    const id = await say(OFFICE, '/export progress 2018Q2');
    const wb = await loadXlsx(fileRepliedTo(bot, id).bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['完成情况一 招商小分队', '完成情况二 各镇(街道办)']);
    const ws = wb.worksheets[0]!;
    const h = headerRow(ws, 2);
    const col = (name: string) => h.indexOf(name) + 1;
    expect(ws.getRow(3).getCell(col('签约投资额任务(亿元)')).value).toBe(16);
    expect(ws.getRow(3).getCell(col('签约投资额完成(亿元)')).value).toBe(2);
    expect(ws.getRow(3).getCell(col('到位资金完成(亿元)')).value).toBe(0.5);
    expect(ws.getRow(3).getCell(col('新签约亿元以上项目完成率')).value).toBe('25%');
  });

  it('the reports export lists each report’s visited businessmen; phones only with 联系方式 for those who may', async () => {
    const squads = await db().squad.findMany({ orderBy: { sortOrder: 'asc' } });
    const man = {
      name: '王总',
      company: '某电子公司',
      address: '深圳南山',
      position: '董事长',
      contact: '13611112222',
      businessScope: '电子',
      investmentIntent: '有意',
    };
    await db().monthlyReport.create({
      data: {
        squadId: squads[2]!.id,
        month: '2018-05',
        status: 'SUBMITTED',
        visitedBusinessmen: JSON.stringify([man]),
      },
    });
    const plain = (await loadXlsx(fileRepliedTo(bot, await say(LEADER, '/export reports 2018Q2')).bytes))
      .worksheets[0]!;
    expect(headerRow(plain, 2)).toContain('拜访客商');
    const text = JSON.stringify(plain.getSheetValues());
    expect(text).toContain('王总｜某电子公司');
    expect(text).toContain('董事长');
    expect(text).not.toContain('13611112222');
    expect(text).not.toContain('深圳南山');
    const full = (await loadXlsx(fileRepliedTo(bot, await say(OFFICE, '/export reports 2018Q2 联系方式')).bytes))
      .worksheets[0]!;
    expect(JSON.stringify(full.getSheetValues())).toContain('13611112222');
  });

  it('an unknown kind or period gets the usage back', async () => {
    const id = await say(OFFICE, '/export money 2018');
    expect(JSON.stringify(bot.sb.state.messages.find((m) => m.parent_id === id)?.content)).toContain(
      '请写明导出哪种表',
    );
  });
});

describe('command line', () => {
  it('export writes the file; importing the quota table back changes nothing', async () => {
    const out = path.join(bot.dir, 'leads.xlsx');
    expect(await exportToFile(db(), 'leads', '2018', out, '2018-07-02')).toBe(2);
    const ws = (await loadXlsx(fs.readFileSync(out))).worksheets[0]!;
    expect(headerRow(ws, 2)).toContain('联系电话');

    const quotas = path.join(bot.dir, 'quotas.xlsx');
    fs.writeFileSync(
      quotas,
      await workbookBytes(buildQuotaWorkbook(await loadKnownSquads(db()), await loadQuotas(db(), [2018]), [2018])),
    );
    const before = JSON.stringify(await db().quota.findMany());
    const r = await importFromFile(db(), 'quotas', quotas, true);
    expect(r.prepared.summary).toMatchObject({ added: 0, changed: 0, removed: 0 });
    expect(JSON.stringify(await db().quota.findMany())).toBe(before);
  });

  it('a 20 MB file is refused unread', async () => {
    const big = path.join(bot.dir, 'big.xlsx');
    fs.writeFileSync(big, Buffer.alloc(20 * 1024 * 1024));
    await expect(importFromFile(db(), 'quotas', big, true)).rejects.toThrow(/文件太大（20\.0 MB），最多 5 MB/);
  });
});
