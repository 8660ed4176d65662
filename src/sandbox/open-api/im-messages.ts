import { checkMsgType, parseCardString, parseContent } from './content.js';
import { errors } from './errors.js';
import { bodyOf, ok, requireString, type RequestContext, type Reply, type Route } from './http.js';
import { addMessage, addVersion, EDIT_WINDOW_MS, findByUuid, messageView, resolveTarget } from './store.js';
import type { SandboxMessage } from './types.js';

// im/v1 messages: send, reply, PATCH (card update), get.
// https://open.feishu.cn/document/server-docs/im-v1/message/create

const RECEIVE_ID_TYPES = new Set(['open_id', 'user_id', 'union_id', 'email', 'chat_id']);

function createMessage(ctx: RequestContext): Reply {
  const idType = ctx.query.receive_id_type;
  if (!idType || !RECEIVE_ID_TYPES.has(idType)) {
    throw errors.fieldValidation(
      'receive_id_type',
      'receive_id_type is required: open_id, user_id, union_id, email or chat_id',
    );
  }
  const body = bodyOf(ctx);
  const receiveId = requireString(body, 'receive_id');
  const msgType = requireString(body, 'msg_type');
  const raw = requireString(body, 'content');
  const uuid = optionalUuid(body.uuid);
  checkMsgType(msgType);
  const content = parseContent(msgType, raw);
  const target = resolveTarget(ctx.core, idType, receiveId);
  const earlier = findByUuid(ctx.core, uuid, ctx.now);
  if (earlier) return ok(messageView(ctx.core, earlier));
  takeChatSlot(ctx, target.chat.chat_id);
  const m = addMessage(ctx.core, { target, msg_type: msgType, raw, content, now: ctx.now, uuid });
  return ok(messageView(ctx.core, m));
}

export const UNSEEN_CHAT_ID = 'oc_sbx_unseen';

function replyMessage(ctx: RequestContext): Reply {
  const parent = ctx.core.strictReplies
    ? existing(ctx)
    : (ctx.core.state.message(ctx.params.message_id ?? '') ?? unseenParent(ctx));
  const body = bodyOf(ctx);
  const msgType = requireString(body, 'msg_type');
  const raw = requireString(body, 'content');
  const uuid = optionalUuid(body.uuid);
  checkMsgType(msgType);
  const content = parseContent(msgType, raw);
  const chat = ctx.core.state.chats.get(parent.chat_id);
  if (!chat) throw errors.invalidParam('invalid message_id');
  const earlier = findByUuid(ctx.core, uuid, ctx.now);
  if (earlier) return ok(messageView(ctx.core, earlier));
  takeChatSlot(ctx, chat.chat_id);
  const receiverOpenId = parent.receiver_open_id ?? (chat.chat_mode === 'p2p' ? chat.owner_id : undefined);
  const target = { chat, receiver: { id: chat.chat_id, id_type: 'chat_id' }, receiver_open_id: receiverOpenId };
  const m = addMessage(ctx.core, { target, msg_type: msgType, raw, content, now: ctx.now, uuid, parent });
  return ok(messageView(ctx.core, m));
}

// PATCH only updates shared cards the app sent itself, within 14 days, never batch-sent ones.
// https://open.feishu.cn/document/server-docs/im-v1/message-card/patch
function patchMessage(ctx: RequestContext): Reply {
  const m = existing(ctx);
  const raw = requireString(bodyOf(ctx), 'content');
  if (m.from_open_id) throw errors.notSender();
  if (m.batch) throw errors.invalidParam('batch messages can not be updated');
  if (m.msg_type !== 'interactive') throw errors.invalidParam('only interactive (card) messages can be updated');
  if (ctx.now - m.create_time > EDIT_WINDOW_MS) throw errors.editWindow();
  const card = parseCardString(raw);
  ctx.core.limiter.take(`message:${m.message_id}`, ctx.core.limits.perMessagePerSecond, ctx.now);
  addVersion(ctx.core, m, raw, card, ctx.now, 'patch');
  return ok({});
}

/** A parent the sandbox never saw (its event went straight to the bot): a stand-in in `oc_sbx_unseen`. */
function unseenParent(ctx: RequestContext): SandboxMessage {
  const id = ctx.params.message_id ?? '';
  if (!ctx.core.state.chats.has(UNSEEN_CHAT_ID)) {
    ctx.core.state.chats.set(UNSEEN_CHAT_ID, {
      chat_id: UNSEEN_CHAT_ID,
      name: '(messages the sandbox never saw)',
      chat_mode: 'group',
    });
  }
  return { message_id: id, chat_id: UNSEEN_CHAT_ID } as SandboxMessage;
}

function getMessage(ctx: RequestContext): Reply {
  const m = existing(ctx);
  return ok({ items: [messageView(ctx.core, m)] });
}

function existing(ctx: RequestContext): SandboxMessage {
  const id = ctx.params.message_id ?? '';
  const m = ctx.core.state.message(id);
  if (!m) throw errors.invalidParam(`invalid message_id: ${id}`);
  return m;
}

function optionalUuid(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' || v.length > 50)
    throw errors.fieldValidation('uuid', 'uuid is a string of at most 50 characters');
  return v;
}

/** Feishu: at most 5 messages per second to one user or one group. */
function takeChatSlot(ctx: RequestContext, chatId: string): void {
  ctx.core.limiter.take(`chat:${chatId}`, ctx.core.limits.perChatPerSecond, ctx.now);
}

export const imMessageRoutes: Route[] = [
  { method: 'POST', pattern: '/open-apis/im/v1/messages', handler: createMessage },
  { method: 'POST', pattern: '/open-apis/im/v1/messages/:message_id/reply', handler: replyMessage },
  { method: 'PATCH', pattern: '/open-apis/im/v1/messages/:message_id', handler: patchMessage },
  { method: 'GET', pattern: '/open-apis/im/v1/messages/:message_id', handler: getMessage },
];
