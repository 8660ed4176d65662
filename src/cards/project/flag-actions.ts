import { savedNotice } from '../shared/elements.js';
import { recordAudit } from '../../db/audit-trail.js';
import { setProjectFlags } from '../../db/project-flags.js';
import type { Deps } from '../../deps.js';
import { isMemberOf } from '../../domain/authz.js';
import { localDateTime } from '../../domain/local-date.js';
import { answer, type CardAnswer } from '../../feishu/answer.js';
import { refillForm } from '../shared/form.js';
import { escapeMarkdown } from '../shared/template.js';
import type { CardInput } from '../types.js';
import { projectForActor, showProjectCard } from './actions.js';
import { readFlagsForm } from './flags.js';

// The flags form of the project card: the owning squad sets them, the office may correct them.
// Every change is an AuditLog row of the project, with the values before and after.

export async function changeProjectFlags(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const l = await projectForActor(input, deps, true);
  if (!l.ok) return l.answer;
  const { project } = l;
  const actor = input.actor!;
  const form = readFlagsForm(input.formValue);
  if (!form.ok) {
    const card = refillForm(
      await showProjectCard(deps, project.id, { actor, mode: 'flags' }),
      input.formValue,
      form.errors,
    );
    return answer.fieldErrors(card, form.errors, '请检查填写内容');
  }
  const before = { strategicEmerging: project.strategicEmerging, majorProject: project.majorProject };
  const after = { strategicEmerging: form.strategicEmerging, majorProject: form.majorProject };
  if (before.strategicEmerging === after.strategicEmerging && before.majorProject === after.majorProject)
    return answer.toastAndCard('标记没有变化', await showProjectCard(deps, project.id, { actor }), 'info');
  await setProjectFlags(deps.db, project.id, after);
  // The office acting on a squad it does not belong to corrects the squad's flags.
  const correction = !isMemberOf(actor, project.squadId);
  await recordAudit(deps.db, actor, correction ? 'project.flags.correct' : 'project.flags', 'Project', project.id, {
    before,
    after,
  });
  const notice = savedNotice(
    '产业标记已保存',
    `${escapeMarkdown(actor.name)}，${localDateTime(deps.clock.now(), deps.config.timezone)}`,
  );
  return answer.toastAndCard('产业标记已保存', await showProjectCard(deps, project.id, { actor, notice }));
}
