import crypto from 'node:crypto';
import net from 'node:net';
import type { Context, Next } from 'koa';

// The page's API lets whoever calls it act as anyone on the roster, so it answers only the page itself:
// - a random token made at each start, which only the link in the start log carries (the page sends it
//   on every call as a header; the event stream and a file bubble's download link, which cannot send
//   headers, as ?t=);
// - same origin: a browser's Origin / Sec-Fetch-Site must say the call comes from this page, and the
//   Host must be an IP address or localhost (a DNS name pointing here is how DNS rebinding gets in);
// - POSTs only as application/json, which a foreign page cannot send without asking first (CORS).

const PAGE_TOKEN_HEADER = 'x-sandbox-token';

const STALE_LINK =
  '本页的访问口令缺失或已失效：请打开启动日志里 “local chat page:” 一行给出的完整地址（?t= 和它后面的那串字符不能少；重启后要用新的地址）。';

/**
 * 24 random lowercase letters (about 113 bits). Letters only, so that the log's scrubbing of phone
 * numbers and tokens (log.ts) never touches the page link it prints.
 */
export function newPageToken(): string {
  return Array.from({ length: 24 }, () => String.fromCharCode(97 + crypto.randomInt(26))).join('');
}

/** Koa middleware for /sandbox/api/*: refuses with 4xx anything that is not the page's own call. */
export function pageApiGuard(token: string) {
  const expected = Buffer.from(token);
  const tokenMatches = (given: string) => {
    const b = Buffer.from(given);
    return b.length === expected.length && crypto.timingSafeEqual(b, expected);
  };
  return async (ctx: Context, next: Next): Promise<void> => {
    const refusal = refuse(ctx, tokenMatches);
    if (refusal) {
      ctx.status = refusal.status;
      ctx.body = { error: refusal.error };
      return;
    }
    await next();
  };
}

function refuse(ctx: Context, tokenMatches: (t: string) => boolean): { status: number; error: string } | undefined {
  const host = hostnameOf(ctx.get('host'));
  if (!host || !(host === 'localhost' || net.isIP(host)))
    return { status: 403, error: '本地体验页只能用 IP 地址或 localhost 打开，请使用启动日志里给出的地址。' };
  const origin = ctx.get('origin');
  if (origin && origin !== `${ctx.protocol}://${ctx.get('host')}`)
    return { status: 403, error: '拒绝来自其他网站的请求。' };
  const site = ctx.get('sec-fetch-site');
  if (site && site !== 'same-origin') return { status: 403, error: '拒绝来自其他网站的请求。' };
  const given = ctx.get(PAGE_TOKEN_HEADER) || (tokenMayBeInQuery(ctx) ? String(ctx.query.t ?? '') : '');
  if (!given || !tokenMatches(given)) return { status: 403, error: STALE_LINK };
  if (ctx.method === 'POST' && !ctx.is('application/json'))
    return { status: 415, error: '只接受 application/json 格式的请求。' };
  return undefined;
}

/** The host name of a Host header (`127.0.0.1:3000`, `[::1]:3000`, `localhost`), without port or brackets. */
function hostnameOf(header: string): string | undefined {
  try {
    return new URL(`http://${header}`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

/** The event stream and file downloads (GETs a browser makes without headers of ours) carry the token as ?t=. */
function tokenMayBeInQuery(ctx: Context): boolean {
  return ctx.method === 'GET' && (ctx.path === '/sandbox/api/stream' || ctx.path.startsWith('/sandbox/api/files/'));
}
