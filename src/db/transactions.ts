import type { Db } from './client.js';

/** Runs `body` in one database transaction: everything it writes through `tx` lands together or not at all. */
export async function runInTransaction<T>(db: Db, body: (tx: Db) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => body(tx as unknown as Db));
}
