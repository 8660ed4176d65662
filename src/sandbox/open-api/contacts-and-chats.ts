import { errors } from './errors.js';
import { bodyOf, ok, type RequestContext, type Reply, type Route } from './http.js';
import type { SandboxChat, SandboxUser } from './types.js';

// contact/v3 users and im/v1 chats, read-only.

const USER_ID_TYPES = new Set(['open_id', 'union_id', 'user_id']);
const BATCH_GET_MAX = 50;

function idTypeOf(ctx: RequestContext): 'open_id' | 'union_id' | 'user_id' {
  const t = ctx.query.user_id_type ?? 'open_id';
  if (!USER_ID_TYPES.has(t))
    throw errors.fieldValidation('user_id_type', 'user_id_type must be open_id, union_id or user_id');
  return t as 'open_id' | 'union_id' | 'user_id';
}

function statusOf(u: SandboxUser): Record<string, boolean> {
  return {
    is_frozen: !!u.frozen,
    is_resigned: !!u.resigned,
    is_activated: !u.resigned,
    is_exited: false,
    is_unjoin: false,
  };
}

function userView(u: SandboxUser): Record<string, unknown> {
  return {
    open_id: u.open_id,
    union_id: u.union_id,
    user_id: u.user_id,
    name: u.name,
    en_name: u.en_name ?? '',
    ...(u.email ? { email: u.email } : {}),
    ...(u.mobile ? { mobile: u.mobile, mobile_visible: true } : {}),
    status: statusOf(u),
    department_ids: u.department_ids ?? [],
    job_title: u.job_title ?? '',
    is_tenant_manager: false,
  };
}

function getUser(ctx: RequestContext): Reply {
  const user = ctx.core.state.userBy(idTypeOf(ctx), ctx.params.user_id ?? '');
  if (!user) throw errors.noUser();
  return ok({ user: userView(user) });
}

/** Mobiles match with or without +86 and separators, as Feishu treats mainland numbers. */
function sameMobile(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/[\s-]/g, '').replace(/^\+86/, '');
  return norm(a) === norm(b);
}

// Unknown (or, without include_resigned, resigned) people come back without user_id.
// https://open.feishu.cn/document/server-docs/contact-v3/user/batch_get_id
function batchGetId(ctx: RequestContext): Reply {
  const idType = idTypeOf(ctx);
  const body = bodyOf(ctx);
  const emails = stringList(body, 'emails');
  const mobiles = stringList(body, 'mobiles');
  const includeResigned = body.include_resigned === true;
  const users = [...ctx.core.state.users.values()].filter((u) => includeResigned || !u.resigned);
  const found = (u: SandboxUser | undefined) => (u ? { user_id: u[idType], status: statusOf(u) } : {});
  const userList = [
    ...emails.map((email) => ({ ...found(users.find((u) => u.email?.toLowerCase() === email.toLowerCase())), email })),
    ...mobiles.map((mobile) => ({ ...found(users.find((u) => !!u.mobile && sameMobile(u.mobile, mobile))), mobile })),
  ];
  return ok({ user_list: userList });
}

function stringList(body: Record<string, unknown>, field: string): string[] {
  const v = body[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw errors.fieldValidation(field, `${field} must be a list of strings`);
  if (v.length > BATCH_GET_MAX) throw errors.fieldValidation(field, `${field} holds at most ${BATCH_GET_MAX} items`);
  return v as string[];
}

function chatView(ctx: RequestContext, c: SandboxChat): Record<string, unknown> {
  const members = c.members ?? [];
  return {
    avatar: '',
    name: c.name,
    description: c.description ?? '',
    owner_id_type: 'open_id',
    owner_id: c.owner_id ?? '',
    chat_mode: c.chat_mode ?? 'group',
    chat_type: 'private',
    external: !!c.external,
    tenant_key: ctx.core.tenantKey,
    user_count: String(members.length),
    bot_count: '1',
    chat_status: 'normal',
  };
}

function getChat(ctx: RequestContext): Reply {
  const chat = ctx.core.state.chats.get(ctx.params.chat_id ?? '');
  if (!chat || chat.bot_member === false) throw errors.invalidChat();
  return ok(chatView(ctx, chat));
}

/** Groups the bot is in (1:1 chats are not listed, as in Feishu). page_token is an offset. */
function listChats(ctx: RequestContext): Reply {
  const all = [...ctx.core.state.chats.values()].filter((c) => c.bot_member !== false && c.chat_mode !== 'p2p');
  const size = Math.min(Math.max(Number(ctx.query.page_size ?? 20) || 20, 1), 100);
  const start = Number(ctx.query.page_token ?? 0) || 0;
  const page = all.slice(start, start + size);
  const next = start + page.length;
  const items = page.map((c) => {
    const { avatar, name, description, owner_id, owner_id_type, external, tenant_key, chat_status } = chatView(ctx, c);
    return {
      chat_id: c.chat_id,
      avatar,
      name,
      description,
      owner_id,
      owner_id_type,
      external,
      tenant_key,
      chat_status,
    };
  });
  return ok({ items, page_token: next < all.length ? String(next) : '', has_more: next < all.length });
}

// The bot's own identity; the answer has `bot` at the top level, msg "ok".
// https://open.feishu.cn/document/client-docs/bot-v3/obtain-bot-info
function botInfo(ctx: RequestContext): Reply {
  const bot = {
    activate_status: 2,
    app_name: ctx.core.botName,
    avatar_url: '',
    ip_white_list: [],
    open_id: ctx.core.botOpenId,
  };
  return { body: { code: 0, msg: 'ok', bot } };
}

export const contactAndChatRoutes: Route[] = [
  { method: 'GET', pattern: '/open-apis/bot/v3/info', handler: botInfo },
  { method: 'POST', pattern: '/open-apis/contact/v3/users/batch_get_id', handler: batchGetId },
  { method: 'GET', pattern: '/open-apis/contact/v3/users/:user_id', handler: getUser },
  { method: 'GET', pattern: '/open-apis/im/v1/chats/:chat_id', handler: getChat },
  { method: 'GET', pattern: '/open-apis/im/v1/chats', handler: listChats },
];
