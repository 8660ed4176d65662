import type { Actor } from '../../db/people.js';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../db/audit-trail.js';
import { createLead, findLeadByCompanyKey, findLeadByRequestKey, type LeadView } from '../../db/leads.js';
import { claimTripVersion } from '../../db/trip-reports.js';
import type { Deps } from '../../deps.js';
import { mayActForSquad } from '../../domain/authz.js';
import { normaliseCompanyName } from '../../domain/company-name.js';
import { localDate } from '../../domain/local-date.js';
import { formatWan } from '../../domain/money.js';
import { LEAD_SOURCE_LABELS, type LeadSource } from '../../domain/vocabulary.js';
import { answer, type Card } from '../../feishu/answer.js';
import { cleanFormValue, fieldErrorsOf, refillForm } from '../shared/form.js';
import { LeadForm } from './form.js';
import { buildReceipt } from '../shared/receipt.js';
import { resolveSquadId, squadPickerElements } from '../shared/squad-picker.js';
import { escapeMarkdown } from '../shared/template.js';
import { renderCard } from '../shared/template.js';
import { buildTripReportCard, whenOf } from '../trip-report/view.js';
import type { CardInput } from '../types.js';

// The lead card (`/lead`, and "录入线索" on a trip report). One lead per business: the company
// name is normalised (domain/company-name.ts) into Lead.companyKey, and a second squad entering
// the same business (撞单) is shown the existing lead and its owner; nothing is stored.

export interface LeadCardTrip {
  id: number;
  version: number;
  label: string;
}

export async function buildLeadCard(
  db: Db,
  actor: Actor,
  opts: { trip?: LeadCardTrip; notice?: string } = {},
): Promise<Card> {
  const { trip } = opts;
  const card = renderCard('lead', {
    subtitle: trip ? `外出招商报告 · ${trip.label}` : '社会化招商：中介组织、行业协会、企业、自然人的线索均可登记',
    notice: opts.notice ? [{ tag: 'markdown', content: opts.notice }] : [],
    squadPicker: trip ? [] : await squadPickerElements(db, actor),
    submitValue: trip ? { action: 'lead.submit', tripId: trip.id, v: trip.version } : { action: 'lead.submit' },
    footer: trip
      ? [
          {
            tag: 'button',
            name: 'lead_back',
            type: 'default',
            width: 'fill',
            text: { tag: 'plain_text', content: '返回外出招商报告' },
            behaviors: [{ type: 'callback', value: { action: 'tripreport.open', tripId: trip.id } }],
          },
        ]
      : [
          {
            tag: 'div',
            text: {
              tag: 'plain_text',
              content: '同一企业全区只登记一次；已被登记的企业会显示登记的小分队和联系人。',
              text_size: 'notation',
              text_color: 'grey',
            },
          },
        ],
  });
  return trip ? refillForm(card, { source: 'VISIT' }) : card;
}

export function buildLeadReceipt(lead: LeadView, at: Date, timezone: string): Card {
  const src = LEAD_SOURCE_LABELS[lead.source as LeadSource] ?? lead.source;
  return buildReceipt({
    title: '招商线索已登记',
    subtitle: lead.squadName,
    tag: src,
    lines: [
      { label: '企业', value: lead.company },
      { label: '来源', value: src },
      { label: '推荐方', value: lead.intermediaryName ?? '' },
      { label: '约定奖励', value: lead.intermediaryReward ?? '' },
      { label: '行业', value: lead.sector },
      { label: '意向投资', value: lead.intendedInvestment === null ? '' : formatWan(lead.intendedInvestment) },
      { label: '联系人', value: lead.contactName },
      { label: '电话', value: lead.phone },
      { label: '情况', value: lead.description },
    ],
    by: lead.ownerName,
    at,
    timezone,
  });
}

function duplicateNotice(existing: LeadView): string {
  return (
    `<font color='red'>**撞单提醒**</font>：该企业已于 ${existing.createdOn} 由 **${escapeMarkdown(existing.squadName)}** 的 ` +
    `**${escapeMarkdown(existing.ownerName)}** 登记为线索（${escapeMarkdown(existing.company)}）。本次未保存，请与对方联系对接，避免重复招商。`
  );
}

export async function submitLead(input: CardInput, deps: Deps) {
  const actor = input.actor!;
  const db = deps.db;
  const tripId = typeof input.value.tripId === 'number' ? input.value.tripId : null;
  const version = Number(input.value.v);
  let squadId: number;
  let trip: LeadCardTrip | undefined;
  if (tripId !== null) {
    const t = await db.trip.findUnique({ where: { id: tripId } });
    if (!t) return answer.error('找不到这次外出招商，请重新发送 /tripreport。');
    const refusal = mayActForSquad(actor, t.squadId);
    if (refusal) return answer.error(refusal);
    if (t.status !== 'APPROVED') return answer.card(await buildTripReportCard(db, tripId, whenOf(deps)));
    squadId = t.squadId;
    trip = { id: t.id, version, label: `${t.destination} ${t.startDate}—${t.endDate}` };
  } else {
    squadId = resolveSquadId(actor, input.formValue);
    const refusal = mayActForSquad(actor, squadId);
    if (refusal) return answer.error(refusal);
    if (!(await db.squad.findUnique({ where: { id: squadId } }))) return answer.error('请选择所属小分队。');
  }

  const card = () => buildLeadCard(db, actor, { trip });
  const parsed = LeadForm.safeParse(cleanFormValue(input.formValue));
  if (!parsed.success) {
    const errors = fieldErrorsOf(parsed.error);
    return answer.toastAndCard(
      Object.values(errors)[0] ?? '请检查填写内容',
      refillForm(await card(), input.formValue, errors),
      'error',
    );
  }
  const f = parsed.data;
  const requestKey = trip ? `trip:${trip.id}:lead:${version}` : `lead:${input.messageId ?? input.eventId}`;
  const already = await findLeadByRequestKey(db, requestKey);
  if (already) {
    if (trip)
      return answer.toastAndCard('这条线索已录入', await buildTripReportCard(db, trip.id, whenOf(deps)), 'info');
    return answer.toastAndCard(
      '这条线索已登记',
      buildLeadReceipt(already, already.createdAt, deps.config.timezone),
      'info',
    );
  }
  const companyKey = normaliseCompanyName(f.company);
  const existing = await findLeadByCompanyKey(db, companyKey);
  if (existing) {
    const notice = duplicateNotice(existing);
    const again = refillForm(await buildLeadCard(db, actor, { trip, notice }), input.formValue);
    return answer.toastAndCard(`撞单：该企业已由${existing.squadName}登记，本次未保存`, again, 'warning');
  }
  if (trip && !(await claimTripVersion(db, trip.id, version))) {
    return answer.toastAndCard(
      '卡片已更新，请在最新的报告卡片上操作',
      await buildTripReportCard(db, trip.id, whenOf(deps)),
      'info',
    );
  }
  const now = deps.clock.now();
  const lead = await createLead(db, {
    requestKey,
    companyKey,
    company: f.company,
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
  if (trip) return answer.toastAndCard('线索已录入', await buildTripReportCard(db, trip.id, whenOf(deps)));
  return answer.toastAndCard('线索已登记', buildLeadReceipt(lead, now, deps.config.timezone));
}
