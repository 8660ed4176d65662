import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { md, note, type Element } from '../cards/shared/elements.js';
import { renderCard } from '../cards/shared/template.js';
import { formatAmount } from '../domain/tally.js';
import { METRIC_LABELS, METRIC_UNITS, METRICS, type Metric } from '../domain/vocabulary.js';
import { UserError } from '../errors.js';
import { reply } from '../feishu/answer.js';
import { currentYear, resolveScope } from './scope.js';

function show(metric: Metric, v: number): string {
  return METRIC_UNITS[metric] === '万元' ? formatAmount(v, '万元') : `${v}${METRIC_UNITS[metric]}`;
}

export async function showQuotas(input: CommandInput, deps: Deps): Promise<Reply> {
  const arg = input.args[0];
  if (input.args.length > 1 || (arg && !/^\d{4}年?$/.test(arg)))
    throw new UserError('参数是年份，例如 /quota 2018；不写则为今年。');
  const year = arg ? Number(arg.slice(0, 4)) : currentYear(deps).year;
  const res = await resolveScope(deps, input.actor!, undefined);
  if (!res.ok) return reply.text(res.refusal);
  const ids = res.scope.squads.map((s) => s.id);
  const [quotas, goals] = await Promise.all([
    deps.db.quota.findMany({
      where: { year, squadId: { in: ids } },
      select: { squadId: true, metric: true, target: true },
    }),
    deps.db.districtGoal.findMany({ where: { year }, orderBy: { metric: 'asc' } }),
  ]);
  const elements: Element[] = [];
  if (res.scope.all && goals.length) {
    const lines = goals.map((g) =>
      g.metric.startsWith('COMMENCEMENT_RATE_')
        ? `- ${g.metric.slice(-4)}年签约项目开工率 ≥ ${Math.round(g.target * 100)}%`
        : `- ${METRIC_LABELS[g.metric as Metric] ?? g.metric}：${show(g.metric as Metric, g.target)}`,
    );
    elements.push(md(`**全区目标**\n${lines.join('\n')}`));
  }
  for (const s of res.scope.squads) {
    const of = quotas.filter((q) => q.squadId === s.id);
    if (!of.length) continue;
    const parts = METRICS.filter((m) => of.some((q) => q.metric === m)).map(
      (m) => `${METRIC_LABELS[m]} ${show(m, of.find((q) => q.metric === m)!.target)}`,
    );
    elements.push(md(`**${s.sortOrder}. ${s.name}**\n${parts.join(' · ')}`));
  }
  if (elements.length === 0) elements.push(note(`${year}年还没有分解目标任务，请联系区招商局。`));
  return reply.card(
    renderCard('quota', {
      title: `${year}年 · ${res.scope.title}`,
      subtitle: '港南政发〔2018〕5号 附表一/二/三',
      elements,
      footer: '目标任务由区招商局维护；季度目标按全年任务的四分之一计算。',
    }),
  );
}
