import dayjs from 'dayjs';
import type { Rank } from './vocabulary.js';

// The plan: a division-level (处级) leader's trip plan is approved by the group leader (组长), a
// section-level (科级) one's by the district leader in charge (分管领导); both are filed with the office.
// People without a rank on the roster are treated as section level (the more common case).

export type ApproverRole = 'GROUP_LEADER' | 'LEADER_IN_CHARGE';

export function approverRoleFor(rank: string | null | undefined): ApproverRole {
  return (rank as Rank | null) === 'DIVISION' ? 'GROUP_LEADER' : 'LEADER_IN_CHARGE';
}

export const APPROVER_LABELS: Record<ApproverRole, string> = { GROUP_LEADER: '组长', LEADER_IN_CHARGE: '分管领导' };

export const DEFAULT_TRIP_MAX_PAST_DAYS = 7;

/**
 * Checks a trip plan's dates ('YYYY-MM-DD'); `today` is the local date. Returns field → message.
 * A plan may be filed a few days after leaving (setting trip.maxPastDays), not earlier than that.
 */
export function tripDateErrors(
  start: string | undefined,
  end: string | undefined,
  today: string,
  maxPastDays: number,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!start) errors.start_date = '出发日期：请选择出发日期';
  if (!end) errors.end_date = '返回日期：请选择返回日期';
  if (start && end && end < start) errors.end_date = `返回日期：不能早于出发日期 ${start}`;
  if (start) {
    const earliest = dayjs(today).subtract(maxPastDays, 'day').format('YYYY-MM-DD');
    if (start < earliest)
      errors.start_date = `出发日期：不能早于 ${earliest}（计划最多补报 ${maxPastDays} 天前的外出）`;
  }
  return errors;
}
