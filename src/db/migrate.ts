import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sqliteFileFromUrl } from './url.js';

const MIGRATIONS_DIR = path.resolve('prisma', 'migrations');

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The committed migrations, in order, with the checksum Prisma records (sha256 of the file). */
function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * The committed migrations not yet applied, in order, given what the database records as applied
 * (name → checksum). A migration changed after it was applied is refused.
 */
export function pendingMigrations(dir: string, applied: Map<string, string>): Migration[] {
  return readMigrations(dir).filter((m) => {
    const known = applied.get(m.name);
    if (known === undefined) return true;
    if (known !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied`);
    return false;
  });
}

// The same table Prisma's own `migrate deploy` keeps, so both agree on what is applied.
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/**
 * Applies each committed migration once, in order, each in a transaction, and records it
 * as Prisma does. Returns the names applied now. Refuses a changed migration (checksum).
 */
export function migrateSqlite(url: string, dir = MIGRATIONS_DIR): string[] {
  const file = sqliteFileFromUrl(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(SQLITE_MIGRATIONS_TABLE);
    const done = new Map(
      (
        db
          .prepare(
            'SELECT migration_name, checksum FROM _prisma_migrations ' +
              'WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
          )
          .all() as { migration_name: string; checksum: string }[]
      ).map((r) => [r.migration_name, r.checksum]),
    );
    const applied: string[] = [];
    for (const m of pendingMigrations(dir, done)) {
      const now = prismaTimestamp();
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          'INSERT INTO _prisma_migrations ' +
            '(id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
        ).run(crypto.randomUUID(), m.checksum, prismaTimestamp(), m.name, now);
      }).immediate();
      applied.push(m.name);
    }
    return applied;
  } finally {
    db.close();
  }
}

function prismaTimestamp(): string {
  return new Date().toISOString().replace('Z', '+00:00');
}
