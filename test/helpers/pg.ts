// PostgreSQL for tests: TEST_DATABASE=postgresql makes every test file use its own fresh database
// on the machine's server (TEST_PG_URL, default the local trust-auth server), dropped afterwards.
import crypto from 'node:crypto';
import pg from 'pg';

const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export function testingOnPostgres(): boolean {
  return process.env.TEST_DATABASE === 'postgresql';
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** CREATE DATABASE t_<random>; returns its URL and a drop() that also ends leftover sessions. */
export async function createPgDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = 't_' + crypto.randomBytes(6).toString('hex');
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    url: withDatabase(TEST_PG_URL, name),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
