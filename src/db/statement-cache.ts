import type BetterSqlite3 from 'better-sqlite3';

/**
 * The better-sqlite3 connection as Prisma's SQLite adapter sees it, with each distinct SQL text
 * prepared once instead of at every query.
 *
 * The adapter runs every query as `prepare(sql).bind(args)` and then `run()`, or `columns()` and
 * `raw().all()` (and `BEGIN` as `prepare(sql).run()`): a new statement each time, whose preparing took about a twentieth of the bot's CPU on
 * the submit bench. Binding fixes a statement's parameters for good, so a statement kept for reuse
 * is never bound: `bind` here only remembers the arguments and passes them to each run. The
 * connection runs one statement at a time to completion (`run` and `all` are synchronous), so one
 * kept statement per text is enough. At most MAX_STATEMENTS are kept; past that the cache starts
 * again (the texts in use repeat, and are prepared again on their next use).
 */
const MAX_STATEMENTS = 500;

interface BoundStatement {
  readonly reader: boolean;
  run(): BetterSqlite3.RunResult;
  columns(): BetterSqlite3.ColumnDefinition[];
  raw(): { all(): unknown[] };
}

export function withStatementCache(conn: BetterSqlite3.Database): BetterSqlite3.Database {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string) => {
    let st = statements.get(sql);
    if (!st) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      st = conn.prepare(sql);
      statements.set(sql, st);
    }
    const kept = st;
    return {
      run: (...args: unknown[]) => kept.run(...args),
      bind: (args: unknown[]): BoundStatement => ({
        reader: kept.reader,
        run: () => kept.run(args),
        columns: () => kept.columns(),
        raw: () => ({ all: () => kept.raw(true).all(args) }),
      }),
    };
  };
  return new Proxy(conn, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
