import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

/** Where the PostgreSQL adapter puts the pool connection of a transaction opened in this context. */
export interface TxConnectionSlot {
  pg?: pg.ClientBase;
}

/**
 * Prisma runs an interactive transaction on one pool connection but does not hand it out. A caller
 * that wants to send plain SQL on that same connection (the event hot path, src/server/events/batch-sql.ts)
 * opens the transaction inside `txConnection.run(slot, …)`; the wrapped adapter (postgres.ts) fills
 * the slot when it begins the transaction. Without a slot, nothing is recorded.
 */
export const txConnection = new AsyncLocalStorage<TxConnectionSlot>();
