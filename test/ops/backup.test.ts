// `npm run db:backup` while the bot writes: the copy is whole (integrity check) and one committed
// state — every outbox row in it has its processed event, as the two are written in one transaction.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
