import { recordAudit } from '../../db/audit-trail.js';
import { createLead, findLeadByRequestKey, findLeadMatches } from '../../db/leads.js';
import { squadExists } from '../../db/squad-options.js';
import { claimTripVersion } from '../../db/trip-reports.js';
import { findTripBrief } from '../../db/trips.js';
import type { Deps } from '../../deps.js';
import { mayActForSquad } from '../../domain/authz.js';
import { normaliseCompanyName } from '../../domain/company-name.js';
import { localDate } from '../../domain/local-date.js';
import { CONTACTS_HIDDEN } from '../../domain/contact-rules.js';
import { answer, answerPrivately, tapperOf, type Card, type CardAnswer } from '../../feishu/answer.js';
import { amountEchoes } from '../shared/fields.js';
import { cleanFormValue, fieldErrorsOf, refillForm } from '../shared/form.js';
import { resolveSquadId } from '../shared/squad-picker.js';
import { typedInto } from '../shared/typed.js';
import { whenOf } from '../shared/when.js';
import { tripReportCard } from '../trip-report/open.js';
import type { CardInput } from '../types.js';
import { LeadForm } from './form.js';
import { leadCard } from './open.js';
import { describeDuplicate, describeNear, drawLeadReceipt, type LeadCardTrip } from './view.js';

// Submitting the lead card. One lead per business: the company name is normalised
// (domain/company-name.ts) into Lead.companyKey, and a second squad entering the same business
// (撞单: the same credit code, or the same normalised name) is shown the existing lead and its
// owner; nothing is stored. Names close to an existing one (可能重复) are shown first; the person
// may go on with 仍然提交, which carries the key it was shown for.

export async function submitLead(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const db = deps.db;
  const tripId = typeof input.value.tripId === 'number' ? input.value.tripId : null;
  const version = Number(input.value.v);
  let squadId: number;
  let trip: LeadCardTrip | undefined;
  if (tripId !== null) {
    const t = await findTripBrief(db, tripId);
    if (!t) return answer.error('找不到这次外出招商，请重新发送 /tripreport。');
    const refusal = mayActForSquad(actor, t.squadId);
    if (refusal) return answer.error(refusal);
    if (t.status !== 'APPROVED') return answer.card(await tripReportCard(db, tripId, whenOf(deps)));
    squadId = t.squadId;
    trip = { id: t.id, version, label: `${t.destination} ${t.startDate}—${t.endDate}` };
  } else {
    squadId = resolveSquadId(actor, input.formValue);
    const refusal = mayActForSquad(actor, squadId);
    if (refusal) return answer.error(refusal);
    if (!(await squadExists(db, squadId))) return answer.error('请选择所属小分队。');
  }

  const card = () => leadCard(db, actor, { trip });
  // The typed phone, drawn again on the form, would show in a chat others see: kept to the tapper.
  const typedPrivately = async (a: CardAnswer) =>
    typedInto(input.formValue, ['phone']) ? answerPrivately(db, await tapperOf(db, input), a) : a;
  const parsed = LeadForm.safeParse(cleanFormValue(input.formValue));
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    const refilled = answer.fieldErrors(refillForm(await card(), input.formValue, errors), errors, '请检查填写内容');
    return typedPrivately(refilled);
  }
  const f = parsed.data;
  const requestKey = trip ? `trip:${trip.id}:lead:${version}` : `lead:${input.messageId ?? input.eventId}`;
  const already = await findLeadByRequestKey(db, requestKey);
  if (already) {
    if (trip) return answer.toastAndCard('这条线索已录入', await tripReportCard(db, trip.id, whenOf(deps)), 'info');
    return receiptPrivately(
      already.phone,
      answer.toastAndCard('这条线索已登记', drawLeadReceipt(already, already.createdAt, deps.config.timezone), 'info'),
      drawLeadReceipt({ ...already, phone: '' }, already.createdAt, deps.config.timezone, CONTACTS_HIDDEN),
    );
  }
  const companyKey = normaliseCompanyName(f.company);
  const creditCode = f.credit_code ?? null;
  const matches = await findLeadMatches(db, companyKey, creditCode);
  if (matches.same) {
    const { lead: existing, by } = matches.same;
    const notice = describeDuplicate(existing, by);
    const again = refillForm(await leadCard(db, actor, { trip, notice }), input.formValue);
    return typedPrivately(
      answer.toastAndCard(`撞单：该企业已由${existing.squadName}登记，本次未保存`, again, 'warning'),
    );
  }
  if (matches.near.length && input.value.goOn !== companyKey) {
    const notice = describeNear(matches.near);
    const again = refillForm(await leadCard(db, actor, { trip, notice, goOn: companyKey }), input.formValue);
    return typedPrivately(
      answer.toastAndCard(`可能重复：已有相近的「${matches.near[0]!.company}」，请核对后再提交`, again, 'warning'),
    );
  }
  const echoes = amountEchoes(input.formValue, [{ name: 'investment', label: '意向投资额' }]);
  const saved = (what: string) => [what, ...echoes].join('；');
  if (trip && !(await claimTripVersion(db, trip.id, version))) {
    return answer.toastAndCard(
      '卡片已更新，请在最新的报告卡片上操作',
      await tripReportCard(db, trip.id, whenOf(deps)),
      'info',
    );
  }
  const now = deps.clock.now();
  const lead = await createLead(db, {
    requestKey,
    companyKey: matches.storeKey,
    company: f.company,
    creditCode,
    squadId,
    tripId: trip?.id ?? null,
    source: f.source,
    intermediaryName: f.source === 'VISIT' ? (f.intermediary_name ?? null) : f.intermediary_name!,
    intermediaryReward: f.source === 'VISIT' ? (f.intermediary_reward ?? null) : f.intermediary_reward!,
    sector: f.sector ?? '',
    intendedInvestment: f.investment ?? null,
    contactName: f.contact_name ?? '',
    phone: f.phone ?? '',
    description: f.description ?? '',
    ownerId: actor.id,
    createdOn: localDate(now, deps.config.timezone),
  });
  await recordAudit(db, actor, 'lead.create', 'Lead', lead.id, {
    company: lead.company,
    squadId,
    tripId: lead.tripId,
    source: lead.source,
  });
  if (trip) return answer.toastAndCard(saved('线索已录入'), await tripReportCard(db, trip.id, whenOf(deps)));
  return receiptPrivately(
    lead.phone,
    answer.toastAndCard(saved('线索已登记'), drawLeadReceipt(lead, now, deps.config.timezone, echoes)),
    drawLeadReceipt({ ...lead, phone: '' }, now, deps.config.timezone, [...echoes, CONTACTS_HIDDEN]),
  );

  /** The receipt shows the phone: in a chat others see, they get it without; the full one goes to the tapper. */
  async function receiptPrivately(phone: string, full: CardAnswer, withoutPhone: Card): Promise<CardAnswer> {
    if (phone === '') return full;
    return answerPrivately(db, await tapperOf(db, input), full, withoutPhone);
  }
}
