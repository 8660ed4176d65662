import type { SquadRef } from '../../domain/squad-match.js';
import { formatAmount } from '../../domain/tally.js';
import { METRIC_LABELS, METRIC_UNITS, METRICS, type Metric } from '../../domain/vocabulary.js';
import type { Card } from '../../feishu/answer.js';
import { md, note, type Element } from '../shared/elements.js';
import { missingQuotasHint } from '../shared/quota-hint.js';
import { renderCard } from '../shared/template.js';

export interface QuotaView {
  year: number;
  /** 全区 / the squad's name / 我负责的小分队 */
  title: string;
  squads: SquadRef[];
  quotas: { squadId: number; metric: string; target: number }[];
  /** The district's goals; empty when the asker does not see the whole district. */
  goals: { metric: string; target: number }[];
  /** Set when the year has no quotas at all; `office`: the asker can enter them. */
  quotasMissing?: { office: boolean };
}

function show(metric: Metric, v: number): string {
  return METRIC_UNITS[metric] === '万元' ? formatAmount(v, '万元') : `${v}${METRIC_UNITS[metric]}`;
}

/** /quota: the district's goals and each squad's share of them for a year. */
export function quotaCard(v: QuotaView): Card {
  const elements: Element[] = [];
  if (v.goals.length) {
    const lines = v.goals.map((g) =>
      g.metric.startsWith('COMMENCEMENT_RATE_')
        ? `- ${g.metric.slice(-4)}年签约项目开工率 ≥ ${Math.round(g.target * 100)}%`
        : `- ${METRIC_LABELS[g.metric as Metric] ?? g.metric}：${show(g.metric as Metric, g.target)}`,
    );
    elements.push(md(`**全区目标**\n${lines.join('\n')}`));
  }
  for (const s of v.squads) {
    const of = v.quotas.filter((q) => q.squadId === s.id);
    if (!of.length) continue;
    const parts = METRICS.filter((m) => of.some((q) => q.metric === m)).map(
      (m) => `${METRIC_LABELS[m]} ${show(m, of.find((q) => q.metric === m)!.target)}`,
    );
    elements.push(md(`**${s.sortOrder}. ${s.name}**\n${parts.join(' · ')}`));
  }
  if (v.quotasMissing) elements.unshift(missingQuotasHint(v.year, v.quotasMissing.office));
  else if (elements.length === 0) elements.push(note(`${v.year}年还没有分解目标任务，请联系区招商局。`));
  return renderCard('quota', {
    title: `${v.year}年 · ${v.title}`,
    subtitle: '港南政发〔2018〕5号 附表一/二/三',
    elements,
    footer: '目标任务由区招商局维护；季度目标按全年任务的四分之一计算。',
  });
}
