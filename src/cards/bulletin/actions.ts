import { recordAudit } from '../../db/audit-trail.js';
import { findBulletin, publishDraft } from '../../db/bulletins.js';
import { leadershipChatId } from '../../db/chats.js';
import { isOffice } from '../../domain/actor.js';
import type { Deps } from '../../deps.js';
import { answer, type CardAnswer } from '../../feishu/answer.js';
import { enqueueMessage } from '../../feishu/outbox.js';
import type { CardInput } from '../types.js';
import { bulletinCard, type BulletinView } from './view.js';

/**
 * 发布 on a draft bulletin: only the office may publish, to the leadership group chat; a double
 * tap publishes once.
 */
export async function publishBulletin(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  if (!isOffice(actor)) return answer.error('只有区招商局（领导小组办公室）可以发布红黑榜。');
  const period = typeof input.value.period === 'string' ? input.value.period : '';
  const row = await findBulletin(deps.db, period);
  if (!row) return answer.error('没有找到这一期红黑榜草稿，请联系区招商局重新生成。');
  const { bulletin } = row;
  if (row.status === 'PUBLISHED')
    return answer.toastAndCard('这一期已经发布过了。', bulletinCard({ bulletin, status: 'PUBLISHED' }, false), 'info');
  const chatId = await leadershipChatId(deps.db, deps.config.leadershipChatId);
  if (!chatId) return answer.error('还没有设置领导小组群：请在领导小组群里 @招商助手 发送 /bind-group，再点发布。');
  const now = deps.clock.now();
  const flipped = await publishDraft(deps.db, row.id, actor.id, now);
  const at = now.toISOString().slice(0, 10);
  const view: BulletinView = { bulletin, status: 'PUBLISHED', publishedBy: actor.name, publishedAt: at };
  if (!flipped) return answer.toastAndCard('这一期已经发布过了。', bulletinCard(view, false), 'info');
  await enqueueMessage(deps.db, {
    dedupKey: `bulletin-publish:${period}`,
    to: { type: 'chat_id', id: chatId },
    msgType: 'interactive',
    content: bulletinCard(view, false),
  });
  await recordAudit(deps.db, actor, 'bulletin.publish', 'Bulletin', row.id, { period, chatId });
  return answer.toastAndCard('已发布到领导小组群', bulletinCard(view, false));
}
