// Prisma's query plans are remembered per request text (src/db/plan-cache.ts): the same request is
// not compiled again, a request with other values is, and each gets its own rows.
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

  it('compiles a request with other values anew and returns its own rows', async () => {
    const db = fresh.db.prisma;
    const before = { ...planCacheStats };
    const other = await db.squad.findMany({ where: { sortOrder: 5 }, select: { name: true } });
    expect(planCacheStats.misses).toBeGreaterThan(before.misses);
    expect(other).toHaveLength(1);
    expect(other[0]!.name).not.toBe('纺织和羽绒产业招商小分队');
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
