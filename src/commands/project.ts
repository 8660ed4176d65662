import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { showProjectNewCard } from '../cards/project-new/actions.js';
import { showProjectCard } from '../cards/project/actions.js';
import { drawProjectList } from '../cards/project-list/view.js';
import { listHelpedSquadIds, listProjects, loadProject } from '../db/projects.js';
import { homeSquadId, isOfficeActor, maySeeSquad } from '../domain/authz.js';
import { reply } from '../feishu/answer.js';
import { resolveProjectArg } from './project-arg.js';

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
  if (input.args[0]) {
    // `/project 12` or `/project 饲料`: that project's card.
    const found = await resolveProjectArg(deps, actor, input.args[0], (p) => `/project ${p}`);
    if (!found.ok) return reply.text(found.text);
    const project = await loadProject(deps.db, found.id);
    if (!project) return reply.text(`找不到编号为 ${found.id} 的项目，请发送 /project 查看本小分队的项目和编号。`);
    if (!maySeeSquad(actor, project.squadId) && project.helperId !== actor.id)
      return reply.text('你无权查看这个小分队的项目。');
    return reply.card(await showProjectCard(deps, project.id, { actor }));
  }
  const squadIds =
    helper && !office && !homeSquadId(actor)
      ? await listHelpedSquadIds(deps.db, actor.id)
      : office
        ? null
        : actor.squads.map((s) => s.squadId);
  return reply.card(drawProjectList(await listProjects(deps.db, squadIds), squadIds));
}
