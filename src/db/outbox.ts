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
  /** A reminder for one day: not sent by then, the row is dropped (null: always worth sending). */
  staleAfter?: Date | null;
}

/**
 * A row as the sender claims it: its columns, its id, how many times it has been tried, until when
 * it is worth sending (a day's reminder), and since when its tries have been failing.
 */
export type ClaimedOutboxRow = OutboxColumns & {
  id: number;
  attempts: number;
  staleAfter: Date | null;
  failingSince: Date | null;
};

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
          ${r.openIds}, 'PENDING', 0, ${at}, ${at}, ${staleAfterIn(r.staleAfter, at)})`,
    ),
  );
  return Prisma.sql`INSERT INTO "Outbox" ("dedupKey", "kind", "receiveIdType", "receiveId", "msgType", "content",
           "openIds", "status", "attempts", "nextAttemptAt", "createdAt", "staleAfter")
         VALUES ${values} ON CONFLICT ("dedupKey") DO NOTHING RETURNING "id"`;
}

/** `staleAfter` in the same form as `at` (a Date through Prisma, text on the driver directly). */
function staleAfterIn(staleAfter: Date | null | undefined, at: Date | string): Date | string | null {
  if (!staleAfter) return null;
  return typeof at === 'string' ? staleAfter.toISOString().replace('Z', at.endsWith('Z') ? 'Z' : '+00:00') : staleAfter;
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
    (OutboxColumns & {
      id: number | bigint;
      attempts: number | bigint;
      staleAfter: Date | string | null;
      failingSince: Date | string | null;
    })[]
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
      RETURNING "id", "dedupKey", "kind", "receiveIdType", "receiveId", "msgType", "content", "openIds", "attempts",
        "staleAfter", "failingSince"`;
  return rows
    .map((r) => ({
      ...r,
      id: Number(r.id),
      attempts: Number(r.attempts),
      staleAfter: dateOrNull(r.staleAfter),
      failingSince: dateOrNull(r.failingSince),
    }))
    .sort((a, b) => a.id - b.id);
}

