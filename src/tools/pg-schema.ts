// `npm run db:pg-schema`: writes prisma/postgresql/schema.prisma from prisma/schema.prisma.
import fs from 'node:fs';
import path from 'node:path';
import { PG_SCHEMA, readPgSchemaExpected } from '../db/pg-schema.js';

fs.mkdirSync(path.dirname(PG_SCHEMA), { recursive: true });
fs.writeFileSync(PG_SCHEMA, readPgSchemaExpected());
console.log('wrote ' + path.relative(process.cwd(), PG_SCHEMA));
