// npm run calls: how many Open API calls a month of normal use makes, for the free edition's monthly
// quota (10,000). Simulates June 2018 for the seeded district (15 squads, ~72 people) against the
// sandbox: every scheduled job on every day it fires, reports coming in over the month, project
// tasks falling due, and each person asking two query commands a week; counts the sandbox's calls.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot } from '../src/bot.js';
import { FixedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { findJob } from '../src/jobs/index.js';
import { encryptBody, signBody } from '../src/feishu/crypto.js';
import { createLog } from '../src/log.js';

const COMMANDS_PER_PERSON_PER_WEEK = 2;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-calls-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${path.join(dir, 'calls.db')}`,
    LOG_LEVEL: 'silent',
  });
  const clock = new FixedClock(new Date('2018-06-01T01:00:00Z'));
  const bot = await startBot(config, { log: createLog('silent'), startSender: false, startScheduler: false, clock });
  const sb = bot.sandbox!.sandbox;
  const db = bot.database.prisma;
  const setupCalls = sb.callCount();
  sb.reset();

  const squads = await db.squad.findMany({ orderBy: { sortOrder: 'asc' } });
  const people = await db.person.findMany({ where: { openId: { not: null } } });
  // Five signed projects with a helper and two time-limited tasks each, due through the month.
  const helper = await db.person.findFirstOrThrow({ where: { name: '帮办中心专员' } });
  for (let i = 0; i < 5; i++) {
    const p = await db.project.create({
      data: {
        name: `项目${i}`,
        squadId: squads[i]!.id,
        stage: 'SIGNED',
        investment: 20000,
        signedOn: '2018-05-01',
        helperId: helper.id,
      },
    });
    await db.projectTask.create({
      data: { projectId: p.id, title: `事项${i}a`, dueOn: `2018-06-${String(5 + i * 5).padStart(2, '0')}` },
    });
    await db.projectTask.create({
      data: {
        projectId: p.id,
        title: `事项${i}b`,
        dueOn: `2018-06-${String(8 + i * 4).padStart(2, '0')}`,
        status: i % 2 ? 'DONE' : 'OPEN',
      },
    });
  }

  const { encryptKey, verificationToken } = bot.deps.config.lark;
  let n = 0;
  async function ask(openId: string, text: string): Promise<void> {
    const id = `calls_${n++}_${crypto.randomBytes(3).toString('hex')}`;
    const payload = {
      schema: '2.0',
      header: {
        event_id: id,
        event_type: 'im.message.receive_v1',
        token: verificationToken,
        create_time: String(Date.now()),
        app_id: config.lark.appId,
        tenant_key: 't',
      },
      event: {
        sender: { sender_id: { open_id: openId }, sender_type: 'user' },
        message: {
          message_id: `om_${id}`,
          chat_id: `oc_p2p_${openId}`,
          chat_type: 'p2p',
          message_type: 'text',
          content: JSON.stringify({ text }),
        },
      },
    };
    const raw = JSON.stringify({ encrypt: encryptBody(encryptKey!, JSON.stringify(payload)) });
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = crypto.randomBytes(8).toString('hex');
    await fetch(`${bot.url}/webhook/event`, {
      method: 'POST',
      headers: {
        'x-lark-request-timestamp': ts,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': signBody(ts, nonce, encryptKey!, raw),
      },
      body: raw,
    });
  }

  const jobs = ['report-reminders', 'task-warnings', 'quarterly-bulletin'].map((name) => findJob(name)!);
  const commands = ['/progress', '/rank', '/leads', '/projects', '/overdue', '/quota'];
  for (let d = 1; d <= 30; d++) {
    const day = `2018-06-${String(d).padStart(2, '0')}`;
    const now = new Date(`${day}T09:00:00+08:00`);
    clock.set(now);
    // Reports come in: two squads a day from the 18th, a few never.
    if (d >= 18)
      for (const s of squads.slice((d - 18) * 2, (d - 18) * 2 + 2)) {
        if (s.sortOrder > 16) continue;
        await db.monthlyReport.upsert({
          where: { squadId_month: { squadId: s.id, month: '2018-06' } },
          create: { squadId: s.id, month: '2018-06', status: 'SUBMITTED', late: d >= 28 },
          update: {},
        });
      }
    for (const job of jobs) {
      // Each job runs daily here; its own rules decide whether the day is one of its days.
      if (job.name === 'quarterly-bulletin' && d !== 20) continue;
      await job.run(bot.deps, now);
    }
    // Two commands a week per person: spread over weekdays.
    for (const [i, p] of people.entries())
      if ((i + d) % Math.round(7 / COMMANDS_PER_PERSON_PER_WEEK) === 0)
        await ask(p.openId!, commands[(i + d) % commands.length]!);
    await bot.sender.drain();
  }
  const byPath = new Map<string, number>();
  for (const c of sb.state.calls) {
    const key = `${c.method} ${c.path.replace(/om_[\w-]+/g, ':id')}`;
    byPath.set(key, (byPath.get(key) ?? 0) + 1);
  }
  const total = sb.callCount();
  console.log(
    `people ${people.length}, squads ${squads.length}; setup (roster binding, bot info): ${setupCalls} calls, once`,
  );
  console.log('\n| Open API call | count in June 2018 |\n|---|---|');
  for (const [k, v] of [...byPath].sort((a, b) => b[1] - a[1])) console.log(`| ${k} | ${v} |`);
  console.log(`| **total** | **${total}** |`);
  const tokens = 12 * 30; // a tenant token lasts 2 h: at most 12 fetches a day
  console.log(
    `\nplus tenant-token refreshes (2 h tokens): ≤ ${tokens}/month → ≤ ${total + tokens} calls, ` +
      'against a 10,000 monthly quota',
  );
  await bot.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
