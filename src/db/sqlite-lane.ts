import { AsyncLocalStorage } from 'node:async_hooks';
import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { countStatements, noteStatement } from './op-count.js';

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter['startTransaction']>>;
type SqlQuery = Parameters<SqlDriverAdapter['queryRaw']>[0];

/**
 * One lane for everything the bot sends to a SQLite database.
 *
 * Prisma's better-sqlite3 adapter runs the whole database on one connection. It makes interactive
 * transactions wait for each other, but not plain statements: a statement sent through the client
 * while some `$transaction` is open (an event handler waiting on something) runs on the same
 * connection, so inside that transaction, and a rollback undoes it. The sender's SENT update, the
 * scheduler's job-run row, any write made outside the event would vanish with the event.
 *
 * So every statement goes through this lane: while a transaction holds it, statements from outside
 * wait until its COMMIT or ROLLBACK, then run in turn (first come, first served). When nothing holds
 * it, a statement runs at once, as before. SQLite writes one at a time anyway; this only decides
 * whose turn it is.
 *
 * Why not a second connection for the sender and the scheduler: better-sqlite3 is synchronous, so a
 * second connection waiting for the write lock (busy_timeout) would stop the event loop, and with it
 * the transaction it waits for, until the timeout gave up. And it would cover only the writers it
 * was given; the lane covers every write path.
 *
 * The lane belongs to the database file, not to one client: two clients on one file in one process
 * (tests playing two instances, a CLI next to the bot) take turns in it too, rather than one
 * waiting for the other's write lock in SQLite's busy handler, which blocks the event loop the
 * other needs to finish.
 *
 * One exception: a statement sent through the bot's client (not the transaction's) from inside an
 * open transaction's own callback is part of that transaction's work; it runs in it at once, as it
 * always did, because waiting for the transaction it belongs to would never end.
 */
export class SqliteLane {
  private held = false;
  private readonly waiting: (() => void)[] = [];
  private readonly context = transactionContext;

  /** The lane of a database file (one per file in this process). */
  static of(file: string): SqliteLane {
    let lane = lanes.get(file);
    if (!lane) {
      lane = new SqliteLane();
      lanes.set(file, lane);
    }
    return lane;
  }

  /**
   * Runs a `$transaction` call of `client` so that statements `client` sends from its callback are
   * recognised as that transaction's own.
   */
  inTransaction<T>(client: object, start: () => Promise<T>): Promise<T> {
    const mark = { open: true, client };
    return this.context.run(mark, () =>
      start().finally(() => {
        mark.open = false;
      }),
    );
  }

  /**
   * Wraps the adapter Prisma talks to for `client`: its transactions hold the lane from BEGIN to
   * COMMIT/ROLLBACK, and its other statements each take a turn.
   */
  wrap(adapter: SqlDriverAdapter, client: object): SqlDriverAdapter {
    const startTransaction = adapter.startTransaction.bind(adapter);
    const queryRaw = adapter.queryRaw.bind(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    const executeScript = adapter.executeScript.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const release = this.take() ?? (await this.wait());
      let tx: Transaction;
      try {
        tx = await startTransaction(isolationLevel);
      } catch (e) {
        release();
        throw e;
      }
      countStatements(tx);
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      tx.commit = () => commit().finally(release);
      tx.rollback = () => rollback().finally(release);
      return tx;
    };
    adapter.queryRaw = (q: SqlQuery) => {
      noteStatement();
      return this.statement(client, () => queryRaw(q));
    };
    adapter.executeRaw = (q: SqlQuery) => {
      noteStatement();
      return this.statement(client, () => executeRaw(q));
    };
    adapter.executeScript = (script: string) => this.statement(client, () => executeScript(script));
    return adapter;
  }

  /**
   * A free lane is taken and the statement started in the same turn, without a pause: the driver
   * runs it synchronously, so nothing else can come between (and the order of work is what it
   * would be without the lane).
   */
  private statement<T>(client: object, run: () => Promise<T>): Promise<T> {
    const mark = this.context.getStore();
    if (mark?.open && mark.client === client) return run();
    const release = this.take();
    if (release) return settle(run, release);
    return this.wait().then((r) => settle(run, r));
  }

  /** The lane, if it is free right now. */
  private take(): (() => void) | undefined {
    if (this.held) return undefined;
    this.held = true;
    return this.releaser();
  }

  /** Resolves once the lane is the caller's (first come, first served). */
  private wait(): Promise<() => void> {
    return new Promise((resolve) => this.waiting.push(() => resolve(this.releaser())));
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.held = false;
    };
  }
}

const lanes = new Map<string, SqliteLane>();

/** Marks the async context of each open `$transaction` callback with its client (see `inTransaction`). */
const transactionContext = new AsyncLocalStorage<{ open: boolean; client: object }>();

/**
 * Runs `fn` as work of its own, outside any transaction whose callback it was started from (a
 * background loop such as the outbox sender's, kicked from inside an event): its statements then
 * wait for that transaction like everyone else's instead of joining it.
 */
export function outsideTransaction<T>(fn: () => T): T {
  return transactionContext.exit(fn);
}

/** Runs `run` and hands the lane on when it settles, whether it worked or threw. */
function settle<T>(run: () => Promise<T>, release: () => void): Promise<T> {
  let p: Promise<T>;
  try {
    p = run();
  } catch (e) {
    release();
    return Promise.reject(e);
  }
  return p.finally(release);
}
