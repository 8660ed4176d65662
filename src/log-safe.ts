// What may reach the log from an error. The SDK throws axios' errors, which carry the request (its
// Authorization header with the tenant token, its body with mobiles and e-mails) and the whole
// answer; the SDK's own logger prints the request body too. Both are reduced here to what helps
// with Feishu's support: the HTTP status, Feishu's code and msg, and the log id (x-tt-logid).

/** A Feishu call that failed, as it may be logged. */
interface FeishuFailure {
  type: 'FeishuApiError';
  message: string;
  status?: number;
  code?: unknown;
  msg?: unknown;
  logId?: unknown;
  method?: string;
  /** The URL path without its query (the query may hold ids such as mobiles). */
  path?: string;
}

type Bag = Record<string, unknown>;
const isBag = (v: unknown): v is Bag => typeof v === 'object' && v !== null;

/** Feishu's answer body ({code, msg, error: {log_id}}) reduced to those three. */
function feishuAnswer(data: unknown): Pick<FeishuFailure, 'code' | 'msg' | 'logId'> {
  if (!isBag(data)) return {};
  const error = isBag(data.error) ? data.error : {};
  return { code: data.code, msg: data.msg, logId: data.log_id ?? error.log_id };
}

function pathOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url, 'http://feishu').pathname;
  } catch {
    return undefined;
  }
}

/**
 * An axios error (what the SDK throws for a non-2xx answer), or the SDK's own summary of one
 * ({message, config, request, response}): reduced to a FeishuFailure. Undefined for anything else.
 */
function feishuFailure(value: unknown): FeishuFailure | undefined {
  if (!isBag(value)) return undefined;
  const response = isBag(value.response) ? value.response : undefined;
  const config = isBag(value.config) ? value.config : undefined;
  if (!value.isAxiosError && !(response && (config || 'status' in response))) return undefined;
  const headers = response && isBag(response.headers) ? response.headers : {};
  const answer = feishuAnswer(response?.data);
  const status = typeof response?.status === 'number' ? response.status : undefined;
  return {
    type: 'FeishuApiError',
    message: status ? `Feishu answered HTTP ${status}` : `Feishu call failed: ${String(value.code ?? 'no answer')}`,
    status,
    ...answer,
    logId: headers['x-tt-logid'] ?? answer.logId,
    method: typeof config?.method === 'string' ? config.method.toUpperCase() : undefined,
    path: pathOf(config?.url),
  };
}

/**
 * pino's serializer for `err`: a Feishu call's failure as a FeishuFailure; any other error as its
 * type, message, stack, plain fields (code, …) and cause — never the objects hung on it.
 */
export function safeError(e: unknown, depth = 0): unknown {
  const failure = feishuFailure(e);
  if (failure) return failure;
  if (!(e instanceof Error)) return isBag(e) ? { type: 'object', keys: Object.keys(e).slice(0, 10) } : e;
  const out: Bag = { type: e.constructor?.name || e.name, message: e.message, stack: e.stack };
  for (const [k, v] of Object.entries(e)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
  }
  if (e.cause !== undefined && depth < 3) out.cause = safeError(e.cause, depth + 1);
  return out;
}

interface SdkLog {
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** One thing the SDK logs: a failure reduced, a Feishu answer body reduced, text as it is. */
function sdkItem(v: unknown): unknown {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  const failure = feishuFailure(v);
  if (failure) return failure;
  if (v instanceof Error) return safeError(v);
  const answer = feishuAnswer(v);
  return answer.code !== undefined || answer.msg !== undefined ? answer : '[object]';
}

/**
 * A logger for the SDK (its `logger` option) writing to ours: its error and warn lines as warnings,
 * the rest at debug, each argument reduced as above. Without a log the SDK stays silent.
 */
export function sdkLogger(log?: SdkLog) {
  const line = (level: 'warn' | 'debug') => (args: unknown) => {
    const items = (Array.isArray(args) ? args : [args]).flatMap((a) => (Array.isArray(a) ? a : [a]));
    log?.[level]({ sdk: items.map(sdkItem) }, 'Feishu SDK');
  };
  return { error: line('warn'), warn: line('warn'), info: line('debug'), debug: line('debug'), trace: line('debug') };
}
