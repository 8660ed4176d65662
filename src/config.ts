import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from './db/url.js';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** An on/off switch: `true` or `false` (unset = false); anything else is a typo worth stopping for. */
function flag(name: string) {
  return optional.pipe(
    z
      .enum(['true', 'false'], { error: `must be true or false (is ${name} misspelt?)` })
      .optional()
      .transform((v) => v === 'true'),
  );
}

/** Where to set the Encrypt Key, named as the Chinese developer console names it. */
const ENCRYPT_KEY_HELP =
  'is required when LARK_APP_ID is set: without it the verification token, which travels in clear in every ' +
  'request body, is all that authenticates a request, so anyone who has seen one can forge events and card clicks. ' +
  'Set an Encrypt Key in the Feishu developer console (开发者后台 → 你的应用 → 事件与回调 → 加密策略 → Encrypt Key) ' +
  'and pass the same value here; or set LARK_ALLOW_PLAINTEXT=true to take unsigned requests anyway (not recommended)';

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: optional,
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
    LARK_ALLOW_PLAINTEXT: flag('LARK_ALLOW_PLAINTEXT'),
    LARK_SANDBOX_ON_REAL_DATA: flag('LARK_SANDBOX_ON_REAL_DATA'),
    SANDBOX_DEMO: optional.pipe(
      z
        .enum(['true', 'false'], { error: 'must be true or false (is SANDBOX_DEMO misspelt?)' })
        .optional()
        .transform((v) => v !== 'false'),
    ),
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
    JOB_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
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
    // The long connection needs no Encrypt Key (it is opened with the app secret); its HTTP webhook then
    // refuses every request unless a key or LARK_ALLOW_PLAINTEXT is given.
    if (env.LARK_APP_ID && env.LARK_EVENT_MODE === 'webhook' && !env.LARK_ENCRYPT_KEY && !env.LARK_ALLOW_PLAINTEXT)
      ctx.addIssue({ code: 'custom', path: ['LARK_ENCRYPT_KEY'], message: ENCRYPT_KEY_HELP });
  });

export interface Config {
  port: number;
  /** Listen address: HOST, else 127.0.0.1 in sandbox mode (the page acts as anyone) and 0.0.0.0 with a real app. */
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
  /**
   * A real app without LARK_ENCRYPT_KEY whose owner set LARK_ALLOW_PLAINTEXT=true: plaintext requests are
   * taken, checked by verification token and header.create_time only.
   */
  allowPlaintext: boolean;
  /**
   * Sandbox mode only: load the demo district on the first start (SANDBOX_DEMO, default true;
   * `npm start -- --empty` turns it off too). Always false with a real app.
   */
  sandboxDemo: boolean;
  /** LARK_SANDBOX_ON_REAL_DATA=true: sandbox mode may start on a database bound to a real app's users. */
  sandboxOnRealData: boolean;
  /** What is weaker than it should be in this configuration, logged at every start and shown in /healthz. */
  warnings: string[];
  /** How long an instance's claim on a running job's slot lasts unrenewed; a dead instance's run is resumed after it. */
  jobLeaseMs: number;
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
  const host = e.HOST ?? (sandbox ? '127.0.0.1' : '0.0.0.0');
  const allowPlaintext = !sandbox && !e.LARK_ENCRYPT_KEY && e.LARK_ALLOW_PLAINTEXT;
  const warnings: string[] = [];
  if (allowPlaintext)
    warnings.push(
      'LARK_ALLOW_PLAINTEXT=true and no LARK_ENCRYPT_KEY: requests are not signed, anyone who has seen the ' +
        'verification token can forge events and card clicks; set an Encrypt Key (事件与回调 → 加密策略)',
    );
  if (sandbox && !isLoopback(host))
    warnings.push(
      `sandbox mode listening on ${host}: anyone who can reach this address and has the page link can act as ` +
        'anyone on the roster; leave HOST unset to listen on 127.0.0.1 only',
    );
  return {
    port: e.PORT,
    host,
    databaseUrl: e.DATABASE_URL,
    timezone: e.APP_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    sandbox,
    sandboxPort: e.SANDBOX_PORT,
    publicUrl: e.PUBLIC_URL,
    eventMode: e.LARK_EVENT_MODE,
    outboxLeaseMs: e.OUTBOX_LEASE_MS,
    allowPlaintext,
    sandboxOnRealData: e.LARK_SANDBOX_ON_REAL_DATA,
    sandboxDemo: sandbox && e.SANDBOX_DEMO,
    warnings,
    jobLeaseMs: e.JOB_LEASE_MS,
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

/** Whether only this machine can reach the address. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
