import { z } from 'zod';
import type { Actor } from '../../db/people.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../db/audit-trail.js';
import { listOpenLeads } from '../../db/leads.js';
import { loadProject } from '../../db/projects.js';
import { checkSignable } from '../../db/signing-guard.js';
import type { Deps } from '../../deps.js';
import { homeSquadId, isOfficeActor, mayActForSquad, maySeeSquad } from '../../domain/authz.js';
import { localDate, localDateTime } from '../../domain/local-date.js';
import { formatWan } from '../../domain/money.js';
import { checkStageMove, stageDatesAfter } from '../../domain/project-stages.js';
import { PROJECT_STAGES, STAGE_LABELS } from '../../domain/vocabulary.js';
import { answer, type Card, type CardAnswer } from '../../feishu/answer.js';
import { amountField, optionalText, pastDateField, requiredText } from '../shared/fields.js';
import { cleanFormValue, fieldErrorsOf, refillForm } from '../shared/form.js';
import { buildProjectCard, type ProjectMode } from './view.js';
import { resolveSquadId, squadPickerElements } from '../squad-picker.js';
import { renderCard } from '../shared/template.js';
import { whenOf } from '../trip-report.js';
import type { CardInput } from '../types.js';

// Callbacks of the project cards: open, new, create, stage update. Tasks and helper: project-tasks.ts.

export async function buildProjectNewCard(db: Db, actor: Actor, notice?: string): Promise<Card> {
  const squadId = homeSquadId(actor);
  const leads = squadId ? await listOpenLeads(db, squadId) : [];
  const leadPicker = leads.length
    ? [
        {
          tag: 'select_static',
          name: 'lead',
          placeholder: { tag: 'plain_text', content: '来自哪条招商线索（可不选）' },
          options: leads.map((l) => ({
            text: { tag: 'plain_text', content: l.company.slice(0, 40) },
            value: String(l.id),
          })),
        },
      ]
    : [];
  return renderCard('project-new', {
    notice: notice ? [{ tag: 'markdown', content: notice }] : [],
    squadPicker: await squadPickerElements(db, actor),
    leadPicker,
  });
}

const CreateForm = z.object({
  project_name: requiredText('项目名称', 100),
  company: requiredText('投资企业', 100),
  sector: optionalText('所属行业', 50),
  investment: amountField('计划投资额'),
  lead: z.coerce.number().int().positive().optional(),
});

function stageForm(today: string) {
  return z.object({
    to_stage: z.enum(PROJECT_STAGES, { error: '请选择阶段' }),
    stage_date: pastDateField('日期', today),
    investment: amountField('投资额').optional(),
    funds_added: amountField('本次新增到位资金').optional(),
    fx_added: amountField('本次新增实际利用外资', '万美元').optional(),
    evidence: optionalText('佐证说明', 500),
  });
}

/** The project named in the button if the person may see it (and, for changes, act for its squad). */
export async function projectForActor(
  input: CardInput,
  deps: Deps,
  act: boolean,
): Promise<
  { ok: true; project: NonNullable<Awaited<ReturnType<typeof loadProject>>> } | { ok: false; answer: CardAnswer }
> {
  const id = Number(input.value.projectId);
  const project = Number.isInteger(id) ? await loadProject(deps.db, id) : null;
  if (!project) return { ok: false, answer: answer.error('找不到这个项目，请重新发送 /project。') };
  const actor = input.actor!;
  const isHelper = project.helperId === actor.id;
  if (act) {
    const refusal = mayActForSquad(actor, project.squadId);
    if (refusal) return { ok: false, answer: answer.error(refusal) };
  } else if (!maySeeSquad(actor, project.squadId) && !isHelper) {
    return { ok: false, answer: answer.error('你无权查看这个小分队的项目。') };
  }
  return { ok: true, project };
}

export async function viewProject(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const mode = (
    ['stage', 'task', 'helper'].includes(String(input.value.mode)) ? input.value.mode : 'view'
  ) as ProjectMode;
  const l = await projectForActor(input, deps, mode !== 'view');
  if (!l.ok) return l.answer;
  return answer.card(await buildProjectCard(deps.db, l.project.id, { actor: input.actor, mode, when: whenOf(deps) }));
}

export async function newProject(input: CardInput, deps: Deps): Promise<CardAnswer> {
  return answer.card(await buildProjectNewCard(deps.db, input.actor!));
}

