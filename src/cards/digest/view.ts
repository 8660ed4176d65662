import { periodName, type Period } from '../../domain/periods.js';
import { formatAmount, formatPercent, metricLines, type SquadTally } from '../../domain/tally.js';
import type { Card } from '../../feishu/answer.js';
import { md, panel, type Element } from '../shared/elements.js';
import { renderCard } from '../shared/template.js';

/** The quarterly digest for the leadership group: every squad's place, score and metrics, one panel each. */
export function digestCard(
  period: Period,
  today: string,
  tallies: SquadTally[],
  places: Map<number, { rank: number; of: number; score: number }>,
): Card {
  const elements: Element[] = tallies.map((t) => {
    const place = places.get(t.squadId);
    const lines = metricLines(t, period).map((l) => {
      const v = (x: number) => (l.unit === '万元' || l.unit === '万美元' ? formatAmount(x, l.unit) : `${x}${l.unit}`);
      return `- ${l.label}：${v(l.actual)}${l.target > 0 ? ` / ${v(l.target)}（${formatPercent(l.ratio)}）` : ''}`;
    });
    const where = place ? `第 ${place.rank}/${place.of} 名 · ${place.score.toFixed(1)} 分` : '未参评';
    return panel(`**${t.name}** · ${where}`, [md(lines.join('\n'))]);
  });
  return renderCard('digest', {
    title: periodName(period),
    subtitle: `截至 ${today} · 供季度招商领导小组会议`,
    elements,
    footer: '点开各小分队查看明细；红黑榜由办公室审核后另行发布。',
  });
}
