import type { Deps } from '../../src/deps.js';
import type { CardInput } from '../../src/cards/types.js';
// Events that arrive together are handled in one transaction (src/server/batcher.ts): every one is
// still handled once, answered only after its commit, and one failing handler fails only its event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions } from '../../src/cards/index.js';
import { answer } from '../../src/feishu/answer.js';
import { batchStatsOf } from '../../src/server/events/group-commit.js';
import { hotSqlFor, hotSqlThroughPrisma } from '../../src/server/events/batch-sql.js';
import { txConnection, type TxConnectionSlot } from '../../src/db/tx-connection.js';
import type { Db } from '../../src/db/client.js';
import { fixture, newEventId, withText } from '../helpers/feishu.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { testingOnPostgres } from '../helpers/pg.js';

let bot: TestBot;
let openIds: string[];
beforeAll(async () => {
  bot = await startTestBot();
  openIds = (
    await bot.database.prisma.person.findMany({
      where: { openId: { not: null }, active: true },
      orderBy: { id: 'asc' },
      take: 20,
    })
  ).map((p) => p.openId!);
});
afterAll(() => bot?.close());

const db = () => bot.database.prisma;

// A card action that writes a row and then fails, for the batch that must not keep it.
let failing = new Set<string>();
cardActions['test-write-then-maybe-fail'] = async (input: CardInput, deps: Deps) => {
  await deps.db.unknownSender.create({ data: { openId: `written-by-${input.eventId}` } });
  if (failing.has(input.eventId)) throw new Error('handler bug');
  return answer.toast('好的', 'success');
};

/**
 * Sends while a transaction of the test holds the writes (SQLite: the connection's transaction lock;
 * PostgreSQL: a lock on the de-dup table), so the events queue up behind it as they do under load.
 */
