import dayjs from 'dayjs';
import type { TripView } from '../../db/trips.js';
import { localDateTime } from '../../domain/local-date.js';
import { plannedCompanies, plannedCompaniesWarning } from '../../domain/trip-rules.js';
import type { Card } from '../../feishu/answer.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';
import { cancelTripButton } from '../trip-cancel/view.js';

// Read-only views of a trip plan: the traveller's card after submitting, the office's filed copy,
// and the approver's card after deciding.

/** The action of 修改后重新提交 on a rejected plan. */
const TRIP_REOPEN = 'trip.reopen';

export const RANK_LABELS: Record<string, string> = { DIVISION: '处级', SECTION: '科级' };

const STATUS = {
  PENDING: { tag: '待审批', color: 'orange', header: 'orange' },
  APPROVED: { tag: '已批准', color: 'green', header: 'green' },
  REJECTED: { tag: '已驳回', color: 'red', header: 'red' },
  REPORTED: { tag: '已报告', color: 'blue', header: 'blue' },
  CANCELLED: { tag: '已撤回', color: 'neutral', header: 'grey' },
} as const;

function days(t: TripView): number {
  return dayjs(t.endDate).diff(dayjs(t.startDate), 'day') + 1;
}

/** Details of a plan; user text is escaped in markdown or shown as plain text. */
export function tripDetails(t: TripView): unknown[] {
  const people = t.participants.length ? t.participants.map((p) => escapeMarkdown(p.name)).join('、') : '无';
  const lines = [
    `**出行人**：${escapeMarkdown(t.traveller.name)}（${RANK_LABELS[t.rank] ?? t.rank}）`,
    `**目的地**：${escapeMarkdown(t.destination)}`,
    `**日期**：${t.startDate} 至 ${t.endDate}（${days(t)} 天）`,
    `**同行人员**：${people}`,
  ];
  const companies = plannedCompanies(t.companiesPlanned);
  const warning = plannedCompaniesWarning(companies.length);
  return [
    { tag: 'markdown', content: lines.join('\n') },
    { tag: 'markdown', content: `**拟拜访企业**（${companies.length} 家）` },
    { tag: 'div', text: { tag: 'plain_text', content: companies.join('\n') || '（未填写）' } },
    ...(warning ? [{ tag: 'markdown', content: `<font color='orange'>${warning}。</font>` }] : []),
  ];
}

function statusLine(t: TripView, tz: string): string {
  const approver = escapeMarkdown(t.approver?.name ?? '审批人');
  if (t.status === 'PENDING') return `已于 ${localDateTime(t.createdAt, tz)} 提交，等待 **${approver}** 审批。`;
  const when = t.decidedAt ? localDateTime(t.decidedAt, tz) : '';
  if (t.status === 'APPROVED') return `**${approver}** 已于 ${when} 批准。`;
  if (t.status === 'REJECTED')
    return `**${approver}** 已于 ${when} 驳回。\n**驳回原因**：${escapeMarkdown(t.rejectReason ?? '')}`;
  return STATUS[t.status].tag;
}

export type TripAudience = 'traveller' | 'office' | 'approver';

export function renderTripSummary(t: TripView, tz: string, audience: TripAudience): Card {
  const s = STATUS[t.status];
  const title = audience === 'office' ? '外出招商计划 · 备案' : '外出招商计划';
  const footer = {
    traveller:
      t.status === 'REJECTED'
        ? '点「修改后重新提交」，计划按原样预填，按驳回原因调整后再提交。'
        : t.status === 'APPROVED'
          ? '回来后请填写外出招商报告（每次至少拜访 6 家企业、获得 3 条线索）。'
          : '审批结果会更新在这张卡片上。',
    office: '此卡片为区招商局备案件，审批结果会同步更新。',
    approver: '审批结果已通知出行人，并同步区招商局备案。',
  }[audience];
  // A rejected plan is re-opened pre-filled from the traveller's card (their notice), not retyped.
  const buttons =
    audience === 'traveller' && t.status === 'REJECTED'
      ? [
          {
            tag: 'button',
            name: 'trip_reopen',
            type: 'primary_filled',
            width: 'fill',
            text: { tag: 'plain_text', content: '修改后重新提交' },
            behaviors: [{ type: 'callback', value: { action: TRIP_REOPEN, tripId: t.id } }],
          },
        ]
      : [];
  return renderCard('trip-summary', {
    summary: `${title} · ${t.traveller.name} · ${s.tag}`,
    title,
    squadName: t.squadName,
    headerColor: s.header,
    statusTag: s.tag,
    statusColor: s.color,
    details: tripDetails(t),
    statusLine: statusLine(t, tz),
    footer,
    buttons: [
      ...buttons,
      ...(audience === 'traveller' && (t.status === 'PENDING' || t.status === 'APPROVED')
        ? [cancelTripButton(t.id)]
        : []),
    ],
  });
}
