import { formatAmount } from '../../domain/tally.js';
import { PROJECT_STAGES, STAGE_LABELS, type ProjectStage } from '../../domain/vocabulary.js';
import type { Card } from '../../feishu/answer.js';
import { md, note, shortSquadName, type Element } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

export interface StageFunnelView {
  title: string;
  today: string;
  /** The stage asked about; undefined: signed and later. */
  stage?: ProjectStage;
  counts: { stage: string; n: number; investment: number }[];
  projects: {
    id: number;
    name: string;
    isKey: boolean;
    squadName: string;
    stage: string;
    investment: number;
    signedOn: string | null;
    startedOn: string | null;
  }[];
}

/** /projects: how many projects (and how much investment) at each stage, and the largest at one stage. */
export function stageFunnelCard(v: StageFunnelView): Card {
  const funnel = PROJECT_STAGES.map((s) => {
    const c = v.counts.find((x) => x.stage === s);
    return `${STAGE_LABELS[s]} **${c?.n ?? 0}** 个（${formatAmount(c?.investment ?? 0, '万元')}）`;
  });
  const elements: Element[] = [
    md(`**各阶段**\n${funnel.join(' → ')}`),
    md(`**${v.stage ? STAGE_LABELS[v.stage] + '阶段' : '已签约及以后'}项目（按投资额）**`),
  ];
  // A list, not a table: name, squad, stage, amount and dates side by side are wider than a phone.
  if (v.projects.length === 0) elements.push(note('没有符合条件的项目。'));
  else
    elements.push(
      md(
        v.projects
          .map((p) => {
            const dates = [p.signedOn, p.startedOn].filter(Boolean).join(' / ');
            const facts = [
              shortSquadName(p.squadName),
              STAGE_LABELS[p.stage as ProjectStage] ?? p.stage,
              formatAmount(p.investment, '万元'),
              ...(dates ? [dates] : []),
            ];
            return `**${p.isKey ? '★ ' : ''}#${p.id} ${escapeMarkdown(p.name)}**\n${facts.map(escapeMarkdown).join(' · ')}`;
          })
          .join('\n\n'),
      ),
    );
  return renderCard('projects', {
    title: v.title,
    subtitle: `截至 ${v.today}`,
    elements,
    footer:
      '★ 为重点项目，# 后为项目编号；日期为签约/开工日期。打开项目卡片：/project <编号或名称>；联合预审：/review <编号或名称>。',
  });
}
