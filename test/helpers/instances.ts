// Several real bot processes (`src/main.ts` under tsx, as `npm start` runs it) on one PostgreSQL
// database and one sandbox Open API started in the test process — the scaled-out deployment.
import { spawn, type ChildProcess } from 'node:child_process';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migratePostgres } from '../../src/db/migrate-postgres.js';
import { seedIfEmpty } from '../../src/db/seed.js';
import { createSandbox, sandboxUsersFor, type Sandbox } from '../../src/sandbox/open-api/index.js';
import { createPgDatabase } from './pg.js';
import { postSigned } from './feishu.js';

const KEYS = { encryptKey: 'multi-instance-encrypt-key', verificationToken: 'multi-instance-token' };

export interface Cluster {
  url: string;
  db: Database;
  sb: Sandbox;
  env: Record<string, string>;
  close(): Promise<void>;
}

/** A fresh PostgreSQL database, migrated and seeded, and a sandbox whose users are the roster. */
export async function startCluster(): Promise<Cluster> {
  const pg = await createPgDatabase();
  await migratePostgres(pg.url);
  const db = await openDatabase(pg.url);
  await seedIfEmpty(db.prisma);
  const people = await db.prisma.person.findMany({ where: { active: true }, orderBy: { id: 'asc' } });
  const sb = createSandbox({
    users: sandboxUsersFor(people.map((p) => ({ name: p.name, mobile: p.mobile, email: p.email }))),
  });
  await sb.start(0, '127.0.0.1');
  const env = {
    DATABASE_URL: pg.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LARK_APP_ID: sb.appId,
    LARK_APP_SECRET: sb.appSecret,
    LARK_VERIFICATION_TOKEN: KEYS.verificationToken,
    LARK_ENCRYPT_KEY: KEYS.encryptKey,
    LARK_DOMAIN: sb.url,
    LOG_LEVEL: 'info',
    PG_POOL_MAX: '5',
  };
  return {
    url: pg.url,
    db,
    sb,
    env,
    async close() {
      await db.close();
      await sb.stop();
      await pg.drop();
    },
  };
}

export interface Instance {
  url: string;
  proc: ChildProcess;
  /** pino lines the process wrote. */
  logs: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  event(payload: Record<string, any>): Promise<{ status: number; body: any }>;
  card(payload: Record<string, any>): Promise<{ status: number; body: any }>;
}

/** Starts `src/main.ts` in a child process and resolves once it listens. */
export async function startInstance(cluster: Cluster, env: Record<string, string> = {}): Promise<Instance> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...cluster.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('instance did not start in 60 s:\n' + logs.join('\n'))), 60_000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        logs.push(line);
        if (line.includes('"bot listening"')) {
          clearTimeout(timer);
          resolve((JSON.parse(line) as { url: string }).url);
        }
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`instance exited (${code}) before listening:\n` + logs.join('\n')));
    });
  });
  return {
    url,
    proc,
    logs,
    exited,
    event: (p) => {
      const m = p.event?.message;
      if (m?.message_id && !cluster.sb.state.messages.some((x) => x.message_id === m.message_id)) {
        cluster.sb.recordIncomingMessage(m, p.event.sender?.sender_id?.open_id ?? '');
      }
      return postSigned(`${url}/webhook/event`, p, KEYS);
    },
    card: (p) => postSigned(`${url}/webhook/card`, p, KEYS),
  };
}

/** Polls until `check` holds (or throws after `ms`). */
export async function waitFor(check: () => Promise<boolean> | boolean, ms = 60_000, what = 'condition'): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
