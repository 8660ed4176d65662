import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { buildCompletionChart, chartWithFallback } from '../cards/shared/charts.js';
import { md, note, table, type Element } from '../cards/shared/elements.js';
import { renderCard } from '../cards/shared/template.js';
import { maySeeAllSquads, maySeeSquad } from '../domain/authz.js';
import { parsePeriod } from '../domain/periods.js';
import { computeBulletin } from '../db/bulletins.js';
import { UserError } from '../errors.js';
import { reply } from '../feishu/answer.js';
import { periodName } from './progress.js';
import { currentQuarter, todayOf } from './scope.js';

export async function showRank(input: CommandInput, deps: Deps): Promise<Reply> {
  if (input.args.length > 1) throw new UserError('只需要一个参数：季度（如 2018Q2）或年份（如 2018）。');
  const period = input.args[0] ? parsePeriod(input.args[0]) : currentQuarter(deps);
  if (!period) throw new UserError(`“${input.args[0]}”不是季度或年份，请写成 2018Q2 或 2018。`);
  const today = todayOf(deps);
  const { bulletin, ranked } = await computeBulletin(deps.db, period, today);
  const actor = input.actor!;
  const all = maySeeAllSquads(actor);
  const visible = ranked.map((s, i) => ({ s, rank: i + 1 })).filter(({ s }) => all || maySeeSquad(actor, s.squadId));
  if (visible.length === 0) return reply.text('你还不属于任何招商小分队，暂时没有可查看的排名。');
  const elements: Element[] = [
    table(
      [
        { name: 'rank', display_name: '名次' },
        { name: 'name', display_name: '小分队' },
        { name: 'score', display_name: '得分' },
        { name: 'mark', display_name: '' },
      ],
      visible.map(({ s, rank }) => ({
        rank: `${rank}/${ranked.length}`,
        name: s.name,
        score: s.score.toFixed(1),
        mark: !all
          ? ''
          : bulletin.red.some((r) => r.squadId === s.squadId)
            ? '红榜'
            : bulletin.black.some((b) => b.squadId === s.squadId)
              ? '黑榜'
              : '',
      })),
      10,
    ),
  ];
  if (visible.length > 1)
    elements.push(
      ...chartWithFallback(
        buildCompletionChart(
          visible.map(({ s }) => ({ squad: s.name, completion: s.score / 100 })),
          '综合得分',
          '得分',
        ),
      ),
    );
  if (all) {
    const line = (e: { name: string; reasons: string[] }) => `- **${e.name}**：${e.reasons.join('；')}`;
    if (bulletin.red.length) elements.push(md(`**红榜**\n${bulletin.red.map(line).join('\n')}`));
    if (bulletin.black.length) elements.push(md(`**黑榜**\n${bulletin.black.map(line).join('\n')}`));
    elements.push(note('红黑榜以办公室审核发布的季度通报为准；此处为即时计算结果。'));
  } else {
    elements.push(note('完整排名和红黑榜由领导小组和办公室查看。'));
  }
  return reply.card(
    renderCard('rank', {
      title: periodName(period),
      subtitle: `截至 ${today} · 共 ${ranked.length} 个小分队`,
      elements,
      footer:
        '得分按目标任务完成率加权：项目规模质量、资金到位率、开工率权重最大，重大项目和战略性新兴产业加权，月报按时和外出守规也计分。权重由办公室设置。',
    }),
  );
}
