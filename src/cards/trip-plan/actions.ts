import { recordAudit } from '../../db/audit-trail.js';
import { getSetting } from '../../db/settings.js';
import { createTrip, findPersonWithRole, findTrip, officePeople, peopleByOpenIds } from '../../db/trips.js';
import type { Deps } from '../../deps.js';
import { mayFileTripPlan } from '../../domain/authz.js';
import { localDate } from '../../domain/local-date.js';
import { plannedCompanies, plannedCompaniesWarning } from '../../domain/trip-rules.js';
import { APPROVER_LABELS, approverRoleFor, DEFAULT_TRIP_MAX_PAST_DAYS } from '../../domain/trip-routing.js';
import { answer, type CardAnswer } from '../../feishu/answer.js';
import { enqueueMessage } from '../../feishu/outbox.js';
import { refillForm, type FieldErrors } from '../shared/form.js';
import type { CardInput } from '../types.js';
import { parseTripForm, TRIP_MAX_PAST_DAYS_SETTING } from './form.js';
import { tripPlanCard } from './open.js';
import { renderTripApproval, TRIP_ACTIONS } from './view.js';
import { renderTripSummary } from './view-summary.js';

// Submitting the trip plan: it is routed to the approver by the traveller's rank, and a copy is
// filed with the office.

export async function submitTripPlan(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const tz = deps.config.timezone;
  const squadId = Number(input.value.squadId);
  if (!Number.isInteger(squadId) || squadId <= 0) return answer.error('这张计划卡片已失效，请发送 /trip 获取新卡片。');
  // A double tap, or the same card submitted again, finds the plan it already filed.
  // A plan re-opened after a rejection is submitted from the same message as the notice: its own key.
  const reopenId = Number(input.value.reopen);
  const reopen = Number.isInteger(reopenId) && reopenId > 0 ? await findTrip(deps.db, { id: reopenId }) : null;
  const requestKey = `${input.messageId ?? input.eventId}:${TRIP_ACTIONS.submit}${reopen ? `:reopen-${reopen.id}` : ''}`;
  const existing = await findTrip(deps.db, { requestKey });
  if (existing) return answer.toastAndCard('这份计划已经提交过', renderTripSummary(existing, tz, 'traveller'), 'info');
  const refused = mayFileTripPlan(actor, squadId);
  if (refused) return answer.error(refused);

  const maxPast = await getSetting<number>(deps.db, TRIP_MAX_PAST_DAYS_SETTING, DEFAULT_TRIP_MAX_PAST_DAYS);
  const form = parseTripForm(input.formValue, localDate(deps.clock.now(), tz), maxPast);
  const refill = async (errors: FieldErrors) =>
    answer.fieldErrors(
      refillForm(await tripPlanCard(deps.db, actor, squadId, reopen ?? undefined), input.formValue, errors),
      errors,
    );
  if (!form.ok) return refill(form.errors);
  const people = await peopleByOpenIds(deps.db, form.data.people);
  if (people.length !== new Set(form.data.people).size)
    return refill({ people: '同行人员：有人不在招商工作名册中，请只选小分队成员' });

  const role = approverRoleFor(actor.rank);
  const approver = await findPersonWithRole(deps.db, role);
  if (!approver?.openId)
    return answer.error(`还没有设置${APPROVER_LABELS[role]}（或其飞书账号未绑定），请联系区招商局。`);
  if (approver.id === actor.id) return answer.error('你本人就是审批人，外出计划无需审批；请直接告知区招商局备案。');

  const id = await createTrip(deps.db, {
    requestKey,
    squadId,
    travellerId: actor.id,
    rank: actor.rank === 'DIVISION' ? 'DIVISION' : 'SECTION',
    destination: form.data.destination,
    startDate: form.data.startDate,
    endDate: form.data.endDate,
    companiesPlanned: form.data.companies,
    participantIds: people.map((p) => p.id).filter((pid) => pid !== actor.id),
    approverId: approver.id,
    planChatId: input.chatId,
    planMessageId: input.messageId,
  });
  const trip = (await findTrip(deps.db, { id }))!;
  await enqueueMessage(deps.db, {
    dedupKey: `trip-approval:${id}`,
    to: { type: 'open_id', id: approver.openId },
    msgType: 'interactive',
    content: renderTripApproval(trip),
  });
  for (const o of await officePeople(deps.db)) {
    if (o.id === actor.id) continue;
    await enqueueMessage(deps.db, {
      dedupKey: `trip-filed:${id}:${o.id}`,
      to: { type: 'open_id', id: o.openId! },
      msgType: 'interactive',
      content: renderTripSummary(trip, tz, 'office'),
    });
  }
  await recordAudit(deps.db, actor, 'trip.submit', 'Trip', id, {
    approverId: approver.id,
    rank: trip.rank,
    destination: trip.destination,
  });
  const short = plannedCompaniesWarning(plannedCompanies(trip.companiesPlanned).length);
  return answer.toastAndCard(
    `已提交，等待${APPROVER_LABELS[role]} ${approver.name} 审批${short ? `。注意：${short}，审批人会看到这一提示` : ''}`,
    renderTripSummary(trip, tz, 'traveller'),
    short ? 'warning' : 'success',
  );
}
