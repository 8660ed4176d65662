import { bulletinCard } from '../cards/bulletin/view.js';
import { digestCard } from '../cards/digest/view.js';
import { loadMeetingPack } from '../cards/meeting-pack/load.js';
import { localDate, quarterOfDate } from '../domain/periods.js';
import { judgeByKind, placesOf } from '../domain/ranking-by-kind.js';
import { loadBulletinInputs, saveDraft } from '../db/bulletins.js';
import { leadershipChatId } from '../db/chats.js';
import { officePeople } from '../db/squads.js';
import type { Deps } from '../deps.js';
import { enqueueMessage } from '../feishu/outbox.js';

/**
 * Before the quarterly leadership meeting: a digest of every squad to the leadership group chat,
 * the red/black list computed into a DRAFT bulletin, sent to the office to review and publish, and
 * the meeting pack (领导小组会议材料) to the office.
 */
export async function runQuarterlyBulletin(deps: Deps, now: Date): Promise<{ summary: string; messages: number }> {
  const today = localDate(now, deps.config.timezone);
  const period = quarterOfDate(today);
  const { tallies, weights, rules } = await loadBulletinInputs(deps.db, period, today);
  const { bulletin, sections } = judgeByKind(tallies, period, weights, rules);
  let messages = 0;
  const chatId = await leadershipChatId(deps.db, deps.config.leadershipChatId);
  if (chatId) {
    const card = digestCard(period, today, tallies, placesOf(sections));
    if (
      await enqueueMessage(deps.db, {
        dedupKey: `quarterly-digest:${period.key}`,
        to: { type: 'chat_id', id: chatId },
        msgType: 'interactive',
        content: card,
      })
    )
      messages++;
  } else deps.log.warn('no leadership chat: quarterly digest not sent (office: /bind-group in that chat)');
  const saved = await saveDraft(deps.db, bulletin);
  // The meeting pack to every office person, once per quarter each (with the 记录决定 buttons),
  // before the draft to review, so the review card is the latest in their chat.
  const officeList = await officePeople(deps.db);
  const pack = officeList.length ? await loadMeetingPack(deps, period, today, true) : undefined;
  for (const p of officeList) {
    if (
      await enqueueMessage(deps.db, {
        dedupKey: `meeting-pack:${period.key}:person-${p.id}`,
        to: { type: 'open_id', id: p.openId },
        msgType: 'interactive',
        content: pack,
      })
    )
      messages++;
  }
  if (saved) {
    for (const p of officeList) {
      const card = bulletinCard({ bulletin, status: 'DRAFT' }, true);
      if (
        await enqueueMessage(deps.db, {
          dedupKey: `bulletin-review:${period.key}:person-${p.id}`,
          to: { type: 'open_id', id: p.openId },
          msgType: 'interactive',
          content: card,
        })
      )
        messages++;
    }
  }
  return {
    summary: `${period.key}：${chatId ? '进度通报已发领导小组群' : '未设置领导小组群，进度通报未发'}；红黑榜${saved ? '草稿已送办公室审核' : '已发布，未改动'}；会议材料已送办公室`,
    messages,
  };
}
