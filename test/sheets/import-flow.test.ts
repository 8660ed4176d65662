import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { fixture, newEventId, withText } from '../helpers/feishu.js';
import { fileMessage, fileRepliedTo, loadXlsx, repliesTo, settle, textRepliedTo, xlsxBytes } from '../helpers/files.js';

const OFFICE = '招商局局长'; // OFFICE + OFFICE_ADMIN
const MEMBER = '财政局三分队队员';
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-07-02T02:00:00Z')) });
});
afterAll(() => bot?.close());

const db = () => bot.database.prisma;
const quotaSnapshot = async () => JSON.stringify(await db().quota.findMany({ orderBy: { id: 'asc' } }));

async function say(name: string, text: string) {
  const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, {
    openId: await bot.openIdOf(name),
  });
  expect((await bot.event(ev)).status).toBe(200);
  await settle(bot);
  return ev.event.message.message_id as string;
}

async function send(name: string, bytes: Buffer, fileName: string) {
  const ev = await fileMessage(bot, name, bytes, fileName);
  expect((await bot.event(ev)).status).toBe(200);
  await settle(bot);
  return ev.event.message.message_id as string;
}

async function click(name: string, value: Record<string, unknown>, messageId = 'om_card_import') {
  const cb = fixture('callbacks/card.action.trigger.button.json');
  cb.header.event_id = newEventId('evt_card');
  cb.event.operator.open_id = await bot.openIdOf(name);
  cb.event.action.value = value;
  cb.event.context.open_message_id = messageId;
  return bot.card(cb);
}

async function quotaTemplate(): Promise<Buffer> {
  const id = await say(OFFICE, '/template quotas 2018');
  const f = fileRepliedTo(bot, id);
  expect(f.fileName).toBe('2018年招商目标任务.xlsx');
  expect(textRepliedTo(bot, id)).toContain('已发送 2018 年目标任务表');
  return f.bytes;
}

function lastCard(messageId: string): any {
  const m = repliesTo(bot, messageId).find((x) => x.msg_type === 'interactive');
  return m?.content;
}

