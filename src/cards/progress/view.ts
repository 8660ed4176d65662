import { commencedAgainstGoal, type CohortLine } from '../../domain/commencement.js';
import type { MonthPoint } from '../../domain/monthly-trend.js';
import { periodName, type Period } from '../../domain/periods.js';
import { formatAmount, formatPercent, metricLines, overallCompletion, type SquadTally } from '../../domain/tally.js';
import type { Card } from '../../feishu/answer.js';
import { buildCompletionChart, buildMonthlyTrendChart, chartWithFallback } from '../shared/charts.js';
import { md, note, shortSquadName, statusTag, type Element } from '../shared/elements.js';
import { missingQuotasHint } from '../shared/quota-hint.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

export interface ProgressView {
  /** 全区 / the squad's name / 我负责的小分队 */
  title: string;
  /** Every squad of the district, not a choice of them. */
  all: boolean;
  period: Period;
  today: string;
  tallies: SquadTally[];
  /** The squads' sum last, after one sum per kind of squad when there are several (tally.groupTallies). */
  groups: SquadTally[];
  cohorts: CohortLine[];
  commenced: number;
  commencedGoal: number;
  trend: MonthPoint[];
  /** Set when the year has no quotas at all; `office`: the asker can enter them. */
  quotasMissing?: { office: boolean };
}

/** /progress: one squad's metrics, or the sum and each squad's, with the commencement rate and the monthly trend. */
export function progressCard(v: ProgressView): Card {
  const { period, tallies } = v;
  const elements: Element[] = [];
  if (v.quotasMissing) elements.push(missingQuotasHint(period.year, v.quotasMissing.office));
  if (tallies.length === 1) {
    elements.push(...squadDetail(tallies[0]!, period));
  } else {
    const district = v.groups.at(-1)!;
    elements.push(...squadDetail(district, period, v.all ? '全区合计' : '合计'));
    elements.push(md('**各小分队**'), squadsList(tallies, period));
    elements.push(...completionChart(tallies, period));
    if (v.all && v.groups.length > 2) elements.push(md('**按类别**'), squadsList(v.groups.slice(0, -1), period));
  }
  elements.push(...commencementElements(v.cohorts, v.commenced, v.commencedGoal, period));
  if (v.trend.length > 1)
    elements.push(
      ...chartWithFallback(
        buildMonthlyTrendChart(v.trend, `${v.all ? '全区' : v.title}${period.year}年签约投资额与到位资金（亿元）`),
      ),
    );
  return renderCard('progress', {
    title: v.title,
    subtitle: `${periodName(period)} · 截至 ${v.today}`,
    elements,
    footer:
      '完成率 = 完成数 ÷ 目标任务；季度目标为全年任务的四分之一（个数向上取整）。金额单位：万元/亿元，外资：万美元。',
  });
}

// Lists, not tables: a metric's name, done, target and ratio side by side are wider than a phone.
function squadDetail(t: SquadTally, period: Period, heading?: string): Element[] {
  const amount = (x: number, unit: string) =>
    unit === '万元' || unit === '万美元' ? formatAmount(x, unit) : `${x}${unit}`;
  const lines = metricLines(t, period).map(
    (l) =>
      `- ${l.label}：**${amount(l.actual, l.unit)}**` +
      (l.target > 0 ? ` / 目标 ${amount(l.target, l.unit)}（${formatPercent(l.ratio)}）` : ' / 无目标'),
  );
  const r = t.actual.reports;
  return [
    md(`${heading ? `**${heading}**\n` : ''}${lines.join('\n')}`),
    md(`**月度汇报**：按时 ${r.onTime} 期 · 逾期补报 ${r.late} 期 · 未报 ${r.missing} 期 · 免报 ${r.exempt} 期`),
  ];
}

/** Bars of each squad's overall completion (tally.overallCompletion) in the table's order, with a table fallback. */
function completionChart(tallies: SquadTally[], period: Period): Element[] {
  const rows = tallies
    .map((t) => ({ squad: t.name, completion: overallCompletion(t, period) }))
    .filter((r) => r.completion !== null) as { squad: string; completion: number }[];
  if (rows.length < 2) return [];
  return [
    ...chartWithFallback(buildCompletionChart(rows, '各小分队综合完成率')),
    note('综合完成率 = 各项有目标指标完成率的平均（单项最高按 100% 计）。'),
  ];
}

function squadsList(tallies: SquadTally[], period: Period): Element {
  const pctOf = (t: SquadTally, metric: string) =>
    formatPercent(metricLines(t, period).find((l) => l.metric === metric)?.ratio ?? null);
  return md(
    tallies
      .map(
        (t) =>
          `**${escapeMarkdown(shortSquadName(t.name))}**\n签约 ${t.actual.signedProjects}个 ${pctOf(t, 'SIGNED_PROJECTS')} · ` +
          `到位资金 ${formatAmount(t.actual.fundsInPlace, '万元')} ${pctOf(t, 'FUNDS_IN_PLACE')} · ` +
          `线索 ${t.actual.leads}条 ${pctOf(t, 'LEADS')} · 月报按时 ${pctOf(t, 'REPORTS_ON_TIME')}`,
      )
      .join('\n'),
  );
}

function commencementElements(cohorts: CohortLine[], commenced: number, goal: number, period: Period): Element[] {
  const lines = cohorts.map(
    (c) =>
      `- ${c.signedYear}年签约 ${c.signed} 个，已开工 ${c.started} 个，` +
      `开工率 **${formatPercent(c.rate)}**（目标 ${formatPercent(c.target)}）` +
      `${c.rate === null ? '' : c.met ? ` ${statusTag('green', '达标')}` : ` ${statusTag('red', '未达标')}`}`,
  );
  const g = commencedAgainstGoal(commenced, goal);
  const goalLine =
    goal > 0
      ? `- ${period.year}年新签约亿元项目已开工 **${commenced}** 个，目标 ${goal} 个（${formatPercent(g.ratio)}）`
      : `- ${period.year}年新签约亿元项目已开工 **${commenced}** 个`;
  return [
    md(`**开工率**\n${[...lines, goalLine].join('\n')}`),
    note('开工率 = 该年签约项目中已开工的比例（方案：三年前≥80%，两年前≥70%，一年前≥60%）。'),
  ];
}
