import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.js';
import { dbKindOf, sqliteFileFromUrl, type DbKind } from './url.js';

export type Db = PrismaClient;

export interface Database {
  prisma: Db;
  kind: DbKind;
  url: string;
  close(): Promise<void>;
}

/** Opens the database named by DATABASE_URL through a driver adapter (no engine binary). */
export async function openDatabase(url: string): Promise<Database> {
  const kind = dbKindOf(url);
  if (kind === 'postgresql') {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(url);
  }
  const file = sqliteFileFromUrl(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 5000 });
  const prisma = new PrismaClient({ adapter });
  // WAL lets readers (commands, the backup) run while the sender writes.
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await prisma.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
  // In WAL mode NORMAL syncs at checkpoints, not at every commit: an app crash loses nothing, a power
  // cut may lose the last commits — Feishu then re-delivers those events and they are handled again.
  await prisma.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  return { prisma, kind, url, close: () => prisma.$disconnect() };
}
