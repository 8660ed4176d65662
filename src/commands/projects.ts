import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { stageFunnelCard } from '../cards/stage-funnel/view.js';
import { PROJECT_STAGES, STAGE_LABELS, type ProjectStage } from '../domain/vocabulary.js';
import { projectsInStage, stageCounts } from '../db/listings.js';
import { UserError } from '../errors.js';
import { reply } from '../feishu/answer.js';
import { closestName } from '../domain/closest-name.js';
import { resolveScope, todayOf } from './scope.js';

/** '签约', '签约阶段', 'signed', 'SIGNED' → SIGNED. */
function parseStage(arg: string): ProjectStage | undefined {
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
  return reply.card(
    stageFunnelCard({
      title: res.scope.title,
      today: todayOf(deps),
      stage,
      counts,
      projects: list.map((p) => ({
        id: p.id,
        name: p.name,
        isKey: p.isKey,
        squadName: p.squad.name,
        stage: p.stage,
        investment: p.investment,
        signedOn: p.signedOn,
        startedOn: p.startedOn,
      })),
    }),
  );
}
