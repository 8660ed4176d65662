import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { showProjectNewCard } from '../cards/project-new/actions.js';
import { drawProjectList } from '../cards/project-list/view.js';
import { listHelpedSquadIds, listProjects } from '../db/projects.js';
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
    return reply.card(await showProjectNewCard(deps, actor));
  }
  const squadIds =
    helper && !office && !homeSquadId(actor)
      ? await listHelpedSquadIds(deps.db, actor.id)
      : office
        ? null
        : actor.squads.map((s) => s.squadId);
  return reply.card(drawProjectList(await listProjects(deps.db, squadIds), squadIds));
}
