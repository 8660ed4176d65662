import { savedNotice } from '../shared/elements.js';
import { recordAudit } from '../../db/audit-trail.js';
import {
  createPackagedProject,
  findPackagedIdByRequestKey,
  leadUnitNameOf,
  linkableProjects,
  loadPackagedProject,
  movePackagedStatus,
} from '../../db/packaged-projects.js';
import { listSquadOptions } from '../../db/squad-options.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../domain/actor.js';
import { homeSquadId, isOfficeActor, mayActForSquad, maySeeSquad } from '../../domain/authz.js';
import { localDate, localDateTime } from '../../domain/local-date.js';
import {
  checkPackagedMove,
  PACKAGED_DATE_FIELDS,
  PACKAGED_STATUS_LABELS,
  PACKAGED_STATUSES,
} from '../../domain/packaged.js';
import { answer, type Card, type CardAnswer } from '../../feishu/answer.js';
import { refillForm } from '../shared/form.js';
import { resolveSquadId, squadPickerElements } from '../shared/squad-picker.js';
import { escapeMarkdown } from '../shared/template.js';
import type { CardInput } from '../types.js';
import { readPackagedNewForm, readPackagedStatusForm } from './form.js';
import { drawPackaged, drawPackagedNew } from './view.js';

// The packaged-project cards: open the registration form (also `/packaged new`), register one,
// open one, change its status. Every write is audited (entity PackagedProject).

const today = (deps: Deps) => localDate(deps.clock.now(), deps.config.timezone);

/** Squad members and the office register packaged projects. */
export function mayRegisterPackaged(actor: Actor): string | null {
  return isOfficeActor(actor) || homeSquadId(actor) ? null : '只有小分队成员和区招商局可以登记策划包装项目。';
}

export async function showPackagedNewCard(deps: Deps, actor: Actor, notice?: string): Promise<Card> {
  return drawPackagedNew({
    squadPicker: squadPickerElements(actor, await listSquadOptions(deps.db, actor)),
    today: today(deps),
    notice,
  });
}

async function showPackagedCard(deps: Deps, id: number, actor: Actor, notice?: string): Promise<Card> {
  const p = await loadPackagedProject(deps.db, id);
  if (!p) throw new Error(`packaged project ${id} not found`);
  const mayAct = p.squadId ? mayActForSquad(actor, p.squadId) === null : isOfficeActor(actor);
  return drawPackaged(p, {
    mayAct,
    office: isOfficeActor(actor),
    projects: mayAct ? await linkableProjects(deps.db, p.squadId) : [],
    today: today(deps),
    notice,
  });
}

export async function newPackaged(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const refused = mayRegisterPackaged(input.actor!);
  if (refused) return answer.error(refused);
  return answer.card(await showPackagedNewCard(deps, input.actor!));
}

export async function createPackaged(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const refused = mayRegisterPackaged(actor);
  if (refused) return answer.error(refused);
  const squadId = resolveSquadId(actor, input.formValue);
  const notMine = mayActForSquad(actor, squadId);
  if (notMine) return answer.error(notMine);
  const requestKey = `packaged:${input.messageId ?? input.eventId}`;
  const already = await findPackagedIdByRequestKey(deps.db, requestKey);
  if (already !== null) return answer.toastAndCard('已登记', await showPackagedCard(deps, already, actor), 'info');
  const form = readPackagedNewForm(input.formValue, today(deps));
  if (!form.ok) {
    const card = refillForm(await showPackagedNewCard(deps, actor), input.formValue, form.errors);
    return answer.fieldErrors(card, form.errors, '请检查填写内容');
  }
  const f = form.values;
  // The status picked on the form is reached on that date, and so is every step before it.
  const upTo = PACKAGED_STATUSES.slice(0, PACKAGED_STATUSES.indexOf(f.pk_status) + 1);
  const dates = Object.fromEntries(upTo.map((s) => [PACKAGED_DATE_FIELDS[s], f.pk_date]));
  const ownerUnit = f.pk_owner ?? (await leadUnitNameOf(deps.db, squadId));
  const id = await createPackagedProject(deps.db, {
    requestKey,
    name: f.pk_name,
    sector: f.pk_sector ?? '',
    plannedInvestment: f.pk_investment,
    squadId,
    ownerUnit,
    materialsUrl: f.pk_url ?? '',
    createdById: actor.id,
    status: f.pk_status,
    dates,
  });
  await recordAudit(deps.db, actor, 'packaged.create', 'PackagedProject', id, {
    name: f.pk_name,
    squadId,
    ownerUnit,
    plannedInvestment: f.pk_investment,
    status: f.pk_status,
    on: f.pk_date,
    materialsUrl: f.pk_url ?? '',
  });
  const notice = savedNotice(
    '已登记',
    `${escapeMarkdown(actor.name)}，${localDateTime(deps.clock.now(), deps.config.timezone)}`,
  );
  return answer.toastAndCard('已登记', await showPackagedCard(deps, id, actor, notice));
}

