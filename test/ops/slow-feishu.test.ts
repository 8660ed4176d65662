import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { feishuTasks } from '../../src/commands/feishu-tasks.js';
import { FeishuTaskRunner } from '../../src/feishu/task-runner.js';
import { holdFileCalls, releaseFileCalls } from '../../src/sandbox/open-api/index.js';
import { buildQuotaWorkbook } from '../../src/sheets/quota-sheet.js';
import { loadKnownSquads, loadQuotas } from '../../src/db/imports.js';
import { workbookBytes } from '../../src/sheets/workbook.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { fixture, withText } from '../helpers/feishu.js';
import { fileMessage, repliesTo, settle, textRepliedTo } from '../helpers/files.js';

// A slow or stuck Feishu file service must not stop the bot: the asking event is answered at once,
// everyone else is answered as usual, and the file (or one clear failure message) follows later.

const OFFICE = '招商局局长';
const OTHER = '财政局三分队队员';
const UPLOADS = '/open-apis/im/v1/files';
const DOWNLOADS = '/open-apis/im/v1/messages/';
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot(
    { LARK_FILE_TIMEOUT_MS: '1500' },
    { clock: new FixedClock(new Date('2018-07-02T02:00:00Z')), tasks: { retryMs: 100, maxAttempts: 2 } },
  );
});
afterEach(() => {
  releaseFileCalls(bot.sb.state, 'upload');
  releaseFileCalls(bot.sb.state, 'download');
});
afterAll(() => bot?.close());

/** Rejects when the promise takes longer than `ms` (a hung handler fails the test instead of stalling it). */
function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)),
  ]);
}

/** Delivers what is due until `done` holds (the task runs in the background), or fails after `ms`. */
async function until(done: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    await bot.flush();
    if (done()) return;
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function textEvent(name: string, text: string) {
  return withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, { openId: await bot.openIdOf(name) });
}

const files = (id: string) => repliesTo(bot, id).filter((m) => m.msg_type === 'file');
const cards = (id: string) => repliesTo(bot, id).filter((m) => m.msg_type === 'interactive');

/** While one call hangs: another person's /help is answered in under a second. */
async function helpIsAnsweredMeanwhile(): Promise<void> {
  const help = await textEvent(OTHER, '/help');
  const t0 = Date.now();
  expect((await within(5_000, bot.event(help), '/help')).status).toBe(200);
  await bot.flush();
  const elapsed = Date.now() - t0;
  expect(cards(help.event.message.message_id)).toHaveLength(1);
  expect(elapsed).toBeLessThan(1_000);
}

describe('a hanging upload', () => {
  it('an /export is answered at once, another user’s /help in under a second, and a timeout gives one clear failure', async () => {
    holdFileCalls(bot.sb.state, 'upload', { ms: 60_000 });
    const uploadsBefore = bot.sb.callCount(UPLOADS);
    const ev = await textEvent(OFFICE, '/export visits 2018');
    const id = ev.event.message.message_id as string;
    expect((await within(5_000, bot.event(ev), '/export')).status).toBe(200);
    await until(() => textRepliedTo(bot, id).includes('正在生成'));
    await until(() => bot.sb.callCount(UPLOADS) > uploadsBefore);
    await helpIsAnsweredMeanwhile();
    expect(files(id)).toHaveLength(0);
    // Each try gives up after LARK_FILE_TIMEOUT_MS; after the last one the office is told once.
    await until(() => textRepliedTo(bot, id).includes('没有完成'));
    expect(bot.sb.callCount(UPLOADS) - uploadsBefore).toBe(2);
    await new Promise((r) => setTimeout(r, 500));
    await bot.flush();
    const failures = repliesTo(bot, id).filter((m) => JSON.stringify(m.content).includes('没有完成'));
    expect(failures).toHaveLength(1);
    expect(textRepliedTo(bot, id)).toContain('请稍后重新发送');
    expect(files(id)).toHaveLength(0);
  });

  it('an upload that hangs once and then succeeds sends the file exactly once', async () => {
    // The first upload hangs until the test lets it go; the second try is not held.
    holdFileCalls(bot.sb.state, 'upload', { ms: 60_000, count: 1 });
    const ev = await textEvent(OFFICE, '/export projects 2018');
    const id = ev.event.message.message_id as string;
    expect((await within(5_000, bot.event(ev), '/export')).status).toBe(200);
    await until(() => files(id).length > 0);
    expect(textRepliedTo(bot, id)).toContain('已导出');
    // The held upload is answered in the end (an orphan file in Feishu), and sends nothing more.
    releaseFileCalls(bot.sb.state, 'upload');
    await new Promise((r) => setTimeout(r, 500));
    await bot.flush();
    expect(files(id)).toHaveLength(1);
    expect(textRepliedTo(bot, id).match(/已导出/g)).toHaveLength(1);
  });

  it('a /template is answered at once while the upload hangs, and the template follows', async () => {
    holdFileCalls(bot.sb.state, 'upload', { ms: 60_000, count: 1 });
    const ev = await textEvent(OFFICE, '/template quotas 2018');
    const id = ev.event.message.message_id as string;
    expect((await within(5_000, bot.event(ev), '/template')).status).toBe(200);
    await until(() => files(id).length > 0);
    expect(files(id)).toHaveLength(1);
  });
});

