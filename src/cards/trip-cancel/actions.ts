import { openIdsByPerson } from '../../db/people.js';
import { officePeople, squadPeople } from '../../db/squads.js';
import { cancelTrip, findTripToCancel } from '../../db/trip-cancel.js';
import { findTrip } from '../../db/trips.js';
import { mayCancelTrip } from '../../domain/authz.js';
import { answer, type Card } from '../../feishu/answer.js';
import { enqueueMessage, textContent } from '../../feishu/outbox.js';
import { renderTripSummary } from '../trip-plan/view-summary.js';
import type { CardHandler } from '../types.js';
import { cancelledLine, tripCancelCard } from './view.js';

/** The traveller's plan card once cancelled: the status line says why, the footer what it means. */
function withReason(card: Card, reason: string): Card {
  type Drawn = { tag?: string; content?: string; text?: { text_size?: string } };
  const body = card.body as { elements: Drawn[] };
  const elements = body.elements.map((e) => {
    if (e.tag === 'markdown' && e.content === '已撤回') return cancelledLine(reason);
    if (e.tag === 'div' && e.text?.text_size === 'notation')
      return { ...e, text: { ...e.text, content: '这次外出已取消，不计入外出招商次数，也不再需要填写外出报告。' } };
    return e;
  });
  return { ...card, body: { ...body, elements } };
}

/**
 * 取消本次外出: the first tap asks for the reason; the form's submit cancels a pending or approved
 * plan with no visit entered yet. Cancelled, it leaves the tallies and /tripreport; the approver,
 * the squad's captain and the office are told.
 */
export const cancelTripPlan: CardHandler = async (input, deps) => {
  const actor = input.actor!;
  const tripId = Number(input.value.tripId);
  const trip = Number.isInteger(tripId) ? await findTripToCancel(deps.db, tripId) : null;
  if (!trip) return answer.error('没有找到这份外出招商计划，请发送 /trip 查看。');
  const refused = mayCancelTrip(actor, trip);
  if (refused) return answer.error(refused);
  if (trip.status === 'CANCELLED') return answer.toast(`这份计划已经取消（原因：${trip.cancelReason ?? ''}）。`);
  if (trip.status === 'REJECTED') return answer.error('这份计划已被驳回，无需取消。');
  if (trip.status === 'REPORTED') return answer.error('这次外出已经提交报告，不能再取消。');
  if (trip.visits > 0) return answer.error('这次外出已经录入了拜访企业，不能取消；如有误请联系区招商局。');
  if (input.value.confirm !== true) return answer.card(tripCancelCard(trip));
  const reason = String(input.formValue.cancel_reason ?? '').trim();
  if (!reason || reason.length > 200) {
    const error = reason ? '取消原因最多 200 字' : '请写明取消原因';
    return answer.fieldErrors(tripCancelCard(trip), { cancel_reason: error });
  }
  if (!(await cancelTrip(deps.db, trip.id, actor.id, reason, deps.clock.now())))
    return answer.error('这份计划刚刚已被审批或报告，不能取消；请发送 /trip 查看最新状态。');
  const captains = (await squadPeople(deps.db, [trip.squadId]))
    .filter((p) => p.role === 'CAPTAIN')
    .map((p) => p.personId);
  const office = await officePeople(deps.db);
  const told = [trip.approverId, ...captains, ...office.map((p) => p.id)].filter(
    (id): id is number => id !== null && id !== actor.id,
  );
  const text = `【外出招商计划已取消】${actor.name} 取消了去 ${trip.destination}（${trip.startDate} 出发）的外出招商计划。原因：${reason}`;
  for (const [personId, openId] of await openIdsByPerson(deps.db, [...new Set(told)]))
    await enqueueMessage(deps.db, {
      dedupKey: `trip-cancel:${trip.id}:person-${personId}`,
      to: { type: 'open_id', id: openId },
      msgType: 'text',
      content: textContent(text),
    });
  const view = await findTrip(deps.db, { id: trip.id });
  const card = withReason(renderTripSummary(view!, deps.config.timezone, 'traveller'), reason);
  return answer.toastAndCard('已取消这次外出招商计划', card);
};
