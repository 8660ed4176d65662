import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../../src/clock.js';
import { p2pChatId } from '../../../src/sandbox/open-api/index.js';
import { buildMenuEvent, buildMessageEvent } from '../../../src/sandbox/page/feishu-events.js';
import { startTestBot, type TestBot } from '../../helpers/app.js';
import { fixture } from '../../helpers/feishu.js';
import { loadXlsx, settle, xlsxBytes } from '../../helpers/files.js';

// The chat page's file API and menu, without a browser: a file bubble's download (the bytes the bot
// uploaded, only with this start's token, only a file its message carries), a spreadsheet the page
// sends reaching the bot as Feishu's `file` message (which the bot downloads through the Open API),
// what the page refuses to send, and a menu tap as a real application.bot.menu_v6 event.

let bot: TestBot;
let office: string;
let captain: string;
let token: string;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-07-02T02:00:00Z')) });
  token = new URL(bot.pageUrl ?? bot.url).searchParams.get('t') ?? '';
  office = await bot.openIdOf('招商局局长');
  const squad = await bot.database.prisma.squad.findFirstOrThrow({
    where: { sortOrder: { gt: 1 } },
    include: { members: { include: { person: true } } },
  });
  captain = squad.members.find((m) => m.role === 'CAPTAIN')!.person.openId!;
});
afterAll(async () => {
  await bot?.close();
});

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${bot.url}/sandbox/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sandbox-token': token, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};
const messages = async (chatId: string) =>
  (
    (await (
      await fetch(`${bot.url}/sandbox/api/messages?chatId=${encodeURIComponent(chatId)}`, {
        headers: { 'x-sandbox-token': token },
      })
    ).json()) as { messages: any[] }
  ).messages;
const xlsx = (bytes: Buffer) => bytes.toString('base64');
/** Everything the page's refusals must leave as it was. */
const footprint = async () => [
  bot.sb.state.messages.length,
  await bot.database.prisma.processedEvent.count(),
  await bot.database.prisma.outbox.count(),
  await bot.database.prisma.feishuTask.count(),
];

/** The keys of an object, nested, sorted: the shape of a payload without its values. */
function shapeOf(v: unknown, at = ''): string[] {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [at];
  return Object.entries(v)
    .flatMap(([k, x]) => shapeOf(x, at ? `${at}.${k}` : k))
    .sort();
}

async function templateBubble() {
  expect(
    (await post('send', { openId: office, chatId: p2pChatId(office), text: '/template quotas 2018' })).status,
  ).toBe(200);
  await settle(bot);
  const file = (await messages(p2pChatId(office))).filter((m) => m.msgType === 'file').at(-1);
  expect(file).toBeDefined();
  return file;
}

