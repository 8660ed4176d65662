// The bot as it runs with a real Feishu app (LARK_APP_ID set, no built-in sandbox or page), its Open
// API calls going to a sandbox Open API started here whose users are the roster (same mobiles), so
// the roster binds as it would in a real tenant. On SQLite, or PostgreSQL with TEST_DATABASE=postgresql.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot, type RunningBot, type StartOptions } from '../../src/bot.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { migrateSqlite } from '../../src/db/migrate.js';
import { seedIfEmpty } from '../../src/db/seed.js';
import { createLog } from '../../src/log.js';
import { createSandbox, sandboxUsersFor, type Sandbox } from '../../src/sandbox/open-api/index.js';
import { createPgDatabase, testingOnPostgres } from './pg.js';

export interface RealAppBot extends RunningBot {
  sb: Sandbox;
  /** The open_id the roster person of that name was bound to. */
  openIdOf(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * `env` holds the LARK_* variables under test (the encrypt key or LARK_ALLOW_PLAINTEXT among them);
 * `beforeStart` may arrange the sandbox's answers to the calls the start makes.
 */
export async function startRealAppBot(
  env: Record<string, string>,
  opts: StartOptions = {},
  beforeStart?: (sb: Sandbox) => void,
): Promise<RealAppBot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-real-'));
  const pg = testingOnPostgres() ? await createPgDatabase() : undefined;
  const url = pg?.url ?? `file:${path.join(dir, 'bot.db')}`;
  if (pg) await (await import('../../src/db/migrate-postgres.js')).migratePostgres(url);
  else migrateSqlite(url);
  const db = await openDatabase(url);
  await seedIfEmpty(db.prisma);
  const people = await db.prisma.person.findMany({ where: { active: true }, orderBy: { id: 'asc' } });
  await db.close();
  const sb = createSandbox({
    users: sandboxUsersFor(people.map((p) => ({ name: p.name, mobile: p.mobile, email: p.email }))),
  });
  await sb.start(0, '127.0.0.1');
  beforeStart?.(sb);
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    LARK_APP_ID: sb.appId,
    LARK_APP_SECRET: sb.appSecret,
    LARK_DOMAIN: sb.url,
    ...env,
  });
  const bot = await startBot(config, {
    log: createLog('silent'),
    startSender: false,
    startScheduler: false,
    ...opts,
  }).catch(async (e: unknown) => {
    await sb.stop();
    await pg?.drop();
    throw e;
  });
  return {
    ...bot,
    sb,
    openIdOf: async (name) => {
      const p = await bot.database.prisma.person.findFirstOrThrow({ where: { name } });
      if (!p.openId) throw new Error(`${name} is not bound`);
      return p.openId;
    },
    async close() {
      await bot.stop();
      await sb.stop();
      await pg?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
