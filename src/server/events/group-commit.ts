import { dbKindOf } from '../../db/url.js';
import type { Deps } from '../../deps.js';
import {
  DuplicateEvent,
  handleAlone,
  handleInOneTransaction,
  type EventJob,
  type Outcome,
} from './batch-transaction.js';

/** Events per transaction at most: enough to amortise a commit, small enough to answer within 3 s. */
const MAX_BATCH = 128;

interface Queued {
  job: EventJob;
  resolve(o: Outcome): void;
  reject(e: unknown): void;
}

export interface BatchStats {
  /** Transactions of more than one event that committed, and the events in them. */
  batches: number;
  batchedEvents: number;
  /** Batches undone because one handler threw (their events were then handled one by one). */
  rolledBack: number;
  /** Events handled alone (nothing else was waiting, or after a roll-back). */
  alone: number;
}

/**
 * Group commit for Feishu events. An event that arrives while no transaction is running is handled
 * at the next turn of the event loop, with whatever else arrived in that turn; events that arrive
 * while one is running wait for it and then go together in the next. Quiet hours see no added
 * delay; under load, one commit serves many events. Each HTTP answer still goes out only after its
 * event's transaction committed.
 *
 * SQLite has one writer, so one lane; PostgreSQL runs a few transactions side by side, so that one
 * slow handler (an export) does not hold up everyone behind it.
 */
export class EventBatcher {
  readonly stats: BatchStats = { batches: 0, batchedEvents: 0, rolledBack: 0, alone: 0 };
  private readonly queue: Queued[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly deps: Deps,
    private readonly lanes: number,
  ) {}

  /** Resolves with the handler's value once committed; rejects with DuplicateEvent for a re-delivery. */
  handle<T>(job: EventJob<T>): Promise<T> {
    return new Promise<Outcome>((resolve, reject) => {
      this.queue.push({ job: job as EventJob, resolve, reject });
      this.schedule();
    }).then((o) => {
      if (o.kind === 'duplicate') throw new DuplicateEvent(job.eventId);
      return o.value as T;
    });
  }

  /**
   * Takes the next batch after the event loop has polled the sockets once more. On SQLite a whole
   * transaction runs in one turn of the loop (the driver is synchronous), so without this pause no
   * request would ever arrive while one runs, and every batch would hold a single event.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.lanes && this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.running++;
      void this.run(batch).finally(() => {
        this.running--;
        this.schedule();
      });
    }
  }

  private async run(batch: Queued[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const outcomes = await handleInOneTransaction(
          this.deps,
          batch.map((q) => q.job),
        );
        this.stats.batches++;
        this.stats.batchedEvents += batch.length;
        for (const [i, q] of batch.entries()) q.resolve(outcomes[i]!);
        return;
      } catch (e) {
        this.stats.rolledBack++;
        // Nothing of the batch was kept. Handle each alone, so one failing event fails only itself.
        this.deps.log.info(
          { events: batch.length, err: (e as Error).message },
          'batch rolled back: handling its events one by one',
        );
      }
    }
    for (const q of batch) {
      this.stats.alone++;
      await handleAlone(this.deps, q.job).then(q.resolve, q.reject);
    }
  }
}

const batchers = new WeakMap<object, EventBatcher>();

/** The bot's batcher (one per database client). */
export function batcherOf(deps: Deps): EventBatcher {
  let b = batchers.get(deps.db);
  if (!b) {
    b = new EventBatcher(deps, dbKindOf(deps.config.databaseUrl) === 'sqlite' ? 1 : 4);
    batchers.set(deps.db, b);
  }
  return b;
}

/** For /metrics: what the batcher of this database client did (zeros before the first event). */
export function batchStatsOf(db: object): BatchStats {
  return batchers.get(db)?.stats ?? { batches: 0, batchedEvents: 0, rolledBack: 0, alone: 0 };
}
