import { Prisma } from '../generated/prisma/client.js';
import type { Db } from './database.js';

// The Outbox table: every message the bot sends is first written here, in the transaction of the
// work that produced it, and delivered afterwards by the sender (feishu/sender.ts). This file is the
// only one that writes or updates Outbox rows.

/** The columns a message is written with (the sender reads them back with the row's id). */
export interface OutboxColumns {
  dedupKey: string;
  kind: string;
  receiveIdType: string | null;
  receiveId: string | null;
  msgType: string;
  content: string;
  openIds: string | null;
}

/** A row as the sender claims it: its columns, its id, and how many times it has been tried. */
export type ClaimedOutboxRow = OutboxColumns & { id: number; attempts: number };

/**
 * The one statement that puts messages in the outbox: a multi-row `INSERT … ON CONFLICT DO NOTHING
 * RETURNING "id"` (SQLite and PostgreSQL alike), so a dedupKey already there is skipped without a
 * read-then-write race and without a unique violation that would abort a PostgreSQL transaction.
 * The returned ids are the rows that went in.
 *
 * `at` is the time the rows are created and first due, in the form the statement's runner writes a
 * DateTime: a `Date` through Prisma, or the text Prisma's adapter would have written when the
 * statement runs on the driver directly (server/events/batch-sql.ts). The rows start PENDING with
 * no attempts. `rows` must not be empty.
 */
export function outboxInsert(rows: readonly OutboxColumns[], at: Date | string): Prisma.Sql {
  const values = Prisma.join(
    rows.map(
      (r) =>
        Prisma.sql`(${r.dedupKey}, ${r.kind}, ${r.receiveIdType}, ${r.receiveId}, ${r.msgType}, ${r.content},
          ${r.openIds}, 'PENDING', 0, ${at}, ${at})`,
    ),
  );
  return Prisma.sql`INSERT INTO "Outbox" ("dedupKey", "kind", "receiveIdType", "receiveId", "msgType", "content",
           "openIds", "status", "attempts", "nextAttemptAt", "createdAt")
         VALUES ${values} ON CONFLICT ("dedupKey") DO NOTHING RETURNING "id"`;
}

/** Writes the rows through the Prisma client `db` (a transaction's, usually); returns how many went in. */
export async function insertOutboxRows(db: Db, rows: readonly OutboxColumns[], now: Date): Promise<number> {
  if (!rows.length) return 0;
  return (await db.$queryRaw<{ id: unknown }[]>(outboxInsert(rows, now))).length;
}

/**
 * Claims up to `limit` due rows, and rows whose lease ran out, for `instanceId` until `until`, in
 * one statement (SQLite and PostgreSQL alike); returns them by id. Each sub-select reads the
 * (status, nextAttemptAt) index and stops at the limit, so a backlog of thousands costs no more than
 * a few; the outer condition is a CASE so that SQLite looks the claimed ids up by key instead of
 * scanning every due row again. When two instances race, PostgreSQL re-checks that condition on the
 * locked row and the loser skips rows the winner took. Each claim counts as an attempt.
 */
export async function claimDueOutboxRows(
  db: Db,
  claim: { instanceId: string; now: Date; until: Date; limit: number },
): Promise<ClaimedOutboxRow[]> {
  const { instanceId, now, until, limit } = claim;
  const rows = await db.$queryRaw<
    (OutboxColumns & { id: number | bigint; attempts: number | bigint })[]
  >`UPDATE "Outbox"
      SET "status" = 'SENDING', "lockedBy" = ${instanceId}, "lockedUntil" = ${until}, "attempts" = "attempts" + 1
      WHERE "id" IN (
          SELECT "id" FROM (SELECT "id" FROM "Outbox" WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${now}
            ORDER BY "nextAttemptAt", "id" LIMIT ${limit}) AS due
          UNION ALL
          SELECT "id" FROM (SELECT "id" FROM "Outbox" WHERE "status" = 'SENDING' AND "lockedUntil" < ${now}
            ORDER BY "id" LIMIT ${limit}) AS expired)
        AND CASE "status" WHEN 'PENDING' THEN "nextAttemptAt" <= ${now} WHEN 'SENDING' THEN "lockedUntil" < ${now}
          ELSE false END
      RETURNING "id", "dedupKey", "kind", "receiveIdType", "receiveId", "msgType", "content", "openIds", "attempts"`;
  return rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) })).sort((a, b) => a.id - b.id);
}

/**
 * Hands the rows `instanceId` claimed but did not send back as due now, without counting the claim
 * as an attempt; returns how many.
 */
export async function releaseOutboxClaims(db: Db, instanceId: string, now: Date): Promise<number> {
  const res = await db.outbox.updateMany({
    where: { status: 'SENDING', lockedBy: instanceId },
    data: { status: 'PENDING', lockedBy: null, lockedUntil: null, nextAttemptAt: now, attempts: { decrement: 1 } },
  });
  return res.count;
}

/**
 * Records a delivered row. Plain SQL, not the client's `update`: it runs once for every message sent,
 * and a raw statement skips the client's query building (server/events/batch-sql.ts has the figures).
 */
export async function markOutboxSent(db: Db, id: number, messageId: string | null, now: Date): Promise<void> {
  await db.$executeRaw`UPDATE "Outbox" SET "status" = 'SENT', "sentAt" = ${now}, "messageId" = ${messageId},
        "lockedUntil" = NULL, "lastError" = NULL WHERE "id" = ${id}`;
}

/** Records a row that will not be tried again. */
export async function markOutboxFailed(db: Db, id: number, lastError: string): Promise<void> {
  await db.outbox.update({ where: { id }, data: { status: 'FAILED', lastError, lockedUntil: null } });
}

/**
 * Puts a row back to be tried again at `nextAttemptAt`. `refundAttempt`: the try does not count
 * (Feishu asked us to wait rather than refusing the message).
 */
export async function retryOutboxRow(
  db: Db,
  id: number,
  retry: { lastError: string; nextAttemptAt: Date; refundAttempt: boolean },
): Promise<void> {
  await db.outbox.update({
    where: { id },
    data: {
      status: 'PENDING',
      lastError: retry.lastError,
      nextAttemptAt: retry.nextAttemptAt,
      lockedUntil: null,
      ...(retry.refundAttempt ? { attempts: { decrement: 1 } } : {}),
    },
  });
}
