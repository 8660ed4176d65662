// Settings are read once per request (src/db/request-memo.ts): the value never outlives a change —
// not one made by the same request, not one made by another instance between two requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDbWork, dbWorkByName } from '../../src/db/op-count.js';
import { withRequestMemo } from '../../src/db/request-memo.js';
import { seedIfEmpty } from '../../src/db/seed.js';
import { getSetting, setSetting } from '../../src/db/settings.js';
import { freshDatabase } from '../helpers/db.js';

let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let other: Awaited<ReturnType<typeof freshDatabase>>['db'];
beforeAll(async () => {
  fresh = await freshDatabase();
  await seedIfEmpty(fresh.db.prisma);
  // A second client on the same database: another instance of the bot.
  const { openDatabase } = await import('../../src/db/client.js');
  other = await openDatabase(fresh.url);
});
afterAll(async () => {
  await other?.close();
  await fresh?.cleanup();
});

const KEY = 'test.memo';

describe('settings read once per request', () => {
  it('reads a setting once in a request, and sees its own change at once', async () => {
    const db = fresh.db.prisma;
    await setSetting(db, KEY, 1, null);
    const seen = await countDbWork('memo-test', () =>
      withRequestMemo(async () => {
        const a = await getSetting(db, KEY, 0);
        const b = await getSetting(db, KEY, 0);
        await setSetting(db, KEY, 2, null);
        const c = await getSetting(db, KEY, 0);
        return [a, b, c];
      }),
    );
    expect(seen).toEqual([1, 1, 2]);
    // One read for a and b; setSetting's own read, insert and audit row; one read for c.
    expect(dbWorkByName.get('memo-test')?.operations).toBe(5);
  });

  it('the next request sees a change another instance made in between', async () => {
    const db = fresh.db.prisma;
    expect(await withRequestMemo(() => getSetting(db, KEY, 0))).toBe(2);
    await setSetting(other.prisma, KEY, 3, null);
    expect(await withRequestMemo(() => getSetting(db, KEY, 0))).toBe(3);
  });

  it('outside a request every read goes to the database', async () => {
    const db = fresh.db.prisma;
    const before = dbWorkByName.get('outside')?.operations ?? 0;
    await countDbWork('outside', async () => {
      await getSetting(db, KEY, 0);
      await getSetting(db, KEY, 0);
    });
    expect(dbWorkByName.get('outside')!.operations - before).toBe(2);
  });
});
