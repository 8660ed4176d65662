import type { ClickedAction } from './client/card-context.js';
import crypto from 'node:crypto';
import type { Config } from '../../config.js';
import { encryptBody, signBody } from '../../feishu/crypto.js';
import type { Sandbox } from '../open-api/index.js';
import type { IncomingEventMessage, SandboxUser } from '../open-api/types.js';

// What the page types, sends, taps and clicks, turned into the payloads Feishu would POST to the bot:
// `im.message.receive_v1` events (text and file messages), `application.bot.menu_v6` menu taps and
// `card.action.trigger` callbacks (schema 2.0), encrypted with
// the app's encrypt key and signed, so they pass the same edge as real ones.
// https://open.feishu.cn/document/server-docs/im-v1/message/events/receive

const BOT_MENTION_KEY = '@_user_1';

export interface PageContext {
  sandbox: Sandbox;
  config: Config;
  /** The bot's own base URL (known once it listens). */
  botUrl(): string;
}

/** A message the page's user sends: typed text, or a file they attached (stored in the sandbox under fileKey). */
export type TypedMessage = {
  sender: SandboxUser;
  chatId: string;
  chatType: 'p2p' | 'group';
} & ({ text: string; mentionBot: boolean } | { file: { fileKey: string; fileName: string } });

function newEventId(): string {
  return crypto.randomUUID().replace(/-/g, '');
}

function tenantKey(): string {
  return 'sandbox_tenant';
}

function header(ctx: PageContext, eventType: string, createTime: string): Record<string, string> {
  return {
    event_id: newEventId(),
    event_type: eventType,
    create_time: createTime,
    token: ctx.config.lark.verificationToken,
    app_id: ctx.config.lark.appId,
    tenant_key: tenantKey(),
  };
}

function userIdOf(u: SandboxUser): Record<string, string> {
  return { open_id: u.open_id, union_id: u.union_id, user_id: u.user_id };
}

/** The event for a typed message or a sent file; the caller records the message in the sandbox so replies land in its chat. */
export function buildMessageEvent(
  ctx: PageContext,
  m: TypedMessage,
): { payload: Record<string, unknown>; message: IncomingEventMessage } {
  const now = String(Date.now());
  const mentionBot = 'text' in m && m.mentionBot;
  const mentions = mentionBot
    ? [
        {
          key: BOT_MENTION_KEY,
          id: { open_id: ctx.sandbox.botOpenId, union_id: '', user_id: '' },
          name: '招商助手',
          tenant_key: tenantKey(),
        },
      ]
    : [];
  // A file message's content is its file_key and name, as Feishu sends it; it cannot @-mention anyone.
  const [messageType, content] =
    'file' in m
      ? ['file', { file_key: m.file.fileKey, file_name: m.file.fileName }]
      : ['text', { text: mentionBot ? `${BOT_MENTION_KEY} ${m.text}` : m.text }];
  const message = {
    message_id: `om_${newEventId()}`,
    root_id: '',
    parent_id: '',
    create_time: now,
    update_time: now,
    chat_id: m.chatId,
    chat_type: m.chatType,
    message_type: messageType,
    content: JSON.stringify(content),
    ...(mentions.length ? { mentions } : {}),
    user_agent: 'Mozilla/5.0 招商助手本地聊天页',
  };
  const payload = {
    schema: '2.0',
    header: header(ctx, 'im.message.receive_v1', now),
    event: { sender: { sender_id: userIdOf(m.sender), sender_type: 'user', tenant_key: tenantKey() }, message },
  };
  return { payload, message };
}

/**
 * A tap on an item of the bot's custom menu: `application.bot.menu_v6` names the operator and the
 * item's event_key, and no chat (the bot answers the operator's open_id).
 * https://open.feishu.cn/document/server-docs/application-v6/bot/events/menu
 */
export function buildMenuEvent(ctx: PageContext, operator: SandboxUser, eventKey: string): Record<string, unknown> {
  const now = Date.now();
  return {
    schema: '2.0',
    header: header(ctx, 'application.bot.menu_v6', String(now)),
    event: {
      operator: { operator_name: operator.name, operator_id: userIdOf(operator) },
      event_key: eventKey,
      timestamp: String(Math.floor(now / 1000)),
    },
  };
}

// What a click sends: one definition, in the browser code (type-only import).
export type { ClickedAction } from './client/card-context.js';

/** A card callback with a fresh update token the bot may use for a delayed update. */
export function buildCardCallback(
  ctx: PageContext,
  operator: SandboxUser,
  messageId: string,
  chatId: string,
  action: ClickedAction,
): Record<string, unknown> {
  const token = ctx.sandbox.issueCardToken(messageId);
  return {
    schema: '2.0',
    header: header(ctx, 'card.action.trigger', String(Date.now() * 1000)),
    event: {
      operator: { ...userIdOf(operator), tenant_key: tenantKey() },
      token,
      action: { ...action, timezone: ctx.config.timezone },
      host: 'im_message',
      context: { open_message_id: messageId, open_chat_id: chatId },
    },
  };
}

/** Encrypts, signs and POSTs as Feishu does; returns the status and the parsed answer. */
export async function postToBot(
  ctx: PageContext,
  path: '/webhook/event' | '/webhook/card',
  payload: Record<string, unknown>,
): Promise<{ status: number; body: unknown }> {
  const plain = JSON.stringify(payload);
  const key = ctx.config.lark.encryptKey;
  const raw = key ? JSON.stringify({ encrypt: encryptBody(key, plain) }) : plain;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) {
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = crypto.randomBytes(8).toString('hex');
    headers['x-lark-request-timestamp'] = ts;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = signBody(ts, nonce, key, raw);
  }
  const res = await fetch(ctx.botUrl() + path, { method: 'POST', headers, body: raw });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // not JSON: keep the text for the page's error toast
  }
  return { status: res.status, body };
}
