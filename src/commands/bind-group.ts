import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { recordAudit } from '../db/audit-trail.js';
import { isOffice } from '../domain/actor.js';
import { bindLeadershipChat } from '../db/chats.js';
import { reply } from '../feishu/answer.js';

export async function bindLeadershipGroup(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  if (!isOffice(actor)) return reply.text('只有区招商局（领导小组办公室）可以设置领导小组群。');
  if (input.chatType !== 'group')
    return reply.text('请在领导小组的群聊里 @招商助手 发送 /bind-group，不要在单聊里发送。');
  const before = await bindLeadershipChat(deps.db, input.chatId, actor.id);
  await recordAudit(deps.db, actor, 'chat.bind-leadership', 'Chat', input.chatId, { before: before ?? null });
  return reply.text(
    before === input.chatId ? '本群已经是领导小组群。' : '已把本群设为领导小组群：季度进度通报和红黑榜将发到这里。',
  );
}
