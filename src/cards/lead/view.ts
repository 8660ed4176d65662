import type { LeadView } from '../../db/leads.js';
import type { Actor } from '../../domain/actor.js';
import type { SquadOption } from '../../db/squad-options.js';
import { formatWan } from '../../domain/money.js';
import { LEAD_SOURCE_LABELS, type LeadSource } from '../../domain/vocabulary.js';
import type { Card } from '../../feishu/answer.js';
import { refillForm } from '../shared/form.js';
import { buildReceipt } from '../shared/receipt.js';
import { squadPickerElements } from '../shared/squad-picker.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

// The lead card (`/lead`, and "录入线索" on a trip report), its receipt and the 撞单 notice.

export interface LeadCardTrip {
  id: number;
  version: number;
  label: string;
}

/**
 * The lead form; on a trip report it files for the trip's squad and comes back to the report,
 * otherwise the office picks the squad from `squads`.
 */
export function drawLeadCard(
  actor: Actor,
  squads: SquadOption[],
  opts: { trip?: LeadCardTrip; notice?: string; goOn?: string } = {},
): Card {
  const { trip } = opts;
  const submitValue = trip ? { action: 'lead.submit', tripId: trip.id, v: trip.version } : { action: 'lead.submit' };
  const card = renderCard('lead', {
    subtitle: trip ? `外出招商报告 · ${trip.label}` : '社会化招商：中介组织、行业协会、企业、自然人的线索均可登记',
    notice: opts.notice ? [{ tag: 'markdown', content: opts.notice }] : [],
    squadPicker: trip ? [] : squadPickerElements(actor, squads),
    submitValue,
    // After a 可能重复 notice: the same submit, saying the person saw the near names of this key.
    goOnButton: opts.goOn
      ? [
          {
            tag: 'button',
            name: 'lead_go_on',
            type: 'default',
            width: 'fill',
            form_action_type: 'submit',
            text: { tag: 'plain_text', content: '不是同一企业，仍然提交' },
            behaviors: [{ type: 'callback', value: { ...submitValue, goOn: opts.goOn } }],
          },
        ]
      : [],
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

/** The receipt of a lead; `note` under its lines (e.g. that the phone was left out). */
export function drawLeadReceipt(lead: LeadView, at: Date, timezone: string, note?: string | string[]): Card {
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
      { label: '信用代码', value: lead.creditCode ?? '' },
      { label: '联系人', value: lead.contactName },
      { label: '电话', value: lead.phone },
      { label: '情况', value: lead.description },
    ],
    notes: note === undefined ? [] : typeof note === 'string' ? [note] : note,
    by: lead.ownerName,
    at,
    timezone,
  });
}

/** Shown above the form when the business is already a lead of some squad (撞单). */
export function describeDuplicate(existing: LeadView, by: 'code' | 'name' = 'name'): string {
  const how = by === 'code' ? '（统一社会信用代码相同）' : '';
  return (
    `<font color='red'>**撞单提醒**</font>：该企业${how}已于 ${existing.createdOn} 由 **${escapeMarkdown(existing.squadName)}** 的 ` +
    `**${escapeMarkdown(existing.ownerName)}** 登记为线索（${escapeMarkdown(existing.company)}）。本次未保存，请与对方联系对接，避免重复招商。`
  );
}

/** Shown above the form when names close to this one are leads already (可能重复); the person may go on. */
export function describeNear(near: LeadView[]): string {
  const lines = near.map(
    (l) =>
      `- **${escapeMarkdown(l.company)}**：${escapeMarkdown(l.squadName)} ${escapeMarkdown(l.ownerName)} 于 ${l.createdOn} 登记`,
  );
  return (
    `<font color='orange'>**可能重复**</font>：已有名称相近的线索，请先核对是否同一企业。\n${lines.join('\n')}\n` +
    '是同一企业请与对方联系对接；不是的话点「不是同一企业，仍然提交」。本次尚未保存。'
  );
}
