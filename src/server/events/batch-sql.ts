import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { sqliteConnectionOf, type Db } from '../../db/client.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { TxConnectionSlot } from '../../db/tx-connection.js';
import { actorOf, linksQuery, type LinkRow, type PersonRow } from '../../db/people.js';
import type { Actor } from '../../domain/actor.js';
import { outboxRowOf, type OutgoingMessage } from '../../feishu/outbox.js';
import { outboxInsert } from '../../db/outbox.js';

/**
 * The three statements every Feishu event runs — record its id, look up who sent it, put the reply
 * in the outbox — for a whole batch of events at once, in the batch's transaction.
 *
 * They are plain multi-row SQL. On SQLite they run as prepared statements on the connection Prisma
 * itself uses, inside Prisma's own `$transaction` (whose lock makes every statement on that
 * connection part of it): a statement there costs microseconds, where the same statement through
 * the Prisma client costs 150–250 µs of CPU (measured by `npm run bench`). On PostgreSQL they go
 * to the transaction's own pool connection through the pg driver, for the same reason: one round
 * trip per statement per batch, without the client's query compiler.
 */
export interface HotSql {
  /** Records the event ids; returns those not recorded before (the rest are re-deliveries). */
  claim(events: { eventId: string; type: string }[], now: Date): Promise<Set<string>>;
  /** The roster person behind each open_id (absent: not on the roster, or left it). */
  actors(openIds: string[]): Promise<Map<string, Actor>>;
  /** Puts the messages in the outbox (a dedupKey already there is skipped); returns how many went in. */
  enqueue(messages: OutgoingMessage[], now: Date): Promise<number>;
}

/** Runs one statement (Prisma's `Sql`: `?` placeholders for SQLite, `$n` for PostgreSQL) and gives its rows. */
type Run = (q: Prisma.Sql) => Promise<Record<string, unknown>[]>;

/**
 * `outer` is the bot's Prisma client, `tx` the transaction the batch runs in, `slot` where the
 * PostgreSQL adapter put that transaction's connection (tx-connection.ts).
 */
export function hotSqlFor(outer: Db, tx: Db, slot?: TxConnectionSlot): HotSql {
  const conn = sqliteConnectionOf(outer);
  if (conn) return hotSql(sqliteRun(conn), sqliteTime);
  if (slot?.pg) return hotSql(pgRun(slot.pg), (d) => d.toISOString());
  return hotSqlThroughPrisma(tx);
}

/** The same statements through the transaction's `$queryRaw` (PostgreSQL without a slot; a test on SQLite). */
export function hotSqlThroughPrisma(tx: Db): HotSql {
  return hotSql(
    (q) => tx.$queryRaw<Record<string, unknown>[]>(q),
    (d) => d,
  );
}

function hotSql(run: Run, time: (d: Date) => Date | string): HotSql {
  return {
    async claim(events, now) {
      if (!events.length) return new Set();
      // Sorted, so two instances inserting overlapping batches take the row locks in one order.
      const sorted = [...events].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
      const rows = Prisma.join(sorted.map((e) => Prisma.sql`(${e.eventId}, ${e.type}, ${time(now)})`));
      const out = await run(
        Prisma.sql`INSERT INTO "ProcessedEvent" ("eventId", "type", "receivedAt") VALUES ${rows}
          ON CONFLICT ("eventId") DO NOTHING RETURNING "eventId"`,
      );
      return new Set(out.map((r) => String(r.eventId)));
    },

    async actors(openIds) {
      const found = new Map<string, Actor>();
      if (!openIds.length) return found;
      const people = (await run(
        Prisma.sql`SELECT "id", "name", "rank", "unitId", "active", "openId" FROM "Person"
          WHERE "openId" IN (${Prisma.join(openIds)})`,
      )) as (PersonRow & { openId: string })[];
      const active = people.filter((r) => Number(r.active));
      if (!active.length) return found;
      const links = (await run(linksQuery(active.map((r) => Number(r.id))))) as (LinkRow & { p: number | bigint })[];
      for (const person of active) {
        const actor = actorOf(
          person,
          person.openId,
          links.filter((l) => Number(l.p) === Number(person.id)),
        );
        if (actor) found.set(person.openId, actor);
      }
      return found;
    },

    async enqueue(messages, now) {
      if (!messages.length) return 0;
      const out = await run(outboxInsert(messages.map(outboxRowOf), time(now)));
      return out.length;
    },
  };
}

/** DateTime as Prisma's SQLite adapter writes it (ISO 8601 with an explicit +00:00). */
function sqliteTime(d: Date): string {
  return d.toISOString().replace('Z', '+00:00');
}

/** Prepared once per distinct SQL text (batch sizes repeat), like a driver's statement cache. */
function sqliteRun(conn: BetterSqlite3.Database): Run {
  let statements = statementCaches.get(conn);
  if (!statements) {
    statements = new Map();
    statementCaches.set(conn, statements);
  }
  return async (q) => {
    let st = statements.get(q.sql);
    if (!st) {
      if (statements.size >= 500) statements.clear();
      st = conn.prepare(q.sql);
      statements.set(q.sql, st);
    }
    return st.all(...q.values) as Record<string, unknown>[];
  };
}

const statementCaches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/** `timestamp(3)` columns hold UTC wall time (as Prisma writes them), so times go as ISO UTC text. */
function pgRun(conn: pg.ClientBase): Run {
  return async (q) => (await conn.query({ text: q.text, values: q.values })).rows as Record<string, unknown>[];
}