export async function createProject(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const db = deps.db;
  const squadId = resolveSquadId(actor, input.formValue);
  const refusal = mayActForSquad(actor, squadId);
  if (refusal) return answer.error(refusal);
  const when = whenOf(deps);
  const requestKey = `project:${input.messageId ?? input.eventId}`;
  const already = await db.project.findUnique({ where: { requestKey } });
  if (already)
    return answer.toastAndCard('项目已创建', await buildProjectCard(db, already.id, { actor, when }), 'info');
  const parsed = CreateForm.safeParse(cleanFormValue(input.formValue));
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error, { lead: '招商线索' });
    return answer.toastAndCard(
      Object.values(errors)[0] ?? '请检查填写内容',
      refillForm(await buildProjectNewCard(db, actor), input.formValue, errors),
      'error',
    );
  }
  const f = parsed.data;
  const lead = f.lead ? await db.lead.findUnique({ where: { id: f.lead } }) : null;
  if (f.lead && (!lead || lead.squadId !== squadId)) return answer.error('所选线索不属于本小分队，请重新选择。');
  const today = localDate(when.now, when.timezone);
  const project = await db.project.create({
    data: {
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
    },
  });
  // The history starts with the project itself (seq 0), so funnels and time-in-stage have a start.
  await db.projectStageChange.create({
    data: {
      requestKey: `project:${project.id}:change:0`,
      projectId: project.id,
      fromStage: null,
      toStage: 'NEGOTIATING',
      on: today,
      investment: f.investment,
      byId: actor.id,
    },
  });
  if (lead) await db.lead.update({ where: { id: lead.id }, data: { projectId: project.id, status: 'CONVERTED' } });
  await recordAudit(db, actor, 'project.create', 'Project', project.id, {
    name: project.name,
    squadId,
    investment: f.investment,
    leadId: lead?.id ?? null,
  });
  const notice = `✅ 已创建（${actor.name}，${localDateTime(when.now, when.timezone)}）`;
  return answer.toastAndCard('项目已创建', await buildProjectCard(db, project.id, { actor, when, notice }));
}

export async function changeProjectStage(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const l = await projectForActor(input, deps, true);
  if (!l.ok) return l.answer;
  const { project } = l;
  const actor = input.actor!;
  const db = deps.db;
  const when = whenOf(deps);
  const seq = Number(input.value.seq);
  const requestKey = `project:${project.id}:change:${seq}`;
  if (await db.projectStageChange.findUnique({ where: { requestKey } })) {
    return answer.toastAndCard(
      '这次更新已保存（卡片已刷新）',
      await buildProjectCard(db, project.id, { actor, when }),
      'info',
    );
  }
  const formCard = async (errors: Record<string, string> = {}) =>
    refillForm(await buildProjectCard(db, project.id, { actor, mode: 'stage', when }), input.formValue, errors);
  const parsed = stageForm(localDate(when.now, when.timezone)).safeParse(cleanFormValue(input.formValue));
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    return answer.toastAndCard(Object.values(errors)[0] ?? '请检查填写内容', await formCard(errors), 'error');
  }
  const f = parsed.data;
  const from = project.stage as (typeof PROJECT_STAGES)[number];
  const move = checkStageMove(from, f.to_stage, isOfficeActor(actor));
  if (move.refusal !== null)
    return answer.toastAndCard(move.refusal, await formCard({ to_stage: move.refusal }), 'error');
  const investment = f.investment ?? project.investment;
  if (f.to_stage === 'SIGNED' && move.kind !== 'UPDATE') {
    const reason = await checkSignable(db, { id: project.id, investment, reviewStatus: project.reviewStatus });
    if (reason) return answer.toastAndCard(reason, await formCard({ to_stage: reason }), 'error');
  }
  await db.projectStageChange.create({
    data: {
      requestKey,
      projectId: project.id,
      fromStage: from,
      toStage: f.to_stage,
      on: f.stage_date,
      investment: f.investment ?? null,
      fundsInPlace: f.funds_added ?? null,
      foreignCapitalUsd: f.fx_added ?? null,
      evidence: f.evidence ?? '',
      byId: actor.id,
    },
  });
  await db.project.update({
    where: { id: project.id },
    data: {
      stage: f.to_stage,
      ...stageDatesAfter(move.kind, f.to_stage, f.stage_date),
      investment,
      fundsInPlace: { increment: f.funds_added ?? 0 },
      foreignCapitalUsd: { increment: f.fx_added ?? 0 },
    },
  });
  await recordAudit(
    db,
    actor,
    move.kind === 'CORRECTION' ? 'project.stage.correct' : 'project.stage',
    'Project',
    project.id,
    {
      from,
      to: f.to_stage,
      on: f.stage_date,
      investment: { before: project.investment, after: investment },
      fundsAdded: f.funds_added ?? 0,
      fxAdded: f.fx_added ?? 0,
    },
  );
  const what = move.kind === 'UPDATE' ? '金额已更新' : `已标记为“${STAGE_LABELS[f.to_stage]}”`;
  const added = f.funds_added ? `，到位资金 +${formatWan(f.funds_added)}` : '';
  const notice = `✅ ${what}${added}（${actor.name}，${localDateTime(when.now, when.timezone)}）`;
  return answer.toastAndCard(what, await buildProjectCard(db, project.id, { actor, when, notice }));
}
