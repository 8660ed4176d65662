import { savedNotice } from '../shared/elements.js';
import { escapeMarkdown } from '../shared/template.js';
import { recordAudit } from '../../db/audit-trail.js';
import { listOpenLeads } from '../../db/leads.js';
import type { Actor } from '../../domain/actor.js';
import { createProjectWithHistory } from '../../db/project-writes.js';
import { findLeadForProject, findProjectIdByRequestKey } from '../../db/projects.js';
import type { Deps } from '../../deps.js';
import { homeSquadId, isOfficeActor, mayActForSquad } from '../../domain/authz.js';
import { localDate, localDateTime } from '../../domain/local-date.js';
import { answer, type Card, type CardAnswer } from '../../feishu/answer.js';
import { amountEchoes } from '../shared/fields.js';
import { showProjectCard } from '../project/actions.js';
import { readNewProjectFlags } from '../project/flags.js';
import { refillForm } from '../shared/form.js';
import { resolveSquadId, squadPickerElements } from '../shared/squad-picker.js';
import type { CardInput } from '../types.js';
import { readProjectNewForm } from './form.js';
import { drawProjectNew } from './view.js';
import { listSquadOptions } from '../../db/squad-options.js';

// The new-project card: open it (also `/project new`) and create the project it describes.

/** The new-project form with the open leads of the person's home squad. */
export async function showProjectNewCard(deps: Deps, actor: Actor, notice?: string): Promise<Card> {
  const squadId = homeSquadId(actor);
  const leads = squadId ? await listOpenLeads(deps.db, squadId) : [];
  return drawProjectNew({
    notice,
    squadPicker: squadPickerElements(actor, await listSquadOptions(deps.db, actor)),
    leads,
  });
}

/** The new-project form, for those who may create one (as `/project new`): squad members and the office. */
export async function newProject(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  if (!isOfficeActor(actor) && !homeSquadId(actor)) return answer.error('只有小分队成员和区招商局可以新建项目。');
  return answer.card(await showProjectNewCard(deps, actor));
}

export async function createProject(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const db = deps.db;
  const squadId = resolveSquadId(actor, input.formValue);
  const refusal = mayActForSquad(actor, squadId);
  if (refusal) return answer.error(refusal);
  const now = deps.clock.now();
  const timezone = deps.config.timezone;
  const requestKey = `project:${input.messageId ?? input.eventId}`;
  const already = await findProjectIdByRequestKey(db, requestKey);
  if (already !== null)
    return answer.toastAndCard('项目已创建', await showProjectCard(deps, already, { actor }), 'info');
  const form = readProjectNewForm(input.formValue);
  if (!form.ok) {
    const card = refillForm(await showProjectNewCard(deps, actor), input.formValue, form.errors);
    return answer.fieldErrors(card, form.errors, '请检查填写内容');
  }
  const f = form.values;
  const flags = readNewProjectFlags(input.formValue);
  const lead = f.lead ? await findLeadForProject(db, f.lead) : null;
  if (f.lead && (!lead || lead.squadId !== squadId)) return answer.error('所选线索不属于本小分队，请重新选择。');
  const project = await createProjectWithHistory(db, {
    requestKey,
    name: f.project_name,
    company: f.company,
    squadId,
    leadId: lead?.id ?? null,
    sector: f.sector ?? lead?.sector ?? '',
    investment: f.investment,
    chatId: input.chatId ?? null,
    cardMessageId: input.messageId ?? null,
    createdById: actor.id,
    ...flags,
    on: localDate(now, timezone),
  });
  await recordAudit(db, actor, 'project.create', 'Project', project.id, {
    name: project.name,
    squadId,
    investment: f.investment,
    leadId: lead?.id ?? null,
    ...flags,
  });
  const echoes = amountEchoes(input.formValue, [{ name: 'investment', label: '计划投资额' }]);
  const notice =
    savedNotice('已创建', `${escapeMarkdown(actor.name)}，${localDateTime(now, timezone)}`) +
    echoes.map((e) => `\n${e}`).join('');
  return answer.toastAndCard(
    ['项目已创建', ...echoes].join('；'),
    await showProjectCard(deps, project.id, { actor, notice }),
  );
}