describe('a hanging download of a spreadsheet sent to the bot', () => {
  async function quotaBytes(): Promise<Buffer> {
    const db = bot.database.prisma;
    return workbookBytes(buildQuotaWorkbook(await loadKnownSquads(db), await loadQuotas(db, [2018]), [2018]));
  }

  it('the file is acknowledged at once, others are answered, and a timeout gives one clear failure', async () => {
    holdFileCalls(bot.sb.state, 'download', { ms: 60_000 });
    const ev = await fileMessage(bot, OFFICE, await quotaBytes(), '2018年招商目标任务.xlsx');
    const id = ev.event.message.message_id as string;
    const downloadsBefore = bot.sb.callCount(DOWNLOADS);
    expect((await within(5_000, bot.event(ev), 'file message')).status).toBe(200);
    await until(() => textRepliedTo(bot, id).includes('正在读取'));
    await until(() => bot.sb.callCount(DOWNLOADS) > downloadsBefore);
    await helpIsAnsweredMeanwhile();
    await until(() => textRepliedTo(bot, id).includes('没有导入'));
    expect(textRepliedTo(bot, id).match(/没有导入/g)).toHaveLength(1);
    expect(cards(id)).toHaveLength(0);
    expect(await bot.database.prisma.importBatch.count()).toBe(0);
  });

  it('a download that hangs once and then succeeds shows the preview exactly once', async () => {
    holdFileCalls(bot.sb.state, 'download', { ms: 60_000, count: 1 });
    const batches = await bot.database.prisma.importBatch.count();
    const ev = await fileMessage(bot, OFFICE, await quotaBytes(), '2018年招商目标任务.xlsx');
    const id = ev.event.message.message_id as string;
    expect((await within(5_000, bot.event(ev), 'file message')).status).toBe(200);
    await until(() => cards(id).length > 0);
    releaseFileCalls(bot.sb.state, 'download');
    await new Promise((r) => setTimeout(r, 500));
    await bot.flush();
    expect(cards(id)).toHaveLength(1);
    expect(JSON.stringify(cards(id)[0]!.content)).toContain('新增 **0** 项');
    expect(await bot.database.prisma.importBatch.count()).toBe(batches + 1);
  });
});

