// Faults at the Feishu boundary, injected into the sandbox Open API, against the real sender on the
// real database (SQLite, or PostgreSQL with TEST_DATABASE=postgresql), under the bot's fake clock.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { enqueueMessage, textContent } from '../../src/feishu/outbox.js';
import { OutboxSender } from '../../src/feishu/sender.js';
import { fixture, withText } from '../helpers/feishu.js';
import { startTestBot, type TestBot } from '../helpers/app.js';

// Messages are written at the real time; the fake clock starts a minute ahead of it, so they are due.
const startOfTest = () => new Date(Date.now() + 60_000);
const clock = new FixedClock(startOfTest());
let bot: TestBot;
let receiver: string;
let admin: string;
let notAdmin: string;
beforeAll(async () => {
  bot = await startTestBot({}, { clock, sender: { clock } });
  receiver = (await db().person.findFirstOrThrow({ where: { openId: { not: null } }, orderBy: { id: 'asc' } })).openId!;
  admin = (
    await db().person.findFirstOrThrow({
      where: { openId: { not: null }, active: true, roles: { some: { role: 'OFFICE_ADMIN' } } },
    })
  ).openId!;
  notAdmin = (
    await db().person.findFirstOrThrow({
      where: { openId: { not: null }, active: true, roles: { none: { role: 'OFFICE_ADMIN' } } },
    })
  ).openId!;
});
afterAll(() => bot?.close());
beforeEach(() => {
  bot.sb.reset();
  clock.set(startOfTest());
});

const db = () => bot.database.prisma;
let seq = 0;

async function enqueue(text: string, staleAfter?: Date): Promise<string> {
  const dedupKey = `fault-test-${seq++}-${Date.now()}`;
  await enqueueMessage(db(), {
    dedupKey,
    to: { type: 'open_id', id: receiver },
    msgType: 'text',
    content: textContent(text),
    ...(staleAfter ? { staleAfter } : {}),
  });
  return dedupKey;
}

const rowOf = (dedupKey: string) => db().outbox.findUniqueOrThrow({ where: { dedupKey } });
/**
 * The row once the bot's sender is idle. A retry also wakes the sender on a real-time timer, which
 * may claim the row again between a drain and the read; drain until the row is not being sent.
 */
async function settledRow(dedupKey: string) {
  for (let i = 0; i < 20; i++) {
    await bot.sender.drain();
    const row = await rowOf(dedupKey);
    if (row.status !== 'SENDING') return row;
  }
  throw new Error('row still being sent');
}
const delivered = (text: string) => bot.sb.messagesTo(receiver).filter((m) => m.raw.includes(text));

describe('the outbox under Feishu faults', () => {
  it('keeps retrying through a 5xx storm of several minutes, at most a minute apart, and delivers after it', async () => {
    bot.sb.setFault('server');
    const key = await enqueue('风暴之后');
    const start = clock.now().getTime();
    let tries = 0;
    while (clock.now().getTime() - start < 10 * 60_000) {
      const row = await settledRow(key);
      expect(row.status).toBe('PENDING');
      const wait = row.nextAttemptAt.getTime() - clock.now().getTime();
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60_000);
      clock.set(row.nextAttemptAt);
      tries++;
    }
    expect(tries).toBeGreaterThan(12);
    expect((await rowOf(key)).lastError).toMatch(/^500: /);
    expect(delivered('风暴之后')).toHaveLength(0);

    bot.sb.setFault(null);
    const row = await settledRow(key);
    expect(row).toMatchObject({ status: 'SENT', failingSince: null, lastError: null });
    expect(delivered('风暴之后')).toHaveLength(1);
  });

  it('ends a row FAILED only after 24 hours of transient errors', async () => {
    bot.sb.setFault('server');
    const key = await enqueue('一整天');
    await settledRow(key);
    clock.advance(23 * 3600_000);
    expect((await settledRow(key)).status).toBe('PENDING');
    clock.advance(3600_000);
    const row = await settledRow(key);
    expect(row.status).toBe('FAILED');
    expect(row.lastError).toContain('24 小时');
    expect(row.lastError).toContain('500: internal server error');
  });

  it('refreshes a revoked tenant token at once, without using an attempt', async () => {
    await bot.sender.drain(); // a token is cached
    bot.sb.revokeTokens();
    const key = await enqueue('换了令牌');
    const tokenCalls = bot.sb.callCount('/open-apis/auth/v3/tenant_access_token');
    await bot.sender.drain();
    const row = await rowOf(key);
    expect(row).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(bot.sb.state.calls.filter((c) => c.code === 99991663)).toHaveLength(1);
    expect(bot.sb.callCount('/open-apis/auth/v3/tenant_access_token')).toBe(tokenCalls + 1);
    expect(delivered('换了令牌')).toHaveLength(1);
  });

  it('drops a reminder not delivered within its day, with a log line', async () => {
    bot.sb.setFault('server');
    const endOfDay = new Date(clock.now().getTime() + 3600_000);
    const key = await enqueue('今天截止', endOfDay);
    expect((await settledRow(key)).status).toBe('PENDING');
    clock.set(new Date(endOfDay.getTime() + 1000));
    bot.sb.setFault(null);
    const dropped = bot.sender.stats.dropped;
    expect((await settledRow(key)).status).toBe('DROPPED');
    expect(bot.sender.stats.dropped).toBe(dropped + 1);
    expect(delivered('今天截止')).toHaveLength(0);
  });

  it('ends a permanent refusal FAILED with Feishu’s code and message; /outbox shows it and re-sends it', async () => {
    bot.sb.setFault('botNotInChat');
    const key = await enqueue('永久拒绝');
    await bot.sender.drain();
    const failed = await rowOf(key);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(failed.lastError).toBe('230002: The bot can not be outside the group.');
    bot.sb.setFault(null);

    const list = await askBot('/outbox');
    expect(list).toContain(`#${failed.id}`);
    expect(list).toContain('230002');

    const resend = await askBot(`/outbox resend ${failed.id}`);
    expect(resend).toContain('1 条');
    await bot.sender.drain();
    expect((await rowOf(key)).status).toBe('SENT');
    expect(delivered('永久拒绝')).toHaveLength(1);
  });

  it('/outbox is for office admins only', async () => {
    const text = await askBot('/outbox', notAdmin);
    expect(text).toContain('办公室管理员');
  });
});

