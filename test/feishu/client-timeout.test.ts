import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLarkClient } from '../../src/feishu/client.js';

// A Feishu that hands out tokens but never answers anything else: every call through the SDK client
// must end at its time limit instead of waiting for ever, and file calls get the longer one.

let server: http.Server;
let url: string;
const sockets = new Set<import('node:net').Socket>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (!req.url?.includes('tenant_access_token')) return; // never answers
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ code: 0, msg: 'ok', tenant_access_token: 't-silent', expire: 7200 }));
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

function client(env: Record<string, string>) {
  return createLarkClient(
    loadConfig({
      LARK_APP_ID: 'cli_silent',
      LARK_APP_SECRET: 'secret',
      LARK_VERIFICATION_TOKEN: 'token',
      LARK_ENCRYPT_KEY: 'encrypt-key',
      LARK_DOMAIN: url,
      ...env,
    }),
  );
}

async function elapsed(p: Promise<unknown>): Promise<number> {
  const t0 = Date.now();
  await Promise.race([
    p.then(
      () => {
        throw new Error('a silent server cannot answer');
      },
      () => undefined,
    ),
    new Promise((_, reject) => setTimeout(() => reject(new Error('the call is still waiting after 10 s')), 10_000)),
  ]);
  return Date.now() - t0;
}

describe('Open API time limits', () => {
  it('a plain call gives up at LARK_TIMEOUT_MS', async () => {
    const lark = client({ LARK_TIMEOUT_MS: '300' });
    const ms = await elapsed(lark.request({ method: 'GET', url: '/open-apis/bot/v3/info' }));
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(1_100);
  });

  it('an upload gets the longer LARK_FILE_TIMEOUT_MS, and still ends', async () => {
    const lark = client({ LARK_TIMEOUT_MS: '300', LARK_FILE_TIMEOUT_MS: '1200' });
    const upload = lark.im.v1.file.create({
      data: { file_type: 'xls', file_name: 'a.xlsx', file: Buffer.from('x') },
    });
    const ms = await elapsed(upload);
    expect(ms).toBeGreaterThanOrEqual(1_100);
    expect(ms).toBeLessThan(5_000);
  });
});
