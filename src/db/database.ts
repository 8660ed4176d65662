import type { PrismaClient } from '../generated/prisma/client.js';
import type { DbKind } from './url.js';

// The types of an open database, apart from the code that opens one (client.ts for SQLite,
// postgres.ts for PostgreSQL), so that both openers can name them without importing each other.

/**
 * The Prisma client every module queries through. PostgreSQL's client is generated separately but
 * has the same model API, so it is handed out under this one type.
 */
export type Db = PrismaClient;

export interface Database {
  prisma: Db;
  kind: DbKind;
  url: string;
  close(): Promise<void>;
}
