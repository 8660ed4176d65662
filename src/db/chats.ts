import type { Db } from './client.js';
import { findActorByOpenId } from './people.js';
import type { Actor } from '../domain/actor.js';
import { forgetInRequest, readOncePerRequest } from './request-memo.js';

/** The leadership group chat: the one the office bound with /bind-group, else LARK_LEADERSHIP_CHAT_ID. */
export async function leadershipChatId(db: Db, envChatId: string | undefined): Promise<string | undefined> {
  const row = await db.chat.findFirst({ where: { kind: 'LEADERSHIP' }, orderBy: { createdAt: 'desc' } });
  return row?.chatId ?? envChatId;
}

/** Makes `chatId` the leadership chat; any earlier one stops being it. Returns the previous chat id. */
export async function bindLeadershipChat(db: Db, chatId: string, byId: number): Promise<string | undefined> {
  const before = await db.chat.findFirst({ where: { kind: 'LEADERSHIP' } });
  await db.chat.updateMany({ where: { kind: 'LEADERSHIP', chatId: { not: chatId } }, data: { kind: 'OTHER' } });
  await db.chat.upsert({
    where: { chatId },
    create: { chatId, kind: 'LEADERSHIP', name: '招商工作领导小组', boundById: byId },
    update: { kind: 'LEADERSHIP', boundById: byId, squadId: null },
  });
  forgetInRequest(db, ownerKey(chatId));
  return before?.chatId;
}

/**
 * Remembers a person's 1:1 chat with the bot, as seen on a message they sent there (`chat_type`
 * p2p). A card callback names only its chat; this is how the bot knows the chat is theirs alone.
 */
export async function rememberPrivateChat(db: Db, chatId: string, personId: number): Promise<void> {
  await db.chat.upsert({ where: { chatId }, create: { chatId, kind: 'P2P', boundById: personId }, update: {} });
  forgetInRequest(db, ownerKey(chatId));
}

/**
 * A message sent to a person's open_id lands in their 1:1 chat with the bot, so the chat Feishu
 * names in its answer is theirs: known from then on, even if they never write in it.
 */
export async function rememberPrivateChatOfOpenId(db: Db, chatId: string, openId: string): Promise<void> {
  const person = await db.person.findFirst({ where: { openId, active: true }, select: { id: true } });
  if (person) await rememberPrivateChat(db, chatId, person.id);
}

const ownerKey = (chatId: string) => `private-chat-owner:${chatId}`;

/**
 * The roster id of the person whose 1:1 chat with the bot this is; none for a group or a chat not
 * seen as one. Read once per request: the tapper's chat and the chat of the card a change updates
 * are often the same one.
 */
async function privateChatOwnerId(db: Db, chatId: string | null | undefined): Promise<number | null> {
  if (!chatId) return null;
  return readOncePerRequest(db, ownerKey(chatId), async () => {
    const row = await db.chat.findUnique({ where: { chatId } });
    return row?.kind === 'P2P' ? row.boundById : null;
  });
}

/**
 * Whether `chatId` is this person's 1:1 chat with the bot. A chat the bot has not seen as theirs
 * (a group, or a chat it never got a message from) counts as one others may see.
 */
export async function isPrivateChatOf(db: Db, chatId: string | undefined, personId: number): Promise<boolean> {
  return (await privateChatOwnerId(db, chatId)) === personId;
}

/**
 * The person whose 1:1 chat with the bot this is; none for a group or a chat not seen as one.
 * `known`: someone already looked up in this request (the tapper), taken as they are when it is theirs.
 */
export async function privateChatReader(
  db: Db,
  chatId: string | null | undefined,
  known?: Actor | null,
): Promise<Actor | null> {
  const ownerId = await privateChatOwnerId(db, chatId);
  if (ownerId === null) return null;
  if (ownerId === known?.id) return known;
  const person = await db.person.findUnique({ where: { id: ownerId }, select: { openId: true } });
  return person?.openId ? findActorByOpenId(db, person.openId) : null;
}
