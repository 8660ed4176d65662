import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authRoutes } from './auth.js';
import { batchAndCardRoutes, CARD_TOKEN_TTL_MS } from './batch-and-cards.js';
import { contactAndChatRoutes } from './contacts-and-chats.js';
import { errors, FeishuError } from './errors.js';
import { fileRoutes, filesOf, storeFile, type StoredFile } from './files.js';
import {
  errorBody,
  headersOf,
  matchRoute,
  queryOf,
  readBody,
  sendBinary,
  sendJson,
  type Route,
  type SandboxCore,
} from './http.js';
import { imMessageRoutes } from './im-messages.js';
import { RateLimiter } from './rate-limiter.js';
import { defaultSandboxChats, defaultSandboxUsers } from './roster.js';
import { SandboxState } from './state.js';
import { addIncoming, addVersion, newId } from './store.js';
import { revokeTenantTokens, tokenValidFor } from './tokens.js';
import type {
  FailureKind,
  IncomingEventMessage,
  SandboxCall,
  SandboxChat,
  SandboxMessage,
  SandboxOptions,
  SandboxUser,
} from './types.js';

const DEFAULT_SANDBOX_APP_ID = 'cli_sandbox00000000';
const DEFAULT_SANDBOX_APP_SECRET = 'sandbox-app-secret';

const ROUTES: Route[] = [
  ...authRoutes,
  ...imMessageRoutes,
  ...batchAndCardRoutes,
  ...contactAndChatRoutes,
  ...fileRoutes,
];

export interface Sandbox {
  readonly appId: string;
  readonly appSecret: string;
  /** The bot's own open_id (GET /open-apis/bot/v3/info), e.g. for @-mentions in group events. */
  readonly botOpenId: string;
  /** Base URL once started (give it to the SDK as `domain`); '' before. */
  readonly url: string;
  readonly state: SandboxState;
  readonly events: SandboxState['events'];
  start(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
  /** The next n authenticated calls fail this way (token calls are not affected). */
  failNext(n: number, kind: FailureKind, opts?: { resetSeconds?: number }): void;
  /**
   * A standing fault: every authenticated call fails this way until `setFault(null)` (an outage,
   * a storm of 5xx, a chat the bot was removed from). Token calls are not affected.
   */
  setFault(kind: FailureKind | null, opts?: { resetSeconds?: number }): void;
  /**
   * The next authenticated call waits, before any injected failure applies, until the returned
   * function is called (a call that hangs while something else happens).
   */
  holdNext(): () => void;
  /** Revokes the app's tenant tokens: the next call with one gets 99991663 until a new one is fetched. */
  revokeTokens(): void;
  /** Makes a card callback's update token usable for POST /open-apis/interactive/v1/card/update. */
  registerCardToken(token: string, messageId: string, ttlMs?: number): void;
  /** Registers and returns a fresh `c-…` update token for a message. */
  issueCardToken(messageId: string): string;
  /**
   * Tells the sandbox about a user's message that reached the bot as an event (pass the event's
   * `message` and `sender.sender_id.open_id`), so that replies land in its chat as in Feishu.
   */
  recordIncomingMessage(message: IncomingEventMessage, senderOpenId: string): SandboxMessage;
  /**
   * A card callback was answered with a replacement card: Feishu shows it in place of the old one
   * to everyone (2.0 cards are shared), so it becomes the message's new version.
   */
  recordCallbackCard(messageId: string, card: unknown): SandboxMessage | undefined;
  messagesTo(openIdOrChatId: string): SandboxMessage[];
  messagesIn(chatId: string): SandboxMessage[];
  lastCardTo(openIdOrChatId: string): unknown;
  lastCardMessageTo(openIdOrChatId: string): SandboxMessage | undefined;
  callCount(pathPrefix?: string): number;
  addUser(user: SandboxUser): void;
  /** A file a user is about to send to the bot: stored under a new file_key (see files.ts). */
  putUserFile(bytes: Buffer, fileName: string): string;
  /** A file uploaded through POST /open-apis/im/v1/files (or put with putUserFile). */
  file(fileKey: string): StoredFile | undefined;
  addChat(chat: SandboxChat): void;
  /** Clears calls, messages, uuids, card tokens, rate windows and pending failures. Issued tokens stay valid. */
  reset(): void;
}

interface Failure {
  kind: FailureKind;
  resetSeconds: number;
}

/**
 * A local stand-in for the Feishu Open API on node:http. Users default to `defaultSandboxUsers()`;
 * chats are the leadership group plus `opts.chats`.
 */
export function createSandbox(opts: SandboxOptions = {}): Sandbox {
  const clock = opts.now ?? Date.now;
  const users = opts.users ?? defaultSandboxUsers();
  const chats = [...defaultSandboxChats(users), ...(opts.chats ?? [])];
  const state = new SandboxState(users, chats);
  const limits = { perAppPerSecond: 50, perChatPerSecond: 5, perMessagePerSecond: 5, ...(opts.rateLimits || {}) };
  const core: SandboxCore = {
    appId: opts.appId ?? DEFAULT_SANDBOX_APP_ID,
    appSecret: opts.appSecret ?? DEFAULT_SANDBOX_APP_SECRET,
    tenantKey: opts.tenantKey ?? 'sandbox_tenant',
    botOpenId: opts.botOpenId ?? 'ou_sbx_bot',
    botName: opts.botName ?? '招商助手',
    strictReplies: opts.strictReplies ?? false,
    state,
    limiter: new RateLimiter(opts.rateLimits !== false),
    limits,
  };
  const failures: Failure[] = [];
  let fault: Failure | undefined;
  const holds: Promise<void>[] = [];
  let server: Server | undefined;
  let url = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = clock();
    const parsed = new URL(req.url ?? '/', 'http://sandbox');
    const call: SandboxCall = {
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query: queryOf(parsed),
      body: undefined,
      headers: headersOf(req),
      at: now,
    };
    state.calls.push(call);
    try {
      call.body = await readBody(req);
      const match = matchRoute(ROUTES, call.method, call.path);
      if (!match) throw errors.notFound();
      if (!match.route.open) {
        authorize(call.headers.authorization, now);
        const hold = holds.shift();
        if (hold !== undefined) await hold;
        injectFailure();
        core.limiter.take('app', limits.perAppPerSecond, now);
      }
      const reply = await match.route.handler({ ...call, params: match.params, now, core });
      call.status = reply.status ?? 200;
      call.code = typeof reply.body.code === 'number' ? reply.body.code : undefined;
      if (reply.binary) sendBinary(res, reply.binary);
      else sendJson(res, call.status, reply.body);
    } catch (e) {
      const err = e instanceof FeishuError ? e : new FeishuError(500, 500, `sandbox error: ${(e as Error).message}`);
      call.status = err.status;
      call.code = err.code;
      sendJson(res, err.status, errorBody(err), err.headers);
    }
    state.events.emit('call', call);
  }