async function sentTogether<T>(send: () => Promise<T>): Promise<T> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let held!: () => void;
  const isHeld = new Promise<void>((r) => (held = r));
  const holder = db().$transaction(
    async (tx) => {
      if (testingOnPostgres()) await tx.$executeRawUnsafe('LOCK TABLE "ProcessedEvent" IN EXCLUSIVE MODE');
      held();
      await gate;
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
  await isHeld;
  const sent = send();
  await new Promise((r) => setTimeout(r, 500));
  release();
  await holder;
  return sent;
}

function click(openId: string): Record<string, any> {
  const cb = fixture('callbacks/card.action.trigger.button.json');
  cb.header.event_id = newEventId('cb');
  cb.event.operator.open_id = openId;
  cb.event.action.value = { action: 'test-write-then-maybe-fail' };
  cb.event.context.open_message_id = 'om_' + cb.header.event_id;
  return cb;
}

describe('group commit', () => {
  it('60 /help messages sent at once: each answered once, each recorded once', async () => {
    const events = Array.from({ length: 60 }, (_, i) =>
      withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/help', {
        openId: openIds[i % openIds.length]!,
        eventId: newEventId(),
      }),
    );
    for (const ev of events) ev.event.message.message_id = 'om_' + ev.header.event_id;
    // Each one twice, all in flight together: re-deliveries land in the same batch as the first.
    const before = { ...batchStatsOf(db()) };
    const results = await sentTogether(() => Promise.all([...events, ...events].map((ev) => bot.event(ev))));
    for (const r of results) expect(r.status).toBe(200);
    // They did go together: fewer commits than events.
    const after = batchStatsOf(db());
    expect(after.batches).toBeGreaterThan(before.batches);
    expect(after.batches - before.batches + after.alone - before.alone).toBeLessThan(120);
    const ids = events.map((e) => e.header.event_id as string);
    expect(await db().processedEvent.count({ where: { eventId: { in: ids } } })).toBe(60);
    const replies = await db().outbox.findMany({
      where: { dedupKey: { in: events.map((e) => `reply:${e.event.message.message_id}`) } },
    });
    expect(replies).toHaveLength(60);
    expect(replies.every((r) => r.content.includes('命令帮助'))).toBe(true);
  });

  it('one failing handler in a batch fails only its own event; the others are kept', async () => {
    const clicks = Array.from({ length: 12 }, (_, i) => click(openIds[i]!));
    failing = new Set([clicks[5]!.header.event_id]);
    const rolledBack = batchStatsOf(db()).rolledBack;
    const results = await sentTogether(() => Promise.all(clicks.map((c) => bot.card(c))));
    expect(batchStatsOf(db()).rolledBack).toBeGreaterThan(rolledBack);
    for (const [i, r] of results.entries()) {
      expect(r.status).toBe(200);
      if (i === 5) expect(r.body.toast.type).toBe('error');
      else expect(r.body.toast).toEqual({ type: 'success', content: '好的' });
    }
    const written = await db().unknownSender.findMany({
      where: { openId: { in: clicks.map((c) => `written-by-${c.header.event_id}`) } },
    });
    expect(written).toHaveLength(11);
    expect(written.map((w) => w.openId)).not.toContain(`written-by-${clicks[5]!.header.event_id}`);
    // The failed click left no de-dup row: Feishu's retry (or the user's next tap) runs it afresh.
    expect(await db().processedEvent.count({ where: { eventId: clicks[5]!.header.event_id } })).toBe(0);
    failing = new Set();
    expect((await bot.card(clicks[5]!)).body.toast.type).toBe('success');
  });

  it('the plain-SQL statements give the same answers as the same SQL through Prisma', async () => {
    const outer = db() as unknown as Db;
    const now = new Date('2026-11-29T10:00:00Z');
    const tag = newEventId('hs');
    const results = [] as unknown[];
    for (const via of ['direct', 'prisma'] as const) {
      const slot: TxConnectionSlot = {};
      await txConnection.run(slot, () =>
        outer.$transaction(async (tx) => {
          // On PostgreSQL the adapter hands the transaction's own connection to the plain SQL.
          if (via === 'direct') expect(slot.pg !== undefined).toBe(testingOnPostgres());
          const sql =
            via === 'direct' ? hotSqlFor(outer, tx as unknown as Db, slot) : hotSqlThroughPrisma(tx as unknown as Db);
          const fresh = await sql.claim(
            [
              { eventId: `${tag}-a`, type: 't' },
              { eventId: `${tag}-b-${via}`, type: 't' },
            ],
            now,
          );
          const actors = await sql.actors([openIds[0]!, openIds[1]!, 'ou_nobody']);
          const msg = (k: string) => ({
            dedupKey: `${tag}-${k}`,
            to: { type: 'open_id' as const, id: openIds[0]! },
            msgType: 'text' as const,
            content: { text: k },
          });
          const inserted = await sql.enqueue([msg('shared'), msg(via)], now);
          results.push({
            fresh: [...fresh].map((f) => f.replace(via, 'X')).sort(),
            actors: [...actors.entries()],
            inserted,
          });
        }),
      );
    }
    const [direct, prisma] = results as { fresh: string[]; actors: [string, unknown][]; inserted: number }[];
    expect(direct!.fresh).toEqual([`${tag}-a`, `${tag}-b-X`]);
    // The second run finds `a` and `shared` already there.
    expect(prisma!.fresh).toEqual([`${tag}-b-X`]);
    expect(direct!.inserted).toBe(2);
    expect(prisma!.inserted).toBe(1);
    expect(direct!.actors.map(([k]) => k).sort()).toEqual([openIds[0], openIds[1]].sort());
    expect(prisma!.actors).toEqual(direct!.actors);
    const row = await db().processedEvent.findUniqueOrThrow({ where: { eventId: `${tag}-a` } });
    expect(row.receivedAt.toISOString()).toBe(now.toISOString());
    const out = await db().outbox.findUniqueOrThrow({ where: { dedupKey: `${tag}-direct` } });
    expect(out.nextAttemptAt.toISOString()).toBe(now.toISOString());
    expect(out.status).toBe('PENDING');
  });
});
