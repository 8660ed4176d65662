// npm run export -- progress|leads|projects|visits|reports [2018|2018Q2] OUT.xlsx
// The server operator is the office: the file includes contact details; the export is audited.
import { openDatabase } from '../db/client.js';
import { migrateSqlite } from '../db/migrate.js';
import { DEFAULT_DATABASE_URL, dbKindOf } from '../db/url.js';
import { UserError } from '../errors.js';
import { exportToFile } from '../sheets/cli.js';

const args = process.argv.slice(2);
const out = args.find((a) => a.toLowerCase().endsWith('.xlsx'));
const [kind, period] = args.filter((a) => a !== out);
if (!kind || !out) {
  console.error('usage: npm run export -- progress|leads|projects|visits|reports [2018|2018Q2] OUT.xlsx');
  process.exit(2);
}
const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
if (dbKindOf(url) === 'sqlite') migrateSqlite(url);
const db = await openDatabase(url);
try {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: process.env.APP_TIMEZONE || 'Asia/Shanghai' }).format(
    new Date(),
  );
  const rows = await exportToFile(db.prisma, kind, period, out, today);
  console.log(`已导出 ${out}（${rows} 行）`);
} catch (e) {
  console.error(e instanceof UserError ? e.message : e);
  process.exitCode = 1;
} finally {
  await db.close();
}
