import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
    expect(c.host).toBe('127.0.0.1'); // the sandbox page lets anyone act as anyone: this machine only
    expect(c.warnings).toEqual([]);
  });

  it('an explicit HOST wins in sandbox mode, with a warning that the page lets anyone act as anyone', () => {
    const c = loadConfig({ HOST: '0.0.0.0' });
    expect(c.host).toBe('0.0.0.0');
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toMatch(/0\.0\.0\.0.*act as anyone/);
    expect(loadConfig({ HOST: '127.0.0.1' }).warnings).toEqual([]);
  });

  const realApp = { LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_VERIFICATION_TOKEN: 't' };

  it('refuses a real app without LARK_ENCRYPT_KEY, saying why and where the console sets it', () => {
    expect(() => loadConfig(realApp)).toThrow(ConfigError);
    expect(() => loadConfig(realApp)).toThrow(/^Invalid environment variable LARK_ENCRYPT_KEY:/);
    expect(() => loadConfig(realApp)).toThrow(/forge/);
    expect(() => loadConfig(realApp)).toThrow(/事件与回调 → 加密策略 → Encrypt Key/);
    expect(() => loadConfig(realApp)).toThrow(/LARK_ALLOW_PLAINTEXT=true/);
  });

  it('LARK_ALLOW_PLAINTEXT=true lets a real app start without a key, with a warning', () => {
    const c = loadConfig({ ...realApp, LARK_ALLOW_PLAINTEXT: 'true' });
    expect(c.allowPlaintext).toBe(true);
    expect(c.host).toBe('0.0.0.0'); // Feishu must reach a real app
    expect(c.warnings.join('\n')).toMatch(/LARK_ALLOW_PLAINTEXT=true.*not signed/);
    // With a key the switch changes nothing: requests are signed.
    const signed = loadConfig({ ...realApp, LARK_ENCRYPT_KEY: 'k', LARK_ALLOW_PLAINTEXT: 'true' });
    expect(signed.allowPlaintext).toBe(false);
    expect(signed.warnings).toEqual([]);
    expect(() => loadConfig({ ...realApp, LARK_ALLOW_PLAINTEXT: 'yes' })).toThrow(
      /^Invalid environment variable LARK_ALLOW_PLAINTEXT: must be true or false/,
    );
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

  it('npm start with a real app and no encrypt key stops with one line saying how to set it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-config-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      DATABASE_URL: `file:${path.join(dir, 'bot.db')}`,
      LARK_APP_ID: 'cli_x',
      LARK_APP_SECRET: 's',
      LARK_VERIFICATION_TOKEN: 't',
    };
    delete env.LARK_ENCRYPT_KEY;
    delete env.LARK_ALLOW_PLAINTEXT;
    // A start that does not stop (as before the check) is killed after 25 s and fails below.
    const err = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, timeout: 25_000 }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect((err as { code: number }).code).toBe(1);
    const lines = (err as { stderr: string }).stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid environment variable LARK_ENCRYPT_KEY:.*加密策略/);
  });
});
