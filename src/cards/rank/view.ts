import { periodName, type Period } from '../../domain/periods.js';
import { bulletinSections, type KindBulletin } from '../../domain/ranking-by-kind.js';
import type { ScoredSquad } from '../../domain/scoring.js';
import type { SquadKind } from '../../domain/vocabulary.js';
import type { Card } from '../../feishu/answer.js';
import { buildCompletionChart, chartWithFallback } from '../shared/charts.js';
import { md, note, table, type Element } from '../shared/elements.js';
import { renderCard } from '../shared/template.js';

interface RankSectionView {
  kind: SquadKind;
  /** 产业招商小分队 / 镇（街道办） / 区直部门 */
  label: string;
  /** How many squads of this kind were ranked. */
  total: number;
  /** The squads of this kind the asker may see, with their place in this kind's list. */
  visible: { squad: ScoredSquad; rank: number }[];
}

export interface RankView {
  period: Period;
  today: string;
  /** One list per kind of squad: like is compared with like. */
  sections: RankSectionView[];
  /** Set when the asker sees every squad: the red and black lists are theirs to see. */
  bulletin?: KindBulletin;
}

/** /rank: per kind, the squads' places and scores, and for those who see everything the red and black lists. */
export function rankCard(v: RankView): Card {
  const lists = v.bulletin ? bulletinSections(v.bulletin) : [];
  const elements: Element[] = [];
  for (const s of v.sections) {
    const b = lists.find((x) => x.kind === s.kind);
    const mark = (squadId: number) =>
      !b
        ? ''
        : b.red.some((r) => r.squadId === squadId)
          ? '红榜'
          : b.black.some((x) => x.squadId === squadId)
            ? '黑榜'
            : '';
    elements.push(
      md(`**${s.label}**（${s.total} 个）`),
      table(
        [
          { name: 'rank', display_name: '名次' },
          { name: 'name', display_name: s.kind === 'INDUSTRY' ? '小分队' : '单位' },
          { name: 'score', display_name: '得分' },
          { name: 'mark', display_name: '' },
        ],
        s.visible.map(({ squad, rank }) => ({
          rank: `${rank}/${s.total}`,
          name: squad.name,
          score: squad.score.toFixed(1),
          mark: mark(squad.squadId),
        })),
        10,
      ),
    );
    if (s.visible.length > 1)
      elements.push(
        ...chartWithFallback(
          buildCompletionChart(
            s.visible.map(({ squad }) => ({ squad: squad.name, completion: squad.score / 100 })),
            `${s.label}综合得分`,
            '得分',
          ),
        ),
      );
    if (b) {
      const line = (e: { name: string; reasons: string[] }) => `- **${e.name}**：${e.reasons.join('；')}`;
      if (b.red.length) elements.push(md(`红榜\n${b.red.map(line).join('\n')}`));
      if (b.black.length) elements.push(md(`黑榜\n${b.black.map(line).join('\n')}`));
    }
  }
  elements.push(
    note(
      v.bulletin
        ? '产业小分队、镇（街道办）、区直部门分别排名。红黑榜以办公室审核发布的季度通报为准；此处为即时计算结果。'
        : '产业小分队、镇（街道办）、区直部门分别排名。完整排名和红黑榜由领导小组和办公室查看。',
    ),
  );
  const total = v.sections.reduce((n, s) => n + s.total, 0);
  return renderCard('rank', {
    title: periodName(v.period),
    subtitle: `截至 ${v.today} · 共 ${total} 个小分队，分 ${v.sections.length} 类排名`,
    elements,
    footer:
      '得分按目标任务完成率加权：项目规模质量、资金到位率、开工率权重最大，重大项目和战略性新兴产业加权，月报按时和外出守规也计分。权重由办公室设置。',
  });
}
