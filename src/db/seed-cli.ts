// `npm run db:seed`: migrates the database named by DATABASE_URL (default: the SQLite file under
// ./data/) and loads the plan (prisma/plan-2018.json, or the file given as the first argument).
// Safe to run again: see src/db/seed.ts for what a re-run keeps.
import { openDatabase } from './client.js';
import { migrateSqlite } from './migrate.js';
import { formatSeedResult, loadPlan, PlanError, seedPlan } from './seed.js';
import { DEFAULT_DATABASE_URL, dbKindOf } from './url.js';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const plan = loadPlan(process.argv[2]); // validate before touching the database
  const applied =
    dbKindOf(url) === 'sqlite'
      ? migrateSqlite(url)
      : await (await import('./migrate-postgres.js')).migratePostgres(url);
  if (applied.length > 0) console.log(`migrations applied: ${applied.join(', ')}`);
  const db = await openDatabase(url);
  try {
    console.log(formatSeedResult(await seedPlan(db.prisma, plan)));
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof PlanError ? err.message : err);
  process.exitCode = 1;
});
