// Prisma without engine downloads: the query compiler runs in JS,
// the schema engine as WebAssembly through the driver adapter, so no binary is ever fetched.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= '/dev/null';
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= '/dev/null';

import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { sqliteFileFromUrl } from './src/db/url.js';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const file = sqliteFileFromUrl(process.env.DATABASE_URL);
    return new PrismaBetterSQLite3({ url: file });
  },
});
