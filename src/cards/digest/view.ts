import { RATING_LABELS } from '../../domain/inspection.js';
import {
  quarterName,
  quoteFindings,
  type InspectionRating,
  type SquadInspections,
} from '../../domain/inspection-results.js';
import { periodName, type Period } from '../../domain/periods.js';
import { formatAmount, formatPercent, metricLines, type SquadTally } from '../../domain/tally.js';
import type { Card } from '../../feishu/answer.js';
import { md, panel, statusTag, type Element } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

/** The quarterly digest for the leadership group: every squad's place, score, metrics and 督查, one panel each. */
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
    // The quarter's latest rating in the title: a collapsed panel still says how the inspection went.
    const latest = period.quarter ? t.inspections?.inspections.at(-1) : undefined;
    const rated = latest ? ` · 督查“${RATING_LABELS[latest.rating]}”` : '';
    return panel(`**${t.name}** · ${where}${rated}`, [md(lines.join('\n')), md(inspectionText(t.inspections, period))]);
  });
  return renderCard('digest', {
    title: periodName(period),
    subtitle: `截至 ${today} · 供季度招商领导小组会议`,
    elements,
    footer: '点开各小分队查看明细；督查评价计入得分；红黑榜由办公室审核后另行发布。',
  });
}

const RATING_COLOURS: Record<InspectionRating, 'green' | 'neutral' | 'orange' | 'red'> = {
  GOOD: 'green',
  FAIR: 'neutral',
  AVERAGE: 'orange',
  POOR: 'red',
};

/**
 * How much of a panel's inspections is shown, so that 20 squads stay under Feishu's 30 KB even with
 * findings full of escaped markup: a quarter's latest two (a re-inspection and the one before) at 50
 * characters, a year's four quarters at 16.
 */
const SHOWN = { quarter: { count: 2, chars: 50 }, year: { count: 4, chars: 16 } };

/**
 * The 督查 lines of a panel: each inspection (date, rating, findings cut short), then the
 * corrections still open and overdue.
 */
function inspectionText(s: SquadInspections | undefined, period: Period): string {
  const list = s?.inspections ?? [];
  const lines = ['**督查**'];
  if (!list.length) lines[0] += `：本${period.quarter ? '季度' : '年度'}未督查`;
  const limit = period.quarter ? SHOWN.quarter : SHOWN.year;
  const shown = list.slice(-limit.count);
  if (list.length > shown.length) lines.push(`- 另有较早 ${list.length - shown.length} 次，略`);
  for (const i of shown) {
    const when = period.quarter ? i.inspectedOn : `${quarterName(i.period)} ${i.inspectedOn.slice(5)}`;
    const quote = quoteFindings(i.findings, limit.chars);
    lines.push(
      `- ${when} ${statusTag(RATING_COLOURS[i.rating], RATING_LABELS[i.rating])}${quote ? ` ${escapeMarkdown(quote)}` : ''}`,
    );
  }
  const open = s?.openCorrections ?? 0;
  const overdue = s?.overdueCorrections ?? 0;
  // A list item too: a plain line right after a list would run on into its last item.
  if (open > 0)
    lines.push(`- 整改事项：未办结 ${open} 项${overdue > 0 ? `，其中${statusTag('red', `逾期 ${overdue} 项`)}` : ''}`);
  else if (list.length) lines.push('- 整改事项：无未办结');
  return lines.join('\n');
}
