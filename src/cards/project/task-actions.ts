import { z } from 'zod';
import { recordAudit } from '../../db/audit-trail.js';
import { listHelpers } from '../../db/projects.js';
import type { Deps } from '../../deps.js';
import { isOfficeActor, isMemberOf } from '../../domain/authz.js';
import { localDateTime } from '../../domain/local-date.js';
import { answer, type CardAnswer } from '../../feishu/answer.js';
import { enqueueMessage, textContent } from '../../feishu/outbox.js';
import { dateField, requiredText } from '../shared/fields.js';
import { cleanFormValue, fieldErrorsOf, refillForm } from '../shared/form.js';
import { escapeMarkdown } from '../shared/template.js';
import { projectForActor } from './actions.js';
import { buildProjectCard } from './view.js';
import { whenOf } from '../trip-report.js';
import type { CardInput } from '../types.js';

// 帮办 and 限时办结: the squad or the office assigns a helper and adds tasks with due dates; a task
// is closed (办结销号) by the helper, the squad or the office.

const TaskForm = z.object({
  task_title: requiredText('任务', 200),
  task_due: dateField('办结期限'),
  task_assignee: z.string().optional(),
});

export async function addTask(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const l = await projectForActor(input, deps, true);
  if (!l.ok) return l.answer;
  const { project } = l;
  const when = whenOf(deps);
  const actor = input.actor!;
  const requestKey = `project:${project.id}:task:${Number(input.value.seq)}`;
  if (await deps.db.projectTask.findUnique({ where: { requestKey } })) {
    return answer.toastAndCard('这项任务已添加', await buildProjectCard(deps.db, project.id, { actor, when }), 'info');
  }
  const parsed = TaskForm.safeParse(cleanFormValue(input.formValue));
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    const card = refillForm(
      await buildProjectCard(deps.db, project.id, { actor, mode: 'task', when }),
      input.formValue,
      errors,
    );
    return answer.toastAndCard(Object.values(errors)[0] ?? '请检查填写内容', card, 'error');
  }
  const f = parsed.data;
  const assignee = f.task_assignee ? await deps.db.person.findUnique({ where: { openId: f.task_assignee } }) : null;
  const task = await deps.db.projectTask.create({
    data: {
      requestKey,
      projectId: project.id,
      title: f.task_title,
      dueOn: f.task_due,
      assigneeId: assignee?.id ?? project.helperId,
      createdById: actor.id,
    },
  });
  await recordAudit(deps.db, actor, 'project.task.add', 'ProjectTask', task.id, {
    projectId: project.id,
    title: task.title,
    dueOn: task.dueOn,
  });
  return answer.toastAndCard('任务已添加', await buildProjectCard(deps.db, project.id, { actor, when }));
}

export async function closeTask(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const task = await deps.db.projectTask.findUnique({
    where: { id: Number(input.value.taskId) || 0 },
    include: { project: true },
  });
  if (!task) return answer.error('找不到这项任务，请重新发送 /project。');
  const p = task.project;
  const allowed =
    isOfficeActor(actor) || isMemberOf(actor, p.squadId) || p.helperId === actor.id || task.assigneeId === actor.id;
  if (!allowed) return answer.error('只有项目的帮办、所属小分队或区招商局可以办结销号。');
  const when = whenOf(deps);
  if (task.status === 'DONE')
    return answer.toastAndCard('这项任务已办结', await buildProjectCard(deps.db, p.id, { actor, when }), 'info');
  await deps.db.projectTask.update({
    where: { id: task.id },
    data: { status: 'DONE', closedAt: when.now, closedById: actor.id },
  });
  await recordAudit(deps.db, actor, 'project.task.close', 'ProjectTask', task.id, { projectId: p.id });
  const notice = `✅ “${escapeMarkdown(task.title.slice(0, 30))}”已办结销号（${escapeMarkdown(actor.name)}，${localDateTime(when.now, when.timezone)}）`;
  return answer.toastAndCard('已办结销号', await buildProjectCard(deps.db, p.id, { actor, when, notice }));
}

export async function assignHelper(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const l = await projectForActor(input, deps, true);
  if (!l.ok) return l.answer;
  const { project } = l;
  const actor = input.actor!;
  const when = whenOf(deps);
  const openId = typeof input.formValue.helper === 'string' ? input.formValue.helper : '';
  const helper = (await listHelpers(deps.db)).find((h) => h.openId === openId);
  if (!helper) {
    const card = refillForm(
      await buildProjectCard(deps.db, project.id, { actor, mode: 'helper', when }),
      {},
      { helper: '请从列表中选择帮办中心的人员' },
    );
    return answer.toastAndCard('请从列表中选择帮办中心的人员', card, 'error');
  }
  if (project.helperId !== helper.id) {
    await deps.db.project.update({ where: { id: project.id }, data: { helperId: helper.id } });
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
  return answer.toastAndCard(
    `已指派 ${helper.name} 为帮办`,
    await buildProjectCard(deps.db, project.id, { actor, when }),
  );
}
