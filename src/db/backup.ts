import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dbKindOf, sqliteFileFromUrl } from './url.js';

/**
 * A consistent copy of the SQLite database while the bot runs: SQLite's online backup API copies
 * page by page and restarts a step when the bot writes in between, so the copy is one committed
 * state (WAL included), never a torn file. PostgreSQL is backed up with its own tools (pg_dump).
 */
export async function backupSqlite(url: string, dest: string): Promise<{ file: string; bytes: number }> {
  if (dbKindOf(url) !== 'sqlite') throw new Error('db:backup copies the SQLite database; for PostgreSQL use pg_dump');
  const src = sqliteFileFromUrl(url);
  if (!fs.existsSync(src)) throw new Error(`no database at ${src}`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const db = new Database(src, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(dest);
  } finally {
    db.close();
  }
  // The copy keeps the source's WAL mode; switched back to a rollback journal it is one file that
  // can be moved or put back on its own, with no -wal/-shm beside it.
  const check = new Database(dest);
  try {
    check.pragma('journal_mode = DELETE');
    const ok = check.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new Error('the copy failed its integrity check: ' + String(ok));
  } finally {
    check.close();
  }
  return { file: dest, bytes: fs.statSync(dest).size };
}

/** ./data/backup/zhaoshang-20180625-013000.db beside the database file. */
export function defaultBackupPath(url: string, now: Date): string {
  const src = sqliteFileFromUrl(url);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return path.join(path.dirname(src), 'backup', `${path.basename(src, '.db')}-${stamp}.db`);
}

/** ./data/backup/zhaoshang-before-migration-20180625-013000.db: the copy taken before migrating at start. */
export function backupPathBeforeMigration(url: string, now: Date): string {
  const plain = defaultBackupPath(url, now);
  return path.join(path.dirname(plain), path.basename(plain).replace(/-(\d{8}-\d{6})\.db$/, '-before-migration-$1.db'));
}
