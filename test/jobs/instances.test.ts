// Real bot processes (`src/main.ts`) on one PostgreSQL database: a job held up half-way (the test
// locks the Bulletin table, so the quarterly bulletin has queued its digest and waits to save the
// draft) is waited for by SIGTERM, and after `kill -9` it is resumed by the next instance once the
// lease has run out — every message sent once. Runs in the PostgreSQL pass.
import os from 'node:os';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setSetting } from '../../src/db/settings.js';
import { LEADERSHIP_CHAT_ID } from '../../src/sandbox/open-api/index.js';
import { startCluster, startInstance, waitFor, type Cluster, type Instance } from '../helpers/instances.js';
import { testingOnPostgres } from '../helpers/pg.js';

let cluster: Cluster;
const running: Instance[] = [];
let lock: { release(): Promise<void> } | undefined;
// The bulletin every midnight, so that the start after it (within 3 days) always finds a slot due.
const env = { JOB_LEASE_MS: '3000', LARK_LEADERSHIP_CHAT_ID: LEADERSHIP_CHAT_ID, LOG_LEVEL: 'info' };

beforeAll(async () => {
  if (!testingOnPostgres()) return;
  cluster = await startCluster();
  await setSetting(cluster.db.prisma, 'jobs.quarterly-bulletin.cron', '0 0 * * *', null);
}, 120_000);
afterEach(async () => {
  await lock?.release();
  for (const i of running.splice(0)) if (i.proc.exitCode === null && i.proc.signalCode === null) i.proc.kill('SIGKILL');
  await cluster?.db.prisma.jobRun.deleteMany();
  await cluster?.db.prisma.outbox.deleteMany({ where: { dedupKey: { startsWith: 'quarterly-digest:' } } });
  await cluster?.db.prisma.outbox.deleteMany({ where: { dedupKey: { startsWith: 'bulletin-review:' } } });
  await cluster?.db.prisma.bulletin.deleteMany();
});
afterAll(async () => cluster?.close());

/** Holds the Bulletin table locked from another connection until release() (at the latest after the test). */
async function lockBulletins(): Promise<{ release(): Promise<void> }> {
  const c = new pg.Client({ connectionString: cluster.url });
  await c.connect();
  await c.query('BEGIN');
  await c.query('LOCK TABLE "Bulletin" IN ACCESS EXCLUSIVE MODE');
  lock = {
    release: async () => {
      lock = undefined;
      await c.query('ROLLBACK');
      await c.end();
    },
  };
  return lock;
}

const bulletinRun = () => cluster.db.prisma.jobRun.findFirst({ where: { job: 'quarterly-bulletin' } });
const queued = (prefix: string) => cluster.db.prisma.outbox.count({ where: { dedupKey: { startsWith: prefix } } });
const officeCount = () =>
  cluster.db.prisma.person.count({
    where: { active: true, openId: { not: null }, roles: { some: { role: { in: ['OFFICE', 'OFFICE_ADMIN'] } } } },
  });

async function start(): Promise<Instance> {
  const i = await startInstance(cluster, env);
  running.push(i);
  return i;
}

/** Started, and the bulletin has queued its digest and waits for the locked table. */
async function heldHalfWay(): Promise<Instance> {
  const i = await start();
  await waitFor(async () => (await queued('quarterly-digest:')) === 1, 60_000, 'the digest to be queued');
  expect(await bulletinRun()).toMatchObject({ status: 'RUNNING', holder: `${os.hostname()}:${i.proc.pid}` });
  return i;
}

describe.skipIf(!testingOnPostgres())('a job in a process that stops', () => {
  it('SIGTERM waits for the running job, which finishes before the process exits', async () => {
    const lock = await lockBulletins();
    const a = await heldHalfWay();
    a.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    expect(a.proc.exitCode).toBeNull(); // still finishing the job
    await lock.release();
    expect((await a.exited).code).toBe(0);
    expect(await bulletinRun()).toMatchObject({ status: 'DONE', attempts: 1 });
    expect(await queued('bulletin-review:')).toBe(await officeCount());
  }, 90_000);

  it('after kill -9 half-way, the next instance resumes the run once the lease is out; each message once', async () => {
    const lock = await lockBulletins();
    const a = await heldHalfWay();
    a.proc.kill('SIGKILL');
    await a.exited;
    await lock.release();
    const b = await start();
    await waitFor(async () => (await bulletinRun())?.status === 'DONE', 60_000, 'the run to be resumed');
    expect(await bulletinRun()).toMatchObject({ holder: `${os.hostname()}:${b.proc.pid}`, attempts: 2 });
    const office = await officeCount();
    expect(await queued('quarterly-digest:')).toBe(1);
    expect(await queued('bulletin-review:')).toBe(office);
    // Delivered once each: the digest to the leadership chat, a review card to each office person.
    const reviews = () =>
      cluster.sb.state.messages.filter((m) => JSON.stringify(m.content).includes('bulletin.publish'));
    await waitFor(() => reviews().length >= office, 60_000, 'the review cards to be sent');
    const digests = cluster.sb
      .messagesTo(LEADERSHIP_CHAT_ID)
      .filter((m) => JSON.stringify(m.content).includes('季度招商领导小组会议'));
    expect(digests).toHaveLength(1);
    expect(new Set(reviews().map((m) => m.receiver.id)).size).toBe(office);
    expect(reviews()).toHaveLength(office);
  }, 120_000);
});
