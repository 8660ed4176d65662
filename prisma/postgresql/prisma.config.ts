// The PostgreSQL twin of prisma.config.ts, for `prisma generate` / `migrate diff` / `db execute` on
// prisma/postgresql/schema.prisma. With PostgreSQL the engine variables must name an existing file
// (a missing path is refused), so they point at this file; nothing is ever downloaded.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= here;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= here;

import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(path.dirname(here), 'schema.prisma'),
  migrations: { path: path.join(path.dirname(here), '..', 'migrations-postgresql') },
  async adapter() {
    const url = process.env.DATABASE_URL?.startsWith('postgres')
      ? process.env.DATABASE_URL
      : 'postgresql://postgres@127.0.0.1:5432/postgres';
    return new PrismaPg({ connectionString: url });
  },
});
