import { randomBytes } from 'node:crypto';

// tenant_access_token issuing. Like Feishu, asking again while the current token has more than
// 30 minutes left returns the same token with its remaining lifetime.
//
// The registry is process-wide on purpose: the SDK caches tokens in a module-global cache keyed by
// app id (not by domain), so a client that outlives one sandbox keeps sending the old token to the
// next sandbox with the same app id. Real Feishu would still accept it, and so does the sandbox.

const TOKEN_TTL_SECONDS = 7200;
const REISSUE_BELOW_MS = 30 * 60 * 1000;

interface Issued {
  appId: string;
  expiresAt: number;
}

const issued = new Map<string, Issued>();

export function issueTenantToken(appId: string, now: number): { token: string; expire: number } {
  for (const [token, t] of issued) {
    if (t.expiresAt <= now) issued.delete(token);
    else if (t.appId === appId && t.expiresAt - now > REISSUE_BELOW_MS) {
      return { token, expire: Math.floor((t.expiresAt - now) / 1000) };
    }
  }
  const token = `t-${randomBytes(20).toString('hex')}`;
  issued.set(token, { appId, expiresAt: now + TOKEN_TTL_SECONDS * 1000 });
  return { token, expire: TOKEN_TTL_SECONDS };
}

export function tokenValidFor(token: string, appId: string, now: number): boolean {
  const t = issued.get(token);
  return !!t && t.appId === appId && t.expiresAt > now;
}

/** Revokes every token issued to the app, as Feishu does when the app secret is reset. */
export function revokeTenantTokens(appId: string): number {
  let n = 0;
  for (const [token, t] of issued) {
    if (t.appId === appId) {
      issued.delete(token);
      n++;
    }
  }
  return n;
}
