import type { Context } from 'koa';
import { decryptBody, signBody, signatureMatches } from '../feishu/crypto.js';
import { HttpError } from './body.js';

export interface VerifySettings {
  verificationToken: string;
  encryptKey?: string;
  /** Requests whose timestamp is further than this from now are refused as replays. */
  maxSkewMs: number;
  now(): number;
}

export type Verified = { kind: 'challenge'; challenge: string } | { kind: 'event'; plain: Record<string, unknown> };

/**
 * Decrypts, checks the signature over the raw bytes, the timestamp and the verification token.
 * URL verification comes without signature headers (Feishu's "request URL" check) and is answered
 * only when its token matches.
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
  }
  const header = plain.header as { token?: unknown } | undefined;
  const token = header ? header.token : plain.token;
  if (token !== s.verificationToken) throw new HttpError(401, 'verification token mismatch');
  return { kind: 'event', plain };
}
