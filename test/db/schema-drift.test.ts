// The two databases never drift: the PostgreSQL schema is the SQLite one with the provider swapped,
// each committed migration history builds exactly what its schema describes, and both end with the
// same tables and columns. (`prisma migrate diff --from-migrations` needs the native engine or a
// shadow database and fails here, so the migrated catalogs are compared instead.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateSqlite } from '../../src/db/migrate.js';
import { migratePostgres } from '../../src/db/migrate-postgres.js';
import { PG_SCHEMA, readPgSchemaExpected } from '../../src/db/pg-schema.js';
import { createPgDatabase, testingOnPostgres } from '../helpers/pg.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** What `prisma migrate diff --from-empty` says the schema is, as SQL. */
function scriptFromSchema(schema: string, config?: string): string {
  const args = ['prisma', 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', schema, '--script'];
  if (config) args.push('--config', config);
  // The SQLite config's adapter opens DATABASE_URL: give it a scratch file, never the bot's.
  const env = { ...process.env, DATABASE_URL: config ? process.env.DATABASE_URL : `file:${tempSqlite()}` };
  return execFileSync('npx', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
}

type Catalog = { columns: string[]; indexes: string[]; foreignKeys: string[] };

async function pgCatalog(url: string): Promise<Catalog> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (sql: string) => (await c.query<{ line: string }>(sql)).rows.map((r) => r.line);
    return {
      columns: await q(`SELECT concat_ws('|', table_name, column_name, data_type, is_nullable, column_default) AS line
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY 1`),
      indexes: await q(
        `SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
          ORDER BY 1`,
      ),
      foreignKeys: await q(`SELECT conname || ' ' || pg_get_constraintdef(oid) AS line FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND contype = 'f' ORDER BY 1`),
    };
  } finally {
    await c.end();
  }
}

function sqliteCatalog(file: string): Catalog {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' " +
            "AND name <> '_prisma_migrations' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const out: Catalog = { columns: [], indexes: [], foreignKeys: [] };
    for (const t of tables) {
      for (const c of db.pragma(`table_xinfo("${t}")`) as {
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }[])
        out.columns.push(`${t}|${c.name}|${c.type}|${c.notnull ? 'NO' : 'YES'}|${c.dflt_value ?? ''}|pk${c.pk}`);
      for (const i of db.pragma(`index_list("${t}")`) as { name: string; unique: number }[]) {
        const cols = (db.pragma(`index_info("${i.name}")`) as { name: string }[]).map((c) => c.name).join(',');
        out.indexes.push(`${t} ${i.name} ${i.unique ? 'UNIQUE' : ''} (${cols})`);
      }
      for (const f of db.pragma(`foreign_key_list("${t}")`) as {
        table: string;
        from: string;
        to: string;
        on_delete: string;
        on_update: string;
      }[])
        out.foreignKeys.push(`${t}.${f.from} -> ${f.table}.${f.to} ${f.on_delete} ${f.on_update}`);
    }
    for (const k of Object.keys(out) as (keyof Catalog)[]) out[k].sort();
    return out;
  } finally {
    db.close();
  }
}

function tempSqlite(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-drift-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'db.sqlite');
}

/** table → its column names, the shape both databases must share. */
function shapeOf(c: Catalog): string[] {
  return c.columns.map((l) => l.split('|').slice(0, 2).join('.')).sort();
}

let sqliteMigrated: Catalog;
let pgMigrated: Catalog;

// Independent of TEST_DATABASE (it uses both databases): run once, in the SQLite pass.
describe.skipIf(testingOnPostgres())('schema drift', () => {
  it('prisma/postgresql/schema.prisma is prisma/schema.prisma with the provider swapped', () => {
    const committed = fs.readFileSync(PG_SCHEMA, 'utf8');
    expect(committed, 'prisma/schema.prisma changed: run `npm run db:pg-schema` and add a PostgreSQL migration').toBe(
      readPgSchemaExpected(),
    );
  });

  it('the SQLite migrations build exactly what prisma/schema.prisma describes', () => {
    const migrated = tempSqlite();
    migrateSqlite(`file:${migrated}`);
    const fromSchema = tempSqlite();
    const db = new Database(fromSchema);
    db.exec(scriptFromSchema('prisma/schema.prisma'));
    db.close();
    sqliteMigrated = sqliteCatalog(migrated);
    expect(sqliteMigrated, 'prisma/migrations is behind prisma/schema.prisma: add a migration').toEqual(
      sqliteCatalog(fromSchema),
    );
  }, 60_000);

  it('the PostgreSQL migrations build exactly what prisma/postgresql/schema.prisma describes', async () => {
    const migrated = await createPgDatabase();
    cleanups.push(() => migrated.drop());
    await migratePostgres(migrated.url);
    const fromSchema = await createPgDatabase();
    cleanups.push(() => fromSchema.drop());
    const c = new pg.Client({ connectionString: fromSchema.url });
    await c.connect();
    await c.query(scriptFromSchema('prisma/postgresql/schema.prisma', 'prisma/postgresql/prisma.config.ts'));
    await c.end();
    pgMigrated = await pgCatalog(migrated.url);
    expect(pgMigrated, 'prisma/migrations-postgresql is behind the schema: add a PostgreSQL migration').toEqual(
      await pgCatalog(fromSchema.url),
    );
  }, 90_000);

  it('both migrated databases have the same tables, columns and nullability', () => {
    expect(shapeOf(pgMigrated)).toEqual(shapeOf(sqliteMigrated));
    // table|column|type|nullable|… in both catalogs
    const nullable = (c: Catalog) =>
      c.columns
        .map((l) =>
          l
            .split('|')
            .filter((_, i) => i !== 2)
            .slice(0, 3)
            .join(' '),
        )
        .sort();
    expect(nullable(pgMigrated)).toEqual(nullable(sqliteMigrated));
  });
});
