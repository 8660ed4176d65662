// Real submits (part of `npm run bench`): the card callbacks that do the district's work, each a
// valid form submit that writes, end to end through the webhook of a bot in its own process —
// monthly report submit (a new version of the squad's report), lead submit (with the district-wide
// duplicate check), trip plan approval, a unit's pre-review opinion, a project stage change — side by
// side in the same run with `/help` and the bare decrypt-and-verify baseline (bench/baseline-server.ts).
// On SQLite (the synthetic 10-year district, one instance) and on PostgreSQL (two instances on one
// database, the seeded plan). Rows written are counted in the database before and after, and every
// answer's toast is counted, so refusals cannot pass for writes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startBot } from '../src/bot.js';
import { loadConfig, SANDBOX_LARK } from '../src/config.js';
import { openDatabase, type Db } from '../src/db/client.js';
import { findReview, reviewersOf } from '../src/db/reviews.js';
import { createLog } from '../src/log.js';
import { closedLoop, type LoadResult, openLoop, type Req } from './load.js';
import { fixture, signed, signedRequest } from './payloads.js';
import { rssOf, spawnServer, type Child } from './spawn.js';
import { buildDistrict } from './synthetic.js';
import { leadCompany } from './lead-names.js';

const SHORT = process.env.BENCH_SHORT === '1';
/** Requests per "max" run (closed loop), and seconds of the paced run. */
const MAX_REQUESTS = Number(process.env.BENCH_SUBMITS ?? (SHORT ? 150 : 400));
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? (SHORT ? 3 : 10));
const PACED_RATE = 50;
const MAX_SECONDS = SHORT ? 15 : 40;
const CONNECTIONS = [10, 50];
const NOW = '2018-06-15T02:00:00Z';
/** Submits of each kind sent one at a time to count their database work. */
const WORK_SUBMITS = 10;
const PG_ADMIN = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** Prisma operations and SQL statements per submit of one kind (deterministic, unlike the timings). */
export interface WorkRow {
  setup: string;
  kind: string;
  submits: number;
  operations: number;
  statements: number;
}

/** The bot_card_db_work figures of one action, summed over the instances. */
async function dbWorkOf(urls: string[], action: string): Promise<Record<string, number>> {
  const out: Record<string, number> = { runs: 0, operations: 0, statements: 0 };
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const line of text.split('\n')) {
      const m = /^bot_card_db_work\{action="([^"]+)",kind="([^"]+)"\} (\d+)/.exec(line);
      if (m && m[1] === action) out[m[2]!] = (out[m[2]!] ?? 0) + Number(m[3]);
    }
  }
  return out;
}

export interface SubmitRow {
  setup: string;
  kind: string;
  load: string;
  r: LoadResult;
}

interface Kind {
  name: string;
  /** The card action it calls (its database work is read from the bot's /metrics). */
  action: string;
  /** Rows this kind writes, counted in the database. */
  count(db: Db): Promise<number>;
  next(urls: string[]): Req | undefined;
}

const FORM = fixture('callbacks/card.action.trigger.form-submit.json');
let seq = 0;

