// Prisma's query plans are remembered per request shape (src/db/plan-cache.ts): the same request,
// or one with other values compared in its where, is not compiled again, and each gets its own rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planCacheStats } from '../../src/db/plan-cache.js';
import { seedIfEmpty } from '../../src/db/seed.js';
import { freshDatabase } from '../helpers/db.js';

let fresh: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  fresh = await freshDatabase();
  await seedIfEmpty(fresh.db.prisma);
});
afterAll(async () => fresh?.cleanup());

describe('query plan cache', () => {
  it('answers a repeated request from the remembered plan, with the same rows', async () => {
    const db = fresh.db.prisma;
    const first = await db.squad.findMany({ where: { sortOrder: 4 }, select: { name: true } });
    const before = { ...planCacheStats };
    const again = await db.squad.findMany({ where: { sortOrder: 4 }, select: { name: true } });
    expect(again).toEqual(first);
    expect(first.map((s) => s.name)).toEqual(['纺织和羽绒产业招商小分队']);
    expect(planCacheStats.hits).toBeGreaterThan(before.hits);
    expect(planCacheStats.misses).toBe(before.misses);
  });

  it('shares the plan of a request with other values in its where, and returns its own rows', async () => {
    const db = fresh.db.prisma;
    const before = { ...planCacheStats };
    const other = await db.squad.findMany({ where: { sortOrder: 5 }, select: { name: true } });
    expect(planCacheStats.misses).toBe(before.misses);
    expect(other).toHaveLength(1);
    expect(other[0]!.name).not.toBe('纺织和羽绒产业招商小分队');
    const unit = await db.unit.findFirstOrThrow({ select: { id: true, name: true } });
    const squadsOf = (leadUnitId: number) => db.squad.findMany({ where: { leadUnitId }, select: { leadUnitId: true } });
    expect((await squadsOf(unit.id)).every((s) => s.leadUnitId === unit.id)).toBe(true);
    expect(await squadsOf(-1)).toEqual([]);
  });

  it('compiles a request of another shape anew: a filter, a null, another field', async () => {
    const db = fresh.db.prisma;
    const requests = [
      () => db.squad.findMany({ where: { sortOrder: { gt: 5 } }, select: { name: true } }),
      () => db.lead.findMany({ where: { nameKey: 'x' }, select: { id: true } }),
      () => db.lead.findMany({ where: { nameKey: null }, select: { id: true } }),
      () => db.squad.findMany({ where: { name: '纺织和羽绒产业招商小分队' }, select: { sortOrder: true } }),
    ];
    for (const [i, request] of requests.entries()) {
      const before = { ...planCacheStats };
      await request();
      expect(planCacheStats.misses, `request ${i}`).toBeGreaterThan(before.misses);
    }
    const byName = await db.squad.findMany({
      where: { name: '纺织和羽绒产业招商小分队' },
      select: { sortOrder: true },
    });
    expect(byName).toEqual([{ sortOrder: 4 }]);
  });

  it('keeps writes working: a write after a read of the same shape stores its own values', async () => {
    const db = fresh.db.prisma;
    const unit = await db.unit.findFirstOrThrow({ select: { id: true } });
    for (const name of ['甲', '乙', '甲']) {
      await db.calendarDay.upsert({
        where: { date: '2099-01-0' + (name === '甲' ? 1 : 2) },
        create: { date: '2099-01-0' + (name === '甲' ? 1 : 2), kind: 'HOLIDAY', name },
        update: { name },
      });
    }
    const days = await db.calendarDay.findMany({ where: { date: { startsWith: '2099-' } }, orderBy: { date: 'asc' } });
    expect(days.map((d) => d.name)).toEqual(['甲', '乙']);
    expect(unit.id).toBeGreaterThan(0);
  });
});
