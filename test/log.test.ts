import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLog } from '../src/log.js';
import { createSandbox, type Sandbox } from '../src/sandbox/open-api/index.js';
import { sdkClient } from './sandbox/helpers.js';
import { startRealAppBot } from './helpers/real-app.js';

// The log keeps Feishu's code, message and log id of a failed call, and nothing of the request: no
// tenant token (Authorization: Bearer t-…), no app secret or encrypt key, no mobiles or e-mails.

const MOBILES = ['13800000001', '+8613800000002'];
const EMAIL = 'zengjianqing@example.gov.cn';

/** A logger writing into an array (the real createLog, a pino destination stream). */
function capture(secrets: string[] = []) {
  const lines: string[] = [];
  const log = createLog('info', { secrets, destination: { write: (s: string) => void lines.push(s) } });
  return { log, lines, text: () => lines.join('') };
}

let sb: Sandbox;
let failure: any;
beforeAll(async () => {
  sb = createSandbox({ appId: 'cli_log_test', appSecret: 'log-test-app-secret' });
  const client = sdkClient(await sb.start(), sb.appId, sb.appSecret);
  sb.failNext(1, 'server');
  // A look-up by mobile and e-mail that Feishu answers with an error: what the SDK throws (axios' error).
  failure = await client.contact.v3.user
    .batchGetId({ params: { user_id_type: 'open_id' }, data: { mobiles: MOBILES, emails: [EMAIL] } })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
});
afterAll(() => sb.stop());

describe('the log', () => {
  it('reduces an SDK error to status, Feishu code, msg and log id: no headers, no body', () => {
    const auth = String(failure.config.headers.Authorization);
    expect(auth).toMatch(/^Bearer t-/);
    expect(failure.config.data).toContain(MOBILES[0]);
    const logId = failure.response.headers['x-tt-logid'];
    expect(logId).toBeTruthy();

    const { log, lines, text } = capture();
    log.error({ err: failure, eventId: 'evt_1' }, 'message handling failed');
    // The same error under another name, and its text in the message, as careless code might log it.
    log.warn({ failure, headers: failure.config.headers, body: failure.config.data }, `call failed: ${auth}`);
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first.err).toEqual({
      type: 'FeishuApiError',
      message: 'Feishu answered HTTP 500',
      status: 500,
      code: 500,
      msg: 'internal server error (sandbox-injected)',
      logId,
      method: 'POST',
      path: '/open-apis/contact/v3/users/batch_get_id',
    });
    for (const secret of [auth, auth.slice('Bearer '.length), ...MOBILES, '13800000002', EMAIL])
      expect(text()).not.toContain(secret);
    expect(text()).not.toMatch(/Bearer\s+t-/);
  });

  it('removes the app secret, the encrypt key, tokens, mobiles and e-mails wherever they are', () => {
    const { log, text } = capture(['log-test-app-secret', 'log-test-encrypt-key']);
    log.info(
      {
        lark: { appSecret: 'log-test-app-secret', encryptKey: 'log-test-encrypt-key' },
        answer: { tenant_access_token: 't-abcdefghijklmnopqrstuvwxyz', expire: 7200 },
        person: { name: '曾健清', mobile: '13800000001', email: EMAIL },
      },
      'secret log-test-app-secret, key log-test-encrypt-key, phone +86 13900000009, mail a.b@example.com',
    );
    const line = text();
    for (const s of ['log-test-app-secret', 'log-test-encrypt-key', 't-abcdefghij', '13800000001', EMAIL])
      expect(line).not.toContain(s);
    expect(line).not.toContain('13900000009');
    expect(line).not.toContain('a.b@example.com');
    expect(JSON.parse(line)).toMatchObject({ person: { name: '曾健清' }, answer: { expire: 7200 } });
  });

  it('a failed look-up of the roster by mobile at start logs no mobile, and the SDK prints nothing itself', async () => {
    const printed = vi.spyOn(console, 'log');
    const { log, text } = capture();
    const bot = await startRealAppBot(
      { LARK_VERIFICATION_TOKEN: 'log-test-token', LARK_ENCRYPT_KEY: 'log-test-encrypt-key' },
      { log },
      (s) => s.failNext(2, 'server'), // the bot-info call, then batch_get_id
    );
    try {
      const mobiles = (await bot.database.prisma.person.findMany({ where: { mobile: { not: null } } })).map(
        (p) => p.mobile!,
      );
      expect(mobiles.length).toBeGreaterThan(50);
      expect(bot.sb.state.calls.some((c) => c.path.endsWith('/batch_get_id') && c.status === 500)).toBe(true);
      const lines = text()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const sdkLine = lines.find((l) => JSON.stringify(l.sdk ?? '').includes('batch_get_id'));
      expect(sdkLine?.sdk?.[0]).toMatchObject({ status: 500, code: 500 });
      expect(lines.some((l) => l.msg === 'roster not bound')).toBe(true);
      const everything = text() + JSON.stringify(printed.mock.calls);
      for (const m of mobiles) expect(everything).not.toContain(m);
      expect(everything).not.toMatch(/Bearer\s+t-/);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
      await bot.close();
    }
  });
});
