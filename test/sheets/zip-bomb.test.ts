import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src/sheets/workbook.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { fileMessage, repliesTo, settle, textRepliedTo } from '../helpers/files.js';

// A spreadsheet sent to the bot is a zip archive: a small one can unpack to hundreds of MB. It is
// refused from its table of contents and a capped inflate, before the spreadsheet library reads it.

interface ZipPart {
  name: string;
  /** Raw deflate data, and what it unpacks to. */
  deflated: Buffer;
  size: number;
  crc: number;
}

function part(name: string, text: string): ZipPart {
  const b = Buffer.from(text);
  return { name, deflated: zlib.deflateRawSync(b), size: b.length, crc: zlib.crc32(b) };
}

/** `mb` megabytes of spaces, deflated a chunk at a time so that building it costs little memory. */
async function hugePart(name: string, mb: number): Promise<ZipPart> {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (d: Buffer) => out.push(d));
  const done = new Promise((r) => deflate.on('end', r));
  let crc = 0;
  for (let i = 0; i < mb; i++) {
    crc = zlib.crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return { name, deflated: Buffer.concat(out), size: mb * chunk.length, crc };
}

/** A plain zip archive (deflate, no ZIP64), as Excel writes them. */
function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(p.crc >>> 0, 14);
    head.writeUInt32LE(p.deflated.length, 18);
    head.writeUInt32LE(p.size, 22);
    head.writeUInt16LE(name.length, 26);
    locals.push(head, name, p.deflated);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(p.crc >>> 0, 16);
    c.writeUInt32LE(p.deflated.length, 20);
    c.writeUInt32LE(p.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    centrals.push(c, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = part(
  '[Content_Types].xml',
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
);

/** The sizes a zip claims are only claims: this one says its big part unpacks to 1 KB. */
function lyingAboutSize(bomb: Buffer, big: ZipPart): Buffer {
  const out = Buffer.from(bomb);
  const cdStart = out.readUInt32LE(out.length - 22 + 16);
  // The big part is the second entry: skip the first central record.
  const first = 46 + out.readUInt16LE(cdStart + 28);
  out.writeUInt32LE(1024, cdStart + first + 24);
  expect(out.length).toBeGreaterThan(big.deflated.length);
  return out;
}

let bomb: Buffer;
let big: ZipPart;
beforeAll(async () => {
  big = await hugePart('xl/worksheets/sheet1.xml', 300);
  bomb = zip([CONTENT_TYPES, big]);
}, 60_000);

describe('spreadsheet zip limits', () => {
  it('a small .xlsx that unpacks to 300 MB is refused quickly, with bounded memory', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const peakBefore = process.resourceUsage().maxRSS;
    const t0 = Date.now();
    await expect(readWorkbook(bomb, 'bomb.xlsx')).rejects.toThrow(/解压后有 300 MB，最多 50 MB/);
    expect(Date.now() - t0).toBeLessThan(5_000);
    // maxRSS is in KB: the peak grew by well under the 300 MB the file unpacks to.
    expect((process.resourceUsage().maxRSS - peakBefore) / 1024).toBeLessThan(150);
  });

  it('sizes the file lies about are found by inflating with a cap', async () => {
    const peakBefore = process.resourceUsage().maxRSS;
    await expect(readWorkbook(lyingAboutSize(bomb, big), 'bomb.xlsx')).rejects.toThrow(/解压后超过 50 MB/);
    expect((process.resourceUsage().maxRSS - peakBefore) / 1024).toBeLessThan(150);
  });

  it('an archive of thousands of parts is refused before parsing', async () => {
    const parts = [CONTENT_TYPES];
    for (let i = 0; i < 5000; i++) parts.push(part(`xl/media/p${i}.xml`, '<x/>'));
    await expect(readWorkbook(zip(parts), 'many.xlsx')).rejects.toThrow(/有 5001 个部件，超过了 500 个的上限/);
  });
});

describe('a zip bomb sent to the bot', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot?.close());

  it('gets one clear refusal and stores nothing', async () => {
    const ev = await fileMessage(bot, '招商局局长', bomb, '目标任务.xlsx');
    expect((await bot.event(ev)).status).toBe(200);
    await settle(bot);
    const id = ev.event.message.message_id as string;
    expect(textRepliedTo(bot, id)).toContain('「目标任务.xlsx」没有导入，什么也没有修改：\n这个文件解压后有 300 MB');
    expect(repliesTo(bot, id).filter((m) => m.msg_type === 'interactive')).toHaveLength(0);
    expect(await bot.database.prisma.importBatch.count()).toBe(0);
  });
});
