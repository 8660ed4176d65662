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
