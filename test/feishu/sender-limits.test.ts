import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboxSender } from '../../src/feishu/sender.js';
import { enqueueMessage, textContent } from '../../src/feishu/outbox.js';
import type { LarkClient } from '../../src/feishu/client.js';
import { startTestBot, type TestBot } from '../helpers/app.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot?.close());
beforeEach(() => bot.sb.reset());

const db = () => bot.database.prisma;
let seq = 0;
async function enqueueTexts(n: number, tag: string): Promise<string[]> {
  const people = await db().person.findMany({ where: { openId: { not: null } }, orderBy: { id: 'asc' }, take: n });
  const keys: string[] = [];
  for (const p of people) {
    const key = `test-${tag}-${seq++}`;
    await enqueueMessage(db(), {
      dedupKey: key,
      to: { type: 'open_id', id: p.openId! },
      msgType: 'text',
      content: textContent(`消息 ${key}`),
    });
    keys.push(key);
  }
  return keys;
}

/** Drains until every row is sent (retries wait for their backoff), at most ~10 s. */
async function drainUntilSent(sender: OutboxSender, keys: string[]): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await sender.drain();
    const left = await db().outbox.count({ where: { dedupKey: { in: keys }, status: { not: 'SENT' } } });
    if (left === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('not all sent');
}

describe('sender and Feishu limits', () => {
  it('retries a rate-limit answer (429 / 99991400) after the reset time, without using up attempts', async () => {
    bot.sb.failNext(2, 'rateLimit', { resetSeconds: 1 });
    const keys = await enqueueTexts(1, 'rl');
    const before = bot.sender.stats.retried;
    await drainUntilSent(bot.sender, keys);
    expect(bot.sb.state.calls.filter((c) => c.code === 99991400)).toHaveLength(2);
    expect(bot.sb.state.messages).toHaveLength(1);
    expect(bot.sender.stats.retried - before).toBe(2);
    const row = await db().outbox.findUniqueOrThrow({ where: { dedupKey: keys[0]! } });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('retries a transient server error', async () => {
    bot.sb.failNext(1, 'server');
    const keys = await enqueueTexts(1, 'srv');
    await drainUntilSent(bot.sender, keys);
    expect(bot.sb.state.messages).toHaveLength(1);
    expect((await db().outbox.findUniqueOrThrow({ where: { dedupKey: keys[0]! } })).attempts).toBe(2);
  });

  it('keeps to 5 messages a second into one chat: 12 replies into one chat hit no 429', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 12; i++) {
      const key = `test-chat-${seq++}`;
      await enqueueMessage(db(), {
        dedupKey: key,
        to: { type: 'chat_id', id: 'oc_squad_1' },
        msgType: 'text',
        content: textContent(key),
      });
      keys.push(key);
    }
    await drainUntilSent(bot.sender, keys);
    expect(bot.sb.messagesTo('oc_squad_1')).toHaveLength(12);
    expect(bot.sb.state.calls.filter((c) => c.status === 429)).toHaveLength(0);
  });

  it('a restart in the middle of sending sends nothing twice and loses nothing', async () => {
    const keys = await enqueueTexts(12, 'crash');
    // Instance A dies right after Feishu accepted its 4th message, before it could record it: its
    // calls hang for ever, holding the rows it had claimed (status SENDING, lease 300 ms).
    let delivered = 0;
    const real = bot.deps.lark;
    const dying = Object.create(real) as LarkClient;
    Object.defineProperty(dying, 'im', {
      value: {
        v1: {
          message: {
            create: async (args: Parameters<LarkClient['im']['v1']['message']['create']>[0]) => {
              const res = await real.im.v1.message.create(args);
              if (++delivered >= 4) await new Promise(() => undefined);
              return res;
            },
          },
        },
      },
    });
    const a = new OutboxSender(db(), dying, bot.deps.log, { instanceId: 'A', leaseMs: 300 });
    a.kick();
    for (let i = 0; i < 100 && delivered < 4; i++) await new Promise((r) => setTimeout(r, 20));
    expect(delivered).toBe(4);
    expect(await db().outbox.count({ where: { dedupKey: { in: keys }, status: 'SENDING', lockedBy: 'A' } })).toBe(9);
    // Instance B (the restarted bot) on the same database takes the rows over once A's lease ran out.
    await new Promise((r) => setTimeout(r, 350));
    const b = new OutboxSender(db(), real, bot.deps.log, { instanceId: 'B', leaseMs: 300 });
    await drainUntilSent(b, keys);
    const texts = bot.sb.state.messages.map((m) => (m.content as { text: string }).text);
    expect(texts).toHaveLength(12);
    expect(new Set(texts).size).toBe(12);
    // The 4th row was re-sent with the same uuid; Feishu (the sandbox) answered with the first message.
    expect(bot.sb.callCount('/open-apis/im/v1/messages')).toBe(13);
    await b.stop();
  });
});

describe('sender stop', () => {
  it('stops at once when a kick is pending, hands back its claims and leaves the backlog due', async () => {
    const keys = await enqueueTexts(60, 'stop');
    const sender = new OutboxSender(db(), bot.deps.lark, bot.deps.log, { instanceId: 'S', batchSize: 25 });
    // Counts the claims made after stop() was called: there must be none.
    let stopping = false;
    let claimsAfterStop = 0;
    const s = sender as unknown as { claim(): Promise<unknown[]> };
    const claim = s.claim.bind(sender);
    s.claim = () => {
      if (stopping) claimsAfterStop++;
      return claim();
    };
    sender.kick();
    for (let i = 0; i < 100 && sender.stats.sent < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(sender.stats.sent).toBeGreaterThanOrEqual(2);
    // A commit kicked it while it was sending (what every handled event does under load).
    sender.kick();
    stopping = true;
    const stopped = await Promise.race([
      sender.stop().then(() => 'stopped'),
      new Promise((r) => setTimeout(() => r('hung'), 5_000)),
    ]);
    expect(stopped).toBe('stopped');
    expect(claimsAfterStop).toBe(0);
    const rows = await db().outbox.findMany({ where: { dedupKey: { in: keys } }, select: { status: true } });
    const sent = rows.filter((r) => r.status === 'SENT').length;
    expect(sent).toBe(sender.stats.sent);
    expect(rows.filter((r) => r.status === 'PENDING')).toHaveLength(60 - sent);
  });
});
