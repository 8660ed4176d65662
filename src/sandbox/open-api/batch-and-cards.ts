import { checkCardObject, parseContent } from './content.js';
import { errors } from './errors.js';
import { bodyOf, isRecord, ok, requireString, type RequestContext, type Reply, type Route } from './http.js';
import { addMessage, addVersion, newId } from './store.js';
import type { SandboxUser } from './types.js';

// The batch-send API (message/v4) and the delayed card update (interactive/v1/card/update).

const BATCH_MSG_TYPES = new Set(['text', 'post', 'image', 'share_chat', 'interactive']);
const BATCH_MAX_IDS = 200;
const ID_FIELDS = [
  ['open_ids', 'open_id'],
  ['user_ids', 'user_id'],
  ['union_ids', 'union_id'],
] as const;

// Batch messages reach users (not groups), each in their 1:1 chat with the bot, and can't be updated.
// https://open.feishu.cn/document/server-docs/im-v1/batch_message/send-messages-in-batches
function batchSend(ctx: RequestContext): Reply {
  const body = bodyOf(ctx);
  const msgType = requireString(body, 'msg_type');
  if (!BATCH_MSG_TYPES.has(msgType)) throw errors.invalidParam(`invalid msg_type: ${msgType}`);
  const { raw, content } = batchContent(msgType, body);

  const recipients = new Map<string, SandboxUser>();
  const invalid: Record<string, string[]> = {
    invalid_department_ids: [],
    invalid_open_ids: [],
    invalid_user_ids: [],
    invalid_union_ids: [],
  };
  let asked = 0;
  for (const [field, idType] of ID_FIELDS) {
    for (const id of idList(body, field)) {
      asked++;
      const user = ctx.core.state.userBy(idType, id);
      if (user && !user.resigned) recipients.set(user.open_id, user);
      else invalid[`invalid_${field}`]?.push(id);
    }
  }
  for (const dept of idList(body, 'department_ids')) {
    asked++;
    const members = [...ctx.core.state.users.values()].filter((u) => u.department_ids?.includes(dept) && !u.resigned);
    if (members.length === 0) invalid.invalid_department_ids?.push(dept);
    for (const u of members) recipients.set(u.open_id, u);
  }
  if (asked === 0)
    throw errors.fieldValidation('open_ids', 'one of open_ids, user_ids, union_ids, department_ids is required');

  const batchId = newId('bm_');
  for (const user of recipients.values()) {
    const target = {
      chat: ctx.core.state.p2pChatFor(user),
      receiver: { id: user.open_id, id_type: 'open_id' },
      receiver_open_id: user.open_id,
    };
    addMessage(ctx.core, { target, msg_type: msgType, raw, content, now: ctx.now, batch_message_id: batchId });
  }
  return ok({ message_id: batchId, ...invalid });
}

function batchContent(msgType: string, body: Record<string, unknown>): { raw: string; content: unknown } {
  if (msgType === 'interactive') {
    if (body.card === undefined) throw errors.fieldValidation('card', 'card is required for msg_type interactive');
    const { card, raw } = checkCardObject(body.card);
    return { raw, content: card };
  }
  if (!isRecord(body.content)) throw errors.fieldValidation('content', 'content is required');
  const raw = JSON.stringify(body.content);
  return { raw, content: parseContent(msgType, raw) };
}

function idList(body: Record<string, unknown>, field: string): string[] {
  const v = body[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw errors.fieldValidation(field, `${field} must be a list of strings`);
  if (v.length > BATCH_MAX_IDS) throw errors.fieldValidation(field, `${field} holds at most ${BATCH_MAX_IDS} ids`);
  return v as string[];
}

// A callback's update token: valid 30 minutes, at most 2 uses.
// https://open.feishu.cn/document/ukTMukTMukTM/uMDO1YjLzgTN24yM4UjN
export const CARD_TOKEN_TTL_MS = 30 * 60 * 1000;
const CARD_TOKEN_MAX_USES = 2;

function delayedCardUpdate(ctx: RequestContext): Reply {
  const body = bodyOf(ctx);
  const token = requireString(body, 'token');
  if (body.card === undefined) throw errors.fieldValidation('card', 'card is required');
  const entry = ctx.core.state.cardTokens.get(token);
  if (!entry || entry.expiresAt <= ctx.now) throw errors.cardTokenExpired();
  if (entry.uses >= CARD_TOKEN_MAX_USES) throw errors.cardTokenUsedUp();
  const m = ctx.core.state.message(entry.messageId);
  if (!m) throw errors.cardTokenExpired();
  const { card, raw } = checkCardObject(body.card);
  entry.uses++;
  addVersion(ctx.core, m, raw, card, ctx.now, 'card.update');
  return ok();
}

export const batchAndCardRoutes: Route[] = [
  { method: 'POST', pattern: '/open-apis/message/v4/batch_send', handler: batchSend },
  { method: 'POST', pattern: '/open-apis/interactive/v1/card/update', handler: delayedCardUpdate },
];
