import type { Context } from 'koa';
import { decryptBody, signBody, signatureMatches } from '../feishu/crypto.js';
import { HttpError } from './body.js';

export interface VerifySettings {
  verificationToken: string;
  encryptKey?: string;
  /**
   * Without an encrypt key: true (LARK_ALLOW_PLAINTEXT) takes plaintext requests checked by token and
   * header.create_time; false refuses every request (the long connection carries the events).
   */
  allowPlaintext?: boolean;
  /** Requests whose timestamp is further than this from now are refused as replays. */
  maxSkewMs: number;
  now(): number;
}

export type Verified = { kind: 'challenge'; challenge: string } | { kind: 'event'; plain: Record<string, unknown> };

/**
 * Decrypts, checks the signature over the raw bytes, the timestamp and the verification token.
 * URL verification comes without signature headers (Feishu's "request URL" check) and is answered
 * only when its token matches. A plaintext request (no encrypt key, LARK_ALLOW_PLAINTEXT) has no
 * signed timestamp, so its event time (header.create_time) must lie inside the replay window.
 */
export function verifyRequest(ctx: Context, raw: string, body: Record<string, unknown>, s: VerifySettings): Verified {
  let plain = body;
  if (typeof body.encrypt === 'string') {
    if (!s.encryptKey) throw new HttpError(400, 'encrypted body but no LARK_ENCRYPT_KEY configured');
    try {
      plain = JSON.parse(decryptBody(s.encryptKey, body.encrypt)) as Record<string, unknown>;
    } catch {
      throw new HttpError(401, 'body cannot be decrypted with the configured encrypt key');
    }
  } else if (s.encryptKey) {
    throw new HttpError(401, 'an encrypt key is configured: unencrypted requests are refused');
  } else if (!s.allowPlaintext) {
    throw new HttpError(403, 'no LARK_ENCRYPT_KEY configured: HTTP callbacks are refused');
  }
  if (plain.type === 'url_verification') {
    if (plain.token !== s.verificationToken) throw new HttpError(401, 'verification token mismatch');
    return { kind: 'challenge', challenge: String(plain.challenge ?? '') };
  }
  if (s.encryptKey) {
    const ts = ctx.get('x-lark-request-timestamp');
    const nonce = ctx.get('x-lark-request-nonce');
    const sig = ctx.get('x-lark-signature');
    if (!ts || !sig || !signatureMatches(signBody(ts, nonce, s.encryptKey, raw), sig))
      throw new HttpError(401, 'bad or missing signature');
    const tsMs = Number(ts) * 1000;
    if (!Number.isFinite(tsMs) || Math.abs(s.now() - tsMs) > s.maxSkewMs)
      throw new HttpError(401, 'request timestamp outside the allowed window (replay?)');
  } else {
    const createdMs = createTimeMs((plain.header as { create_time?: unknown } | undefined)?.create_time);
    if (createdMs === undefined)
      throw new HttpError(401, 'unsigned request without header.create_time (schema 2.0) is refused');
    if (Math.abs(s.now() - createdMs) > s.maxSkewMs)
      throw new HttpError(401, 'event create_time outside the allowed window (replay?)');
  }
  const header = plain.header as { token?: unknown } | undefined;
  const token = header ? header.token : plain.token;
  if (token !== s.verificationToken) throw new HttpError(401, 'verification token mismatch');
  return { kind: 'event', plain };
}

/**
 * header.create_time in milliseconds. Feishu writes milliseconds for events and microseconds for card
 * callbacks (both as strings); seconds are read too. Undefined when missing or not a number.
 */
function createTimeMs(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) return undefined;
  if (n >= 1e14) return n / 1000;
  if (n >= 1e11) return n;
  return n * 1000;
}
