import { recordAudit } from '../../db/audit-trail.js';
import {
  captainOpenIds,
  claimTripVersion,
  createVisit,
  loadTripReport,
  markTripReported,
  type TripReport,
} from '../../db/trip-reports.js';
import type { Deps } from '../../deps.js';
import { mayActForSquad } from '../../domain/authz.js';
import { localDate } from '../../domain/local-date.js';
import { assessTrip, hasTripBegun, TRIP_MIN_LEADS, TRIP_MIN_VISITS } from '../../domain/trip-rules.js';
import { answer, answerPrivately, tapperOf, type CardAnswer } from '../../feishu/answer.js';
import { enqueueMessage, textContent } from '../../feishu/outbox.js';
import { cleanFormValue, fieldErrorsOf, refillForm } from '../shared/form.js';
import { leadCard } from '../lead/open.js';
import { typedInto } from '../shared/typed.js';
import { whenOf } from '../shared/when.js';
import { tripReportCard } from './open.js';
import { drawTripReportReceipt } from './view.js';
import { visitSchema } from './form.js';
import type { CardInput } from '../types.js';

// Callbacks of the trip report card: open it, add one visit, switch to the lead card, submit.

type Loaded = { ok: true; trip: TripReport } | { ok: false; answer: CardAnswer };

/** The trip named in the button, if the person may act for its squad. */
async function loadForActor(input: CardInput, deps: Deps): Promise<Loaded> {
  const tripId = Number(input.value.tripId);
  const trip = Number.isInteger(tripId) ? await loadTripReport(deps.db, tripId) : null;
  if (!trip) return { ok: false, answer: answer.error('找不到这次外出招商，请重新发送 /tripreport。') };
  const refusal = mayActForSquad(input.actor!, trip.squadId);
  if (refusal) return { ok: false, answer: answer.error(refusal) };
  return { ok: true, trip };
}

/** A tap on a trip that has not begun: nothing is stored, and the card says from when it can be filled. */
async function notBegun(deps: Deps, trip: TripReport): Promise<CardAnswer> {
  return answer.toastAndCard(
    `这次外出 ${trip.startDate} 才开始，出发后再填写`,
    await tripReportCard(deps.db, trip.id, whenOf(deps)),
    'info',
  );
}

export async function openTripReport(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const l = await loadForActor(input, deps);
  if (!l.ok) return l.answer;
  return answer.card(await tripReportCard(deps.db, l.trip.id, whenOf(deps)));
}

export async function addVisit(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const l = await loadForActor(input, deps);
  if (!l.ok) return l.answer;
  const { trip } = l;
  const when = whenOf(deps);
  if (trip.status !== 'APPROVED')
    return answer.toastAndCard('这份报告已提交，不能再添加', await tripReportCard(deps.db, trip.id, when), 'info');
  if (!hasTripBegun(trip, localDate(when.now, when.timezone))) return notBegun(deps, trip);
  const parsed = visitSchema(trip, localDate(when.now, when.timezone)).safeParse(cleanFormValue(input.formValue));
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    const card = refillForm(await tripReportCard(deps.db, trip.id, when), input.formValue, errors);
    const refilled = answer.fieldErrors(card, errors, '请检查填写内容');
    // The typed phone and address, drawn again, would show in a chat others see: kept to the tapper.
    if (!typedInto(input.formValue, ['visit_phone', 'address'])) return refilled;
    return answerPrivately(deps.db, await tapperOf(deps.db, input), refilled);
  }
  if (!(await claimTripVersion(deps.db, trip.id, Number(input.value.v)))) {
    return answer.toastAndCard('这家拜访已保存（卡片已刷新）', await tripReportCard(deps.db, trip.id, when), 'info');
  }
  const f = parsed.data;
  const visit = await createVisit(deps.db, {
    tripId: trip.id,
    squadId: trip.squadId,
    visitedOn: f.visit_date,
    contactName: f.contact_name,
    company: f.visit_company,
    position: f.position ?? '',
    phone: f.visit_phone,
    address: f.address ?? '',
    businessScope: f.business_scope ?? '',
    investmentIntent: f.investment_intent ?? '',
    createdById: input.actor!.id,
  });
  await recordAudit(deps.db, input.actor, 'visit.create', 'Visit', visit.id, {
    tripId: trip.id,
    company: visit.company,
  });
  const n = trip.visits.length + 1;
  return answer.toastAndCard(`已保存第 ${n} 家拜访`, await tripReportCard(deps.db, trip.id, when));
}

export async function showLeadForm(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const l = await loadForActor(input, deps);
  if (!l.ok) return l.answer;
  const { trip } = l;
  if (trip.status !== 'APPROVED') return answer.card(await tripReportCard(deps.db, trip.id, whenOf(deps)));
  const label = `${trip.destination} ${trip.startDate}—${trip.endDate}`;
  return answer.card(await leadCard(deps.db, input.actor!, { trip: { id: trip.id, version: trip.version, label } }));
}

export async function submitTripReport(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const l = await loadForActor(input, deps);
  if (!l.ok) return l.answer;
  const { trip } = l;
  const when = whenOf(deps);
  if (trip.status === 'REPORTED')
    return answer.toastAndCard('这份报告已提交', drawTripReportReceipt(trip, when.timezone), 'info');
  if (trip.status !== 'APPROVED') return answer.card(await tripReportCard(deps.db, trip.id, when));
  if (!hasTripBegun(trip, localDate(when.now, when.timezone))) return notBegun(deps, trip);
  if (!(await claimTripVersion(deps.db, trip.id, Number(input.value.v)))) {
    return answer.toastAndCard('报告内容有更新，请确认后再提交', await tripReportCard(deps.db, trip.id, when), 'info');
  }
  const actor = input.actor!;
  const counts = { visits: trip.visits.length, leads: trip.leads.length };
  const rule = assessTrip(counts);
  await markTripReported(deps.db, trip.id, {
    at: when.now,
    byId: actor.id,
    messageId: input.messageId ?? null,
    shortOfRule: rule.short,
  });
  await recordAudit(deps.db, actor, 'trip.report', 'Trip', trip.id, { ...counts, shortOfRule: rule.short });
  if (rule.short) {
    const text =
      `【外出招商未达标】${trip.squadName} 赴${trip.destination}（${trip.startDate}—${trip.endDate}）的外出招商报告已由 ${actor.name} 提交：` +
      `拜访企业 ${counts.visits} 家（要求不少于 ${TRIP_MIN_VISITS} 家），招商线索 ${counts.leads} 条（要求不少于 ${TRIP_MIN_LEADS} 条）。请队长跟进。`;
    for (const openId of await captainOpenIds(deps.db, trip.squadId)) {
      await enqueueMessage(deps.db, {
        dedupKey: `trip-short:${trip.id}:${openId}`,
        to: { type: 'open_id', id: openId },
        msgType: 'text',
        content: textContent(text),
      });
    }
  }
  const done = await loadTripReport(deps.db, trip.id);
  return answer.toastAndCard(
    rule.short ? '报告已提交（未达标，已告知队长）' : '报告已提交',
    drawTripReportReceipt(done!, when.timezone),
    rule.short ? 'warning' : 'success',
  );
}
