import type { PersonRef, TripView } from '../../db/trips.js';
import { APPROVER_LABELS, type ApproverRole } from '../../domain/trip-routing.js';
import type { Card } from '../../feishu/answer.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';
import { RANK_LABELS, tripDetails } from './view-summary.js';

// The trip plan form and the approver's card (批准 / 驳回).

export const TRIP_ACTIONS = { submit: 'trip.submit', approve: 'trip.approve', reject: 'trip.reject' } as const;

/** What the plan form is drawn from: who travels, for which squad, and who will approve. */
export interface TripPlanFormData {
  squadId: number;
  squadName: string;
  traveller: { name: string; rank: string | null };
  approverRole: ApproverRole;
  approver: PersonRef | null;
  /** The people pickable as fellow travellers. */
  roster: PersonRef[];
  /** The rejected plan the form is re-opened from. */
  reopen?: { id: number; rejectReason: string | null };
}

/** The trip plan form for someone travelling for a squad; the people picker offers the squad's roster. */
export function drawTripPlan(d: TripPlanFormData): Card {
  const rank = RANK_LABELS[d.traveller.rank ?? ''] ?? '科级';
  return renderCard('trip-plan', {
    squadName: d.squadName,
    intro:
      `出行人：**${escapeMarkdown(d.traveller.name)}**（${rank}）· ` +
      `由${APPROVER_LABELS[d.approverRole]} **${escapeMarkdown(d.approver?.name ?? '（未设置）')}** 审批，同时报区招商局备案。` +
      (d.reopen
        ? `\n<font color='orange'>已按被驳回的计划预填</font>（驳回原因：${escapeMarkdown(d.reopen.rejectReason ?? '—')}），` +
          '调整后提交即为一份新计划。'
        : ''),
    peopleOptions: d.roster.map((p) => ({ value: p.openId })),
    submitValue: { action: TRIP_ACTIONS.submit, squadId: d.squadId, ...(d.reopen ? { reopen: d.reopen.id } : {}) },
  });
}

export function renderTripApproval(t: TripView): Card {
  return renderCard('trip-approval', {
    travellerName: t.traveller.name,
    squadName: t.squadName,
    details: tripDetails(t),
    approveValue: { action: TRIP_ACTIONS.approve, tripId: t.id },
    rejectValue: { action: TRIP_ACTIONS.reject, tripId: t.id },
  });
}
