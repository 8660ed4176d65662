// Two real bot processes on one PostgreSQL database and one sandbox: every event and card callback
// handled once, every outbox message sent once — also when one instance is killed -9 in the middle
// of sending, and when one is stopped with SIGTERM. Runs in the PostgreSQL pass (`npm run test:pg`).
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessage, textContent } from '../../src/feishu/outbox.js';
import { fixture, newEventId, withText } from '../helpers/feishu.js';
import { startCluster, startInstance, waitFor, type Cluster, type Instance } from '../helpers/instances.js';
import { testingOnPostgres } from '../helpers/pg.js';

let cluster: Cluster;
let a: Instance;
let b: Instance;
const LEASE_MS = 3000;
const lease = { OUTBOX_LEASE_MS: String(LEASE_MS) };

beforeAll(async () => {
  cluster = await startCluster();
  [a, b] = await Promise.all([startInstance(cluster, lease), startInstance(cluster, lease)]);
}, 120_000);
afterAll(async () => {
  for (const i of [a, b]) if (i && i.proc.exitCode === null) i.proc.kill('SIGKILL');
  await cluster?.close();
});

const openIds = () => [...cluster.sb.state.users.keys()];
const instanceIdOf = (i: Instance) => `${os.hostname()}:${i.proc.pid}`;
const sentWith = (prefix: string) => cluster.sb.state.messages.filter((m) => m.uuid?.startsWith(prefix));

/** n plain reminders, round-robin over the roster, as a reminder job would enqueue them. */
async function enqueueReminders(prefix: string, n: number): Promise<void> {
  const ids = openIds();
  const rows = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i += 50) {
    await cluster.db.prisma.$transaction(async (tx) => {
      for (const k of rows.slice(i, i + 50)) {
        await enqueueMessage(tx as never, {
          dedupKey: `${prefix}${k}`,
          to: { type: 'open_id', id: ids[k % ids.length]! },
          msgType: 'text',
          content: textContent(`提醒 ${k}`),
        });
      }
    });
  }
}

async function kickBoth(): Promise<void> {
  // A fresh event makes an instance kick its sender at once instead of at its next poll.
  for (const i of [a, b])
    if (i.proc.exitCode === null)
      await i.event(withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/help', { openId: openIds()[0] }));
}

describe.skipIf(!testingOnPostgres())('two instances on one PostgreSQL', () => {
  it('handles each event once when Feishu delivers it to both instances at the same time', async () => {
    const events = Array.from({ length: 20 }, () =>
      withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/help', { openId: openIds()[1] }),
    );
    const results = await Promise.all(events.flatMap((e) => [a.event(e), b.event(e)]));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const ids = events.map((e) => e.header.event_id as string);
    expect(await cluster.db.prisma.processedEvent.count({ where: { eventId: { in: ids } } })).toBe(20);
    const msgIds = events.map((e) => e.event.message.message_id as string);
    expect(await cluster.db.prisma.outbox.count({ where: { receiveId: { in: msgIds } } })).toBe(20);
    await waitFor(
      () => msgIds.every((id) => cluster.sb.state.messages.some((m) => m.parent_id === id)),
      30_000,
      'replies',
    );
    for (const id of msgIds) expect(cluster.sb.state.messages.filter((m) => m.parent_id === id)).toHaveLength(1);
  });

  it('answers each card callback once across instances (the other gets an empty answer)', async () => {
    for (let k = 0; k < 10; k++) {
      const cb = fixture('callbacks/card.action.trigger.button.json');
      cb.header.event_id = newEventId('card');
      cb.header.token = 'multi-instance-token';
      cb.event.operator.open_id = openIds()[2];
      const [ra, rb] = await Promise.all([a.card(cb), b.card(cb)]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      const answered = [ra.body, rb.body].filter((x) => x && Object.keys(x).length > 0);
      expect(answered).toHaveLength(1);
      expect(await cluster.db.prisma.processedEvent.count({ where: { eventId: cb.header.event_id } })).toBe(1);
    }
  });

  it('sends 500 reminders exactly once when one instance is killed -9 in the middle and started again', async () => {
    await enqueueReminders('crash:', 500);
    await kickBoth();
    const killed = instanceIdOf(a);
    const heldByA = () => cluster.db.prisma.outbox.count({ where: { status: 'SENDING', lockedBy: killed } });
    // In the middle: a good part sent, and this instance holding claimed rows right now.
    await waitFor(
      async () => sentWith('crash:').length >= 120 && (await heldByA()) > 0,
      60_000,
      '120 reminders sent while A holds claims',
    );
    a.proc.kill('SIGKILL');
    await a.exited;
    // What the dead instance held: claimed, maybe already delivered, not marked sent.
    const orphaned = await heldByA();
    expect(orphaned).toBeGreaterThan(0);
    a = await startInstance(cluster, lease);
    await waitFor(
      async () =>
        (await cluster.db.prisma.outbox.count({
          where: { dedupKey: { startsWith: 'crash:' }, status: { not: 'SENT' } },
        })) === 0,
      120_000,
      'all reminders sent',
    );
    const sent = sentWith('crash:');
    expect(new Set(sent.map((m) => m.uuid)).size).toBe(500);
    expect(sent).toHaveLength(500);
    // Every person got exactly their share.
    const ids = openIds();
    for (const [j, id] of ids.entries()) {
      const expected = Math.ceil((500 - j) / ids.length);
      expect(cluster.sb.messagesTo(id).filter((m) => m.uuid?.startsWith('crash:'))).toHaveLength(expected);
    }
  }, 180_000);

  it('on SIGTERM stops taking requests, finishes what is in flight, hands back leases, exits within 10 s', async () => {
    await enqueueReminders('term:', 300);
    await kickBoth();
    await waitFor(() => sentWith('term:').length >= 40, 60_000, '40 reminders sent');
    const events = Array.from({ length: 30 }, () =>
      withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/help', { openId: openIds()[3] }),
    );
    const stoppedId = instanceIdOf(a);
    const posts = events.map((e) => a.event(e).catch(() => ({ status: 0, body: undefined })));
    const t0 = Date.now();
    a.proc.kill('SIGTERM');
    const results = await Promise.all(posts);
    const { code } = await a.exited;
    expect(code).toBe(0); // main.ts exits 1 when the 10 s deadline forces it
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await cluster.db.prisma.outbox.count({ where: { status: 'SENDING', lockedBy: stoppedId } })).toBe(0);
    // A 200 means handled and committed; anything else was not taken, and Feishu re-delivers it.
    for (const [k, e] of events.entries()) {
      const done = (await cluster.db.prisma.processedEvent.count({ where: { eventId: e.header.event_id } })) === 1;
      expect(done, `event ${k}: status ${results[k]!.status}`).toBe(results[k]!.status === 200);
      if (!done) expect((await b.event(e)).status).toBe(200);
    }
    await waitFor(
      async () =>
        (await cluster.db.prisma.outbox.count({
          where: { dedupKey: { startsWith: 'term:' }, status: { not: 'SENT' } },
        })) === 0,
      120_000,
      'the rest sent by the other instance',
    );
    expect(new Set(sentWith('term:').map((m) => m.uuid)).size).toBe(300);
    expect(sentWith('term:')).toHaveLength(300);
  }, 180_000);
});
