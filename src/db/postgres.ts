import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Database } from './client.js';

/**
 * PostgreSQL through the pg adapter. The generated client is built for SQLite's provider;
 * the scaled-out mode (issue 6) generates its own client for PostgreSQL.
 */
export async function openPostgres(url: string): Promise<Database> {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return { prisma, kind: 'postgresql', url, close: () => prisma.$disconnect() };
}
