import { bulletinCard } from '../cards/bulletin.js';
import { md, panel, type Element } from '../cards/shared/elements.js';
import { renderCard } from '../cards/shared/template.js';
import { periodName } from '../commands/progress.js';
import { localDate, quarterOfDate, type Period } from '../domain/periods.js';
import { formatAmount, formatPercent, metricLines, type SquadTally } from '../domain/tally.js';
import type { ScoredSquad } from '../domain/scoring.js';
import { computeBulletin, saveDraft } from '../db/bulletins.js';
import { leadershipChatId } from '../db/chats.js';
import { officePeople } from '../db/squads.js';
import type { Deps } from '../deps.js';
import type { Card } from '../feishu/answer.js';
import { enqueueMessage } from '../feishu/outbox.js';

/**
 * Before the quarterly leadership meeting: a digest of every squad to the leadership group chat,
 * and the red/black list computed into a DRAFT bulletin, sent to the office to review and publish.
 */
export async function runQuarterlyBulletin(deps: Deps, now: Date): Promise<{ summary: string; messages: number }> {
  const today = localDate(now, deps.config.timezone);
  const period = quarterOfDate(today);
  const { bulletin, ranked, tallies } = await computeBulletin(deps.db, period, today);
  let messages = 0;
  const chatId = await leadershipChatId(deps.db, deps.config.leadershipChatId);
  if (chatId) {
    const card = digestCard(period, today, tallies, ranked);
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
  if (saved) {
    for (const p of await officePeople(deps.db)) {
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
    summary: `${period.key}：${chatId ? '进度通报已发领导小组群' : '未设置领导小组群，进度通报未发'}；红黑榜${saved ? '草稿已送办公室审核' : '已发布，未改动'}`,
    messages,
  };
}

export function digestCard(period: Period, today: string, tallies: SquadTally[], ranked: ScoredSquad[]): Card {
  const elements: Element[] = tallies.map((t) => {
    const rank = ranked.findIndex((r) => r.squadId === t.squadId) + 1;
    const score = ranked[rank - 1]?.score ?? 0;
    const lines = metricLines(t, period).map((l) => {
      const v = (x: number) => (l.unit === '万元' || l.unit === '万美元' ? formatAmount(x, l.unit) : `${x}${l.unit}`);
      return `- ${l.label}：${v(l.actual)}${l.target > 0 ? ` / ${v(l.target)}（${formatPercent(l.ratio)}）` : ''}`;
    });
    return panel(`**${t.name}** · 第 ${rank} 名 · ${score.toFixed(1)} 分`, [md(lines.join('\n'))]);
  });
  return renderCard('digest', {
    title: periodName(period),
    subtitle: `截至 ${today} · 供季度招商领导小组会议`,
    elements,
    footer: '点开各小分队查看明细；红黑榜由办公室审核后另行发布。',
  });
}
