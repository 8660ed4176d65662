import { periodName, type Period } from '../../domain/periods.js';
import type { Bulletin, ScoredSquad } from '../../domain/scoring.js';
import type { Card } from '../../feishu/answer.js';
import { buildCompletionChart, chartWithFallback } from '../shared/charts.js';
import { md, note, shortSquadName, table, type Element } from '../shared/elements.js';
import { missingQuotasHint } from '../shared/quota-hint.js';
import { renderCard } from '../shared/template.js';

export interface RankView {
  period: Period;
  today: string;
  /** How many squads were ranked. */
  total: number;
  /** The squads the asker may see, with their place in the whole ranking. */
  visible: { squad: ScoredSquad; rank: number }[];
  /** 未参评 squads the asker may see: no target and no activity, so not ranked. */
  unjudged?: { squadId: number; name: string }[];
  /** Set when the asker sees every squad: the red and black lists are theirs to see. */
  bulletin?: Bulletin;
  /** Set when the period's year has no quotas at all; `office`: the asker can enter them. */
  quotasMissing?: { office: boolean };
}

/** /rank: the squads' places and scores, and for those who see everything the red and black lists. */
export function rankCard(v: RankView): Card {
  const b = v.bulletin;
  // Red/black as a coloured tag in the table cell (options): no emoji font needed.
  const mark = (squadId: number) =>
    !b
      ? []
      : b.red.some((r) => r.squadId === squadId)
        ? [{ text: '红榜', color: 'red' }]
        : b.black.some((x) => x.squadId === squadId)
          ? [{ text: '黑榜', color: 'neutral' }]
          : [];
  const unjudged = v.unjudged ?? [];
  const elements: Element[] = [];
  if (v.quotasMissing) elements.push(missingQuotasHint(v.period.year, v.quotasMissing.office));
  // Four narrow columns (place, short name, score, list) fit a phone without scrolling sideways.
  if (v.visible.length)
    elements.push(
      table(
        [
          { name: 'rank', display_name: '名次', data_type: 'number', format: { precision: 0 } },
          { name: 'name', display_name: '小分队' },
          { name: 'score', display_name: '得分', data_type: 'number', format: { precision: 1 } },
          ...(b ? [{ name: 'mark', display_name: '红黑榜', data_type: 'options' as const }] : []),
        ],
        v.visible.map(({ squad, rank }) => ({
          rank,
          name: shortSquadName(squad.name),
          score: Math.round(squad.score * 10) / 10,
          ...(b ? { mark: mark(squad.squadId) } : {}),
        })),
        10,
      ),
    );
  if (unjudged.length)
    elements.push(
      md(
        `**未参评**：${unjudged.map((u) => u.name).join('、')}\n` +
          '本期既无目标任务也无工作记录，不参加排名，也不上红黑榜。',
      ),
    );
  // The bars in the table's order (by place), drawn only when some squad has a score.
  if (v.visible.length > 1)
    elements.push(
      ...chartWithFallback(
        buildCompletionChart(
          v.visible.map(({ squad }) => ({ squad: squad.name, completion: squad.score / 100 })),
          '综合得分',
          '得分',
        ),
      ),
    );
  if (b) {
    const line = (e: { name: string; reasons: string[] }) => `- **${e.name}**：${e.reasons.join('；')}`;
    if (b.red.length) elements.push(md(`**红榜**\n${b.red.map(line).join('\n')}`));
    if (b.black.length) elements.push(md(`**黑榜**\n${b.black.map(line).join('\n')}`));
    if (b.ranking.length) elements.push(note('红黑榜以办公室审核发布的季度通报为准；此处为即时计算结果。'));
    else if (!unjudged.length) elements.push(note('本期没有可评比的小分队，不出红黑榜。'));
  } else {
    elements.push(note('完整排名和红黑榜由领导小组和办公室查看。'));
  }
  return renderCard('rank', {
    title: periodName(v.period),
    subtitle: `截至 ${v.today} · 共 ${v.total} 个小分队${unjudged.length && v.bulletin ? `参评，${unjudged.length} 个未参评` : ''}`,
    elements,
    footer:
      '得分按目标任务完成率加权：项目规模质量、资金到位率、开工率权重最大，重大项目和战略性新兴产业加权，月报按时和外出守规也计分。权重由办公室设置。',
  });
}
