import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.js';
import { startCheckpointer } from './checkpointer.js';
import './plan-cache.js';
import { SqliteLane } from './sqlite-lane.js';
import { withStatementCache } from './statement-cache.js';
import type { Database, Db } from './database.js';
import { dbKindOf, sqliteFileFromUrl } from './url.js';

const BACKSTOP_CHECKPOINT_PAGES = 20_000;

export type { Database, Db } from './database.js';

/** The better-sqlite3 connection under a SQLite Prisma client (the one connection it runs on). */
const sqliteConnections = new WeakMap<object, BetterSqlite3.Database>();

/**
 * The connection Prisma runs a SQLite database on, for the event hot path (src/server/events/batch-sql.ts).
 * Only safe inside the caller's own `$transaction` callback: the adapter then holds its lock, so
 * every statement on this connection belongs to that transaction.
 */
export function sqliteConnectionOf(prisma: object): BetterSqlite3.Database | undefined {
  return sqliteConnections.get(prisma);
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
  const factory = new PrismaBetterSQLite3({ url: file, timeout: 5000 });
  let prisma: PrismaClient | undefined;
  // Every statement and transaction takes its turn on the one connection (sqlite-lane.ts), so that
  // no write from outside an open transaction runs inside it and is undone by its rollback.
  const lane = SqliteLane.of(path.resolve(file));
  const key = {};
  // The adapter keeps its better-sqlite3 connection in `client`; remember it for the hot path.
  const adapter: typeof factory = Object.assign(Object.create(factory) as typeof factory, {
    connect: async () => {
      const a = await factory.connect();
      const held = a as unknown as { client?: BetterSqlite3.Database };
      const conn = held.client;
      if (conn && prisma) sqliteConnections.set(prisma, conn);
      if (conn) held.client = withStatementCache(conn);
      return lane.wrap(a, key);
    },
  });
  prisma = new PrismaClient({ adapter });
  // Statements the bot's client sends from inside a transaction's own callback belong to it.
  const transaction = prisma.$transaction.bind(prisma) as (...args: unknown[]) => Promise<unknown>;
  Object.assign(prisma, {
    $transaction: (...args: unknown[]) => lane.inTransaction(key, () => transaction(...args)),
  });
  // WAL lets readers (commands, the backup) run while the sender writes.
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await prisma.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
  // In WAL mode NORMAL syncs at checkpoints, not at every commit: an app crash loses nothing, a power
  // cut may lose the last commits — Feishu then re-delivers those events and they are handled again.
  await prisma.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  // Checkpoints run in a worker thread (checkpointer.ts); this one's own, at ~80 MB of log, is only
  // a backstop should the worker fall behind.
  await prisma.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
  const checkpointer = startCheckpointer(file, (message) => console.error(`sqlite checkpoint: ${message}`));
  return {
    prisma,
    kind,
    url,
    close: async () => {
      await checkpointer.stop();
      await prisma.$disconnect();
    },
  };
}

/** Fails when the database cannot answer a trivial query (the health check). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.$queryRawUnsafe('SELECT 1');
}
