import { periodName, type Period } from '../../domain/periods.js';
import { bulletinSections, type KindBulletin } from '../../domain/ranking-by-kind.js';
import type { ScoredSquad } from '../../domain/scoring.js';
import type { SquadKind } from '../../domain/vocabulary.js';
import type { Card } from '../../feishu/answer.js';
import { buildCompletionChart, chartWithFallback } from '../shared/charts.js';
import { md, note, shortSquadName, table, type Element } from '../shared/elements.js';
import { missingQuotasHint } from '../shared/quota-hint.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

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
  /** 未参评 squads the asker may see: no target and no activity, so not ranked. */
  unjudged?: { squadId: number; name: string }[];
  /** Set when the asker sees every squad: the red and black lists are theirs to see. */
  bulletin?: KindBulletin;
  /** Set when the period's year has no quotas at all; `office`: the asker can enter them. */
  quotasMissing?: { office: boolean };
}

/** /rank: per kind, the squads' places and scores, and for those who see everything the red and black lists. */
export function rankCard(v: RankView): Card {
  const lists = v.bulletin ? bulletinSections(v.bulletin) : [];
  const unjudged = v.unjudged ?? [];
  const elements: Element[] = [];
  if (v.quotasMissing) elements.push(missingQuotasHint(v.period.year, v.quotasMissing.office));
  for (const s of v.sections) {
    const b = lists.find((x) => x.kind === s.kind);
    // Red/black as a coloured tag in the table cell (options): no emoji font needed.
    const mark = (squadId: number) =>
      !b
        ? []
        : b.red.some((r) => r.squadId === squadId)
          ? [{ text: '红榜', color: 'red' }]
          : b.black.some((x) => x.squadId === squadId)
            ? [{ text: '黑榜', color: 'neutral' }]
            : [];
    // Four narrow columns (place, short name, score, list) fit a phone without scrolling sideways.
    elements.push(
      md(`**${s.label}**（${s.total} 个）`),
      table(
        [
          { name: 'rank', display_name: '名次', data_type: 'number', format: { precision: 0 } },
          { name: 'name', display_name: s.kind === 'INDUSTRY' ? '小分队' : '单位' },
          { name: 'score', display_name: '得分', data_type: 'number', format: { precision: 1 } },
          ...(b ? [{ name: 'mark', display_name: '红黑榜', data_type: 'options' as const }] : []),
        ],
        s.visible.map(({ squad, rank }) => ({
          rank,
          name: shortSquadName(squad.name),
          score: Math.round(squad.score * 10) / 10,
          ...(b ? { mark: mark(squad.squadId) } : {}),
        })),
        10,
      ),
    );
    // The bars in the table's order (by place), drawn only when some squad has a score.
    if (s.visible.length > 1 && s.visible.some(({ squad }) => squad.score > 0))
      elements.push(
        ...chartWithFallback(
          buildCompletionChart(
            s.visible.map(({ squad }) => ({ squad: shortSquadName(squad.name), completion: squad.score / 100 })),
            `${s.label}综合得分`,
            '得分',
          ),
        ),
      );
    if (b) {
      // A reason may quote an inspection's findings (typed text): never read as markup.
      const line = (e: { name: string; reasons: string[] }) =>
        `- **${e.name}**：${e.reasons.map(escapeMarkdown).join('；')}`;
      if (b.red.length) elements.push(md(`**红榜**\n${b.red.map(line).join('\n')}`));
      if (b.black.length) elements.push(md(`**黑榜**\n${b.black.map(line).join('\n')}`));
    }
  }
  if (unjudged.length)
    elements.push(
      md(
        `**未参评**：${unjudged.map((u) => u.name).join('、')}\n` +
          '本期既无目标任务也无工作记录，不参加排名，也不上红黑榜。',
      ),
    );
  if (v.bulletin && !v.sections.length && !unjudged.length) elements.push(note('本期没有可评比的小分队，不出红黑榜。'));
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
    subtitle: `截至 ${v.today} · 共 ${total} 个小分队参评${unjudged.length && v.bulletin ? `，${unjudged.length} 个未参评` : ''}，分类排名`,
    elements,
    footer:
      '得分按目标任务完成率加权：项目规模质量、资金到位率、开工率权重最大，重大项目和战略性新兴产业加权，月报按时、外出守规和季度督查评价（受督查的小分队）也计分。权重由办公室设置。',
  });
}
