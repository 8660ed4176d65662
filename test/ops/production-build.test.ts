// The production entry: `npm run build` bundles src/main.ts into dist/, `npm start` runs it with
// plain node. What only some requests need stays out of the serving process until asked for:
// exceljs (spreadsheets) and the sandbox are behind dynamic imports, playwright-core is never loaded.
// Checked twice: in the bundle's import graph (esbuild's metafile: nothing of theirs reachable from
// dist/main.js through static imports), and in a real start of `node dist/main.js` on a real
// database, answering /healthz, whose loaded modules are listed at exit.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, testingOnPostgres } from '../helpers/pg.js';

interface Meta {
  outputs: Record<
    string,
    { imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }
  >;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-dist-'));
let meta: Meta;
let pgDb: Awaited<ReturnType<typeof createPgDatabase>> | undefined;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { timeout: 60_000 });
  meta = JSON.parse(fs.readFileSync('dist/meta.json', 'utf8')) as Meta;
  if (testingOnPostgres()) pgDb = await createPgDatabase();
}, 90_000);
afterAll(async () => {
  await pgDb?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every output file and external package reachable from dist/main.js through static imports only. */
function staticallyReachable(): { files: Set<string>; packages: Set<string>; sources: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const sources = new Set<string>();
  const visit = (out: string) => {
    if (files.has(out)) return;
    files.add(out);
    const o = meta.outputs[out]!;
    for (const src of Object.keys(o.inputs)) sources.add(src);
    for (const i of o.imports) {
      if (i.kind !== 'import-statement' && i.kind !== 'require-call') continue;
      if (i.external) packages.add(i.path);
      else visit(i.path);
    }
  };
  visit('dist/main.js');
  return { files, packages, sources };
}

describe('production build', () => {
  it('dist/main.js reaches exceljs, playwright-core and the sandbox only through dynamic imports', () => {
    const { packages, sources } = staticallyReachable();
    expect([...packages].filter((p) => /^(exceljs|playwright-core)(\/|$)/.test(p))).toEqual([]);
    expect(
      [...sources].filter(
        (s) => s.startsWith('src/sandbox/') || (s.startsWith('src/sheets/') && !s.endsWith('kinds.ts')),
      ),
    ).toEqual([]);
    // They are in the build, behind a dynamic import (so a loader that lost them would show here).
    const dynamic = Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.kind === 'dynamic-import'));
    expect(dynamic.length).toBeGreaterThan(0);
    expect(Object.values(meta.outputs).some((o) => o.imports.some((i) => i.path === 'exceljs'))).toBe(true);
  });

  it('node dist/main.js starts on a real database, answers /healthz and has not loaded exceljs', async () => {
    const list = path.join(dir, 'modules.txt');
    const databaseUrl = pgDb?.url ?? `file:${path.join(dir, 'bot.db')}`;
    const proc = spawn(
      process.execPath,
      ['--require', path.resolve('test/helpers/loaded-modules.cjs'), 'dist/main.js'],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          LOADED_MODULES_FILE: list,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    let logs = '';
    proc.stderr!.on('data', (c: Buffer) => (logs += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no 'bot listening' in 60 s:\n${logs}`)), 60_000);
      proc.stdout!.on('data', (c: Buffer) => {
        logs += c.toString();
        const m = /"url":"(http:\/\/[^"]+)"[^\n]*"bot listening"/.exec(logs);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      void exited.then((code) => reject(new Error(`exited ${code}:\n${logs}`)));
    });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    const loaded = fs.readFileSync(list, 'utf8').split('\n');
    // The list is real: the packages a start needs are in it.
    expect(loaded.some((m) => /node_modules\/pino\//.test(m))).toBe(true);
    expect(loaded.filter((m) => /node_modules\/(exceljs|playwright-core)\//.test(m))).toEqual([]);
  }, 90_000);
});
