import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from './db/url.js';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .refine(
        (v) => v.startsWith('file:') || /^postgres(ql)?:\/\//.test(v),
        'must start with file: (SQLite) or postgresql://',
      ),
    LARK_APP_ID: optional,
    LARK_APP_SECRET: optional,
    LARK_VERIFICATION_TOKEN: optional,
    LARK_ENCRYPT_KEY: optional,
    LARK_DOMAIN: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
    LARK_ADMIN_OPEN_IDS: optional,
    LARK_LEADERSHIP_CHAT_ID: optional,
    APP_TIMEZONE: z
      .string()
      .default('Asia/Shanghai')
      .refine(isTimeZone, 'is not an IANA time zone such as Asia/Shanghai'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    PUBLIC_URL: optional,
    LARK_EVENT_MODE: z.enum(['webhook', 'ws']).default('webhook'),
    OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
    LARK_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    LARK_FILE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
  })
  .superRefine((env, ctx) => {
    if (env.LARK_EVENT_MODE === 'ws' && !env.LARK_APP_ID)
      ctx.addIssue({
        code: 'custom',
        path: ['LARK_EVENT_MODE'],
        message: 'ws needs a real app (LARK_APP_ID, LARK_APP_SECRET): the built-in sandbox has no long connection',
      });
    if (env.LARK_APP_ID && !env.LARK_APP_SECRET)
      ctx.addIssue({ code: 'custom', path: ['LARK_APP_SECRET'], message: 'is required when LARK_APP_ID is set' });
    if (env.LARK_APP_ID && !env.LARK_VERIFICATION_TOKEN)
      ctx.addIssue({
        code: 'custom',
        path: ['LARK_VERIFICATION_TOKEN'],
        message: 'is required when LARK_APP_ID is set (app settings → Events & Callbacks → Encryption)',
      });
  });

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  timezone: string;
  logLevel: string;
  /** true when no LARK_APP_ID is given: the built-in sandbox Open API stands in for Feishu. */
  sandbox: boolean;
  sandboxPort: number;
  publicUrl?: string;
  /** webhook: Feishu POSTs to /webhook/*; ws: the SDK's long connection (WSClient), no public URL. */
  eventMode: 'webhook' | 'ws';
  /** How long an instance's claim on an outbox row lasts; a crashed instance's rows are retaken after it. */
  outboxLeaseMs: number;
  /** Time limits of one Open API call: most calls, and file uploads and downloads. */
  larkTimeoutMs: number;
  larkFileTimeoutMs: number;
  lark: {
    appId: string;
    appSecret: string;
    verificationToken: string;
    encryptKey?: string;
    /** Open API base URL; undefined = Feishu (open.feishu.cn). In sandbox mode set at start. */
    domain?: string;
  };
  adminOpenIds: string[];
  leadershipChatId?: string;
}

/** Sandbox credentials: the local sandbox accepts exactly these. */
export const SANDBOX_LARK = {
  appId: 'cli_sandbox_app',
  appSecret: 'sandbox-secret',
  verificationToken: 'sandbox-verification-token',
  encryptKey: 'sandbox-encrypt-key',
} as const;

export class ConfigError extends Error {}

/** Parses the environment once; a bad variable throws one line naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid environment variable ${name}: ${issue.message}`);
  }
  const e = parsed.data;
  const sandbox = !e.LARK_APP_ID;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    timezone: e.APP_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    sandbox,
    sandboxPort: e.SANDBOX_PORT,
    publicUrl: e.PUBLIC_URL,
    eventMode: e.LARK_EVENT_MODE,
    outboxLeaseMs: e.OUTBOX_LEASE_MS,
    larkTimeoutMs: e.LARK_TIMEOUT_MS,
    larkFileTimeoutMs: e.LARK_FILE_TIMEOUT_MS,
    lark: sandbox
      ? { ...SANDBOX_LARK, domain: e.LARK_DOMAIN }
      : {
          appId: e.LARK_APP_ID!,
          appSecret: e.LARK_APP_SECRET!,
          verificationToken: e.LARK_VERIFICATION_TOKEN!,
          encryptKey: e.LARK_ENCRYPT_KEY,
          domain: e.LARK_DOMAIN,
        },
    adminOpenIds: (e.LARK_ADMIN_OPEN_IDS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    leadershipChatId: e.LARK_LEADERSHIP_CHAT_ID,
  };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
