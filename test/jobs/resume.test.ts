// A job run that is cut short — the job throws half-way, or its instance stops without finishing —
// is taken up again by another instance or the next start, and every message still goes out exactly
// once. Slots missed while no instance ran are run late (reminders the same day only, the quarterly
// bulletin within three days). stop() waits for a running job. A cron changed in the settings is
// used without a restart. Two instances are two schedulers on two database connections, as two
// processes would hold; time is the injected clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { setSetting } from '../../src/db/settings.js';
import type { Deps } from '../../src/deps.js';
import { findJob } from '../../src/jobs/index.js';
import { startScheduler, type Scheduler } from '../../src/jobs/scheduler.js';
import { LEADERSHIP_CHAT_ID } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { testingOnPostgres } from '../helpers/pg.js';

let bot: TestBot;
let other: Database;
const clock = new FixedClock(new Date('2018-06-01T00:00:00Z'));
const quarterly = findJob('quarterly-bulletin')!;

beforeAll(async () => {
  bot = await startTestBot({}, { clock });
  other = await openDatabase(bot.config.databaseUrl);
});
afterAll(async () => {
  await other?.close();
  await bot?.close();
});

/** The second instance: its own database connection (and its own clock when given). */
const instanceB = (c: FixedClock = clock): Deps => ({ ...bot.deps, db: other.prisma, clock: c });

/** Makes every write of a Bulletin row fail, as a database fault half-way through the job would. */
async function breakBulletinWrites(): Promise<void> {
  const db = bot.database.prisma;
  if (testingOnPostgres()) {
    await db.$executeRawUnsafe(
      `CREATE FUNCTION injected_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`,
    );
    await db.$executeRawUnsafe(
      'CREATE TRIGGER injected_fault BEFORE INSERT OR UPDATE ON "Bulletin" FOR EACH ROW EXECUTE FUNCTION injected_fault()',
    );
  } else {
    await db.$executeRawUnsafe(
      `CREATE TRIGGER injected_fault BEFORE INSERT ON "Bulletin" BEGIN SELECT RAISE(ABORT, 'injected fault'); END`,
    );
  }
}

async function mendBulletinWrites(): Promise<void> {
  const db = bot.database.prisma;
  if (testingOnPostgres()) {
    await db.$executeRawUnsafe('DROP TRIGGER injected_fault ON "Bulletin"');
    await db.$executeRawUnsafe('DROP FUNCTION injected_fault()');
  } else await db.$executeRawUnsafe('DROP TRIGGER injected_fault');
}

const run = (key: string) => bot.database.prisma.jobRun.findUnique({ where: { key } });
const outboxKeys = async (prefix: string) =>
  (await bot.database.prisma.outbox.findMany({ where: { dedupKey: { startsWith: prefix } } })).map((r) => r.dedupKey);

/** Each office person's bulletin review cards for a quarter ('2018年第二季度'), and the leadership chat's digests. */
async function bulletinMessages(quarter: string): Promise<{ digests: number; reviews: number[] }> {
  await bot.flush();
  const office = await bot.database.prisma.person.findMany({
    where: { active: true, openId: { not: null }, roles: { some: { role: { in: ['OFFICE', 'OFFICE_ADMIN'] } } } },
  });
  const about = (m: { content: unknown }) => JSON.stringify(m.content).includes(quarter);
  return {
    digests: bot.sb.messagesTo(LEADERSHIP_CHAT_ID).filter(about).length,
    reviews: office.map(
      (p) =>
        bot.sb.messagesTo(p.openId!).filter((m) => about(m) && JSON.stringify(m.content).includes('bulletin.publish'))
          .length,
    ),
  };
}

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { opened, open };
}

describe('a job run cut short', () => {
  it('throws half-way: another instance runs it again later and every message goes out once', async () => {
    clock.set('2018-06-20T09:00:30+08:00');
    const key = 'quarterly-bulletin:2018-06-20T01:00:00.000Z';
    await breakBulletinWrites();
    try {
      const a = await startScheduler(bot.deps, { holder: 'instance-a', jobs: [quarterly] });
      await a.check();
      await a.stop();
      expect(await run(key)).toMatchObject({ status: 'FAILED', holder: 'instance-a', attempts: 1 });
      expect((await run(key))!.detail).not.toBe(''); // the error's own words, for the office panel
      // Half done: the digest is queued, the draft and its review cards are not.
      expect(await outboxKeys('quarterly-digest:2018Q2')).toHaveLength(1);
      expect(await outboxKeys('bulletin-review:2018Q2')).toEqual([]);
    } finally {
      await mendBulletinWrites();
    }
    clock.advance(6 * 60_000);
    const b = await startScheduler(instanceB(), { holder: 'instance-b', jobs: [quarterly] });
    await b.check();
    await b.stop();
    expect(await run(key)).toMatchObject({ status: 'DONE', holder: 'instance-b', attempts: 2 });
    const sent = await bulletinMessages('2018年第二季度');
    expect(sent.digests).toBe(1);
    expect(sent.reviews.length).toBeGreaterThan(0);
    expect(sent.reviews.every((n) => n === 1)).toBe(true);
  });

  it('its instance stops without finishing: the next start resumes it once the lease has run out', async () => {
    // Instance A runs the job but never records it: it hangs, as a process killed mid-job would
    // leave it. Its clock stands still, so it never renews its lease past 09:02:10.
    const slotKey = 'quarterly-bulletin:2018-09-20T01:00:00.000Z';
    const started = gate();
    const hang = gate();
    const stuck = {
      ...quarterly,
      run: async (deps: Deps, now: Date) => {
        const result = await quarterly.run(deps, now);
        started.open();
        await hang.opened;
        return result;
      },
    };
    const clockA = new FixedClock(new Date('2018-09-20T09:00:10+08:00'));
    const a = await startScheduler({ ...bot.deps, clock: clockA }, { holder: 'instance-a', jobs: [stuck] });
    await started.opened;
    expect(await run(slotKey)).toMatchObject({ status: 'RUNNING', holder: 'instance-a' });

    // Within the lease another instance leaves it alone.
    clock.set('2018-09-20T09:01:00+08:00');
    const early = await startScheduler(instanceB(), { holder: 'instance-b', jobs: [quarterly] });
    await early.check();
    await early.stop();
    expect(await run(slotKey)).toMatchObject({ status: 'RUNNING', holder: 'instance-a' });

    clock.set('2018-09-20T09:03:00+08:00');
    const b = await startScheduler(instanceB(), { holder: 'instance-b', jobs: [quarterly] });
    await b.check();
    await b.stop();
    expect(await run(slotKey)).toMatchObject({ status: 'DONE', holder: 'instance-b', attempts: 2 });
    const sent = await bulletinMessages('2018年第三季度');
    expect(sent.digests).toBe(1);
    expect(sent.reviews.every((n) => n === 1)).toBe(true);

    // The stuck instance coming back cannot record the slot as its own.
    hang.open();
    await a.stop();
    expect(await run(slotKey)).toMatchObject({ status: 'DONE', holder: 'instance-b' });
  });
});

