// Code that reads in parallel (`Promise.all` of several queries, or one query whose relations
// Prisma loads side by side) may run inside a transaction,
// which PostgreSQL serves on one connection. pg 8 queues such overlapping queries with a deprecation
// warning and pg 9 refuses them: the adapter must hand them to the connection one at a time, in
// order, whatever the caller does. SQLite runs them in order anyway; the test runs on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { freshDatabase } from '../helpers/db.js';

let db: Database;
let cleanup: () => Promise<void>;
const warnings: string[] = [];
const onWarning = (w: Error) => warnings.push(w.message);

beforeAll(async () => {
  ({ db, cleanup } = await freshDatabase());
  process.on('warning', onWarning);
});
afterAll(async () => {
  process.off('warning', onWarning);
  await cleanup();
});

describe('parallel reads inside a transaction', () => {
  it('run one after another on the transaction’s connection, with no overlapping query', async () => {
    const results = await db.prisma.$transaction(async (tx) => {
      await tx.setting.create({ data: { key: 'probe', version: 1, value: '1' } });
      return Promise.all([
        tx.setting.findMany({ where: { key: 'probe' } }),
        tx.squad.count(),
        tx.$queryRawUnsafe<{ n: number }[]>('SELECT 1 AS n'),
        tx.setting.count({ where: { key: 'probe' } }),
        tx.person.findMany({ take: 1 }),
        // One query whose relations Prisma loads side by side.
        tx.squad.findMany({ include: { members: true, leaders: true, quotas: true, partnerUnits: true } }),
      ]);
    });
    // Each read saw the transaction's own write: they ran on its connection.
    expect(results[0]).toHaveLength(1);
    expect(results[3]).toBe(1);
    // Warnings are emitted on the next tick.
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => w.includes('already executing a query'))).toEqual([]);
  });

  it('a failing query in the batch rolls the whole transaction back and the connection stays usable', async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.setting.create({ data: { key: 'rolled', version: 1, value: '1' } });
        await Promise.all([tx.setting.count(), tx.$queryRawUnsafe('SELECT * FROM "NoSuchTable"')]);
      }),
    ).rejects.toThrow();
    expect(await db.prisma.setting.count({ where: { key: 'rolled' } })).toBe(0);
    expect(await db.prisma.$transaction(async (tx) => tx.setting.count({ where: { key: 'probe' } }))).toBe(1);
  });
});
