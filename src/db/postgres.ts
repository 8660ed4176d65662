import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
// The query compiler is provider-specific: the SQLite client refuses the pg adapter ("not compatible
// with the provider sqlite"), so PostgreSQL has its own client generated from
// prisma/postgresql/schema.prisma (the same models; `npm run db:pg-schema` keeps it in step).
import { PrismaClient } from '../generated/prisma-pg/client.js';
import type { Database, Db } from './database.js';
import { countStatements } from './op-count.js';
import { txConnection } from './tx-connection.js';

/** Connections per instance: small, since several instances share one server (2 cores here). */
const POOL_MAX = Number(process.env.PG_POOL_MAX ?? 10);

/**
 * PostgreSQL through the pg adapter. The client is exposed as the SQLite client's type: both are
 * generated from one data model and have the same model API (the PostgreSQL-only extras, such as
 * `mode: 'insensitive'`, are not used, so code runs alike on both).
 */
export async function openPostgres(url: string): Promise<Database> {
  const factory = new PrismaPg({ connectionString: url, max: POOL_MAX });
  // Each transaction's pool connection goes to the slot of the context that opened it (tx-connection.ts).
  const adapterFactory: typeof factory = Object.assign(Object.create(factory) as typeof factory, {
    connect: async () => {
      const adapter = await factory.connect();
      countStatements(adapter);
      const start = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (isolationLevel) => {
        const tx = await start(isolationLevel);
        countStatements(tx);
        const slot = txConnection.getStore();
        if (slot && !slot.pg) slot.pg = (tx as unknown as { client?: pg.ClientBase }).client;
        return tx;
      };
      return adapter;
    },
  });
  const client = new PrismaClient({ adapter: adapterFactory });
  const prisma = client as unknown as Db;
  return { prisma, kind: 'postgresql', url, close: () => client.$disconnect() };
}
