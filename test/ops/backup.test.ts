// `npm run db:backup` while the bot writes: the copy is whole (integrity check) and one committed
// state — every outbox row in it has its processed event, as the two are written in one transaction.
// And the copy the start takes of a database with data before it applies pending migrations.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import os from 'node:os';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateSqlite } from '../../src/db/migrate.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { fixture, withText } from '../helpers/feishu.js';
import { testingOnPostgres } from '../helpers/pg.js';

let bot: TestBot;
beforeAll(async () => {
  if (!testingOnPostgres()) bot = await startTestBot();
});
afterAll(async () => bot?.close());

describe.skipIf(testingOnPostgres())('db:backup', () => {
  it('copies the SQLite database consistently while events are being written', async () => {
    const openId = await bot.openIdOf('招商局局长');
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const res = await bot.event(
          withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/help', { openId }),
        );
        expect(res.status).toBe(200);
        written++;
      }
    })();
    while (written < 5) await new Promise((r) => setTimeout(r, 20));
    const dest = path.join(bot.dir, 'copy.db');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/tools/backup.ts', dest], {
      env: { ...process.env, DATABASE_URL: bot.config.databaseUrl },
    });
    writing = false;
    await writer;
    expect(stdout).toContain('backup written');
    const copy = new Database(dest, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const events = (
        copy.prepare("SELECT count(*) AS n FROM ProcessedEvent WHERE type = 'im.message.receive_v1'").get() as {
          n: number;
        }
      ).n;
      const replies = (
        copy.prepare("SELECT count(*) AS n FROM Outbox WHERE dedupKey LIKE 'reply:%'").get() as { n: number }
      ).n;
      expect(events).toBeGreaterThanOrEqual(5);
      expect(replies).toBe(events);
      expect((copy.prepare('SELECT count(*) AS n FROM Person').get() as { n: number }).n).toBeGreaterThan(50);
    } finally {
      copy.close();
    }
    expect(fs.statSync(dest).size).toBeGreaterThan(0);
  });

  it('refuses a PostgreSQL URL with a hint', async () => {
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/tools/backup.ts'], {
      env: { ...process.env, DATABASE_URL: 'postgresql://x@127.0.0.1/y' },
    });
    await expect(run).rejects.toMatchObject({ stderr: expect.stringContaining('pg_dump') });
  });
});

describe.skipIf(testingOnPostgres())('the copy before migrating at start', () => {
  /** Starts the bot on the database at `url`, keeping what it logs. */
  async function startOn(url: string): Promise<{ bot: TestBot; logs: string }> {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const started = await startTestBot({ DATABASE_URL: url }, { log });
    return { bot: started, logs: lines.join('') };
  }

  it('copies a database with data before applying pending migrations, and logs where', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-premigrate-'));
    try {
      // A database from an older release: only the first committed migration applied, the plan loaded.
      const older = path.join(dir, 'older-migrations');
      const first = fs.readdirSync(path.resolve('prisma', 'migrations')).sort()[0]!;
      fs.cpSync(path.resolve('prisma', 'migrations', first), path.join(older, first), { recursive: true });
      const url = `file:${path.join(dir, 'bot.db')}`;
      migrateSqlite(url, older);
      // Its rows are written in that release's schema (today's client expects columns it lacks).
      const raw = new Database(path.join(dir, 'bot.db'));
      const add = raw.prepare('INSERT INTO "Person" ("name", "updatedAt") VALUES (?, CURRENT_TIMESTAMP)');
      for (const name of ['招商局局长', '经贸局局长', '发改局局长']) add.run(name);
      const people = (raw.prepare('SELECT count(*) AS n FROM Person').get() as { n: number }).n;
      raw.close();

      const { bot: upgraded, logs } = await startOn(url);
      await upgraded.close();
      const copies = fs.existsSync(path.join(dir, 'backup')) ? fs.readdirSync(path.join(dir, 'backup')) : [];
      expect(copies).toHaveLength(1);
      expect(copies[0]).toMatch(/^bot-before-migration-\d{8}-\d{6}\.db$/);
      const file = path.join(dir, 'backup', copies[0]!);
      expect(logs).toContain(file);
      const copy = new Database(file, { readonly: true });
      try {
        expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
        expect((copy.prepare('SELECT count(*) AS n FROM Person').get() as { n: number }).n).toBe(people);
        const applied = copy.prepare('SELECT migration_name FROM _prisma_migrations').all();
        expect(applied).toEqual([{ migration_name: first }]); // the state before the migration
      } finally {
        copy.close();
      }

      // Nothing pending at the next start: no second copy.
      const { bot: again } = await startOn(url);
      await again.close();
      expect(fs.readdirSync(path.join(dir, 'backup'))).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes no copy of a new, empty database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-premigrate-'));
    try {
      const { bot: fresh } = await startOn(`file:${path.join(dir, 'bot.db')}`);
      await fresh.close();
      expect(fs.existsSync(path.join(dir, 'backup'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
