import { isUniqueViolation } from '../db/errors.js';
import type { Db } from '../db/client.js';
import type { Deps } from '../deps.js';
import { enqueuedIn } from '../feishu/outbox.js';

export class DuplicateEvent extends Error {
  constructor(readonly eventId: string) {
    super('duplicate event ' + eventId);
  }
}

/** A write conflict or deadlock (PostgreSQL 40001/40P01): the transaction can simply run again. */
function isWriteConflict(e: unknown): boolean {
  return (e as { code?: string })?.code === 'P2034';
}

/** Runs of one event when a concurrent transaction got in first (see below). */
const MAX_RUNS = 3;

/**
 * Runs `work` once per Feishu event id: the id is written to a unique row in the same transaction
 * as everything the work writes, so a re-delivery (here, after a restart, or at another instance)
 * finds it and changes nothing, and a crash mid-way leaves no trace and the retry does it all.
 */
export async function onceForEvent<T>(deps: Deps, eventId: string, type: string, work: (tx: Deps) => Promise<T>): Promise<T> {
  for (let run = 1; ; run++) {
    try {
      let txDb: object | undefined;
      const out = await deps.db.$transaction(
        async (tx) => {
          txDb = tx;
          // Plain SQL: this insert runs for every event, and the ORM's per-query compile costs more than it.
          await tx.$executeRaw`INSERT INTO "ProcessedEvent" ("eventId", "type", "receivedAt") VALUES (${eventId}, ${type}, ${new Date()})`;
          return work({ ...deps, db: tx as unknown as Db });
        },
        { maxWait: 5_000, timeout: 10_000 },
      );
      // Only when something was enqueued: a kick costs the sender a claim query (the poll catches all else).
      if (txDb && enqueuedIn(txDb)) deps.kickSender();
      return out;
    } catch (e) {
      const unique = isUniqueViolation(e);
      if (unique && (await deps.db.processedEvent.findUnique({ where: { eventId } }))) throw new DuplicateEvent(eventId);
      // Another event committed the same business key (a double tap: two event ids, one requestKey)
      // while this one ran. SQLite runs transactions one at a time, so the handler's own "already
      // there?" check sees it; PostgreSQL runs them side by side, the insert fails and aborts the
      // transaction. Nothing of this run was kept: run it again, and the check now sees the row.
      if ((unique || isWriteConflict(e)) && run < MAX_RUNS) {
        deps.log.info({ eventId, run }, 'concurrent write on a business key: handling the event again');
        continue;
      }
      throw e;
    }
  }
}