describe('two instances sending from one outbox', () => {
  // Only A and B send here: the bot's own sender (kicked by earlier retries' timers) is stopped.
  beforeAll(() => bot.sender.stop());
  const sender = (instanceId: string) =>
    new OutboxSender(db(), bot.deps.lark, bot.deps.log, { instanceId, clock, leaseMs: 60_000 });

  it('renews the lease while a row waits out a rate limit, so the other instance does not take it', async () => {
    const a = sender('instance-a');
    const b = sender('instance-b');
    const first = await enqueue('限流之前');
    const second = await enqueue('限流之后');
    bot.sb.failNext(1, 'rateLimit', { resetSeconds: 8 });
    const aDone = a.drain();
    // The first row got a 429: A now waits 8 s (real time) before it sends the second.
    await waitFor(() => bot.sb.state.calls.some((c) => c.code === 99991400));
    const claimed = (await rowOf(second)).lockedUntil!.getTime();
    clock.advance(40_000);
    await waitForAsync(async () => ((await rowOf(second)).lockedUntil?.getTime() ?? 0) > claimed);
    clock.advance(40_000); // past the first lease: without the renewal, B would take the row over
    await b.drain();
    expect(await rowOf(second)).toMatchObject({ status: 'SENDING', lockedBy: 'instance-a' });
    await aDone;
    expect(await rowOf(second)).toMatchObject({ status: 'SENT', lockedBy: 'instance-a', attempts: 1 });
    expect(delivered('限流之后')).toHaveLength(1);
    await Promise.all([a.drain(), b.drain()]);
    expect((await rowOf(first)).status).toBe('SENT');
    expect(delivered('限流之前')).toHaveLength(1);
  });

  it('keeps the lease of every row it holds while it waits, not only the next one’s', async () => {
    const a = sender('instance-a');
    const b = sender('instance-b');
    const keys = [await enqueue('限流一'), await enqueue('限流二'), await enqueue('限流三')];
    bot.sb.failNext(1, 'rateLimit', { resetSeconds: 8 });
    const aDone = a.drain();
    // The first row got a 429: A waits 8 s (real time) before the second, and the third waits too.
    await waitFor(() => bot.sb.state.calls.some((c) => c.code === 99991400));
    const last = keys[2]!;
    const claimed = (await rowOf(last)).lockedUntil!.getTime();
    clock.advance(40_000);
    await waitForAsync(async () => ((await rowOf(last)).lockedUntil?.getTime() ?? 0) > claimed);
    clock.advance(40_000); // past the first lease: without the renewal, B would take the third row over
    await b.drain();
    expect(await rowOf(last)).toMatchObject({ status: 'SENDING', lockedBy: 'instance-a' });
    await aDone;
    // The refused first row went back to wait its turn (either instance may send it); A sent the others.
    for (const key of keys.slice(1)) expect(await rowOf(key)).toMatchObject({ status: 'SENT', lockedBy: 'instance-a' });
    await Promise.all([a.drain(), b.drain()]);
    expect((await rowOf(keys[0]!)).status).toBe('SENT');
    for (const text of ['限流一', '限流二', '限流三']) expect(delivered(text)).toHaveLength(1);
  });

  it('does not overwrite another instance’s state when its lease ran out mid-send', async () => {
    const a = sender('instance-a');
    const b = sender('instance-b');
    const key = await enqueue('租约');
    const release = bot.sb.holdNext();
    const aDone = a.drain();
    // A's call hangs at Feishu; its lease runs out and B takes the row over and delivers it.
    await waitFor(() => bot.sb.state.calls.some((c) => c.path.startsWith('/open-apis/im/v1/messages')));
    clock.advance(61_000);
    await b.drain();
    const sentByB = await rowOf(key);
    expect(sentByB).toMatchObject({ status: 'SENT', lockedBy: 'instance-b' });
    // Then A's call comes back refused: A must leave B's record alone.
    bot.sb.setFault('botNotInChat');
    release();
    await aDone;
    bot.sb.setFault(null);
    const after = await rowOf(key);
    expect(after).toMatchObject({ status: 'SENT', lockedBy: 'instance-b', messageId: sentByB.messageId });
    expect(after.lastError).toBeNull();
    expect(a.stats.leaseLost).toBe(1);
    expect(a.stats.failed).toBe(0);
  });
});

/** Sends a text to the bot as `openId` (the office admin by default) in a 1:1 chat; the reply's content. */
async function askBot(text: string, openId = admin): Promise<string> {
  const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, {
    openId,
    chatId: `oc_p2p_${openId}`,
  });
  expect((await bot.event(ev)).status).toBe(200);
  const row = await db().outbox.findUniqueOrThrow({ where: { dedupKey: `reply:${ev.event.message.message_id}` } });
  return row.content;
}

async function waitForAsync(cond: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not met in 5 s');
}

async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!cond()) throw new Error('condition not met in 5 s');
}
