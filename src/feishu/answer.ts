// What handlers return: a command's reply (sent through the outbox) or a card callback's answer
// (the HTTP body of the 3 s answer).
// https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-callback-communication

import type { Db } from '../db/client.js';
import { isPrivateChatOf } from '../db/chats.js';
import { enqueueMessage, textContent } from './outbox.js';

export type Card = Record<string, unknown>;

export type Reply = { kind: 'card'; card: Card } | { kind: 'text'; text: string } | { kind: 'none' };

export type ToastType = 'info' | 'success' | 'error' | 'warning';

export interface CardAnswer {
  toast?: { type: ToastType; content: string };
  card?: { type: 'raw'; data: Card };
}

export const reply = {
  card: (card: Card): Reply => ({ kind: 'card', card }),
  text: (text: string): Reply => ({ kind: 'text', text }),
  none: (): Reply => ({ kind: 'none' }),
};

export const answer = {
  toast: (content: string, type: ToastType = 'info'): CardAnswer => ({ toast: { type, content } }),
  error: (content: string): CardAnswer => ({ toast: { type: 'error', content } }),
  card: (card: Card): CardAnswer => ({ card: { type: 'raw', data: card } }),
  toastAndCard: (content: string, card: Card, type: ToastType = 'success'): CardAnswer => ({
    toast: { type, content },
    card: { type: 'raw', data: card },
  }),
  /** A form that did not validate: the first problem as a toast, and the card again with the user's input kept. */
  fieldErrors: (card: Card, errors: Record<string, string>, fallback = '请检查填写的内容'): CardAnswer => ({
    toast: { type: 'error', content: Object.values(errors)[0] ?? fallback },
    card: { type: 'raw', data: card },
  }),
  nothing: (): CardAnswer => ({}),
};

/** Who asked, and where: enough to answer them in their 1:1 chat instead. */
export interface Asker {
  chatType: string;
  senderOpenId: string;
  messageId: string;
}

/** Said in the group when the answer went to the asker's 1:1 chat. */
const SENT_PRIVATELY = '联系方式已私信发给你，请在与招商助手的单聊中查看。';
/** The group's note for a file with contact details that is still being made. */
export const WILL_SEND_PRIVATELY = '文件含联系方式，生成后私信发给你，请在与招商助手的单聊中查看。';
/** Said in the group when a form where phones and addresses are typed went to the asker's 1:1 chat. */
export const FORM_SENT_PRIVATELY = '这张表要填写联系方式（电话、地址），已私信发给你，请在与招商助手的单聊中填写。';

/**
 * An answer that carries contact details (phones, addresses), or a form where they are typed (its
 * answers show them to the chat), is for the asker alone: asked in a group, it goes to their 1:1 chat with the bot (by open_id, through the outbox in the caller's
 * transaction) and the group gets a short note; asked in the 1:1 chat, it is the reply as it is.
 */
export async function replyPrivately(db: Db, asker: Asker, out: Reply, note = SENT_PRIVATELY): Promise<Reply> {
  if (asker.chatType === 'p2p' || out.kind === 'none') return out;
  await enqueueMessage(db, {
    dedupKey: `private:${asker.messageId}`,
    to: { type: 'open_id', id: asker.senderOpenId },
    msgType: out.kind === 'card' ? 'interactive' : 'text',
    content: out.kind === 'card' ? out.card : textContent(out.text),
  });
  return reply.text(note);
}

/** Who tapped a card, and whether the chat it is in is their own 1:1 chat with the bot. */
export interface Tapper {
  openId: string;
  eventId: string;
  /** The callback's chat is the tapper's 1:1 chat with the bot (db/chats.ts isPrivateChatOf). */
  inPrivateChat: boolean;
}

/** Who tapped a card (as the callback names them), and whether its chat is their own 1:1 chat with the bot. */
export async function tapperOf(
  db: Db,
  t: { operatorOpenId: string; eventId: string; chatId?: string; actor: { id: number } | null },
): Promise<Tapper> {
  const inPrivateChat = t.actor ? await isPrivateChatOf(db, t.chatId, t.actor.id) : false;
  return { openId: t.operatorOpenId, eventId: t.eventId, inPrivateChat };
}

/** Told (in the toast) when a card with contact details went to the tapper's 1:1 chat. */
const CARD_SENT_PRIVATELY = '带联系方式的完整卡片已私信发给你，请在与招商助手的单聊中查看和继续填写。';

/**
 * A card action's answer that carries contact details, for someone who may see them: in their 1:1
 * chat it is the answer as it is. Tapped in a chat others see (a forwarded card in a group), the
 * replacement card would be shown to all of them: the full card goes to the tapper's 1:1 chat
 * instead (through the outbox, in the callback's transaction), and the chat gets `shown`, drawn
 * without them, or keeps the card as it is (and what was typed on it) when `shown` is omitted.
 */
export async function answerPrivately(db: Db, tapper: Tapper, full: CardAnswer, shown?: Card): Promise<CardAnswer> {
  if (tapper.inPrivateChat || !full.card) return full;
  await enqueueMessage(db, {
    dedupKey: `private-card:${tapper.eventId}`,
    to: { type: 'open_id', id: tapper.openId },
    msgType: 'interactive',
    content: full.card.data,
  });
  const said = full.toast ? `${full.toast.content}。${CARD_SENT_PRIVATELY}` : CARD_SENT_PRIVATELY;
  const toast = { type: full.toast?.type ?? 'info', content: said };
  return shown ? { toast, card: { type: 'raw', data: shown } } : { toast };
}
