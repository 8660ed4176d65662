// A fresh, migrated SQLite database in its own temp directory, for tests (with
// TEST_DATABASE=postgresql, a fresh PostgreSQL database, dropped at cleanup).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migrateSqlite } from '../../src/db/migrate.js';
import { migratePostgres } from '../../src/db/migrate-postgres.js';
import { createPgDatabase, testingOnPostgres } from './pg.js';

export async function freshDatabase(): Promise<{ url: string; db: Database; cleanup(): Promise<void> }> {
  if (testingOnPostgres()) return freshPostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-test-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  migrateSqlite(url);
  const db = await openDatabase(url);
  let closed = false;
  return {
    url,
    db,
    async cleanup() {
      if (!closed) {
        closed = true;
        await db.close();
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function freshPostgres(): Promise<{ url: string; db: Database; cleanup(): Promise<void> }> {
  const pg = await createPgDatabase();
  await migratePostgres(pg.url);
  const db = await openDatabase(pg.url);
  let closed = false;
  return {
    url: pg.url,
    db,
    async cleanup() {
      if (!closed) {
        closed = true;
        await db.close();
      }
      await pg.drop();
    },
  };
}
