import { savedNotice } from '../shared/elements.js';
import { recordAudit } from '../../db/audit-trail.js';
import { closeProjectTask, createProjectTask, setProjectHelper } from '../../db/project-writes.js';
import { findPersonIdByOpenId, findTaskWithProject, listHelpers, taskExists } from '../../db/projects.js';
import type { Deps } from '../../deps.js';
import { isMemberOf, isOfficeActor } from '../../domain/authz.js';
import { localDateTime } from '../../domain/local-date.js';
import { answer, type CardAnswer } from '../../feishu/answer.js';
import { enqueueMessage, textContent } from '../../feishu/outbox.js';
import { refillForm } from '../shared/form.js';
import { escapeMarkdown } from '../shared/template.js';
import type { CardInput } from '../types.js';
import { projectForActor, showProjectCard } from './actions.js';
import { HELPER_REQUIRED, readHelperForm, readTaskForm } from './form.js';

// 帮办 and 限时办结: the squad or the office assigns a helper and adds tasks with due dates; a task
// is closed (办结销号) by the helper, the squad or the office.

export async function addTask(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const l = await projectForActor(input, deps, true);
  if (!l.ok) return l.answer;
  const { project } = l;
  const actor = input.actor!;
  const requestKey = `project:${project.id}:task:${Number(input.value.seq)}`;
  if (await taskExists(deps.db, requestKey)) {
    return answer.toastAndCard('这项任务已添加', await showProjectCard(deps, project.id, { actor }), 'info');
  }
  const form = readTaskForm(input.formValue);
  if (!form.ok) {
    const card = refillForm(
      await showProjectCard(deps, project.id, { actor, mode: 'task' }),
      input.formValue,
      form.errors,
    );
    return answer.fieldErrors(card, form.errors, '请检查填写内容');
  }
  const f = form.values;
  const assigneeId = f.task_assignee ? await findPersonIdByOpenId(deps.db, f.task_assignee) : null;
  const task = await createProjectTask(deps.db, {
    requestKey,
    projectId: project.id,
    title: f.task_title,
    dueOn: f.task_due,
    assigneeId: assigneeId ?? project.helperId,
    createdById: actor.id,
  });
  await recordAudit(deps.db, actor, 'project.task.add', 'ProjectTask', task.id, {
    projectId: project.id,
    title: task.title,
    dueOn: task.dueOn,
  });
  return answer.toastAndCard('任务已添加', await showProjectCard(deps, project.id, { actor }));
}

export async function closeTask(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const task = await findTaskWithProject(deps.db, Number(input.value.taskId) || 0);
  if (!task) return answer.error('找不到这项任务，请重新发送 /project。');
  const p = task.project;
  const allowed =
    isOfficeActor(actor) || isMemberOf(actor, p.squadId) || p.helperId === actor.id || task.assigneeId === actor.id;
  if (!allowed) return answer.error('只有项目的帮办、所属小分队或区招商局可以办结销号。');
  const now = deps.clock.now();
  if (task.status === 'DONE')
    return answer.toastAndCard('这项任务已办结', await showProjectCard(deps, p.id, { actor }), 'info');
  await closeProjectTask(deps.db, task.id, actor.id, now);
  await recordAudit(deps.db, actor, 'project.task.close', 'ProjectTask', task.id, { projectId: p.id });
  const notice = savedNotice(
    `“${escapeMarkdown(task.title.slice(0, 30))}”已办结销号`,
    `${escapeMarkdown(actor.name)}，${localDateTime(now, deps.config.timezone)}`,
  );
  return answer.toastAndCard('已办结销号', await showProjectCard(deps, p.id, { actor, notice }));
}

export async function assignHelper(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const l = await projectForActor(input, deps, true);
  if (!l.ok) return l.answer;
  const { project } = l;
  const actor = input.actor!;
  const openId = readHelperForm(input.formValue);
  const helper = (await listHelpers(deps.db)).find((h) => h.openId === openId);
  if (!helper) {
    const errors = { helper: HELPER_REQUIRED };
    const card = refillForm(await showProjectCard(deps, project.id, { actor, mode: 'helper' }), {}, errors);
    return answer.fieldErrors(card, errors);
  }
  if (project.helperId !== helper.id) {
    await setProjectHelper(deps.db, project.id, helper.id);
    await recordAudit(deps.db, actor, 'project.helper', 'Project', project.id, {
      before: project.helperId,
      after: helper.id,
    });
    await enqueueMessage(deps.db, {
      dedupKey: `project-helper:${project.id}:${helper.id}:${input.eventId}`,
      to: { type: 'open_id', id: helper.openId },
      msgType: 'text',
      content: textContent(
        `${actor.name} 指派你为项目“${project.name}”（${project.squadName}）的帮办，请全程跟进服务。发送 /project 可查看。`,
      ),
    });
  }
  return answer.toastAndCard(`已指派 ${helper.name} 为帮办`, await showProjectCard(deps, project.id, { actor }));
}