function callback(openId: string, name: string, value: object, formValue: object): object {
  const p = structuredClone(FORM);
  const id = `bench_${process.pid}_${(seq++).toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  p.header.event_id = id;
  p.header.token = SANDBOX_LARK.verificationToken;
  p.header.create_time = String(Date.now());
  p.event.operator = { tenant_key: 't', user_id: openId, open_id: openId, union_id: openId.replace(/^ou_/, 'on_') };
  p.event.action = { value, tag: 'button', timezone: 'Asia/Shanghai', name, form_value: formValue };
  p.event.context = { open_message_id: `om_${id}`, open_chat_id: `oc_p2p_${openId}` };
  return p;
}

let turn = 0;
function req(urls: string[], payload: object, done?: Req['done']): Req {
  const url = urls[turn++ % urls.length]!;
  return { url: `${url}/webhook/card`, ...signed(payload), done };
}
const ok = (status: number, body: string) => status === 200 && body.includes('"type":"success"');

/** A queue of targets: each is taken by one request at a time and handed back (or not) by its answer. */
class Pool<T> {
  constructor(private readonly free: T[]) {}
  take(): T | undefined {
    return this.free.shift();
  }
  give(t: T): void {
    this.free.push(t);
  }
}

async function personOpenId(db: Db, name: string): Promise<{ id: number; openId: string }> {
  const p = await db.person.findFirstOrThrow({ where: { name }, select: { id: true, openId: true } });
  return { id: p.id, openId: p.openId! };
}

/** Pools of real targets in the database (pending trips, open reviews, projects), then the kinds. */
async function prepareKinds(db: Db, sizes: { trips: number; reviews: number; projects: number }): Promise<Kind[]> {
  const office = await personOpenId(db, '招商局局长');
  const captain = await personOpenId(db, '经贸局局长');
  const inCharge = await personOpenId(db, '俸振江');
  const squad4 = (await db.squad.findFirstOrThrow({ where: { sortOrder: 4 } })).id;
  const now = new Date(NOW);

  // Trip plans waiting for the leader in charge (科级 traveller).
  const tripRows = Array.from({ length: sizes.trips }, (_, i) => ({
    requestKey: `bench-trip-${i}`,
    squadId: squad4,
    travellerId: captain.id,
    rank: 'SECTION',
    destination: '广东深圳',
    startDate: '2018-06-20',
    endDate: '2018-06-23',
    companiesPlanned: '深圳华信电子有限公司\n深圳鹏达五金制品厂',
    status: 'PENDING',
    approverId: inCharge.id,
    createdById: captain.id,
  }));
  for (let i = 0; i < tripRows.length; i += 500) await db.trip.createMany({ data: tripRows.slice(i, i + 500) });
  const trips = new Pool(
    (await db.trip.findMany({ where: { requestKey: { startsWith: 'bench-trip-' } }, select: { id: true } })).map(
      (t) => t.id,
    ),
  );

  // Projects for stage changes: small (under the review threshold), moved one step at a time.
  const projectRows = (prefix: string, n: number, squadId: number, investment: number) =>
    Array.from({ length: n }, (_, i) => ({
      requestKey: `${prefix}${i}`,
      name: `基准项目${prefix}${i}`,
      company: `基准项目公司${prefix}${i}有限公司`,
      squadId,
      stage: 'NEGOTIATING',
      investment,
    }));
  const stageRows = projectRows('bench-stage-', sizes.projects, squad4, 800);
  for (let i = 0; i < stageRows.length; i += 500) await db.project.createMany({ data: stageRows.slice(i, i + 500) });
  const STAGES = ['NEGOTIATING', 'SIGNED', 'STARTED', 'PRODUCING', 'AT_TARGET'];
  const projects = new Pool(
    (await db.project.findMany({ where: { requestKey: { startsWith: 'bench-stage-' } }, select: { id: true } })).map(
      (p) => ({ id: p.id, seq: 0, stage: 0 }),
    ),
  );

  // Open joint pre-reviews of large projects of a squad nobody on the roster belongs to, one opinion
  // card per reviewing unit; the pool goes unit by unit so one review's opinions are far apart.
  const otherSquad =
    (await db.squad.findFirst({ where: { members: { none: {} }, leaders: { none: {} } }, select: { id: true } }))?.id ??
    squad4;
  const reviewRows = projectRows('bench-review-', sizes.reviews, otherSquad, 20000);
  for (let i = 0; i < reviewRows.length; i += 500) await db.project.createMany({ data: reviewRows.slice(i, i + 500) });
  const units = await db.unit.findMany({
    where: { code: { in: ['ECON', 'EPB', 'INVEST', 'DRC', 'PARK', 'GOV_SERVICE'] } },
    select: { id: true },
  });
  const reviewProjects = await db.project.findMany({
    where: { requestKey: { startsWith: 'bench-review-' } },
    select: { id: true },
  });
  for (const p of reviewProjects)
    await db.projectReview.create({
      data: {
        projectId: p.id,
        status: 'OPEN',
        startedById: office.id,
        startedAt: now,
        opinions: { create: units.map((u) => ({ unitId: u.id, dueOn: '2018-06-22' })) },
      },
    });
  const reviews = await db.projectReview.findMany({
    where: { projectId: { in: reviewProjects.map((p) => p.id) } },
    select: { id: true },
  });
  const reviewerByUnit = new Map<number, string>();
  const sample = (await findReview(db, reviews[0]!.id))!;
  for (const o of sample.opinions) {
    const r = (await reviewersOf(db, o, otherSquad))[0];
    const openId = r ? (await db.person.findUnique({ where: { id: r.id }, select: { openId: true } }))?.openId : null;
    if (openId) reviewerByUnit.set(o.unitId, openId);
  }
  const opinionRows = await db.reviewOpinion.findMany({
    where: { reviewId: { in: reviews.map((r) => r.id) }, unitId: { in: [...reviewerByUnit.keys()] } },
    select: { id: true, unitId: true },
    orderBy: [{ unitId: 'asc' }, { id: 'asc' }],
  });
  const opinions = new Pool(opinionRows.map((o) => ({ id: o.id, openId: reviewerByUnit.get(o.unitId)! })));

  const squads = (await db.squad.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((s) => s.id);
  const reports = new Pool(squads.map((id) => ({ squadId: id, version: 0 })));
  let leadNo = 0;

  return [
    {
      name: 'monthly report submit (new version)',
      action: 'monthly-report.submit',
      count: (d) => d.monthlyReportRevision.count(),
      next(urls) {
        const t = reports.take();
        if (!t) return undefined;
        const form = {
          month: '2018-06',
          economic_trends: `6月全区经济运行平稳，规上工业增加值同比增长8.${t.version}%。`,
          investment_directions: '羽绒精深加工、电子信息配套、现代物流。',
          project_info: '在谈项目3个，签约项目1个，开工项目1个。',
          suggestions: '建议加快标准厂房建设，缩短项目落地周期。',
          visited_businessmen:
            '王建国｜深圳华信电子有限公司｜深圳市南山区科技园｜总经理｜13800138000｜电子元器件｜有意向',
        };
        const value = { action: 'monthly-report.submit', squadId: t.squadId, month: '2018-06', baseVersion: t.version };
        return req(urls, callback(office.openId, 'report_submit', value, form), (status, body) => {
          if (ok(status, body)) t.version++;
          reports.give(t);
        });
      },
    },
    {
      name: 'lead submit (duplicate check)',
      action: 'lead.submit',
      count: (d) => d.lead.count(),
      next(urls) {
        const form = {
          company: leadCompany(leadNo++),
          source: 'VISIT',
          sector: '羽绒加工',
          investment: '3500',
          contact_name: '李明',
          phone: '13800138000',
          description: '计划新建羽绒精深加工生产线，下一步赴企业考察。',
        };
        return req(urls, callback(captain.openId, 'lead_submit', { action: 'lead.submit' }, form));
      },
    },
    {
      name: 'trip plan approval',
      action: 'trip.approve',
      count: (d) => d.trip.count({ where: { status: 'APPROVED', requestKey: { startsWith: 'bench-trip-' } } }),
      next(urls) {
        const id = trips.take();
        if (id === undefined) return undefined;
        return req(
          urls,
          callback(inCharge.openId, 'trip_approve', { action: 'trip.approve', tripId: id }, { reject_reason: '' }),
        );
      },
    },
    {
      name: 'pre-review opinion (同意)',
      action: 'review.opinion',
      count: (d) => d.reviewOpinion.count({ where: { decision: { not: 'PENDING' } } }),
      next(urls) {
        const o = opinions.take();
        if (!o) return undefined;
        const form = { decision: 'PASS', conditions: '', reason: '' };
        return req(
          urls,
          callback(o.openId, 'review_opinion_submit', { action: 'review.opinion', opinionId: o.id }, form),
        );
      },
    },
    {
      name: 'project stage change',
      action: 'project.stage',
      count: (d) => d.projectStageChange.count(),
      next(urls) {
        const p = projects.take();
        if (!p) return undefined;
        const form = {
          to_stage: STAGES[p.stage + 1],
          stage_date: '2018-06-14 +0800',
          investment: '',
          funds_added: p.stage >= 1 ? '200' : '',
          fx_added: '',
          evidence: '签约仪式已举行，合同已存档。',
        };
        const value = { action: 'project.stage', projectId: p.id, seq: p.seq };
        return req(urls, callback(office.openId, 'stage_submit', value, form), (status, body) => {
          if (ok(status, body)) {
            p.seq++;
            p.stage++;
          }
          if (p.stage < STAGES.length - 1) projects.give(p);
        });
      },
    },
  ];
}

/** Pool sizes: enough targets for two "max" runs, the paced run and the warm-up. */
function poolSizes(instances: number) {
  const need = 2 * MAX_REQUESTS + PACED_RATE * PACED_SECONDS + 50 * instances + WORK_SUBMITS;
  return { trips: need, reviews: Math.ceil(need / 4), projects: Math.ceil(need / 3) };
}

async function measureAll(
  setup: string,
  urls: string[],
  kinds: Kind[],
  db: () => Promise<Db>,
  rows: SubmitRow[],
  written: Record<string, string>,
  memory: Record<string, number>,
  work: WorkRow[],
): Promise<void> {
  const help = (): Req => {
    const { headers, body } = signedRequest('help');
    return { url: `${urls[turn++ % urls.length]}/webhook/event`, headers, body };
  };
  const label = `${setup}, under load (built bot)`;
  const sample = setInterval(
    () =>
      void Promise.all(urls.map(rssOf)).then(
        (r) => {
          // A sample the busy bot did not answer in time is skipped, not taken as a figure.
          const seen = r.filter(Number.isFinite);
          if (seen.length) memory[label] = Math.max(memory[label] ?? 0, ...seen);
        },
        () => undefined,
      ),
    500,
  );
  await closedLoop(10, 100, 20, help); // warm-up
  for (const c of CONNECTIONS)
    rows.push({
      setup,
      kind: '/help',
      load: `max (${c} connections)`,
      r: await closedLoop(c, MAX_REQUESTS, MAX_SECONDS, help),
    });
  rows.push({
    setup,
    kind: '/help',
    load: `paced ${PACED_RATE}/s`,
    r: await openLoop(PACED_RATE, PACED_SECONDS, help),
  });
  const only = process.env.BENCH_KINDS?.split(',');
  for (const k of kinds.filter((x) => !only || only.some((o) => x.name.startsWith(o)))) {
    const before = await (await db()).$transaction((tx) => k.count(tx as Db));
    await closedLoop(5, 20, 20, () => k.next(urls)); // warm-up
    // Database work per submit: WORK_SUBMITS one after the other (each its own transaction).
    const w0 = await dbWorkOf(urls, k.action);
    await closedLoop(1, WORK_SUBMITS, 20, () => k.next(urls));
    const w1 = await dbWorkOf(urls, k.action);
    const runs = w1.runs! - w0.runs!;
    work.push({
      setup,
      kind: k.name,
      submits: runs,
      operations: (w1.operations! - w0.operations!) / runs,
      statements: (w1.statements! - w0.statements!) / runs,
    });
    let answered = 20 + WORK_SUBMITS;
    let successes = 0;
    for (const c of CONNECTIONS) {
      const r = await closedLoop(c, MAX_REQUESTS, MAX_SECONDS, () => k.next(urls));
      rows.push({ setup, kind: k.name, load: `max (${c} connections)`, r });
      answered += r.count;
      successes += r.toasts.success ?? 0;
    }
    const r = await openLoop(PACED_RATE, PACED_SECONDS, () => k.next(urls));
    rows.push({ setup, kind: k.name, load: `paced ${PACED_RATE}/s`, r });
    answered += r.count;
    successes += r.toasts.success ?? 0;
    const after = await (await db()).$transaction((tx) => k.count(tx as Db));
    written[`${setup}: ${k.name}`] =
      `${after - before} rows written for ${answered} requests (${successes} answered "success" in the measured runs, plus up to 20 warm-up)`;
  }
  clearInterval(sample);
}

export async function benchSubmits(): Promise<{
  rows: SubmitRow[];
  written: Record<string, string>;
  memory: Record<string, number>;
  work: WorkRow[];
}> {
  const work: WorkRow[] = [];
  const rows: SubmitRow[] = [];
  const written: Record<string, string> = {};
  const memory: Record<string, number> = {};
  const children: Child[] = [];
  try {
    // The baseline: decrypt and verify only, the same callback payload shape, the same generator.
    const baseline = await spawnServer('bench/baseline-server.ts', {});
    children.push(baseline);
    const card = (): Req => ({ url: `${baseline.url}/webhook/card`, ...signedRequest('card') });
    await closedLoop(10, 200, 10, card);
    for (const c of CONNECTIONS)
      rows.push({
        setup: 'baseline (decrypt+verify only)',
        kind: 'card callback',
        load: `max (${c} connections)`,
        r: await closedLoop(c, MAX_REQUESTS * 3, MAX_SECONDS, card),
      });
    rows.push({
      setup: 'baseline (decrypt+verify only)',
      kind: 'card callback',
      load: `paced ${PACED_RATE}/s`,
      r: await openLoop(PACED_RATE, PACED_SECONDS, card),
    });
    await baseline.stop();

    // SQLite: the synthetic district, then the pools, then the bot in its own process.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-submits-'));
    const file = path.join(dir, 'bench.db');
    const url = `file:${file}`;
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, LOG_LEVEL: 'silent' });
    const first = await startBot(config, { log: createLog('silent'), startSender: false, startScheduler: false });
    await first.stop();
    const district = buildDistrict(file);
    let database = await openDatabase(url);
    const kinds = await prepareKinds(database.prisma, poolSizes(1));
    await database.close();
    const bot = await spawnServer('dist/clocked-bot.js', { DATABASE_URL: url, BENCH_NOW: NOW });
    children.push(bot);
    database = await openDatabase(url);
    written['SQLite district'] = JSON.stringify(district);
    await measureAll('SQLite, 1 instance', [bot.url], kinds, async () => database.prisma, rows, written, memory, work);
    await database.close();
    await bot.stop();
    fs.rmSync(dir, { recursive: true, force: true });

    if (process.env.BENCH_PG !== '0') {
      const name = `bench_submits_${process.pid}`;
      const admin = new pg.Client({ connectionString: PG_ADMIN });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const u = new URL(PG_ADMIN);
      u.pathname = '/' + name;
      try {
        const pgConfig = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: u.toString(), LOG_LEVEL: 'silent' });
        const seed = await startBot(pgConfig, { log: createLog('silent'), startSender: false, startScheduler: false });
        await seed.stop();
        const pgDb = await openDatabase(u.toString());
        const pgKinds = await prepareKinds(pgDb.prisma, poolSizes(2));
        const env = { DATABASE_URL: u.toString(), BENCH_NOW: NOW };
        const two = [await spawnServer('dist/clocked-bot.js', env), await spawnServer('dist/clocked-bot.js', env)];
        children.push(...two);
        await measureAll(
          'PostgreSQL, 2 instances',
          two.map((c) => c.url),
          pgKinds,
          async () => pgDb.prisma,
          rows,
          written,
          memory,
          work,
        );
        await Promise.all(two.map((c) => c.stop()));
        await pgDb.close();
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      }
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
  return { rows, written, memory, work };
}

export function formatSubmits(r: Awaited<ReturnType<typeof benchSubmits>>): string {
  const base = (load: string) =>
    r.rows.find((x) => x.setup.startsWith('baseline') && x.load === load)?.r.reqPerSec ?? NaN;
  const lines = [
    '| setup | callback | load | req/s | of baseline | p50 ms | p99 ms | answers (toast) | non-2xx |',
    '|---|---|---|---:|---:|---:|---:|---|---:|',
  ];
  for (const x of r.rows) {
    const share =
      !x.setup.startsWith('baseline') && x.load.startsWith('max')
        ? `${Math.round((100 * x.r.reqPerSec) / base(x.load))} %`
        : '';
    const toasts = Object.entries(x.r.toasts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(
      `| ${x.setup} | ${x.kind} | ${x.load} | ${x.r.reqPerSec} | ${share} | ${x.r.p50} | ${x.r.p99} | ${toasts} | ${x.r.non2xx} |`,
    );
  }
  lines.push(
    '',
    'database work per submit (counted by the bot, bot_card_db_work; the same on any machine):',
    '',
    '| setup | callback | Prisma operations | SQL statements | submits counted |',
    '|---|---|---:|---:|---:|',
  );
  for (const w of r.work)
    lines.push(`| ${w.setup} | ${w.kind} | ${+w.operations.toFixed(1)} | ${+w.statements.toFixed(1)} | ${w.submits} |`);
  lines.push('', 'rows written (counted in the database before and after):');
  for (const [k, v] of Object.entries(r.written)) lines.push(`- ${k}: ${v}`);
  lines.push('', '| memory | RSS MB |', '|---|---:|');
  for (const [k, v] of Object.entries(r.memory)) lines.push(`| ${k} | ${Math.round(v / 1048576)} |`);
  const sqlite = r.rows.filter((x) => x.setup.startsWith('SQLite') && !['/help'].includes(x.kind));
  const paced = sqlite.filter((x) => x.load.startsWith('paced'));
  const worstP99 = Math.max(...paced.map((x) => x.r.p99));
  const max50 = sqlite.filter((x) => x.load === 'max (50 connections)');
  const worstShare = Math.min(...max50.map((x) => x.r.reqPerSec / base(x.load)));
  lines.push(
    '',
    `targets (SQLite): real submit p99 at a paced ${PACED_RATE}/s < 50 ms: ${worstP99 < 50 ? 'met' : 'MISSED'} (worst ${worstP99} ms); ` +
      `throughput at 50 connections ≥ 1/4 of the baseline: ${worstShare >= 0.25 ? 'met' : 'MISSED'} (worst ${Math.round(worstShare * 100)} %)`,
  );
  return lines.join('\n');
}
