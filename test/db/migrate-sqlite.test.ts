// SQLite migrations that rebuild a table (what `prisma migrate diff` generates for most column
// changes: create new_X, copy, DROP X, rename) must keep every row that points at the table. With
// foreign keys on, DROP TABLE deletes the parent rows one by one and ON DELETE CASCADE takes the
// children with it; the migration's own `PRAGMA foreign_keys=OFF` does nothing inside a transaction.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { migrateSqlite } from '../../src/db/migrate.js';
import { seedIfEmpty } from '../../src/db/seed.js';
import { testingOnPostgres } from '../helpers/pg.js';

const COMMITTED = path.resolve('prisma', 'migrations');
const REBUILD = path.resolve('test', 'db', 'fixtures', 'rebuild-monthly-report', 'migration.sql');

let dir: string;
let url: string;

/** A migrations folder with the committed migrations and `extra` ones after them. */
function migrationsWith(extra: Record<string, string>): string {
  const out = path.join(dir, 'migrations');
  fs.cpSync(COMMITTED, out, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    fs.mkdirSync(path.join(out, name));
    fs.writeFileSync(path.join(out, name, 'migration.sql'), sql);
  }
  return out;
}

/** Every squad gets a report for 2018-05 and 2018-06, each with three revisions. */
async function seedReports(): Promise<void> {
  migrateSqlite(url, COMMITTED);
  const db = await openDatabase(url);
  try {
    await seedIfEmpty(db.prisma);
    for (const squad of await db.prisma.squad.findMany())
      for (const month of ['2018-05', '2018-06'])
        await db.prisma.monthlyReport.create({
          data: {
            squadId: squad.id,
            month,
            status: 'SUBMITTED',
            economicTrends: `${squad.name} ${month}`,
            revisions: { create: [1, 2, 3].map((version) => ({ version, content: `{"v":${version}}` })) },
          },
        });
  } finally {
    await db.close();
  }
}

function counts(): { reports: number; revisions: number; orphans: number } {
  const db = new Database(url.slice('file:'.length), { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      reports: n('SELECT count(*) AS n FROM MonthlyReport'),
      revisions: n('SELECT count(*) AS n FROM MonthlyReportRevision'),
      orphans: n(
        'SELECT count(*) AS n FROM MonthlyReportRevision r LEFT JOIN MonthlyReport m ON m.id = r.reportId WHERE m.id IS NULL',
      ),
    };
  } finally {
    db.close();
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-migrate-'));
  url = `file:${path.join(dir, 'bot.db')}`;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(testingOnPostgres())('SQLite migrations', () => {
  it('a table-rebuild migration of MonthlyReport keeps every revision', async () => {
    await seedReports();
    const before = counts();
    expect(before.reports).toBeGreaterThan(10);
    expect(before.revisions).toBe(before.reports * 3);

    const applied = migrateSqlite(
      url,
      migrationsWith({ '20991231000000_rebuild_monthly_report': fs.readFileSync(REBUILD, 'utf8') }),
    );

    expect(applied).toEqual(['20991231000000_rebuild_monthly_report']);
    expect(counts()).toEqual(before);
    const db = new Database(url.slice('file:'.length), { readonly: true });
    try {
      // The rebuilt table has the new column definition, and foreign keys are enforced again.
      const col = (db.prepare("SELECT * FROM pragma_table_info('MonthlyReport') WHERE name = 'exemptReason'").get() as {
        notnull: number;
      })!;
      expect(col.notnull).toBe(1);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('a migration that would leave rows pointing at nothing is refused, names the table and changes nothing', async () => {
    await seedReports();
    const before = counts();
    const orphaning = 'PRAGMA foreign_keys=OFF;\nDELETE FROM "MonthlyReport" WHERE "month" = \'2018-05\';\n';
    const migrations = migrationsWith({ '20991231000000_drop_may_reports': orphaning });

    expect(() => migrateSqlite(url, migrations)).toThrow(/MonthlyReportRevision/);

    expect(counts()).toEqual(before);
    const db = new Database(url.slice('file:'.length), { readonly: true });
    try {
      const names = db.prepare('SELECT migration_name FROM _prisma_migrations').all() as { migration_name: string }[];
      expect(names.map((r) => r.migration_name)).not.toContain('20991231000000_drop_may_reports');
    } finally {
      db.close();
    }
    // The bot's own connections still enforce foreign keys after the refused migration.
    const again = await openDatabase(url);
    try {
      const report = await again.prisma.monthlyReport.findFirstOrThrow();
      await expect(
        again.prisma.monthlyReportRevision.create({
          data: { reportId: report.id + 100_000, version: 1, content: '{}' },
        }),
      ).rejects.toThrow();
    } finally {
      await again.close();
    }
  });
});