describe('two instances and a claim that runs out', () => {
  let two: TestBot;
  let second: FeishuTaskRunner;
  beforeAll(async () => {
    // Leases of a second: the instance stuck in the upload loses its task to the other one.
    const tasks = { leaseMs: 1_000, pollMs: 200, retryMs: 100 };
    two = await startTestBot({ LARK_FILE_TIMEOUT_MS: '20000' }, { tasks });
    second = new FeishuTaskRunner(two.deps, feishuTasks, { ...tasks, instanceId: 'second-instance' });
    second.start();
  });
  afterAll(async () => {
    releaseFileCalls(two.sb.state, 'upload');
    await second?.stop();
    await two?.close();
  });

  it('the task is taken over, and the file arrives once even when the stuck upload ends later', async () => {
    holdFileCalls(two.sb.state, 'upload', { ms: 60_000, count: 1 });
    const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/export projects 2018', {
      openId: await two.openIdOf(OFFICE),
    });
    const id = ev.event.message.message_id as string;
    expect((await within(5_000, two.event(ev), '/export')).status).toBe(200);
    const sent = () => two.sb.state.messages.filter((m) => m.parent_id === id);
    const end = Date.now() + 20_000;
    while (!sent().some((m) => m.msg_type === 'file')) {
      if (Date.now() > end) throw new Error('no file after the take-over');
      await two.flush();
      await new Promise((r) => setTimeout(r, 100));
    }
    // Now the stuck upload is answered: its instance finds the task is no longer its own.
    releaseFileCalls(two.sb.state, 'upload');
    await new Promise((r) => setTimeout(r, 1_000));
    await two.tasks.drain();
    await second.drain();
    await two.flush();
    expect(sent().filter((m) => m.msg_type === 'file')).toHaveLength(1);
    expect(sent().filter((m) => JSON.stringify(m.content).includes('已导出'))).toHaveLength(1);
    expect(two.sb.callCount(UPLOADS)).toBe(2);
    const task = await two.database.prisma.feishuTask.findFirstOrThrow({ where: { messageId: id } });
    expect(task).toMatchObject({ status: 'DONE', attempts: 2 });
  });
});

describe('a crash right after the commit', () => {
  it('the next start finds the recorded task and sends the file', async () => {
    const first = await startTestBot({}, { clock: new FixedClock(new Date('2018-07-02T02:00:00Z')) });
    let next: TestBot | undefined;
    try {
      // The instance dies after the event's commit, before its runner gets to the task.
      await first.tasks.stop();
      const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/export visits 2018', {
        openId: await first.openIdOf(OFFICE),
      });
      const id = ev.event.message.message_id as string;
      expect((await first.event(ev)).status).toBe(200);
      expect(await first.database.prisma.feishuTask.count({ where: { messageId: id, status: 'PENDING' } })).toBe(1);

      next = await startTestBot(
        { DATABASE_URL: first.config.databaseUrl },
        { clock: new FixedClock(new Date('2018-07-02T02:00:00Z')) },
      );
      const sent = () => next!.sb.state.messages.filter((m) => m.parent_id === id);
      const end = Date.now() + 20_000;
      while (!sent().some((m) => m.msg_type === 'file')) {
        if (Date.now() > end) throw new Error('the recorded task was not done after the restart');
        await next.flush();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(sent().filter((m) => m.msg_type === 'file')).toHaveLength(1);
      expect(await next.database.prisma.feishuTask.count({ where: { messageId: id, status: 'DONE' } })).toBe(1);
    } finally {
      await next?.close();
      await first.close();
    }
  });
});

describe('one stuck upload and other people’s exports', () => {
  it('another export is sent while the first one’s upload is still stuck', async () => {
    const slow = await startTestBot({ LARK_FILE_TIMEOUT_MS: '30000' });
    try {
      holdFileCalls(slow.sb.state, 'upload', { ms: 60_000, count: 1 });
      const ask = async (name: string, text: string) => {
        const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, {
          openId: await slow.openIdOf(name),
        });
        expect((await within(5_000, slow.event(ev), text)).status).toBe(200);
        return ev.event.message.message_id as string;
      };
      const fileTo = (id: string) => slow.sb.state.messages.filter((m) => m.parent_id === id && m.msg_type === 'file');
      const stuck = await ask(OFFICE, '/export visits 2018');
      const end = Date.now() + 10_000;
      while (slow.sb.callCount(UPLOADS) === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      const other = await ask(OTHER, '/export projects 2018');
      while (fileTo(other).length === 0) {
        if (Date.now() > end) throw new Error('the second export waited for the stuck upload');
        await slow.flush();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(fileTo(stuck)).toHaveLength(0);
      releaseFileCalls(slow.sb.state, 'upload');
      await settle(slow);
      expect(fileTo(stuck)).toHaveLength(1);
      expect(fileTo(other)).toHaveLength(1);
    } finally {
      releaseFileCalls(slow.sb.state, 'upload');
      await slow.close();
    }
  });
});
