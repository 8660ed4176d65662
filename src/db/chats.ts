import type { Db } from './client.js';

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
  return before?.chatId;
}

/**
 * Remembers a person's 1:1 chat with the bot, as seen on a message they sent there (`chat_type`
 * p2p). A card callback names only its chat; this is how the bot knows the chat is theirs alone.
 */
export async function rememberPrivateChat(db: Db, chatId: string, personId: number): Promise<void> {
  await db.chat.upsert({ where: { chatId }, create: { chatId, kind: 'P2P', boundById: personId }, update: {} });
}

/**
 * A message sent to a person's open_id lands in their 1:1 chat with the bot, so the chat Feishu
 * names in its answer is theirs: known from then on, even if they never write in it.
 */
export async function rememberPrivateChatOfOpenId(db: Db, chatId: string, openId: string): Promise<void> {
  const person = await db.person.findFirst({ where: { openId, active: true }, select: { id: true } });
  if (person) await rememberPrivateChat(db, chatId, person.id);
}

/**
 * Whether `chatId` is this person's 1:1 chat with the bot. A chat the bot has not seen as theirs
 * (a group, or a chat it never got a message from) counts as one others may see.
 */
export async function isPrivateChatOf(db: Db, chatId: string | undefined, personId: number): Promise<boolean> {
  if (!chatId) return false;
  const row = await db.chat.findUnique({ where: { chatId } });
  return row?.kind === 'P2P' && row.boundById === personId;
}

/** The open_id of the person whose 1:1 chat with the bot this is; none for a group or a chat not seen as one. */
export async function privateChatOwner(db: Db, chatId: string | null | undefined): Promise<string | null> {
  if (!chatId) return null;
  const row = await db.chat.findUnique({ where: { chatId } });
  if (row?.kind !== 'P2P' || row.boundById === null) return null;
  const person = await db.person.findUnique({ where: { id: row.boundById }, select: { openId: true } });
  return person?.openId ?? null;
}
