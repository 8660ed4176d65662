// npm run import -- quotas|roster|projects FILE.xlsx [--yes]
// Validates the file and prints what would change; with --yes applies it in one transaction.
import { openDatabase } from '../db/client.js';
import { migrateSqlite } from '../db/migrate.js';
import { DEFAULT_DATABASE_URL, dbKindOf } from '../db/url.js';
import { UserError } from '../errors.js';
import { importFromFile } from '../sheets/cli.js';

const args = process.argv.slice(2);
const apply = args.includes('--yes');
const [kind, file] = args.filter((a) => a !== '--yes');
if (!kind || !file) {
  console.error('usage: npm run import -- quotas|roster|projects FILE.xlsx [--yes]');
  process.exit(2);
}
const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
if (dbKindOf(url) === 'sqlite') migrateSqlite(url);
const db = await openDatabase(url);
try {
  const { prepared, applied } = await importFromFile(db.prisma, kind, file, apply);
  const s = prepared.summary;
  console.log(`新增 ${s.added}，修改 ${s.changed}，删除 ${s.removed}，不变 ${s.unchanged}`);
  for (const [label, lines] of [
    ['新增', s.samples.added],
    ['修改', s.samples.changed],
    ['删除', s.samples.removed],
  ] as const) {
    for (const l of lines) console.log(`  ${label}：${l}`);
  }
  console.log(applied ? '已导入。' : '未修改任何数据；确认无误后加 --yes 再运行一次即可导入。');
} catch (e) {
  console.error(e instanceof UserError ? `没有导入，什么也没有修改：\n${e.message}` : e);
  process.exitCode = 1;
} finally {
  await db.close();
}
