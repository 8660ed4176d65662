import { savedNotice } from '../shared/elements.js';
import { escapeMarkdown } from '../shared/template.js';
import type { Actor } from '../../domain/actor.js';
import { recordAudit } from '../../db/audit-trail.js';
import { listHelpers, loadProject, projectAfterStageChange, type ProjectView } from '../../db/projects.js';
import { AmountOutOfRange, recordStageChange } from '../../db/project-writes.js';
import { SigningRefused } from '../../db/signing-guard.js';
import type { Deps } from '../../deps.js';
import { isOfficeActor, mayActForSquad, maySeeSquad } from '../../domain/authz.js';
import { localDate, localDateTime } from '../../domain/local-date.js';
import { formatWan } from '../../domain/money.js';
import { checkStageMove, stageDatesAfter } from '../../domain/project-stages.js';
import { type ProjectStage, STAGE_LABELS } from '../../domain/vocabulary.js';
import { answer, type Card, type CardAnswer } from '../../feishu/answer.js';
import { amountEchoes } from '../shared/fields.js';
import { refillForm } from '../shared/form.js';
import type { CardInput } from '../types.js';
import { readStageForm } from './form.js';
import { drawProject, type ProjectMode } from './view.js';

// Callbacks of the project card: open (with one of its forms) and stage update. Tasks and the
// helper: task-actions.ts.

/** The project card as it is now; throws when the project does not exist. */
export async function showProjectCard(
  deps: Deps,
  projectId: number,
  opts: { actor: Actor | null; mode?: ProjectMode; notice?: string },
): Promise<Card> {
  const project = await loadProject(deps.db, projectId);
  if (!project) throw new Error(`project ${projectId} not found`);
  return drawProjectCard(deps, project, opts);
}

/** The card of a project already loaded in this transaction (and not changed since). */
async function drawProjectCard(
  deps: Deps,
  project: ProjectView,
  opts: { actor: Actor | null; mode?: ProjectMode; notice?: string },
): Promise<Card> {
  const mode = opts.mode ?? 'view';
  const helpers = mode === 'task' || mode === 'helper' ? await listHelpers(deps.db) : [];
  return drawProject(project, {
    mode,
    actor: opts.actor,
    helpers,
    notice: opts.notice,
    now: deps.clock.now(),
    timezone: deps.config.timezone,
  });
}

/** The project named in the button if the person may see it (and, for changes, act for its squad). */
export async function projectForActor(
  input: CardInput,
  deps: Deps,
  act: boolean,
): Promise<{ ok: true; project: ProjectView } | { ok: false; answer: CardAnswer }> {
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
    ['stage', 'task', 'helper', 'flags'].includes(String(input.value.mode)) ? input.value.mode : 'view'
  ) as ProjectMode;
  const l = await projectForActor(input, deps, mode !== 'view');
  if (!l.ok) return l.answer;
  return answer.card(await drawProjectCard(deps, l.project, { actor: input.actor, mode }));
}

/** The stage form's amounts, echoed back when typed as 1.2亿, ３５００ and the like. */
const PROJECT_AMOUNT_FIELDS = [
  { name: 'investment', label: '投资额' },
  { name: 'funds_added', label: '新增到位资金' },
  { name: 'fx_added', label: '新增实际利用外资', unit: '万美元' as const },
];

export async function changeProjectStage(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const l = await projectForActor(input, deps, true);
  if (!l.ok) return l.answer;
  const { project } = l;
  const actor = input.actor!;
  const db = deps.db;
  const now = deps.clock.now();
  const timezone = deps.config.timezone;
  const seq = Number(input.value.seq);
  const requestKey = `project:${project.id}:change:${seq}`;
  // The project's history, read with it, holds every change made on its card (keyed by project).
  if (project.stages.some((s) => s.requestKey === requestKey)) {
    return answer.toastAndCard('这次更新已保存（卡片已刷新）', await drawProjectCard(deps, project, { actor }), 'info');
  }
  // Nothing is written before a refusal, so the project read above is still the one to draw.
  const refuse = async (errors: Record<string, string>) =>
    answer.fieldErrors(
      refillForm(await drawProjectCard(deps, project, { actor, mode: 'stage' }), input.formValue, errors),
      errors,
      '请检查填写内容',
    );
  const form = readStageForm(input.formValue, localDate(now, timezone));
  if (!form.ok) return refuse(form.errors);
  const f = form.values;
  const from = project.stage as ProjectStage;
  const move = checkStageMove(from, f.to_stage, isOfficeActor(actor));
  if (move.refusal !== null) return refuse({ to_stage: move.refusal });
  const investment = f.investment ?? project.investment;
  let written: Awaited<ReturnType<typeof recordStageChange>>;
  try {
    written = await recordStageChange(
      db,
      {
        requestKey,
        projectId: project.id,
        fromStage: from,
        toStage: f.to_stage,
        on: f.stage_date,
        investment: f.investment ?? null,
        investmentAfter: investment,
        fundsAdded: f.funds_added ?? null,
        fxAdded: f.fx_added ?? null,
        evidence: f.evidence ?? '',
        byId: actor.id,
        dates: stageDatesAfter(move.kind, f.to_stage, f.stage_date),
      },
      project,
    );
  } catch (e) {
    // The signing gate: shown on the field that crossed it (the amount on an update, else the stage).
    if (e instanceof AmountOutOfRange) return refuse({ [e.field]: e.message });
    if (e instanceof SigningRefused)
      return refuse({ [move.kind === 'UPDATE' && f.investment !== undefined ? 'investment' : 'to_stage']: e.message });
    throw e;
  }
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
  const echoes = amountEchoes(input.formValue, PROJECT_AMOUNT_FIELDS);
  const said = [what, ...echoes].join('；');
  const notice =
    savedNotice(`${what}${added}`, `${escapeMarkdown(actor.name)}，${localDateTime(now, timezone)}`) +
    echoes.map((e) => `\n${e}`).join('');
  const after = projectAfterStageChange(project, written, actor.name);
  return answer.toastAndCard(said, await drawProjectCard(deps, after, { actor, notice }));
}