export async function viewPackaged(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const p = await loadPackagedProject(deps.db, Number(input.value.id));
  if (!p) return answer.error('找不到这个策划包装项目，请重新发送 /packaged。');
  if (p.squadId ? !maySeeSquad(actor, p.squadId) : !isOfficeActor(actor))
    return answer.error('你无权查看这个小分队的策划包装项目。');
  return answer.card(await showPackagedCard(deps, p.id, actor));
}

export async function changePackagedStatus(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const p = await loadPackagedProject(deps.db, Number(input.value.id));
  if (!p) return answer.error('找不到这个策划包装项目，请重新发送 /packaged。');
  const refused = p.squadId ? mayActForSquad(actor, p.squadId) : isOfficeActor(actor) ? null : '只有区招商局可以更新';
  if (refused) return answer.error(refused);
  if (input.value.from !== p.status)
    return answer.toastAndCard(
      `状态已被更新为“${PACKAGED_STATUS_LABELS[p.status]}”（卡片已刷新）`,
      await showPackagedCard(deps, p.id, actor),
      'info',
    );
  const refuse = async (errors: Record<string, string>) =>
    answer.fieldErrors(
      refillForm(await showPackagedCard(deps, p.id, actor), input.formValue, errors),
      errors,
      '请检查填写内容',
    );
  const form = readPackagedStatusForm(input.formValue, today(deps));
  if (!form.ok) return refuse(form.errors);
  const f = form.values;
  const move = checkPackagedMove(p.status, f.pk_to, f.pk_on, p, isOfficeActor(actor));
  if (move.refusal !== null) return refuse({ pk_to: move.refusal });
  let projectId: number | null | undefined;
  if (f.pk_project !== undefined) {
    const linkable = await linkableProjects(deps.db, p.squadId);
    if (!linkable.some((x) => x.id === f.pk_project))
      return refuse({ pk_project: '只能关联本小分队的项目，请重新选择' });
    projectId = f.pk_project;
  }
  if (f.pk_to !== 'SIGNED' && projectId !== undefined) return refuse({ pk_project: '只有“已签约”时才能关联项目' });
  if (f.pk_to !== 'SIGNED' && p.projectId) projectId = null; // a correction back from 已签约 unlinks it
  const moved = await movePackagedStatus(deps.db, p.id, p.status, f.pk_to, move.dates, projectId);
  if (!moved)
    return answer.toastAndCard('状态刚被别人更新（卡片已刷新）', await showPackagedCard(deps, p.id, actor), 'info');
  await recordAudit(
    deps.db,
    actor,
    move.correction ? 'packaged.status.correct' : 'packaged.status',
    'PackagedProject',
    p.id,
    { from: p.status, to: f.pk_to, on: f.pk_on, projectId: projectId ?? p.projectId },
  );
  const what = `已更新为“${PACKAGED_STATUS_LABELS[f.pk_to]}”`;
  const notice = savedNotice(
    what,
    `${escapeMarkdown(actor.name)}，${localDateTime(deps.clock.now(), deps.config.timezone)}`,
  );
  return answer.toastAndCard(what, await showPackagedCard(deps, p.id, actor, notice));
}
