import Database from 'better-sqlite3';

// BENCH_SQL_TIMES=1: the bench's bot times every SQLite statement it runs and, when stopped, prints
// the statements that took the most time in all (stderr): where the database's share of a submit goes.

interface Stat {
  calls: number;
  ms: number;
}

export function timeStatements(): () => string {
  const stats = new Map<string, Stat>();
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>;
  probe.close();
  for (const name of ['run', 'all', 'get', 'iterate'] as const) {
    const original = proto[name] as (...args: unknown[]) => unknown;
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const s = stats.get(this.source) ?? { calls: 0, ms: 0 };
        s.calls++;
        s.ms += performance.now() - started;
        stats.set(this.source, s);
      }
    };
  }
  return () =>
    [...stats.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 15)
      .map(
        ([sql, s]) =>
          `${s.ms.toFixed(0)} ms in ${s.calls} runs (${(s.ms / s.calls).toFixed(2)} ms each): ${sql.replace(/\s+/g, ' ').slice(0, 300)}`,
      )
      .join('\n');
}
