import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';
import { safeError } from './log-safe.js';

export type Log = Logger;

export interface LogOptions {
  /** Exact values never to print (the app secret, the encrypt key, the verification token). */
  secrets?: readonly string[];
  /** Where the lines go (default stdout); tests pass a stream to read them. */
  destination?: DestinationStream;
}

// Fields removed wherever they appear up to three levels deep: credentials, and the personal data the
// roster holds (mobiles, e-mails).
const SENSITIVE_KEYS = [
  'authorization',
  'Authorization',
  'tenant_access_token',
  'app_access_token',
  'user_access_token',
  'access_token',
  'app_secret',
  'appSecret',
  'encrypt_key',
  'encryptKey',
  'verificationToken',
  'mobile',
  'mobiles',
  'email',
  'emails',
];
const REDACT_PATHS = SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

// The same kinds of value, caught in the finished line whatever field or message text they are in.
const LINE_PATTERNS: [RegExp, string][] = [
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]'],
  [/\b[tu]-[A-Za-z0-9_.-]{16,}/g, '[redacted token]'],
  [
    /"(tenant_access_token|app_access_token|user_access_token|access_token|app_secret|encrypt_key|authorization)":"(?:[^"\\]|\\.)*"/gi,
    '"$1":"[redacted]"',
  ],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[email]'],
  [/(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g, '[mobile]'],
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces tokens, mobiles, e-mails and the given secrets in one finished log line. */
function scrubber(secrets: readonly string[]): (line: string) => string {
  const exact = secrets
    .filter((s) => s.length >= 6)
    .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])
    .map((s) => new RegExp(escapeRegExp(s), 'g'));
  return (line) => {
    let out = line;
    for (const re of exact) out = out.replace(re, '[redacted]');
    for (const [re, by] of LINE_PATTERNS) out = out.replace(re, by);
    return out;
  };
}

/** The configuration's secrets, for createLog's `secrets`. */
export function secretsOf(config: Config): string[] {
  const { appSecret, encryptKey, verificationToken } = config.lark;
  return [appSecret, encryptKey ?? '', verificationToken];
}

export function createLog(level = 'info', opts: LogOptions = {}): Log {
  const options = {
    level,
    base: { app: 'zhaoshang-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: (e: unknown) => safeError(e), error: (e: unknown) => safeError(e) },
    hooks: { streamWrite: scrubber(opts.secrets ?? []) },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
