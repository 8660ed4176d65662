// Part of `npm run bench` (bench/index.ts runs it in its own process; alone: `tsx bench/commands.ts`):
// a synthetic district (50 squads, 10 years, 100k visits, 20k leads, 5k projects) in
// a temp SQLite file; /progress and /rank end to end through the real webhook (encrypted, signed
// POST to the running bot, answered once the reply's outbox row is committed), the quarterly
// bulletin's computation, and a baseline (/help) measured in the same run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot } from '../src/bot.js';
import { FixedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { computeBulletin } from '../src/commands/rank.js';
import { quarterPeriod } from '../src/domain/periods.js';
import { createLog } from '../src/log.js';
import { encryptBody, signBody } from '../src/feishu/crypto.js';
import { buildDistrict } from './synthetic.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARMUP = 10;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-bench-'));
  const file = path.join(dir, 'bench.db');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent' });
  // First start: migrate, seed the plan, bind the roster; then stop and fill in ten years of history.
  const first = await startBot(config, { log: createLog('silent'), startSender: false, startScheduler: false });
  await first.stop();
  let t0 = performance.now();
  const counts = buildDistrict(file);
  console.log(`synthetic district built in ${((performance.now() - t0) / 1000).toFixed(1)} s:`, counts);

  const bot = await startBot(config, {
    log: createLog('silent'),
    startSender: false,
    startScheduler: false,
    clock: new FixedClock(new Date('2018-06-15T02:00:00Z')),
  });
  await bot.sender.stop(); // measure the answer path only: replies stay in the outbox
  const db = bot.database.prisma;
  const office = (await db.person.findFirstOrThrow({ where: { name: '招商局局长' } })).openId!;
  const captain = (await db.person.findFirstOrThrow({ where: { name: '经贸局局长' } })).openId!;
  const { encryptKey, verificationToken } = bot.deps.config.lark;

  let n = 0;
  async function post(text: string, openId: string): Promise<number> {
    const id = `bench_${n++}_${crypto.randomBytes(3).toString('hex')}`;
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
    const start = performance.now();
    const res = await fetch(`${bot.url}/webhook/event`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-lark-request-timestamp': ts,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': signBody(ts, nonce, encryptKey!, raw),
      },
      body: raw,
    });
    await res.arrayBuffer();
    const ms = performance.now() - start;
    if (res.status !== 200) throw new Error(`${text}: HTTP ${res.status}`);
    // The handler ran inside the event's transaction: the reply is in the outbox when the answer arrives.
    const row = await db.outbox.findUnique({ where: { dedupKey: `reply:om_${id}` }, select: { content: true } });
    if (!row?.content.startsWith('{"schema"'))
      throw new Error(`${text}: no card in the outbox (${row?.content.slice(0, 200)})`);
    return ms;
  }

  const results: { name: string; p50: number; p99: number; max: number }[] = [];
  async function measure(name: string, text: string, openId: string): Promise<void> {
    for (let i = 0; i < WARMUP; i++) await post(text, openId);
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) times.push(await post(text, openId));
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
    results.push({ name, p50: q(0.5), p99: q(0.99), max: times.at(-1)! });
  }

  t0 = performance.now();
  await measure('/help (baseline: bare webhook)', '/help', office);
  await measure('/progress (office: whole district)', '/progress', office);
  await measure('/progress 4 (captain: one squad)', '/progress', captain);
  await measure('/rank (office: quarter)', '/rank', office);
  await measure('/rank 2018 (office: year)', '/rank 2018', office);
  const bulletin: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    await computeBulletin(db, quarterPeriod(2018, 2), '2018-06-15');
    bulletin.push(performance.now() - s);
  }
  bulletin.sort((a, b) => a - b);
  const elapsed = (performance.now() - t0) / 1000;

  console.log(
    `\n${ROUNDS} requests each after ${WARMUP} warm-up, end to end ` +
      '(encrypted signed POST → answer, reply in the outbox):\n',
  );
  console.log('| command | p50 ms | p99 ms | max ms |\n|---|---|---|---|');
  for (const r of results)
    console.log(`| ${r.name} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} |`);
  console.log(
    `| quarterly bulletin computation (50 squads, 20 runs) | ${bulletin[9]!.toFixed(1)} | ` +
      `${bulletin[19]!.toFixed(1)} | ${bulletin[19]!.toFixed(1)} |`,
  );
  console.log(`\nmeasured in ${elapsed.toFixed(1)} s; node ${process.version}, ${os.cpus().length} CPU(s)`);
  const worst = Math.max(...results.filter((r) => !r.name.startsWith('/help')).map((r) => r.p99));
  console.log(
    worst < 100
      ? `target met: p99 ${worst.toFixed(1)} ms < 100 ms`
      : `TARGET MISSED: p99 ${worst.toFixed(1)} ms ≥ 100 ms`,
  );
  await bot.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
