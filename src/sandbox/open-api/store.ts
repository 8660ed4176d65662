import { randomBytes } from 'node:crypto';
import { errors } from './errors.js';
import type { SandboxCore } from './http.js';
import type { IncomingEventMessage, MessageVersion, SandboxChat, SandboxMessage, VersionSource } from './types.js';

// Creating and changing messages in the sandbox's state, shared by the send, reply, batch-send,
// PATCH and delayed-update endpoints.

const UUID_WINDOW_MS = 60 * 60 * 1000;
export const EDIT_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;

export function newId(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

export interface Target {
  chat: SandboxChat;
  receiver: { id: string; id_type: string };
  receiver_open_id?: string;
}

/** Where a message with this receive_id goes: a group the bot is in, or a user's 1:1 chat with the bot. */
export function resolveTarget(core: SandboxCore, idType: string, id: string): Target {
  const { state } = core;
  const receiver = { id, id_type: idType };
  if (idType === 'chat_id') {
    let chat = state.chats.get(id);
    if (!chat && id.startsWith('oc_p2p_')) {
      const user = state.userBy('open_id', id.slice('oc_p2p_'.length));
      if (user) chat = state.p2pChatFor(user);
    }
    if (!chat) throw errors.invalidParam('invalid receive_id');
    if (chat.bot_member === false) throw errors.botNotInChat();
    const openId = chat.chat_mode === 'p2p' ? chat.owner_id : undefined;
    return { chat, receiver, receiver_open_id: openId };
  }
  const user = state.userBy(idType, id);
  if (!user || user.resigned) throw errors.noAvailability();
  return { chat: state.p2pChatFor(user), receiver, receiver_open_id: user.open_id };
}

/** The message sent earlier with this uuid, if within the hour. */
export function findByUuid(core: SandboxCore, uuid: string | undefined, now: number): SandboxMessage | undefined {
  if (!uuid) return undefined;
  const m = core.state.byUuid.get(uuid);
  return m && now - m.create_time < UUID_WINDOW_MS ? m : undefined;
}

export interface NewMessage {
  target: Target;
  msg_type: string;
  raw: string;
  content: unknown;
  now: number;
  uuid?: string;
  batch_message_id?: string;
  parent?: SandboxMessage;
}

export function addMessage(core: SandboxCore, n: NewMessage): SandboxMessage {
  const version: MessageVersion = { raw: n.raw, content: n.content, at: n.now, via: 'create' };
  const m: SandboxMessage = {
    message_id: newId('om_'),
    chat_id: n.target.chat.chat_id,
    chat_type: n.target.chat.chat_mode === 'p2p' ? 'p2p' : 'group',
    receiver: n.target.receiver,
    receiver_open_id: n.target.receiver_open_id,
    msg_type: n.msg_type,
    content: n.content,
    raw: n.raw,
    versions: [version],
    batch: !!n.batch_message_id,
    batch_message_id: n.batch_message_id,
    uuid: n.uuid,
    parent_id: n.parent?.message_id,
    root_id: n.parent ? (n.parent.root_id ?? n.parent.message_id) : undefined,
    create_time: n.now,
    update_time: n.now,
    updated: false,
  };
  core.state.messages.push(m);
  if (n.uuid) core.state.byUuid.set(n.uuid, m);
  core.state.events.emit('message', m);
  return m;
}

export function addVersion(
  core: SandboxCore,
  m: SandboxMessage,
  raw: string,
  content: unknown,
  now: number,
  via: VersionSource,
): void {
  const version: MessageVersion = { raw, content, at: now, via };
  m.versions.push(version);
  m.raw = raw;
  m.content = content;
  m.update_time = now;
  m.updated = true;
  core.state.events.emit('update', m, version);
}

/**
 * A user's message the bot was told about by an event, so that replies to it land in its chat.
 * An unknown chat is added (a 1:1 chat owned by the sender when chat_type is p2p).
 */
export function addIncoming(
  core: SandboxCore,
  msg: IncomingEventMessage,
  senderOpenId: string,
  now: number,
): SandboxMessage {
  const { state } = core;
  const known = state.message(msg.message_id);
  if (known) return known;
  const p2p = msg.chat_type === 'p2p';
  let chat = state.chats.get(msg.chat_id);
  if (!chat) {
    const user = state.userBy('open_id', senderOpenId);
    chat = {
      chat_id: msg.chat_id,
      name: p2p ? (user?.name ?? senderOpenId) : msg.chat_id,
      chat_mode: p2p ? 'p2p' : 'group',
    };
    if (p2p) chat.owner_id = senderOpenId;
    chat.members = [senderOpenId];
    state.chats.set(chat.chat_id, chat);
  }
  const raw = msg.content ?? '{}';
  let content: unknown = raw;
  try {
    content = JSON.parse(raw);
  } catch {
    // keep the raw string
  }
  const at = Number(msg.create_time) || now;
  const m: SandboxMessage = {
    message_id: msg.message_id,
    chat_id: chat.chat_id,
    chat_type: chat.chat_mode === 'p2p' ? 'p2p' : 'group',
    receiver: { id: chat.chat_id, id_type: 'chat_id' },
    msg_type: msg.message_type ?? 'text',
    content,
    raw,
    versions: [{ raw, content, at, via: 'create' }],
    batch: false,
    parent_id: msg.parent_id || undefined,
    root_id: msg.root_id || undefined,
    create_time: at,
    update_time: at,
    updated: false,
    from_open_id: senderOpenId,
  };
  state.messages.push(m);
  state.events.emit('message', m);
  return m;
}

/** The message object as Feishu's im/v1 APIs return it. */
export function messageView(core: SandboxCore, m: SandboxMessage): Record<string, unknown> {
  return {
    message_id: m.message_id,
    ...(m.root_id ? { root_id: m.root_id } : {}),
    ...(m.parent_id ? { parent_id: m.parent_id } : {}),
    msg_type: m.msg_type,
    create_time: String(m.create_time),
    update_time: String(m.update_time),
    deleted: false,
    updated: m.updated,
    chat_id: m.chat_id,
    sender: m.from_open_id
      ? { id: m.from_open_id, id_type: 'open_id', sender_type: 'user', tenant_key: core.tenantKey }
      : { id: core.appId, id_type: 'app_id', sender_type: 'app', tenant_key: core.tenantKey },
    body: { content: m.raw },
  };
}