  function authorize(header: string | undefined, now: number): void {
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!m?.[1]) throw errors.missingToken();
    if (!tokenValidFor(m[1], core.appId, now)) throw errors.invalidToken();
  }

  function injectFailure(): void {
    const f = failures.shift() ?? fault;
    if (!f) return;
    if (f.kind === 'rateLimit') throw errors.rateLimited(f.resetSeconds, limits.perAppPerSecond);
    if (f.kind === 'invalidToken') throw errors.invalidToken();
    if (f.kind === 'botNotInChat') throw errors.botNotInChat();
    throw errors.server();
  }

  const sandbox: Sandbox = {
    appId: core.appId,
    appSecret: core.appSecret,
    botOpenId: core.botOpenId,
    get url() {
      return url;
    },
    state,
    events: state.events,
    start(port = 0, host = '127.0.0.1') {
      if (server) return Promise.resolve(url);
      const s = createServer((req, res) => void handle(req, res));
      return new Promise<string>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, host, () => {
          s.off('error', reject);
          server = s;
          const addr = s.address() as AddressInfo;
          const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
          url = `http://${shownHost}:${addr.port}`;
          resolve(url);
        });
      });
    },
    stop() {
      const s = server;
      server = undefined;
      url = '';
      if (!s) return Promise.resolve();
      return new Promise<void>((resolve) => {
        s.close(() => resolve());
        // Node's agents keep connections alive; without this close() waits for them to idle out.
        s.closeAllConnections();
      });
    },
    failNext(n, kind, o = {}) {
      for (let i = 0; i < n; i++) failures.push({ kind, resetSeconds: o.resetSeconds ?? 1 });
    },
    setFault(kind, o = {}) {
      fault = kind ? { kind, resetSeconds: o.resetSeconds ?? 1 } : undefined;
    },
    holdNext() {
      let release!: () => void;
      holds.push(new Promise<void>((r) => (release = r)));
      return () => release();
    },
    revokeTokens() {
      revokeTenantTokens(core.appId);
    },
    registerCardToken(token, messageId, ttlMs = CARD_TOKEN_TTL_MS) {
      state.cardTokens.set(token, { messageId, uses: 0, expiresAt: clock() + ttlMs });
    },
    issueCardToken(messageId) {
      const token = newId('c-');
      sandbox.registerCardToken(token, messageId);
      return token;
    },
    recordIncomingMessage: (message, senderOpenId) => addIncoming(core, message, senderOpenId, clock()),
    recordCallbackCard(messageId, card) {
      const m = state.message(messageId);
      if (m?.msg_type !== 'interactive') return undefined;
      addVersion(core, m, JSON.stringify(card), card, clock(), 'callback');
      return m;
    },
    messagesTo: (id) => state.messagesTo(id),
    messagesIn: (id) => state.messagesIn(id),
    lastCardTo: (id) => state.lastCardTo(id),
    lastCardMessageTo: (id) => state.lastCardMessageTo(id),
    callCount: (prefix) => state.callCount(prefix),
    putUserFile: (bytes, fileName) => storeFile(state, { bytes, fileName, fileType: 'stream', origin: 'user' }).fileKey,
    file: (fileKey) => filesOf(state).get(fileKey),
    addUser(user) {
      state.users.set(user.open_id, { ...user });
    },
    addChat(chat) {
      state.chats.set(chat.chat_id, { ...chat });
    },
    reset() {
      state.reset();
      core.limiter.reset();
      failures.length = 0;
      fault = undefined;
    },
  };
  return sandbox;
}
