// SQLite's write-ahead log is checkpointed by a worker thread (src/db/checkpointer.ts), not by the
// commits on the event loop: under a steady stream of commits the log stays bounded, and the event
// loop's own connection only keeps a far-off automatic checkpoint as a backstop.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { testingOnPostgres } from '../helpers/pg.js';

let dir: string;
let db: Database;
beforeAll(async () => {
  if (testingOnPostgres()) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-wal-'));
  db = await openDatabase(`file:${path.join(dir, 'wal.db')}`);
});
afterAll(async () => {
  await db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function blobCount(d: Database): Promise<number> {
  const rows = await d.prisma.$queryRawUnsafe<{ n: number | bigint }[]>('SELECT count(*) AS n FROM "Blob"');
  return Number(rows[0]!.n);
}

const walBytes = () => fs.statSync(path.join(dir, 'wal.db-wal')).size;

describe.skipIf(testingOnPostgres())('SQLite checkpoints', () => {
  it('keeps the log bounded under 40 MB of commits, without the event loop checkpointing', async () => {
    const [auto] =
      await db.prisma.$queryRawUnsafe<{ wal_autocheckpoint: number | bigint }[]>('PRAGMA wal_autocheckpoint');
    // 20,000 pages (80 MB): left to itself, this connection would let the log grow past 40 MB.
    expect(Number(auto!.wal_autocheckpoint)).toBe(20_000);
    await db.prisma.$executeRawUnsafe('CREATE TABLE "Blob" ("id" INTEGER PRIMARY KEY, "data" BLOB NOT NULL)');
    const chunk = Buffer.alloc(64 * 1024, 7);
    let maxWal = 0;
    // 640 commits of 64 KB, one every millisecond or so: the worker runs every 100 ms between them.
    for (let i = 0; i < 640; i++) {
      await db.prisma.$executeRawUnsafe('INSERT INTO "Blob" ("data") VALUES (?)', chunk);
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
      maxWal = Math.max(maxWal, walBytes());
    }
    // RESTART at 16 MB of log: the file is reused from its start, so it never reaches 40 MB.
    expect(maxWal).toBeGreaterThan(4 * 1024 * 1024);
    expect(maxWal).toBeLessThan(30 * 1024 * 1024);
    expect(await blobCount(db)).toBe(640);
  });

  it('stops its worker on close, and the database file then holds everything', async () => {
    await db.close();
    const again = await openDatabase(`file:${path.join(dir, 'wal.db')}`);
    expect(await blobCount(again)).toBe(640);
    db = again;
  });
});
