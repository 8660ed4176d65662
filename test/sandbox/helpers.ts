import * as lark from '@larksuiteoapi/node-sdk';
import { createSandbox, type Sandbox } from '../../src/sandbox/open-api/index.js';

export const silentLogger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
};

/** A cache of its own, so that the SDK's process-wide token cache does not hide the token call. */
function freshCache() {
  const values = new Map<unknown, unknown>();
  return {
    get: async (key: unknown) => values.get(key),
    set: async (key: unknown, value: unknown) => {
      values.set(key, value);
      return true;
    },
  };
}

export function sdkClient(base: string, appId: string, appSecret: string, cache = freshCache()): lark.Client {
  return new lark.Client({
    appId,
    appSecret,
    domain: base,
    disableTokenCache: false,
    cache,
    logger: silentLogger,
    loggerLevel: lark.LoggerLevel.fatal,
  });
}

export interface HttpFailure {
  status: number;
  data: { code: number; msg: string; error?: Record<string, unknown> };
  headers: Record<string, string>;
}

/** The SDK throws axios' error for any non-2xx answer; this returns its response part. */
export async function failureOf(p: Promise<unknown>): Promise<HttpFailure> {
  try {
    await p;
  } catch (e) {
    const response = (e as { response?: HttpFailure }).response;
    if (!response) throw e;
    return { status: response.status, data: response.data, headers: response.headers };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export function cardOfSize(bytes: number): Record<string, unknown> {
  const card = { schema: '2.0', body: { elements: [{ tag: 'markdown', content: '' }] } };
  const overhead = Buffer.byteLength(JSON.stringify(card));
  card.body.elements[0]!.content = 'x'.repeat(bytes - overhead);
  return card;
}

export const card = (title: string) => ({
  schema: '2.0',
  config: { update_multi: true },
  header: { title: { tag: 'plain_text', content: title } },
  body: { elements: [{ tag: 'markdown', content: `**${title}**` }] },
});

export const APP_ID = 'cli_test_sandbox';
export const APP_SECRET = 'test-secret';
/** Two of the default roster's sandbox users. */
export const CAPTAIN = 'ou_sbx_6';
export const MEMBER = 'ou_sbx_7';

/** A started sandbox with the default roster, and an SDK client (its own token cache) aimed at it. */
export async function startSandbox(): Promise<{ sandbox: Sandbox; client: lark.Client }> {
  const sandbox = createSandbox({ appId: APP_ID, appSecret: APP_SECRET });
  return { sandbox, client: sdkClient(await sandbox.start(), APP_ID, APP_SECRET) };
}

export function sendCardWith(client: lark.Client, receiveId: string, c: unknown, uuid?: string) {
  return client.im.v1.message.create({
    params: { receive_id_type: 'open_id' },
    data: { receive_id: receiveId, msg_type: 'interactive', content: JSON.stringify(c), uuid },
  });
}
