import type { AssessedKind, AssessedSquad, Assessment, ComponentLine } from '../../domain/assessment.js';
import { formatUsdWan, formatWan } from '../../domain/money.js';
import type { ScoreWeights } from '../../domain/scoring.js';
import { shortLabel } from '../../domain/score-components.js';
import type { SquadKind } from '../../domain/vocabulary.js';
import type { Card } from '../../feishu/answer.js';
import { md, note, panel, shortSquadName, table, type Element } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

// /assess: the year's assessment. The overview shows each kind's ranking (a table per kind, at most
// three) with a button to its details; a kind's card shows every squad as a folded panel with each
// component's weight, actual / target, completion and points. Components are drawn from what
// scoreSquad returned, so a component added to the score shows up here without a change.

export interface AssessView extends Assessment {
  weightsVersion: number | null;
}

const FOOTER =
  '得分 = 100 × Σ 权重×完成率（封顶）÷ 适用各项权重之和；没有目标的项不计。发送 /assess 年份 excel 导出考核表（考核中心）。';

/** Units of the components' actual and target (a component not listed shows bare numbers). */
const UNITS: Partial<Record<string, string>> = {
  signedProjects: '个',
  commenced: '个',
  cohortCommencement: '个',
  packaged: '个',
  trips: '次',
  visits: '家',
  leads: '条',
  reportsOnTime: '期',
  tripRules: '次',
};

function amount(key: string, n: number): string {
  if (key === 'signedInvestment' || key === 'fundsInPlace') return formatWan(n);
  if (key === 'foreignCapital') return formatUsdWan(n);
  return `${Number(n.toFixed(2))}${UNITS[key] ?? ''}`;
}

const pct = (r: number) => `${Math.round(r * 100)}%`;

/** The counts behind a component, where the score folds several into one figure. */
function behind(c: ComponentLine, s: AssessedSquad): string {
  const a = s.actual;
  if (c.key === 'signedProjects')
    return `签约 ${a.signedProjects} 个，其中重大项目 ${a.majorSigned} 个、战略性新兴产业 ${a.strategicSigned} 个（加权计）`;
  if (c.key === 'reportsOnTime')
    return `按时 ${a.reports.onTime}、逾期 ${a.reports.late}（计半）、缺报 ${a.reports.missing}，免报 ${a.reports.exempt}`;
  if (c.key === 'tripRules') return `已报告外出 ${a.tripsReported} 次，达标 ${a.tripsKeptRule} 次`;
  if (c.key === 'cohortCommencement') return '前三年签约项目已开工数 ÷ 按开工率目标应开工数';
  return '';
}

function componentText(c: ComponentLine, s: AssessedSquad): string {
  const figures =
    c.actual !== null && c.target !== null
      ? `${amount(c.key, c.actual)} / ${amount(c.key, c.target)}，完成 ${pct(c.ratio)}`
      : `完成 ${pct(c.ratio)}`;
  const extra = behind(c, s);
  return `**${c.label}**（权重 ${c.weight}）：${figures}，得 **${c.points.toFixed(1)}** 分${extra ? `\n<font color='grey'>${extra}</font>` : ''}`;
}

function squadPanel(s: AssessedSquad): Element {
  const body = s.components.length
    ? s.components.map((c) => componentText(c, s)).join('\n')
    : '本年没有适用的考核项（无目标任务），得 0 分。';
  return panel(`**第 ${s.rank} 名 ${escapeMarkdown(shortSquadName(s.name))}**　${s.score} 分`, [md(body)]);
}

/** The weights of a kind, one short line each pair: what the scores were computed with. */
function weightsText(w: ScoreWeights, own: boolean, version: number | null): string {
  const parts = (Object.keys(w) as (keyof ScoreWeights)[])
    .filter((k) => w[k] > 0)
    .map((k) => `${shortLabel(k)} ${w[k]}`);
  const source = own ? `年度考核权重${version ? `（第 ${version} 版）` : ''}` : '沿用红黑榜权重（未单独设置）';
  return `权重：${source}\n${parts.join('，')}`;
}

function rankingTable(k: AssessedKind): Element {
  return table(
    [
      { name: 'rank', display_name: '名次', data_type: 'number', format: { precision: 0 } },
      { name: 'name', display_name: k.kind === 'INDUSTRY' ? '小分队' : '单位' },
      { name: 'score', display_name: '得分', data_type: 'number', format: { precision: 1 } },
    ],
    k.squads.map((s) => ({ rank: s.rank, name: shortSquadName(s.name), score: s.score })),
    10,
  );
}

const unjudgedLine = (k: AssessedKind) =>
  k.unjudged.length ? `未参评（无目标任务、无工作记录）：${escapeMarkdown(k.unjudged.join('、'))}` : '';

/** /assess 2018: each kind's ranking, the weights used, and a button to each kind's details. */
export function assessOverviewCard(v: AssessView): Card {
  const elements: Element[] = [];
  for (const k of v.kinds) {
    elements.push(md(`**${k.label}**（${k.squads.length} 个参评，分别排名）`));
    if (k.squads.length) elements.push(rankingTable(k));
    const unjudged = unjudgedLine(k);
    if (unjudged) elements.push(note(unjudged));
    elements.push(note(weightsText(k.weights, k.ownWeights, v.weightsVersion)), {
      tag: 'button',
      name: `assess_${k.kind}`,
      type: 'primary',
      width: 'fill',
      text: { tag: 'plain_text', content: `查看明细：${k.label}` },
      behaviors: [{ type: 'callback', value: { action: 'assess.open', year: v.year, kind: k.kind } }],
    });
  }
  if (!v.kinds.length) elements.push(note('这一年没有可考核的小分队。'));
  return renderCard('assess', {
    title: `${v.year}年`,
    subtitle: `截至 ${v.asOf} · 产业小分队、镇（街道办）、区直部门分别排名`,
    elements,
    footer: FOOTER,
  });
}

/** One kind's details: each squad's components with weight, actual / target, completion and points. */
export function assessKindCard(v: AssessView, kind: SquadKind): Card {
  const k = v.kinds.find((x) => x.kind === kind);
  const elements: Element[] = [];
  if (!k) elements.push(note('这一年这一类没有参评单位。'));
  else {
    elements.push(md(weightsText(k.weights, k.ownWeights, v.weightsVersion)));
    elements.push(...k.squads.map(squadPanel));
    const unjudged = unjudgedLine(k);
    if (unjudged) elements.push(note(unjudged));
  }
  elements.push({
    tag: 'button',
    name: 'assess_back',
    type: 'default',
    width: 'fill',
    text: { tag: 'plain_text', content: '返回各类排名' },
    behaviors: [{ type: 'callback', value: { action: 'assess.open', year: v.year } }],
  });
  return renderCard('assess', {
    title: `${v.year}年 · ${k?.label ?? ''}明细`,
    subtitle: `截至 ${v.asOf} · 点开各单位查看每项得分，完成率封顶 ${v.cap} 倍`,
    elements,
    footer: FOOTER,
  });
}
