import { migrateSqliteWithBackup } from './migrate.js';
import { DEFAULT_DATABASE_URL } from './url.js';

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
if (url.startsWith('file:')) {
  const { applied, backup } = await migrateSqliteWithBackup(url, new Date());
  if (backup) console.log(`database copied to ${backup} before migrating`);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} else {
  const applied = await (await import('./migrate-postgres.js')).migratePostgres(url);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
}
