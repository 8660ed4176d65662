import type { Db } from '../../db/client.js';
import { ensureEnvAdminRole } from '../../db/env-admins.js';
import type { Actor } from '../../domain/actor.js';
import type { Deps } from '../../deps.js';
import { isUniqueViolation } from '../../db/errors.js';
import { withRequestMemo } from '../../db/request-memo.js';
import { txConnection, type TxConnectionSlot } from '../../db/tx-connection.js';
import { enqueuedIn, type OutgoingMessage } from '../../feishu/outbox.js';
import { hotSqlFor } from './batch-sql.js';

export class DuplicateEvent extends Error {
  constructor(readonly eventId: string) {
    super('duplicate event ' + eventId);
  }
}

/** What a handler gets: the transaction, who sent the event, and where to put its reply. */
export interface EventContext {
  tx: Deps;
  actor: Actor | null;
  /** Queues a message for the outbox; written in the same transaction, after the handler. */
  reply(m: OutgoingMessage): void;
}

/** One Feishu event (a message, a card click) to handle once. */
export interface EventJob<T = unknown> {
  eventId: string;
  type: string;
  /** Who sent it: the batch looks everyone up at once. */
  openId: string;
  work(ctx: EventContext): Promise<T>;
}

export type Outcome<T = unknown> = { kind: 'done'; value: T } | { kind: 'duplicate' };

/**
 * Handles a batch of events in one transaction: their ids are written to unique rows in the same
 * transaction as everything their handlers write, so a re-delivery (here, after a restart, or at
 * another instance) finds its row and changes nothing, and a crash leaves no trace and the retry
 * does it all. One transaction for many events is the group commit: one BEGIN/COMMIT (and, on
 * PostgreSQL, one flush to disk) for the lot. If any handler throws, nothing of the batch is kept.
 */
export async function handleInOneTransaction(deps: Deps, jobs: EventJob[]): Promise<Outcome[]> {
  let wrote = false;
  const slot: TxConnectionSlot = {};
  const inTransaction = async (txClient: unknown): Promise<Outcome[]> => {
    const txDb = txClient as Db;
    const sql = hotSqlFor(deps.db, txDb, slot);
    const now = new Date();
    const firstOf = new Map<string, EventJob>();
    for (const j of jobs) if (!firstOf.has(j.eventId)) firstOf.set(j.eventId, j);
    const fresh = await sql.claim([...firstOf.values()], now);
    const senders = [
      ...new Set(
        jobs
          .filter((j) => fresh.has(j.eventId))
          .map((j) => j.openId)
          .filter(Boolean),
      ),
    ];
    for (const openId of senders) await ensureEnvAdminRole(txDb, deps.config.adminOpenIds, openId);
    const actors = await sql.actors(senders);
    const tx: Deps = { ...deps, db: txDb };
    const replies: OutgoingMessage[] = [];
    const out: Outcome[] = [];
    for (const job of jobs) {
      // The same id twice in one batch: Feishu re-sent it while the first was still queued.
      if (!fresh.delete(job.eventId)) {
        out.push({ kind: 'duplicate' });
        continue;
      }
      // Each event's reads are its own (a setting read once per event, not once per batch).
      const value = await withRequestMemo(() =>
        job.work({ tx, actor: actors.get(job.openId) ?? null, reply: (m) => replies.push(m) }),
      );
      out.push({ kind: 'done', value });
    }
    wrote = (await sql.enqueue(replies, now)) > 0 || enqueuedIn(txDb);
    return out;
  };
  const outcomes = await txConnection.run(slot, () =>
    deps.db.$transaction(inTransaction, { maxWait: 5_000, timeout: 10_000 }),
  );
  // Only when something was enqueued: a kick costs the sender a claim query (the poll catches all else).
  if (wrote) deps.kickSender();
  return outcomes;
}

/** A write conflict or deadlock (PostgreSQL 40001/40P01): the transaction can simply run again. */
function isWriteConflict(e: unknown): boolean {
  return (e as { code?: string })?.code === 'P2034';
}

/** Runs of one event when a concurrent transaction got in first (see below). */
const MAX_RUNS = 3;

/** One event in its own transaction (a batch of one), run again after a concurrent write. */
export async function handleAlone<T>(deps: Deps, job: EventJob<T>): Promise<Outcome<T>> {
  for (let run = 1; ; run++) {
    try {
      const [outcome] = await handleInOneTransaction(deps, [job as EventJob]);
      return outcome as Outcome<T>;
    } catch (e) {
      // Another event committed the same business key (a double tap: two event ids, one requestKey)
      // while this one ran. SQLite runs transactions one at a time, so the handler's own "already
      // there?" check sees it; PostgreSQL runs them side by side, the insert fails and aborts the
      // transaction. Nothing of this run was kept: run it again, and the check now sees the row.
      if ((isUniqueViolation(e) || isWriteConflict(e)) && run < MAX_RUNS) {
        deps.log.info({ eventId: job.eventId, run }, 'concurrent write on a business key: handling the event again');
        continue;
      }
      throw e;
    }
  }
}
