import { recordAudit } from '../../db/audit-trail.js';
import { decideTrip, deliveredCopies, findTrip } from '../../db/trips.js';
import type { Deps } from '../../deps.js';
import { mayDecideTrip } from '../../domain/authz.js';
import { localDateTime } from '../../domain/local-date.js';
import { answer, type CardAnswer } from '../../feishu/answer.js';
import { enqueueMessage, textContent } from '../../feishu/outbox.js';
import { refillForm } from '../shared/form.js';
import { renderTripApproval } from './view.js';
import { renderTripSummary } from './view-summary.js';
import type { CardInput } from '../types.js';

// The approver's card: 批准 / 驳回 (a reason is required to reject). Only the approver the plan
// was routed to may decide. The answer replaces the approval card; the traveller's card and the
// office's filed copies are updated by PATCH through the outbox.

export async function approveTripPlan(input: CardInput, deps: Deps): Promise<CardAnswer> {
  return decideTripPlan('APPROVED', input, deps);
}

export async function rejectTripPlan(input: CardInput, deps: Deps): Promise<CardAnswer> {
  return decideTripPlan('REJECTED', input, deps);
}

async function decideTripPlan(status: 'APPROVED' | 'REJECTED', input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const tz = deps.config.timezone;
  const tripId = Number(input.value.tripId);
  const trip = Number.isInteger(tripId) ? await findTrip(deps.db, { id: tripId }) : null;
  if (!trip) return answer.error('没有找到这份外出招商计划，可能已被删除。');
  const refused = mayDecideTrip(actor, trip.approver?.id ?? null);
  if (refused) return answer.error(refused);
  if (trip.status !== 'PENDING') {
    const done = trip.status === 'APPROVED' ? '批准' : trip.status === 'REJECTED' ? '驳回' : '处理';
    return answer.toastAndCard(
      `这份计划已于 ${trip.decidedAt ? localDateTime(trip.decidedAt, tz) : ''} ${done}`,
      renderTripSummary(trip, tz, 'approver'),
      'info',
    );
  }
  const reason = typeof input.formValue.reject_reason === 'string' ? input.formValue.reject_reason.trim() : '';
  if (status === 'REJECTED' && !reason) {
    const errors = { reject_reason: '驳回原因：请写明驳回的原因，出行人会看到' };
    return answer.fieldErrors(refillForm(renderTripApproval(trip), input.formValue, errors), errors);
  }
  if (reason.length > 200) {
    const errors = { reject_reason: '驳回原因：最多 200 字' };
    return answer.fieldErrors(refillForm(renderTripApproval(trip), input.formValue, errors), errors);
  }
  const now = deps.clock.now();
  const changed = await decideTrip(deps.db, trip.id, {
    status,
    reason: status === 'REJECTED' ? reason : undefined,
    at: now,
    approvalMessageId: input.messageId,
  });
  if (!changed) {
    // Decided by someone else since it was read (another instance): shown as it is now.
    const now = (await findTrip(deps.db, { id: trip.id }))!;
    return answer.toastAndCard('这份计划已经处理过', renderTripSummary(now, tz, 'approver'), 'info');
  }
  // The plan as decideTrip just wrote it: the card is drawn without reading it again.
  const after: typeof trip = {
    ...trip,
    status,
    rejectReason: status === 'REJECTED' ? reason : null,
    decidedAt: now,
  };

  const word = status === 'APPROVED' ? '批准' : '驳回';
  if (after.planMessageId)
    await enqueueMessage(deps.db, {
      dedupKey: `trip-plan-card:${trip.id}:decided`,
      to: { type: 'patch', messageId: after.planMessageId },
      msgType: 'interactive',
      content: renderTripSummary(after, tz, 'traveller'),
    });
  // A rejection reaches the traveller as their plan's card, with 修改后重新提交 on it.
  if (after.traveller.openId)
    await enqueueMessage(deps.db, {
      dedupKey: `trip-decided:${trip.id}`,
      to: { type: 'open_id', id: after.traveller.openId },
      ...(status === 'REJECTED'
        ? { msgType: 'interactive' as const, content: renderTripSummary(after, tz, 'traveller') }
        : {
            msgType: 'text' as const,
            content: textContent(
              `你的外出招商计划（${after.destination}，${after.startDate} 至 ${after.endDate}）已被 ${actor.name} ${word}。`,
            ),
          }),
    });
  for (const copy of await deliveredCopies(deps.db, trip.id))
    await enqueueMessage(deps.db, {
      dedupKey: `${copy.dedupKey}:decided`,
      to: { type: 'patch', messageId: copy.messageId },
      msgType: 'interactive',
      content: renderTripSummary(after, tz, 'office'),
    });
  await recordAudit(deps.db, actor, status === 'APPROVED' ? 'trip.approve' : 'trip.reject', 'Trip', trip.id, {
    reason: reason || undefined,
  });
  return answer.toastAndCard(`已${word}`, renderTripSummary(after, tz, 'approver'));
}