/** A DateTime read through `$queryRaw` (a Date, or SQLite's text when the column type is not known). */
function dateOrNull(v: Date | string | null): Date | null {
  return v === null || v === undefined ? null : new Date(v);
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
 * The rows below change a claimed row only while `instanceId` still holds it: status SENDING and
 * locked by it. Another instance takes a row over once its lease ran out; whatever this one then
 * learns about its own try must not overwrite what the other did. Each returns whether it held.
 */
export interface Lease {
  id: number;
  instanceId: string;
}

/**
 * Records a delivered row. Plain SQL, not the client's `update`: it runs once for every message sent,
 * and a raw statement skips the client's query building (server/events/batch-sql.ts has the figures).
 */
export async function markOutboxSent(db: Db, lease: Lease, messageId: string | null, now: Date): Promise<boolean> {
  const n = await db.$executeRaw`UPDATE "Outbox" SET "status" = 'SENT', "sentAt" = ${now}, "messageId" = ${messageId},
        "lockedUntil" = NULL, "lastError" = NULL, "failingSince" = NULL
      WHERE "id" = ${lease.id} AND "status" = 'SENDING' AND "lockedBy" = ${lease.instanceId}`;
  if (n === 1 && messageId) await releaseUpdateAfterSend(db, lease.id, messageId, now);
  return n === 1;
}

/**
 * The dedup key suffix of a card's update written while the card's first send was under way (no
 * message id to PATCH yet): the row waits, never due, until that send is recorded.
 */
export const AFTER_SEND = ':after-send';
/** When a waiting update is due: never, until the send it waits for is recorded. */
export const NEVER_DUE = new Date('9999-12-31T00:00:00Z');

/** The sent row's waiting update, if any, gets the message id to PATCH and is due now (two key look-ups). */
async function releaseUpdateAfterSend(db: Db, id: number, messageId: string, now: Date): Promise<void> {
  await db.$executeRaw`UPDATE "Outbox" SET "receiveId" = ${messageId}, "nextAttemptAt" = ${now}
      WHERE "dedupKey" = (SELECT "dedupKey" FROM "Outbox" WHERE "id" = ${id}) || ${AFTER_SEND}
        AND "status" = 'PENDING' AND "receiveId" IS NULL`;
}

/** Records a row that will not be tried again (until someone at the office re-sends it). */
export async function markOutboxFailed(db: Db, lease: Lease, lastError: string): Promise<boolean> {
  const res = await db.outbox.updateMany({
    where: { id: lease.id, status: 'SENDING', lockedBy: lease.instanceId },
    data: { status: 'FAILED', lastError, lockedUntil: null },
  });
  return res.count === 1;
}

/** Records a day's reminder that was not sent within its day: it is not sent any more. */
export async function markOutboxDropped(db: Db, lease: Lease, reason: string): Promise<boolean> {
  const res = await db.outbox.updateMany({
    where: { id: lease.id, status: 'SENDING', lockedBy: lease.instanceId },
    data: { status: 'DROPPED', lastError: reason, lockedUntil: null },
  });
  return res.count === 1;
}

/**
 * Puts a row back to be tried again at `nextAttemptAt`. `refundAttempt`: the try does not count
 * (Feishu asked us to wait, or the token had to be renewed). `failingSince`: when this run of
 * failures began (kept until the row is sent or re-sent by hand).
 */
export async function retryOutboxRow(
  db: Db,
  lease: Lease,
  retry: { lastError: string; nextAttemptAt: Date; refundAttempt: boolean; failingSince: Date | null },
): Promise<boolean> {
  const res = await db.outbox.updateMany({
    where: { id: lease.id, status: 'SENDING', lockedBy: lease.instanceId },
    data: {
      status: 'PENDING',
      lastError: retry.lastError,
      nextAttemptAt: retry.nextAttemptAt,
      failingSince: retry.failingSince,
      lockedUntil: null,
      ...(retry.refundAttempt ? { attempts: { decrement: 1 } } : {}),
    },
  });
  return res.count === 1;
}

/**
 * Extends this instance's lease on a row it is still working on (waiting out a rate limit), and on
 * the rows of the same claim `waiting` behind it that it still holds; true while it holds the row.
 */
export async function renewOutboxLease(db: Db, lease: Lease, until: Date, waiting: number[] = []): Promise<boolean> {
  if (waiting.length > 0)
    await db.outbox.updateMany({
      where: { id: { in: waiting }, status: 'SENDING', lockedBy: lease.instanceId },
      data: { lockedUntil: until },
    });
  const res = await db.outbox.updateMany({
    where: { id: lease.id, status: 'SENDING', lockedBy: lease.instanceId },
    data: { lockedUntil: until },
  });
  return res.count === 1;
}

/** A row the office should see: given up on, or still not delivered after a while. */
export interface OutboxTrouble {
  id: number;
  kind: string;
  receiveIdType: string | null;
  receiveId: string | null;
  openIds: string | null;
  msgType: string;
  content: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** FAILED rows, and rows still waiting that were written before `pendingSince`; oldest first. */
export async function listOutboxTrouble(
  db: Db,
  opts: { pendingSince: Date; limit: number },
): Promise<{ rows: OutboxTrouble[]; failed: number; pending: number }> {
  const [rows, counts] = await Promise.all([
    db.outbox.findMany({
      where: {
        OR: [{ status: 'FAILED' }, { status: { in: ['PENDING', 'SENDING'] }, createdAt: { lt: opts.pendingSince } }],
      },
      orderBy: { id: 'asc' },
      take: opts.limit,
      select: {
        id: true,
        kind: true,
        receiveIdType: true,
        receiveId: true,
        openIds: true,
        msgType: true,
        content: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
      },
    }),
    countOutboxTrouble(db, opts.pendingSince),
  ]);
  return { rows, ...counts };
}

/**
 * Re-sends rows by hand: FAILED ones (and waiting ones, to try them now) become due now with a fresh
 * count of attempts. `ids` absent: every FAILED row. Returns the ids that were re-queued.
 */
export async function resendOutboxRows(db: Db, ids: number[] | 'all', now: Date): Promise<number[]> {
  const where = ids === 'all' ? { status: 'FAILED' } : { id: { in: ids }, status: { in: ['FAILED', 'PENDING'] } };
  const rows = await db.outbox.findMany({ where, select: { id: true }, orderBy: { id: 'asc' } });
  if (!rows.length) return [];
  const found = rows.map((r) => r.id);
  await db.outbox.updateMany({
    where: { id: { in: found }, status: { in: ['FAILED', 'PENDING'] } },
    data: { status: 'PENDING', attempts: 0, nextAttemptAt: now, failingSince: null, lockedBy: null, lockedUntil: null },
  });
  return found;
}

/** How many rows have FAILED, and how many written before `pendingSince` still wait (all instances). */
export async function countOutboxTrouble(db: Db, pendingSince: Date): Promise<{ failed: number; pending: number }> {
  const [failed, pending] = await Promise.all([
    db.outbox.count({ where: { status: 'FAILED' } }),
    db.outbox.count({ where: { status: { in: ['PENDING', 'SENDING'] }, createdAt: { lt: pendingSince } } }),
  ]);
  return { failed, pending };
}

/** Roster names of the people behind these open_ids (to say whom a message was for). */
export async function namesOfOpenIds(db: Db, openIds: string[]): Promise<Map<string, string>> {
  if (!openIds.length) return new Map();
  const people = await db.person.findMany({ where: { openId: { in: openIds } }, select: { openId: true, name: true } });
  return new Map(people.map((p) => [p.openId!, p.name]));
}
