import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How much database work a piece of code does: Prisma operations (each ORM call the client
 * compiles, plan-cache.ts) and SQL statements sent through the driver adapter (client.ts, postgres.ts).
 * Unlike timings these do not depend on what else the machine is doing, so `npm run bench` prints
 * them per card action next to its latencies (read from /metrics, bot_card_db_work).
 *
 * Counting follows the async context: work started inside `countDbWork` is counted to it, work of
 * other requests running at the same time is not.
 */
export interface DbWork {
  /** Card actions (or other units of work) counted. */
  runs: number;
  operations: number;
  statements: number;
}

const current = new AsyncLocalStorage<DbWork>();

/** Totals by name since the process started (card actions by their action name). */
export const dbWorkByName = new Map<string, DbWork>();

/** Runs `fn`, adding its Prisma operations and SQL statements to the tally of `name`. */
export function countDbWork<T>(name: string, fn: () => Promise<T>): Promise<T> {
  let tally = dbWorkByName.get(name);
  if (!tally) {
    tally = { runs: 0, operations: 0, statements: 0 };
    dbWorkByName.set(name, tally);
  }
  const mine: DbWork = { runs: 1, operations: 0, statements: 0 };
  const total = tally;
  return current.run(mine, fn).finally(() => {
    total.runs += mine.runs;
    total.operations += mine.operations;
    total.statements += mine.statements;
  });
}

/** One Prisma operation compiled (or taken from the plan cache) in the current context. */
export function noteOperation(): void {
  const c = current.getStore();
  if (c) c.operations++;
}

/** Several Prisma operations compiled together; `count` is asked only while counting. */
export function noteOperations(count: () => number): void {
  const c = current.getStore();
  if (c) c.operations += count();
}

/** One SQL statement sent in the current context. */
export function noteStatement(): void {
  const c = current.getStore();
  if (c) c.statements++;
}

/** Counts the statements a driver transaction (or connection) sends: its queryRaw and executeRaw. */
export function countStatements(q: { queryRaw(...a: never[]): unknown; executeRaw(...a: never[]): unknown }): void {
  const queryRaw = q.queryRaw.bind(q) as (...a: unknown[]) => unknown;
  const executeRaw = q.executeRaw.bind(q) as (...a: unknown[]) => unknown;
  Object.assign(q, {
    queryRaw: (...a: unknown[]) => {
      noteStatement();
      return queryRaw(...a);
    },
    executeRaw: (...a: unknown[]) => {
      noteStatement();
      return executeRaw(...a);
    },
  });
}
