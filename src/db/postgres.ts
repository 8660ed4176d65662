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
        const conn = (tx as unknown as { client?: pg.ClientBase }).client;
        if (conn) queryOneAtATime(conn);
        countStatements(tx);
        const slot = txConnection.getStore();
        if (slot && !slot.pg) slot.pg = conn;
        return tx;
      };
      return adapter;
    },
  });
  const client = new PrismaClient({ adapter: adapterFactory });
  const prisma = client as unknown as Db;
  return { prisma, kind: 'postgresql', url, close: () => client.$disconnect() };
}

const SERIAL = Symbol('queries one at a time');

/**
 * A transaction runs on one connection, but Prisma loads a query's relations side by side and our
 * code may `Promise.all` reads inside a transaction: pg 8 queues overlapping queries with a
 * deprecation warning, pg 9 refuses them. Each promise-style query on this connection starts only
 * when the one before it has settled, in the order they were asked (what pg's own queue did).
 * Callback and submittable queries (not used here) pass through untouched.
 */
function queryOneAtATime(conn: pg.ClientBase): void {
  type Query = (...args: unknown[]) => unknown;
  const c = conn as unknown as { [SERIAL]?: true; query: Query };
  if (c[SERIAL]) return;
  c[SERIAL] = true;
  const query = c.query.bind(c);
  let last: Promise<unknown> = Promise.resolve();
  c.query = (...args: unknown[]) => {
    const first = args[0] as { submit?: unknown } | undefined;
    if (typeof args.at(-1) === 'function' || typeof first?.submit === 'function') return query(...args);
    const run = last.then(() => query(...args));
    last = run.catch(() => undefined);
    return run;
  };
}
