import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { buildProjectNewCard } from '../cards/project/actions.js';
import { buildProjectList } from '../cards/project/view.js';
import { homeSquadId, isOfficeActor } from '../domain/authz.js';
import { reply } from '../feishu/answer.js';

export async function openProjects(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  const office = isOfficeActor(actor);
  const helper = actor.roles.includes('HELPER');
  if (!office && !homeSquadId(actor) && !helper)
    return reply.text('你不在任何招商小分队中，无法查看或登记项目；请联系区招商局。');
  if (input.args[0]?.toLowerCase() === 'new') {
    if (!office && !homeSquadId(actor)) return reply.text('只有小分队成员和区招商局可以新建项目。');
    return reply.card(await buildProjectNewCard(deps.db, actor));
  }
  if (helper && !office && !homeSquadId(actor)) {
    const mine = await deps.db.project.findMany({ where: { helperId: actor.id }, select: { squadId: true } });
    return reply.card(await buildProjectList(deps.db, [...new Set(mine.map((p) => p.squadId))]));
  }
  return reply.card(await buildProjectList(deps.db, office ? null : actor.squads.map((s) => s.squadId)));
}
