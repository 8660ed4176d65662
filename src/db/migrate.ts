import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { backupPathBeforeMigration, backupSqlite } from './backup.js';
import { projectFile } from './project-files.js';
import { sqliteFileFromUrl } from './url.js';

const MIGRATIONS_DIR = projectFile('prisma', 'migrations');

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
 *
 * Foreign keys are switched off around each migration, outside its transaction (inside one SQLite
 * ignores the pragma): the table rebuilds `prisma migrate diff` generates drop the old table, and
 * with foreign keys on that deletes every child row through ON DELETE CASCADE. Instead, before the
 * commit, `PRAGMA foreign_key_check` must find no row pointing at nothing, else the migration is
 * rolled back with the tables named. Foreign keys are on again afterwards, whatever happened.
 */
export function migrateSqlite(url: string, dir = MIGRATIONS_DIR): string[] {
  const file = sqliteFileFromUrl(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(SQLITE_MIGRATIONS_TABLE);
    const applied: string[] = [];
    for (const m of pendingMigrations(dir, appliedMigrations(db))) {
      const now = prismaTimestamp();
      db.pragma('foreign_keys = OFF');
      try {
        db.transaction(() => {
          db.exec(m.sql);
          refuseDanglingRows(db, m.name);
          db.prepare(
            'INSERT INTO _prisma_migrations ' +
              '(id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
          ).run(crypto.randomUUID(), m.checksum, prismaTimestamp(), m.name, now);
        }).immediate();
      } finally {
        db.pragma('foreign_keys = ON');
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    db.close();
  }
}

/** The names and checksums of the migrations the database records as applied. */
function appliedMigrations(db: Database.Database): Map<string, string> {
  const rows = db
    .prepare(
      'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    )
    .all() as { migration_name: string; checksum: string }[];
  return new Map(rows.map((r) => [r.migration_name, r.checksum]));
}

/** Throws (rolling the migration back) when a row points at a parent row that is not there. */
function refuseDanglingRows(db: Database.Database, migration: string): void {
  const rows = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  if (rows.length === 0) return;
  const pairs = [...new Set(rows.map((r) => `${r.table} → ${r.parent}`))];
  throw new Error(
    `migration ${migration} would leave ${rows.length} row(s) pointing at nothing (${pairs.join(', ')}); ` +
      'nothing was changed — fix the migration so that every foreign key still finds its row',
  );
}

/**
 * The start's migration step on SQLite: when migrations are pending and the database already holds
 * data, a copy of the file is taken first (beside it, under backup/), so a migration that goes wrong
 * can be undone by putting the copy back. A new, empty database is migrated without a copy.
 */
export async function migrateSqliteWithBackup(
  url: string,
  now: Date,
  dir = MIGRATIONS_DIR,
): Promise<{ applied: string[]; backup?: string }> {
  const pending = pendingSqliteMigrations(url, dir);
  let backup: string | undefined;
  if (pending.length > 0 && pending.length < readMigrations(dir).length) {
    backup = (await backupSqlite(url, backupPathBeforeMigration(url, now))).file;
  }
  return { applied: migrateSqlite(url, dir), backup };
}

/** The migrations not yet applied to the SQLite database (all of them when there is no file yet). */
function pendingSqliteMigrations(url: string, dir: string): Migration[] {
  const file = sqliteFileFromUrl(url);
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return readMigrations(dir);
  const db = new Database(file, { readonly: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    return pendingMigrations(dir, table ? appliedMigrations(db) : new Map());
  } finally {
    db.close();
  }
}

function prismaTimestamp(): string {
  return new Date().toISOString().replace('Z', '+00:00');
}
