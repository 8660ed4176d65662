import * as lark from '@larksuiteoapi/node-sdk';
import type { Config } from '../config.js';
import type { Log } from '../log.js';
import { sdkLogger } from '../log-safe.js';

export type LarkClient = lark.Client;

/**
 * The SDK's default token cache is process-wide, keyed by app id only, and never dropped after
 * Feishu says a token is invalid (99991663): each client gets its own cache we can clear.
 */
class TokenCache {
  private readonly values = new Map<string, { value: unknown; expiredTime?: number }>();
  async get(key: string | symbol, options?: { namespace?: string }): Promise<unknown> {
    const v = this.values.get(this.k(key, options));
    return v && (!v.expiredTime || v.expiredTime > Date.now()) ? v.value : undefined;
  }
  async set(
    key: string | symbol,
    value: unknown,
    expiredTime?: number,
    options?: { namespace?: string },
  ): Promise<boolean> {
    this.values.set(this.k(key, options), { value, expiredTime });
    return true;
  }
  clear(): void {
    this.values.clear();
  }
  private k(key: string | symbol, options?: { namespace?: string }): string {
    return `${options?.namespace ?? ''}/${key.toString()}`;
  }
}

const caches = new WeakMap<LarkClient, TokenCache>();

type HttpInstance = NonNullable<ConstructorParameters<typeof lark.Client>[0]['httpInstance']>;
type HttpOptions = Parameters<HttpInstance['request']>[0] & { signal?: AbortSignal };

/** Uploads (im/v1/files) and downloads (a message's resources) move whole files: they get the longer limit. */
const FILE_CALL = /\/open-apis\/im\/v1\/(files$|messages\/[^/]+\/resources\/)/;

/**
 * The SDK's own HTTP instance waits for ever. Every call made through this one has a time limit:
 * `timeout` ends a call whose connection stays silent, and an abort signal ends it at the limit
 * even while bytes trickle (for a download, the signal also ends the stream being read).
 */
function timedHttp(callMs: number, fileMs: number): HttpInstance {
  const base = lark.defaultHttpInstance as unknown as HttpInstance;
  const limit = (url: string | undefined, o: HttpOptions = {}): HttpOptions => {
    const ms = FILE_CALL.test(new URL(url ?? o.url ?? '', 'http://x').pathname) ? fileMs : callMs;
    return { ...o, timeout: o.timeout ?? ms, signal: o.signal ?? AbortSignal.timeout(ms) };
  };
  return {
    request: (o) => base.request(limit(o.url, o)),
    get: (url, o) => base.get(url, limit(url, o)),
    delete: (url, o) => base.delete(url, limit(url, o)),
    head: (url, o) => base.head(url, limit(url, o)),
    options: (url, o) => base.options(url, limit(url, o)),
    post: (url, data, o) => base.post(url, data, limit(url, o)),
    put: (url, data, o) => base.put(url, data, limit(url, o)),
    patch: (url, data, o) => base.patch(url, data, limit(url, o)),
  };
}

/**
 * The one SDK client; LARK_DOMAIN (or the in-process sandbox) decides where it talks. The SDK's own
 * error lines go to `log` reduced (see log-safe.ts): its default logger prints request bodies.
 */
export function createLarkClient(config: Config, log?: Log): LarkClient {
  const cache = new TokenCache();
  const client = new lark.Client({
    appId: config.lark.appId,
    appSecret: config.lark.appSecret,
    appType: lark.AppType.SelfBuild,
    domain: config.lark.domain ?? lark.Domain.Feishu,
    loggerLevel: lark.LoggerLevel.error,
    logger: sdkLogger(log),
    cache: cache as unknown as lark.Cache,
    httpInstance: timedHttp(config.larkTimeoutMs, config.larkFileTimeoutMs),
  });
  caches.set(client, cache);
  return client;
}

/** Forget the tenant token, so the next call fetches a new one. */
export function resetTenantToken(client: LarkClient): void {
  caches.get(client)?.clear();
}
