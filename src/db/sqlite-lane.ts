import { AsyncLocalStorage } from 'node:async_hooks';
import type { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

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
 * One exception: a statement sent through the bot's client (not the transaction's) from inside an
 * open transaction's own callback is part of that transaction's work; it runs in it at once, as it
 * always did, because waiting for the transaction it belongs to would never end.
 */
export class SqliteLane {
  private held = false;
  private readonly waiting: (() => void)[] = [];
  /** Marks the async context of each open `$transaction` callback (see `inTransaction`). */
  private readonly context = new AsyncLocalStorage<{ open: boolean }>();

  /** Statements queued behind an open transaction right now (for tests and logs). */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs a `$transaction` call so that statements from its callback are recognised as its own. */
  inTransaction<T>(start: () => Promise<T>): Promise<T> {
    const mark = { open: true };
    return this.context.run(mark, () =>
      start().finally(() => {
        mark.open = false;
      }),
    );
  }

  /** Wraps the adapter Prisma talks to: transactions hold the lane from BEGIN to COMMIT/ROLLBACK. */
  wrap(adapter: SqlDriverAdapter): SqlDriverAdapter {
    const startTransaction = adapter.startTransaction.bind(adapter);
    const queryRaw = adapter.queryRaw.bind(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    const executeScript = adapter.executeScript.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const release = await this.acquire();
      let tx: Transaction;
      try {
        tx = await startTransaction(isolationLevel);
      } catch (e) {
        release();
        throw e;
      }
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      tx.commit = () => commit().finally(release);
      tx.rollback = () => rollback().finally(release);
      return tx;
    };
    adapter.queryRaw = (q: SqlQuery) => this.statement(() => queryRaw(q));
    adapter.executeRaw = (q: SqlQuery) => this.statement(() => executeRaw(q));
    adapter.executeScript = (script: string) => this.statement(() => executeScript(script));
    return adapter;
  }

  private async statement<T>(run: () => Promise<T>): Promise<T> {
    if (this.context.getStore()?.open) return run();
    const release = await this.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  }

  /** Resolves once the lane is the caller's; the function it gives hands it to the next in line. */
  private acquire(): Promise<() => void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve(this.releaser());
    }
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
