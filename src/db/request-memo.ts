import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Reads remembered for the length of one request (one Feishu event or card callback, in its
 * transaction): a value that several parts of one handler read — a setting, a squad's name — is read
 * once. Nothing outlives the request, so a change made by another instance (two bots on one
 * PostgreSQL database) is seen by the next request as before; a change made by this request
 * forgets the value at once (`forgetInRequest`). Outside a request (jobs, commands run from a
 * script) every read goes to the database.
 */
const current = new AsyncLocalStorage<WeakMap<object, Map<string, Promise<unknown>>>>();

/** Runs one request's handler with its own memo. */
export function withRequestMemo<T>(fn: () => Promise<T>): Promise<T> {
  return current.run(new WeakMap(), fn);
}

/** The value of `key` read through `db` in this request, read by `load` the first time. */
export function readOncePerRequest<T>(db: object, key: string, load: () => Promise<T>): Promise<T> {
  const memo = current.getStore();
  if (!memo) return load();
  let reads = memo.get(db);
  if (!reads) {
    reads = new Map();
    memo.set(db, reads);
  }
  const known = reads.get(key);
  if (known) return known as Promise<T>;
  const read = load();
  reads.set(key, read);
  // A failed read is not remembered.
  read.catch(() => reads.delete(key));
  return read;
}

/** Forgets `key` for this request (it was just written). */
export function forgetInRequest(db: object, key: string): void {
  current.getStore()?.get(db)?.delete(key);
}
