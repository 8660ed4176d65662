// SQLite statements are prepared once per SQL text (src/db/statement-cache.ts): the same query with
// other values, reads and writes, and transactions that commit or roll back all run on kept
// statements and give the same results as fresh ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteConnectionOf } from '../../src/db/client.js';
import { seedIfEmpty } from '../../src/db/seed.js';
import { testingOnPostgres } from '../helpers/pg.js';
import { freshDatabase } from '../helpers/db.js';

let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let prepared: string[] = [];
beforeAll(async () => {
  fresh = await freshDatabase();
  await seedIfEmpty(fresh.db.prisma);
  const conn = sqliteConnectionOf(fresh.db.prisma);
  if (!conn) return;
  const prepare = conn.prepare.bind(conn);
  conn.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof conn.prepare;
});
afterAll(async () => fresh?.cleanup());

describe.skipIf(testingOnPostgres())('SQLite statements', () => {
  it('are prepared once for the same query with other values, each run with its own', async () => {
    const db = fresh.db.prisma;
    const orders = (await db.squad.findMany({ select: { sortOrder: true }, orderBy: { id: 'asc' }, take: 8 })).map(
      (s) => s.sortOrder,
    );
    expect(orders).toHaveLength(8);
    prepared = [];
    const names = [];
    for (const sortOrder of orders)
      names.push((await db.squad.findFirstOrThrow({ where: { sortOrder }, select: { name: true } })).name);
    expect(new Set(names).size).toBe(orders.length);
    expect(prepared.length).toBeLessThanOrEqual(1);
    prepared = [];
    const again = [];
    for (const sortOrder of orders)
      again.push((await db.squad.findFirstOrThrow({ where: { sortOrder }, select: { name: true } })).name);
    expect(again).toEqual(names);
    expect(prepared).toEqual([]);
  });

  it('keep writes, commits and rollbacks as they were', async () => {
    const db = fresh.db.prisma;
    const squad = (sortOrder: number) => db.squad.findFirstOrThrow({ where: { sortOrder } });
    const [one, two] = [await squad(1), await squad(2)];
    await db.squad.update({ where: { id: one.id }, data: { name: '甲小分队' } });
    await db.$transaction(async (tx) => {
      await tx.squad.update({ where: { id: one.id }, data: { name: '乙小分队' } });
    });
    await expect(
      db.$transaction(async (tx) => {
        await tx.squad.update({ where: { id: two.id }, data: { name: '丙小分队' } });
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect((await squad(1)).name).toBe('乙小分队');
    expect((await squad(2)).name).toBe(two.name);
    const counted = await db.$queryRaw<{ n: number | bigint }[]>`
      SELECT COUNT(*) AS n FROM "Squad" WHERE "name" IN (${'乙小分队'}, ${two.name})`;
    expect(Number(counted[0]!.n)).toBe(2);
  });
});
