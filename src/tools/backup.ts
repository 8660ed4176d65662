// `npm run db:backup [-- <file>]`: a consistent copy of the SQLite database, safe while the bot runs.
import { backupSqlite, defaultBackupPath } from '../db/backup.js';
import { dbKindOf, DEFAULT_DATABASE_URL } from '../db/url.js';

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
try {
  if (dbKindOf(url) !== 'sqlite')
    throw new Error(
      'db:backup copies the SQLite database; ' +
        'for PostgreSQL use pg_dump (e.g. pg_dump -Fc "$DATABASE_URL" > backup.dump)',
    );
  const { file, bytes } = await backupSqlite(url, process.argv[2] ?? defaultBackupPath(url, new Date()));
  console.log(`backup written: ${file} (${Math.round(bytes / 1024)} KB)`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
