// A job slot fires once across instances: two database clients (as two processes would hold) race
// for the same slots; exactly one wins each. A slot left RUNNING by a crashed instance is retaken once its lease has
// run out; a failed one is tried again a few times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { claimSlot, finishSlot } from '../../src/db/job-slots.js';
import { freshDatabase } from '../helpers/db.js';

let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let other: Database;
beforeAll(async () => {
  fresh = await freshDatabase();
  other = await openDatabase(fresh.url); // a second connection pool: the other instance
});
afterAll(async () => {
  await other?.close();
  await fresh?.cleanup();
});

describe('claimSlot', () => {
  it('gives each slot to exactly one of two instances racing for it', async () => {
    const now = new Date('2018-06-25T01:00:00Z');
    const slots = Array.from({ length: 30 }, (_, i) => `monthly-reminder:2018-06-${i}`);
    const wins = await Promise.all(
      slots.flatMap((key) => [
        claimSlot(fresh.db.prisma, { key, job: 'monthly-reminder', holder: 'A', now }).then((ok) => (ok ? 'A' : '')),
        claimSlot(other.prisma, { key, job: 'monthly-reminder', holder: 'B', now }).then((ok) => (ok ? 'B' : '')),
      ]),
    );
    for (let i = 0; i < slots.length; i++) expect([wins[2 * i], wins[2 * i + 1]].filter(Boolean)).toHaveLength(1);
    expect(await fresh.db.prisma.jobRun.count()).toBe(30);
  });

  it('never fires a finished slot again, and retakes one left running by a crashed instance', async () => {
    const t0 = new Date('2018-07-01T00:00:00Z');
    expect(await claimSlot(fresh.db.prisma, { key: 'digest:2018Q2', job: 'digest', holder: 'A', now: t0 })).toBe(true);
    expect(await finishSlot(fresh.db.prisma, 'digest:2018Q2', 'A', 'DONE', '发送了 3 条', t0)).toBe(true);
    const later = new Date(t0.getTime() + 24 * 3600_000);
    expect(await claimSlot(other.prisma, { key: 'digest:2018Q2', job: 'digest', holder: 'B', now: later })).toBe(false);

    expect(
      await claimSlot(fresh.db.prisma, {
        key: 'escalate:2018-07-01',
        job: 'escalate',
        holder: 'A',
        now: t0,
        leaseMs: 600_000,
      }),
    ).toBe(true);
    const soon = new Date(t0.getTime() + 60_000);
    expect(
      await claimSlot(other.prisma, {
        key: 'escalate:2018-07-01',
        job: 'escalate',
        holder: 'B',
        now: soon,
      }),
    ).toBe(false);
    const stale = new Date(t0.getTime() + 700_000);
    expect(
      await claimSlot(other.prisma, {
        key: 'escalate:2018-07-01',
        job: 'escalate',
        holder: 'B',
        now: stale,
      }),
    ).toBe(true);
    // The crashed holder coming back cannot record the slot as its own any more.
    expect(await finishSlot(fresh.db.prisma, 'escalate:2018-07-01', 'A', 'DONE', '', stale)).toBe(false);
    expect(await finishSlot(other.prisma, 'escalate:2018-07-01', 'B', 'DONE', '', stale)).toBe(true);
    expect(await fresh.db.prisma.jobRun.findUniqueOrThrow({ where: { key: 'escalate:2018-07-01' } })).toMatchObject({
      holder: 'B',
      status: 'DONE',
      attempts: 2,
    });
  });

  it('claims a failed slot again after a wait, until its attempts are used up', async () => {
    const key = 'bulletin:2018Q3';
    let t = new Date('2018-09-20T01:00:00Z');
    const claim = (holder: string) => claimSlot(other.prisma, { key, job: 'bulletin', holder, now: t });
    expect(await claim('A')).toBe(true);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await finishSlot(other.prisma, key, attempt === 1 ? 'A' : 'B', 'FAILED', 'boom', t)).toBe(true);
      t = new Date(t.getTime() + 60_000);
      expect(await claim('B')).toBe(false); // too soon after the failure
      t = new Date(t.getTime() + 5 * 60_000);
      expect(await claim('B')).toBe(attempt < 5);
    }
    expect(await other.prisma.jobRun.findUniqueOrThrow({ where: { key } })).toMatchObject({
      status: 'FAILED',
      attempts: 5,
    });
  });
});
