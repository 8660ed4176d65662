import { findTrip } from '../../db/trips.js';
import type { Deps } from '../../deps.js';
import { mayFileTripPlan } from '../../domain/authz.js';
import { answer, type CardAnswer } from '../../feishu/answer.js';
import { refillForm } from '../shared/form.js';
import type { CardInput } from '../types.js';
import { tripPlanCard } from './open.js';

// 修改后重新提交 on a rejected plan: the plan form again, filled with everything as submitted, so
// the traveller changes what the approver asked for instead of typing it all again.

export async function reopenTripPlan(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const tripId = Number(input.value.tripId);
  const trip = Number.isInteger(tripId) ? await findTrip(deps.db, { id: tripId }) : null;
  if (!trip) return answer.error('没有找到这份外出招商计划，请发送 /trip 重新填写。');
  if (trip.traveller.id !== actor.id)
    return answer.error(`你无权重新提交这份计划：只有出行人 ${trip.traveller.name} 本人可以修改后重新提交。`);
  if (trip.status !== 'REJECTED') return answer.error('这份计划没有被驳回，无需重新提交。');
  const refused = mayFileTripPlan(actor, trip.squadId);
  if (refused) return answer.error(refused);
  const card = await tripPlanCard(deps.db, actor, trip.squadId, { id: trip.id, rejectReason: trip.rejectReason });
  return answer.card(
    refillForm(card, {
      destination: trip.destination,
      start_date: trip.startDate,
      end_date: trip.endDate,
      companies: trip.companiesPlanned,
      people: trip.participants.flatMap((p) => (p.openId ? [p.openId] : [])),
    }),
  );
}
