import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { md, note, table, type Element } from '../cards/shared/elements.js';
import { renderCard } from '../cards/shared/template.js';
import { formatAmount } from '../domain/tally.js';
import { PROJECT_STAGES, STAGE_LABELS, type ProjectStage } from '../domain/vocabulary.js';
import { projectsInStage, stageCounts } from '../db/listings.js';
import { UserError } from '../errors.js';
import { reply } from '../feishu/answer.js';
import { closestName } from '../domain/closest-name.js';
import { resolveScope, todayOf } from './scope.js';

/** '签约', '签约阶段', 'signed', 'SIGNED' → SIGNED. */
export function parseStage(arg: string): ProjectStage | undefined {
  const a = arg.trim().replace(/阶段$/, '');
  const upper = a.toUpperCase();
  if ((PROJECT_STAGES as readonly string[]).includes(upper)) return upper as ProjectStage;
  return PROJECT_STAGES.find((s) => STAGE_LABELS[s] === a || (a === '落地' && s === 'STARTED'));
}

export async function showProjectFunnel(input: CommandInput, deps: Deps): Promise<Reply> {
  const arg = input.args.join('');
  const stage = arg ? parseStage(arg) : undefined;
  if (arg && !stage) {
    const near = closestName(
      arg,
      PROJECT_STAGES.map((s) => STAGE_LABELS[s]),
    );
    throw new UserError(
      `没有“${arg}”这个阶段${near ? `，你是不是想查“${near}”` : ''}。阶段：洽谈、签约、开工、投产、达效。`,
    );
  }
  const res = await resolveScope(deps, input.actor!, undefined);
  if (!res.ok) return reply.text(res.refusal);
  const ids = res.scope.all ? undefined : res.scope.squads.map((s) => s.id);
  const [counts, list] = await Promise.all([stageCounts(deps.db, ids), projectsInStage(deps.db, ids, stage)]);
  const funnel = PROJECT_STAGES.map((s) => {
    const c = counts.find((x) => x.stage === s);
    return `${STAGE_LABELS[s]} **${c?.n ?? 0}** 个（${formatAmount(c?.investment ?? 0, '万元')}）`;
  });
  const elements: Element[] = [
    md(`**各阶段**\n${funnel.join(' → ')}`),
    md(`**${stage ? STAGE_LABELS[stage] + '阶段' : '已签约及以后'}项目（按投资额）**`),
  ];
  if (list.length === 0) elements.push(note('没有符合条件的项目。'));
  else
    elements.push(
      table(
        [
          { name: 'name', display_name: '项目' },
          { name: 'squad', display_name: '小分队' },
          { name: 'stage', display_name: '阶段' },
          { name: 'investment', display_name: '投资额' },
          { name: 'date', display_name: '签约/开工' },
        ],
        list.map((p) => ({
          name: p.isKey ? `★ ${p.name}` : p.name,
          squad: p.squad.name,
          stage: STAGE_LABELS[p.stage as ProjectStage] ?? p.stage,
          investment: formatAmount(p.investment, '万元'),
          date: [p.signedOn, p.startedOn].filter(Boolean).join(' / ') || '—',
        })),
      ),
    );
  return reply.card(
    renderCard('projects', {
      title: res.scope.title,
      subtitle: `截至 ${todayOf(deps)}`,
      elements,
      footer: '★ 为重点项目。阶段变更请在项目卡片上操作（/project）。',
    }),
  );
}