describe('slots missed while no instance ran', () => {
  it('a reminder day missed is not run the next day', async () => {
    clock.set('2018-06-26T08:00:00+08:00'); // the 25th's 09:00 reminders were missed
    const s = await startScheduler(bot.deps, { holder: 'instance-a' });
    await s.check();
    await s.stop();
    expect(await run('report-reminders:2018-06-25T01:00:00.000Z')).toBeNull();
    expect(await outboxKeys('report-reminder:2018-06:day-25')).toEqual([]);
  });

  it('a reminder day missed is run at start the same day, once', async () => {
    clock.set('2018-06-27T15:00:00+08:00');
    for (const holder of ['instance-a', 'instance-b']) {
      const s = await startScheduler(holder === 'instance-a' ? bot.deps : instanceB(), { holder });
      await s.check();
      await s.stop();
    }
    expect(await run('report-reminders:2018-06-27T01:00:00.000Z')).toMatchObject({ status: 'DONE', attempts: 1 });
    expect(await outboxKeys('report-reminder:2018-06:day-27')).toHaveLength(1);
    await bot.flush();
    const captain = await bot.database.prisma.person.findFirstOrThrow({
      where: { openId: { not: null }, memberOf: { some: { role: 'CAPTAIN' } } },
    });
    const reminders = bot.sb
      .messagesTo(captain.openId!)
      .filter((m) => JSON.stringify(m.content).includes('月度汇报提醒'));
    expect(reminders).toHaveLength(1);
  });

  it('the quarterly bulletin missed is run within three days, not after', async () => {
    clock.set('2018-12-22T20:00:00+08:00');
    const s = await startScheduler(bot.deps, { holder: 'instance-a', jobs: [quarterly] });
    await s.check();
    clock.set('2019-03-23T10:00:00+08:00'); // 3 days and 1 hour after the 20th's 09:00
    await s.check();
    await s.stop();
    expect(await run('quarterly-bulletin:2018-12-20T01:00:00.000Z')).toMatchObject({ status: 'DONE' });
    expect(await run('quarterly-bulletin:2019-03-20T01:00:00.000Z')).toBeNull();
    expect(await outboxKeys('quarterly-digest:2018Q4')).toHaveLength(1);
    expect(await outboxKeys('quarterly-digest:2019Q1')).toEqual([]);
  });
});

describe('the scheduler at work', () => {
  let s: Scheduler | undefined;
  afterAll(async () => s?.stop());

  it('stop() waits for the running job to end', async () => {
    clock.set('2018-07-02T10:00:30+08:00');
    const started = gate();
    const release = gate();
    const slow = {
      name: 'slow-job',
      label: '慢任务',
      cron: '0 10 * * *',
      catchUp: 'same-day' as const,
      run: async () => {
        started.open();
        await release.opened;
        return { summary: '做完了' };
      },
    };
    s = await startScheduler(bot.deps, { holder: 'instance-a', jobs: [slow] });
    await started.opened;
    let stopped = false;
    const stopping = s.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(stopped).toBe(false);
    release.open();
    await stopping;
    expect(await run('slow-job:2018-07-02T02:00:00.000Z')).toMatchObject({ status: 'DONE', detail: '做完了' });
  });

  it('a cron changed in the settings is used without a restart', async () => {
    clock.set('2018-07-03T08:30:00+08:00');
    const reminders = findJob('report-reminders')!;
    s = await startScheduler(bot.deps, { holder: 'instance-a', jobs: [reminders] });
    expect(s.patterns()).toEqual({ 'report-reminders': '0 9 * * *' });
    await s.check();
    expect(await run('report-reminders:2018-07-03T00:00:00.000Z')).toBeNull();

    await setSetting(bot.database.prisma, 'jobs.report-reminders.cron', '0 8 * * *', null);
    await s.check();
    expect(s.patterns()).toEqual({ 'report-reminders': '0 8 * * *' });
    expect(await run('report-reminders:2018-07-03T00:00:00.000Z')).toMatchObject({ status: 'DONE' });
    await s.stop();
  });
});
