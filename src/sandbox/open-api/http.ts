import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { errors, FeishuError } from './errors.js';
import { isMultipart, parseMultipart } from './multipart.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SandboxState } from './state.js';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** What every handler gets: the request, and the sandbox it runs in. */
export interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  now: number;
  core: SandboxCore;
}

export interface SandboxCore {
  appId: string;
  appSecret: string;
  tenantKey: string;
  botOpenId: string;
  botName: string;
  strictReplies: boolean;
  state: SandboxState;
  limiter: RateLimiter;
  limits: { perAppPerSecond: number; perChatPerSecond: number; perMessagePerSecond: number };
}

export interface Reply {
  status?: number;
  body: Record<string, unknown>;
  /** A file download answers with bytes instead of JSON. */
  binary?: { bytes: Buffer; contentType: string; fileName?: string };
}

/** Most answer at once; a file call held by a fault (files.ts) answers later. */
type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: string;
  /** Token endpoints are open; everything else needs `Authorization: Bearer <tenant token>`. */
  open?: boolean;
  handler: Handler;
}

/** Feishu's success envelope. */
export function ok(data?: Record<string, unknown>): Reply {
  return { body: data === undefined ? { code: 0, msg: 'success' } : { code: 0, msg: 'success', data } };
}

/** Matches `/open-apis/im/v1/messages/:message_id` style patterns; a trailing slash is ignored. */
export function matchRoute(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const parts = trimSlash(path).split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const pat = trimSlash(route.pattern).split('/');
    if (pat.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const hit = pat.every((p, i) => {
      const part = parts[i] ?? '';
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(part);
        return part.length > 0;
      }
      return p === part;
    });
    if (hit) return { route, params };
  }
  return undefined;
}

function trimSlash(p: string): string {
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new FeishuError(413, 413, 'request entity too large');
    chunks.push(chunk as Buffer);
  }
  const contentType = req.headers['content-type'];
  if (isMultipart(contentType)) return parseMultipart(Buffer.concat(chunks), contentType!);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw errors.badJson((e as Error).message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const logId = newLogId();
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'x-tt-logid': logId,
    'request-id': logId,
    ...headers,
  });
  res.end(payload);
}

export function sendBinary(res: ServerResponse, b: NonNullable<Reply['binary']>): void {
  const logId = newLogId();
  res.writeHead(200, {
    'content-type': b.contentType,
    'content-length': b.bytes.length,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(b.fileName ?? 'file')}`,
    'x-tt-logid': logId,
  });
  res.end(b.bytes);
}

export function errorBody(e: FeishuError): Record<string, unknown> {
  const logId = newLogId();
  return {
    code: e.code,
    msg: e.message,
    error: {
      log_id: logId,
      troubleshooter:
        '排查建议查看(Troubleshooting suggestions): ' + `https://open.feishu.cn/search?log_id=${logId}&code=${e.code}`,
      ...e.extra,
    },
  };
}

function newLogId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export function queryOf(url: URL): Record<string, string> {
  const q: Record<string, string> = {};
  url.searchParams.forEach((v, k) => {
    q[k] = v;
  });
  return q;
}

export function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const h: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) h[k] = Array.isArray(v) ? v.join(', ') : v;
  return h;
}

/** A plain object (not an array, not null). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function bodyOf(ctx: RequestContext): Record<string, unknown> {
  return isRecord(ctx.body) ? ctx.body : {};
}

export function requireString(obj: Record<string, unknown>, field: string): string {
  const v = obj[field];
  if (typeof v !== 'string' || v === '') throw errors.fieldValidation(field, `${field} is required`);
  return v;
}
