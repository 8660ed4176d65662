import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { listKeyProjects, setKeyProject } from '../db/key-land.js';
import { isOffice } from '../domain/actor.js';
import { findProjectForReview } from '../db/reviews.js';
import { maySeeSquad } from '../domain/authz.js';
import { STAGE_LABELS, type ProjectStage } from '../domain/vocabulary.js';
import { reply } from '../feishu/answer.js';
import { resolveProjectArg } from './project-arg.js';

export async function manageKeyProjects(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  if (input.args.length === 0) {
    const rows = (await listKeyProjects(deps.db)).filter((p) => maySeeSquad(actor, p.squadId));
    if (rows.length === 0)
      return reply.text('还没有重点项目。区招商局可用 /key <项目编号或名称> <一企一策说明> 标记。');
    const lines = rows.map(
      (p) =>
        `#${p.id} ${p.name}（${p.squadName}，${STAGE_LABELS[p.stage as ProjectStage] ?? p.stage}）` +
        `${p.keyNotes ? `\n    一企一策：${p.keyNotes}` : ''}`,
    );
    return reply.text(`重点项目清单（共 ${rows.length} 个）：\n${lines.join('\n')}`);
  }
  if (!isOffice(actor)) return reply.text('重点项目由区招商局（领导小组办公室）标记；如需列入，请联系办公室。');
  const found = await resolveProjectArg(deps, actor, input.args[0], (p) => `/key ${p} 专人帮办，环评并联审批`);
  if (!found.ok) return reply.text(found.text);
  const id = found.id;
  const project = await findProjectForReview(deps.db, id);
  if (!project) return reply.text(`找不到编号为 ${id} 的项目，请发送 /projects 查看项目编号。`);
  const text = input.args.slice(1).join(' ').trim();
  const who = { id: actor.id, openId: actor.openId };
  if (text === '取消') {
    if (!project.isKey) return reply.text(`「${project.name}」不是重点项目，无需取消。`);
    await setKeyProject(deps.db, id, false, project.keyNotes, who);
    return reply.text(`已将「${project.name}」移出重点项目清单。`);
  }
  if (!text && !project.isKey) return reply.text('请写上一企一策说明，例如 /key 12 专人帮办，环评并联审批');
  const notes = (text || project.keyNotes).slice(0, 1000);
  await setKeyProject(deps.db, id, true, notes, who);
  return reply.text(
    `已将「${project.name}」列为重点项目${notes ? `，一企一策：${notes}` : ''}。重点项目的联合预审和任务期限缩短，在项目列表中排在前面，超期事项直接提醒责任领导。`,
  );
}
