// Writes made outside an event's transaction must never land inside it. On SQLite every Prisma call
// shares one connection, so a write sent while an event's interactive transaction is open would run
// in that transaction and vanish with its rollback (src/db/client.ts keeps them apart). PostgreSQL
// gives every transaction its own connection; the same test holds there too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessage, textContent } from '../../src/feishu/outbox.js';
import { fireSlot } from '../../src/jobs/scheduler.js';
import { handleAlone } from '../../src/server/events/batch-transaction.js';
import { newEventId } from '../helpers/feishu.js';
import { startTestBot, type TestBot } from '../helpers/app.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot?.close());

const db = () => bot.database.prisma;
/** The Open API send calls that carried this text. */
const sendCalls = (text: string) =>
  bot.sb.state.calls.filter(
    (c) => c.path.startsWith('/open-apis/im/v1/messages') && JSON.stringify(c.body).includes(text),
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('an event transaction that rolls back', () => {
  it('keeps the sender’s SENT update and the scheduler’s slot row written while it was open', async () => {
    const openId = (await db().person.findFirstOrThrow({ where: { openId: { not: null } } })).openId!;
    const dedupKey = `lane-test-${Date.now()}`;
    await enqueueMessage(db(), {
      dedupKey,
      to: { type: 'open_id', id: openId },
      msgType: 'text',
      content: textContent('你好'),
    });

    let opened!: () => void;
    const isOpen = new Promise<void>((r) => (opened = r));
    let othersDone!: () => void;
    const others = new Promise<void>((r) => (othersDone = r));
    const marker = `written-by-rolled-back-event-${Date.now()}`;
    const event = handleAlone(bot.deps, {
      eventId: newEventId('lane'),
      type: 'test',
      openId,
      async work(ctx) {
        await ctx.tx.db.unknownSender.create({ data: { openId: marker } });
        opened();
        // The event waits (as a slow handler does), then fails. Whichever comes first: the other
        // writers finishing (they ran inside this transaction), or a second (they are kept out).
        await Promise.race([others, sleep(1000)]);
        throw new Error('handler failed after a wait');
      },
    });
    await isOpen;
    const slot = new Date(Date.UTC(2018, 5, 1, 1, 0));
    const job = {
      name: 'lane-test-job',
      label: '测试',
      cron: '0 9 * * *',
      catchUp: 'same-day' as const,
      run: async () => ({ summary: 'ok' }),
    };
    const work = Promise.all([bot.sender.drain(), fireSlot(bot.deps, job, slot, 'instance-a')]);
    void work.then(() => othersDone());
    await expect(event).rejects.toThrow('handler failed after a wait');
    await work;

    // The event itself is undone…
    expect(await db().unknownSender.count({ where: { openId: marker } })).toBe(0);
    // …but not what others wrote while it was open.
    const row = await db().outbox.findUniqueOrThrow({ where: { dedupKey } });
    expect(row.status).toBe('SENT');
    expect(row.messageId).toBeTruthy();
    const run = await db().jobRun.findUnique({ where: { key: `lane-test-job:${slot.toISOString()}` } });
    expect(run?.status).toBe('DONE');
    // The message went out once, and a later drain does not send it again.
    await bot.sender.drain();
    expect(bot.sb.messagesTo(openId).filter((m) => m.raw.includes('你好'))).toHaveLength(1);
    expect(sendCalls('你好')).toHaveLength(1);
  });

  it('keeps the sender’s updates out of it even when the sender was kicked from inside it', async () => {
    const openId = (await db().person.findFirstOrThrow({ where: { openId: { not: null } } })).openId!;
    const dedupKey = `lane-kick-${Date.now()}`;
    await enqueueMessage(db(), {
      dedupKey,
      to: { type: 'open_id', id: openId },
      msgType: 'text',
      content: textContent('从事务里唤醒'),
    });
    const sent = () => bot.sb.messagesTo(openId).some((m) => m.raw.includes('从事务里唤醒'));
    const event = handleAlone(bot.deps, {
      eventId: newEventId('lane'),
      type: 'test',
      openId,
      async work(ctx) {
        await ctx.tx.db.unknownSender.create({ data: { openId: `kick-${dedupKey}` } });
        // A handler that wakes the sender itself (rather than after its commit).
        bot.sender.kick();
        for (let i = 0; i < 40 && !sent(); i++) await sleep(25);
        throw new Error('handler failed after the kick');
      },
    });
    await expect(event).rejects.toThrow('handler failed after the kick');
    await bot.sender.drain();
    expect(await db().unknownSender.count({ where: { openId: `kick-${dedupKey}` } })).toBe(0);
    expect((await db().outbox.findUniqueOrThrow({ where: { dedupKey } })).status).toBe('SENT');
    // One call to Feishu: a SENT undone by the rollback would have been sent again (Feishu's uuid
    // hides that for single messages, not for batch sends, which have none).
    expect(sendCalls('从事务里唤醒')).toHaveLength(1);
  });
});