describe('quota import in chat', () => {
  it('round trip: the template sent back changes nothing', async () => {
    const before = await quotaSnapshot();
    const id = await send(OFFICE, await quotaTemplate(), '2018年招商目标任务.xlsx');
    const card = JSON.stringify(lastCard(id));
    expect(card).toContain('新增 **0** 项，修改 **0** 项，删除 **0** 项');
    expect(card).toContain('完全一致');
    expect(card).not.toContain('import.confirm');
    expect(await quotaSnapshot()).toBe(before);
  });

  it('previews a change, refuses a member, applies once on the office’s confirm', async () => {
    const wb = await loadXlsx(await quotaTemplate());
    const ws = wb.worksheets[0]!;
    // Row 3 = first squad (title row, header row); column 4 = 签约投资额(万元).
    expect(String(ws.getRow(2).getCell(4).value)).toBe('签约投资额(万元)');
    const squadName = String(ws.getRow(3).getCell(2).value);
    ws.getRow(3).getCell(4).value = 170000;
    ws.getRow(3).getCell(3).value = null; // removes that squad's SIGNED_PROJECTS quota
    const before = await quotaSnapshot();
    const id = await send(OFFICE, await xlsxBytes(wb), '改过的目标任务.xlsx');
    const card = lastCard(id);
    const text = JSON.stringify(card);
    expect(text).toContain('修改 **1** 项，删除 **1** 项');
    expect(text).toContain(`${squadName} 签约投资额：160000 → 170000`);
    expect(await quotaSnapshot()).toBe(before);
    const batch = await db().importBatch.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(batch.status).toBe('PREVIEW');

    const refused = await click(MEMBER, { action: 'import.confirm', batchId: batch.id });
    expect(refused.body.toast.type).toBe('error');
    expect(await quotaSnapshot()).toBe(before);

    const ok = await click(OFFICE, { action: 'import.confirm', batchId: batch.id });
    expect(ok.body.toast.content).toBe('已导入');
    expect(JSON.stringify(ok.body.card.data)).toContain('已导入');
    const again = await click(OFFICE, { action: 'import.confirm', batchId: batch.id });
    expect(again.body.toast.content).toContain('已经导入过了');
    expect((await db().importBatch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe('APPLIED');
    expect(await db().auditLog.count({ where: { action: 'import.apply', entityId: String(batch.id) } })).toBe(1);
    const squad = await db().squad.findFirstOrThrow({ where: { name: squadName } });
    const q = await db().quota.findMany({ where: { year: 2018, squadId: squad.id } });
    expect(q.find((x) => x.metric === 'SIGNED_INVESTMENT')?.target).toBe(170000);
    expect(q.find((x) => x.metric === 'SIGNED_PROJECTS')).toBeUndefined();
  });

  it('a member sending a spreadsheet is told only the office imports, and nothing is stored', async () => {
    const batches = await db().importBatch.count();
    const id = await send(MEMBER, Buffer.from('PK\u0003\u0004'), '目标任务.xlsx');
    expect(textRepliedTo(bot, id)).toContain('只有领导小组办公室的管理员可以导入');
    expect(await db().importBatch.count()).toBe(batches);
  });
});

describe('amounts in the quota sheet as people type them', () => {
  it('18亿, ８０００万 and 3,500 in 万元 columns are read in 万元 and the preview shows the result', async () => {
    const wb = await loadXlsx(await quotaTemplate());
    const ws = wb.worksheets[0]!;
    const squadName = String(ws.getRow(3).getCell(2).value);
    expect(String(ws.getRow(2).getCell(4).value)).toBe('签约投资额(万元)');
    expect(String(ws.getRow(2).getCell(5).value)).toBe('到位资金(万元)');
    ws.getRow(3).getCell(4).value = '18亿';
    ws.getRow(3).getCell(5).value = '８０００万';
    ws.getRow(4).getCell(5).value = '3,500';
    const before = await quotaSnapshot();
    const id = await send(OFFICE, await xlsxBytes(wb), '文字金额.xlsx');
    const text = JSON.stringify(lastCard(id));
    expect(text).toMatch(new RegExp(`${squadName} 签约投资额：\\d+ → 180000`));
    expect(text).toMatch(new RegExp(`${squadName} 到位资金：\\d+ → 8000`));
    expect(text).toMatch(/到位资金：\d+ → 3500/);
    expect(await quotaSnapshot()).toBe(before);
  });
});

describe('malformed files change nothing and say precisely what is wrong', () => {
  const cases: [string, (wb: Awaited<ReturnType<typeof loadXlsx>>) => void, string[]][] = [
    [
      'wrong headers',
      (wb) => {
        wb.worksheets[0]!.getRow(2).getCell(4).value = '投资金额';
      },
      ['工作表「附表一 招商小分队」 第 2 行 「投资金额」列：不认识这一列'],
    ],
    [
      'text in a number column',
      (wb) => {
        wb.worksheets[0]!.getRow(4).getCell(5).value = '约十亿';
      },
      ['工作表「附表一 招商小分队」 第 4 行 「到位资金(万元)」列：应为数字；现在是「约十亿」'],
    ],
    [
      'an unknown squad',
      (wb) => {
        wb.worksheets[1]!.getRow(3).getCell(2).value = '火星镇';
      },
      ['工作表「附表二 各镇(街道办)」 第 3 行 「小分队/单位」列：没有名为「火星镇」的小分队或单位'],
    ],
    [
      'an empty sheet',
      (wb) => {
        for (const ws of wb.worksheets) for (let r = ws.rowCount; r >= 3; r--) ws.spliceRows(r, 1);
      },
      ['工作表「附表一 招商小分队」：表头下面没有数据行'],
    ],
  ];
  it.each(cases)('%s', async (_, change, expected) => {
    const wb = await loadXlsx(await quotaTemplate());
    change(wb);
    const before = [await quotaSnapshot(), await db().importBatch.count()];
    const id = await send(OFFICE, await xlsxBytes(wb), '目标任务.xlsx');
    const text = textRepliedTo(bot, id);
    expect(text).toContain('没有导入，什么也没有修改');
    for (const e of expected) expect(text).toContain(e);
    expect([await quotaSnapshot(), await db().importBatch.count()]).toEqual(before);
  });

  it('a non-xlsx file is refused without downloading it', async () => {
    const downloads = () => bot.sb.state.calls.filter((c) => c.path.includes('/resources/')).length;
    const before = downloads();
    const id = await send(OFFICE, Buffer.from('%PDF-1.4'), '招商任务.pdf');
    expect(textRepliedTo(bot, id)).toContain('不是 Excel 工作簿（.xlsx）');
    expect(downloads()).toBe(before);
  });

  it('a file named .xlsx that is not one is refused', async () => {
    const id = await send(OFFICE, Buffer.from('name,unit\n张三,招商局\n'), '名册.xlsx');
    expect(textRepliedTo(bot, id)).toContain('不是 Excel 工作簿');
  });

  it('a 20 MB file is refused before parsing, with the limit named', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024, 1);
    big.write('PK\u0003\u0004', 'latin1');
    const before = await db().importBatch.count();
    const id = await send(OFFICE, big, '大文件.xlsx');
    expect(textRepliedTo(bot, id)).toMatch(/文件太大（20\.0 MB），最多 5 MB/);
    expect(await db().importBatch.count()).toBe(before);
  });
});

describe('roster import', () => {
  it('round trip: the roster template sent back changes nothing', async () => {
    const id = await say(OFFICE, '/template roster');
    const f = fileRepliedTo(bot, id);
    const back = await send(OFFICE, f.bytes, f.fileName);
    expect(JSON.stringify(lastCard(back))).toContain('新增 **0** 项，修改 **0** 项，删除 **0** 项');
  });

  it('names the row of a bad mobile and an unknown role', async () => {
    const id = await say(OFFICE, '/template roster');
    const wb = await loadXlsx(fileRepliedTo(bot, id).bytes);
    const ws = wb.worksheets[0]!;
    ws.getRow(5).getCell(6).value = '12345';
    ws.getRow(6).getCell(4).value = '司令';
    const back = await send(OFFICE, await xlsxBytes(wb), '名册.xlsx');
    const text = textRepliedTo(bot, back);
    expect(text).toContain('工作表「名册」 第 5 行 「手机」列：应为 11 位手机号；现在是「12345」');
    expect(text).toContain('工作表「名册」 第 6 行 「角色」列：不认识角色「司令」');
  });
});
