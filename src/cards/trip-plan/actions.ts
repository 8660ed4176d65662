import { z } from 'zod';
import { recordAudit } from '../../db/audit-trail.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../db/people.js';
import { getSetting } from '../../db/settings.js';
import { createTrip, findPersonWithRole, findTrip, officePeople, peopleByOpenIds, squadRoster } from '../../db/trips.js';
import type { Deps } from '../../deps.js';
import { mayFileTripPlan } from '../../domain/authz.js';
import { localDate } from '../../domain/local-date.js';
import {
  APPROVER_LABELS,
  approverRoleFor,
  DEFAULT_TRIP_MAX_PAST_DAYS,
  tripDateErrors,
} from '../../domain/trip-routing.js';
import { answer, type Card, type CardAnswer } from '../../feishu/answer.js';
import { enqueueMessage } from '../../feishu/outbox.js';
import { pickerDate, refillForm, type FieldErrors } from '../shared/form.js';
import { RANK_LABELS, renderTripApproval, renderTripSummary, TRIP_ACTIONS } from './view-summary.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';
import type { CardInput } from '../types.js';

export const TRIP_MAX_PAST_DAYS_SETTING = 'trip.maxPastDays';

/** The trip plan form for someone travelling for a squad; the people picker offers the squad's roster. */
export async function buildTripPlanCard(db: Db, actor: Actor, squadId: number): Promise<Card> {
  const squad = await db.squad.findUniqueOrThrow({ where: { id: squadId }, select: { name: true } });
  const roster = (await squadRoster(db, squadId)).filter((p) => p.id !== actor.id);
  const role = approverRoleFor(actor.rank);
  const approver = await findPersonWithRole(db, role);
  const rank = RANK_LABELS[actor.rank ?? ''] ?? '科级';
  return renderCard('trip-plan', {
    squadName: squad.name,
    intro: `出行人：**${escapeMarkdown(actor.name)}**（${rank}）· 由${APPROVER_LABELS[role]} **${escapeMarkdown(approver?.name ?? '（未设置）')}** 审批，同时报区招商局备案。`,
    peopleOptions: roster.map((p) => ({ value: p.openId })),
    submitValue: { action: TRIP_ACTIONS.submit, squadId },
  });
}

const TripForm = z.object({
  destination: z
    .string({ message: '目的地：请填写要去的城市或地区' })
    .trim()
    .min(1, '目的地：请填写要去的城市或地区')
    .max(100, '目的地：最多 100 字'),
  companies: z.string().trim().max(1000, '拟拜访企业：最多 1000 字，请精简').default(''),
  people: z.array(z.string()).default([]),
});

function parseTripForm(fv: Record<string, unknown>, today: string, maxPastDays: number) {
  const errors: FieldErrors = {};
  const parsed = TripForm.safeParse({
    ...fv,
    people: Array.isArray(fv.people) ? fv.people : fv.people ? [fv.people] : [],
  });
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  const start = pickerDate(fv.start_date);
  const end = pickerDate(fv.end_date);
  for (const [k, v] of Object.entries(tripDateErrors(start, end, today, maxPastDays))) errors[k] ??= v;
  if (!parsed.success || Object.keys(errors).length) return { ok: false as const, errors };
  return { ok: true as const, data: { ...parsed.data, startDate: start!, endDate: end! } };
}

export async function submitTripPlan(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const tz = deps.config.timezone;
  const squadId = Number(input.value.squadId);
  if (!Number.isInteger(squadId) || squadId <= 0) return answer.error('这张计划卡片已失效，请发送 /trip 获取新卡片。');
  // A double tap, or the same card submitted again, finds the plan it already filed.
  const requestKey = `${input.messageId ?? input.eventId}:${TRIP_ACTIONS.submit}`;
  const existing = await findTrip(deps.db, { requestKey });
  if (existing) return answer.toastAndCard('这份计划已经提交过', renderTripSummary(existing, tz, 'traveller'), 'info');
  const refused = mayFileTripPlan(actor, squadId);
  if (refused) return answer.error(refused);

  const maxPast = await getSetting<number>(deps.db, TRIP_MAX_PAST_DAYS_SETTING, DEFAULT_TRIP_MAX_PAST_DAYS);
  const form = parseTripForm(input.formValue, localDate(deps.clock.now(), tz), maxPast);
  const refill = async (errors: FieldErrors) =>
    ({
      toast: { type: 'error', content: Object.values(errors)[0]! },
      card: {
        type: 'raw',
        data: refillForm(await buildTripPlanCard(deps.db, actor, squadId), input.formValue, errors),
      },
    }) as CardAnswer;
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
  return answer.toastAndCard(
    `已提交，等待${APPROVER_LABELS[role]} ${approver.name} 审批`,
    renderTripSummary(trip, tz, 'traveller'),
  );
}
