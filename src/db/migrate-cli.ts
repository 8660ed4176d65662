import { migrateSqlite } from './migrate.js';
import { DEFAULT_DATABASE_URL } from './url.js';

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const applied = url.startsWith('file:')
  ? migrateSqlite(url)
  : await (await import('./migrate-postgres.js')).migratePostgres(url);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
