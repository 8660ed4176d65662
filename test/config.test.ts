import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const run = promisify(execFile);

describe('config', () => {
  it('defaults to SQLite under ./data and the sandbox when no LARK_APP_ID is given', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('file:./data/zhaoshang.db');
    expect(c.sandbox).toBe(true);
    expect(c.port).toBe(3000);
    expect(c.timezone).toBe('Asia/Shanghai');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ APP_TIMEZONE: 'Mars/Olympus' }, 'APP_TIMEZONE'],
    [{ LARK_APP_ID: 'cli_x' }, 'LARK_APP_SECRET'],
    [{ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's' }, 'LARK_VERIFICATION_TOKEN'],
    [{ LARK_DOMAIN: 'not a url' }, 'LARK_DOMAIN'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('refuses %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid environment variable ${name}:`));
  });

  it('uses real credentials when LARK_APP_ID is set', () => {
    const c = loadConfig({
      LARK_APP_ID: 'cli_x',
      LARK_APP_SECRET: 's',
      LARK_VERIFICATION_TOKEN: 't',
      LARK_ENCRYPT_KEY: 'k',
      LARK_DOMAIN: 'https://open.larksuite.com',
      LARK_ADMIN_OPEN_IDS: 'ou_a, ou_b',
    });
    expect(c.sandbox).toBe(false);
    expect(c.lark).toMatchObject({ appId: 'cli_x', encryptKey: 'k', domain: 'https://open.larksuite.com' });
    expect(c.adminOpenIds).toEqual(['ou_a', 'ou_b']);
  });

  it('npm start stops with one clear line naming the bad variable', async () => {
    const err = await run('npx', ['tsx', 'src/main.ts'], { env: { ...process.env, PORT: 'not-a-port' } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((err as { code: number }).code).toBe(1);
    const lines = (err as { stderr: string }).stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid environment variable PORT:/);
  });
});