describe('files on the chat page', () => {
  it('a file the bot sends has a name, a size and a download link that serves its bytes', async () => {
    const m = await templateBubble();
    expect(m.file).toMatchObject({ name: '2018年招商目标任务.xlsx' });
    const stored = bot.sb.file(m.content.file_key)!;
    expect(m.file.size).toBe(stored.bytes.length);
    const res = await fetch(`${bot.url}${m.file.url}?t=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('2018年招商目标任务.xlsx')}`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(stored.bytes)).toBe(true);
  });

  it('the download needs this start’s token, the same origin, and a file the message carries', async () => {
    const m = await templateBubble();
    expect((await fetch(`${bot.url}${m.file.url}`)).status).toBe(403);
    expect((await fetch(`${bot.url}${m.file.url}?t=${token}x`)).status).toBe(403);
    const crossSite = await fetch(`${bot.url}${m.file.url}?t=${token}`, {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    // Another message's id with this file_key: not served, as Feishu's message-resource API.
    const other = (await messages(p2pChatId(office))).find((x) => x.msgType !== 'file')!;
    const wrongPair = await fetch(
      `${bot.url}/sandbox/api/files/${encodeURIComponent(other.id)}/${encodeURIComponent(m.content.file_key)}?t=${token}`,
    );
    expect(wrongPair.status).toBe(404);
    expect(((await wrongPair.json()) as { error: string }).error).toContain('找不到这个文件');
  });

  it('a spreadsheet sent from the page reaches the bot as Feishu’s file message and gets the preview card', async () => {
    const wb = await loadXlsx(bot.sb.file((await templateBubble()).content.file_key)!.bytes);
    wb.worksheets[0]!.getRow(3).getCell(4).value = 171717;
    const downloadsBefore = bot.sb.state.calls.filter((c) => c.path.includes('/resources/')).length;
    const res = await post('file', {
      openId: office,
      chatId: p2pChatId(office),
      fileName: '改过的目标任务.xlsx',
      data: xlsx(await xlsxBytes(wb)),
    });
    expect(res.status).toBe(200);
    await settle(bot);
    const inChat = await messages(p2pChatId(office));
    const mine = inChat.find((m) => m.id === res.body.messageId)!;
    expect(mine).toMatchObject({ from: office, msgType: 'file', file: { name: '改过的目标任务.xlsx' } });
    expect(Object.keys(mine.content).sort()).toEqual(['file_key', 'file_name']);
    // The bot fetched the bytes itself, through im.messageResource.get on that message and file_key.
    const downloads = bot.sb.state.calls.filter((c) => c.path.includes('/resources/'));
    expect(downloads.length).toBe(downloadsBefore + 1);
    expect(downloads.at(-1)!.path).toBe(
      `/open-apis/im/v1/messages/${res.body.messageId}/resources/${mine.content.file_key}`,
    );
    expect(downloads.at(-1)!.query.type).toBe('file');
    const preview = inChat.filter((m) => m.msgType === 'interactive').at(-1)!;
    expect(JSON.stringify(preview.content)).toContain('160000 → 171717');
  });

  it('builds the file event exactly in the shape of Feishu’s sample', () => {
    const sender = bot.sb.state.users.get(office)!;
    const page = { sandbox: bot.sb, config: bot.config, botUrl: () => bot.url };
    const { payload } = buildMessageEvent(page, {
      sender,
      chatId: p2pChatId(office),
      chatType: 'p2p',
      file: { fileKey: 'file_v3_x', fileName: 'a.xlsx' },
    });
    const sample = fixture('events/im.message.receive_v1.p2p-file.json');
    // root_id / parent_id are Feishu's reply fields (the page sends them empty); the sample is no reply.
    const replyFields = new Set(['event.message.root_id', 'event.message.parent_id']);
    expect(shapeOf(payload).filter((k) => !replyFields.has(k))).toEqual(shapeOf(sample));
    const content = JSON.parse((payload as any).event.message.content);
    expect(Object.keys(content).sort()).toEqual(Object.keys(JSON.parse(sample.event.message.content)).sort());
    expect(shapeOf(buildMenuEvent(page, sender, 'rank'))).toEqual(
      shapeOf(fixture('events/application.bot.menu_v6.json')),
    );
  });

  it('refuses what the bot would not take, in Chinese, and sends nothing', async () => {
    const before = await footprint();
    const chatId = p2pChatId(office);
    const send = (fileName: string, bytes: Buffer) =>
      post('file', { openId: office, chatId, fileName, data: xlsx(bytes) });
    const csv = await send('目标任务.csv', Buffer.from('a,b\n1,2'));
    expect(csv.status).toBe(400);
    expect(csv.body.error).toContain('不是 Excel 工作簿');
    const xls = await send('目标任务.xls', Buffer.from('old'));
    expect(xls.body.error).toContain('另存为');
    const empty = await send('空.xlsx', Buffer.alloc(0));
    expect(empty.body.error).toContain('空文件');
    const big = await send('太大.xlsx', Buffer.alloc(5 * 1024 * 1024 + 1, 1));
    expect(big.status).toBe(413);
    expect(big.body.error).toContain('超过了 5 MB 的上限');
    // A body larger than any allowed file is cut off before it is read.
    const huge = await post('file', {
      openId: office,
      chatId,
      fileName: '巨大.xlsx',
      data: 'A'.repeat(8 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toContain('5 MB');
    const elsewhere = await post('file', {
      openId: captain,
      chatId,
      fileName: 'a.xlsx',
      data: xlsx(Buffer.from('PK')),
    });
    expect(elsewhere.status).toBe(403);
    const noToken = await post(
      'file',
      { openId: office, chatId, fileName: 'a.xlsx', data: 'UEs=' },
      { 'x-sandbox-token': '' },
    );
    expect(noToken.status).toBe(403);
    expect(await footprint()).toEqual(before);
  });
});

describe('the bot menu on the chat page', () => {
  it('a tap is a real menu event: the answer arrives in the 1:1 chat', async () => {
    const before = (await messages(p2pChatId(captain))).length;
    const res = await post('menu', { openId: captain, eventKey: 'progress' });
    expect(res.body).toEqual({ status: 200 });
    await settle(bot);
    const after = await messages(p2pChatId(captain));
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ from: null, msgType: 'interactive' });
    expect(JSON.stringify(after.at(-1).content)).toContain('进度');
    const menu = await bot.database.prisma.processedEvent.count();
    expect(menu).toBeGreaterThan(0);
  });

  it('lists the menu for the page, and refuses an unknown item or person', async () => {
    const roster = (await (
      await fetch(`${bot.url}/sandbox/api/roster`, { headers: { 'x-sandbox-token': token } })
    ).json()) as any;
    expect(roster.menu.map((m: { label: string }) => m.label)).toEqual([
      '月度汇报',
      '出差计划',
      '录入线索',
      '进度',
      '排名',
    ]);
    const before = await footprint();
    expect((await post('menu', { openId: captain, eventKey: 'nope' })).status).toBe(400);
    expect((await post('menu', { openId: 'ou_nobody', eventKey: 'rank' })).status).toBe(403);
    expect((await post('menu', { openId: captain, eventKey: 'rank' }, { 'x-sandbox-token': '' })).status).toBe(403);
    expect(await footprint()).toEqual(before);
  });
});
