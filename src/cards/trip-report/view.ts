import type { TripAwaitingReport, TripReport } from '../../db/trip-reports.js';
import { localDate } from '../../domain/local-date.js';
import { formatWan } from '../../domain/money.js';
import {
  assessTrip,
  describeTripProgress,
  hasTripBegun,
  TRIP_MIN_LEADS,
  TRIP_MIN_VISITS,
} from '../../domain/trip-rules.js';
import type { Card } from '../../feishu/answer.js';
import { buttonRow } from '../shared/elements.js';
import { buildReceipt } from '../shared/receipt.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';
import type { When } from '../shared/when.js';

// The trip report card (cards/trip-report.json).
//
// Why one visit per submit: a Feishu form cannot add rows on the fly, and collapsible panels are
// not allowed inside a Feishu form, so six fixed visit blocks would be a 48-field form —
// unusable on a phone and lost all at once on one bad field. Instead the card holds a short form
// for ONE visit; each submit stores that Visit and the card comes back with the list and the
// counters ("已录入 4/6 家"). Leads go through the lead card (same 撞单 check as /lead) and come
// back here. "提交报告" closes the report; fewer than 6 visits or 3 leads may be submitted but the
// trip is marked short of the rule and the captain is told.
//
// Each button carries the trip's version (updatedAt): a double tap or a stale card stores nothing.

const LIST_MAX = 12;

function tripLabel(t: { destination: string; startDate: string; endDate: string }): string {
  return `${t.destination} ${t.startDate}—${t.endDate}`;
}

function visitLines(t: TripReport): unknown[] {
  if (!t.visits.length) return [{ tag: 'markdown', content: '尚未录入拜访企业。', text_size: 'notation' }];
  const shown = t.visits.slice(-LIST_MAX);
  const lines = shown.map((v, i) => {
    const n = t.visits.length - shown.length + i + 1;
    const who = [v.contactName, v.position].filter(Boolean).map(escapeMarkdown).join(' · ');
    return `${n}. ${escapeMarkdown(v.company)}（${who}，${v.visitedOn}）`;
  });
  if (shown.length < t.visits.length) lines.unshift(`…… 前 ${t.visits.length - shown.length} 家略`);
  return [{ tag: 'markdown', content: `**拜访企业**\n${lines.join('\n')}` }];
}

function leadLines(t: TripReport): unknown[] {
  if (!t.leads.length) return [{ tag: 'markdown', content: '尚未录入招商线索。', text_size: 'notation' }];
  const lines = t.leads.slice(-LIST_MAX).map((l, i) => {
    const extra = [l.sector, l.intendedInvestment === null ? '' : `意向 ${formatWan(l.intendedInvestment)}`]
      .filter(Boolean)
      .map(escapeMarkdown)
      .join('，');
    return `${i + 1}. ${escapeMarkdown(l.company)}${extra ? `（${extra}）` : ''}`;
  });
  return [{ tag: 'markdown', content: `**招商线索**\n${lines.join('\n')}` }];
}

/**
 * The visit date a new visit starts with, for a trip that has begun: today, or the trip's last day
 * once it is over — within the trip and never after today, so the form accepts it as it stands.
 */
function dateWithinTrip(today: string, t: { endDate: string }): string {
  return t.endDate <= today ? t.endDate : today;
}

/** The read-only card of a reported (or not fillable) trip. */
export function drawTripReportReceipt(t: TripReport, timezone: string): Card {
  const counts = { visits: t.visits.length, leads: t.leads.length };
  const reported = t.status === 'REPORTED';
  const notes: string[] = [...visitLines(t), ...leadLines(t)].map((e) => (e as { content: string }).content);
  if (reported && t.shortOfRule)
    notes.push(
      `<font color='orange'>未达到每次拜访 ${TRIP_MIN_VISITS} 家、线索 ${TRIP_MIN_LEADS} 条的要求，已告知队长。</font>`,
    );
  return buildReceipt({
    title: '外出招商报告',
    subtitle: `${t.squadName} · ${tripLabel(t)}`,
    tag: reported ? (t.shortOfRule ? '已提交·未达标' : '已提交') : '不可填报',
    color: reported ? (t.shortOfRule ? 'orange' : 'green') : 'red',
    lines: [
      { label: '拜访企业', value: `${counts.visits} 家` },
      { label: '招商线索', value: `${counts.leads} 条` },
    ],
    notes,
    by: t.reportedByName ?? '—',
    at: t.reportedAt ?? new Date(0),
    timezone,
    verb: reported ? '提交' : '',
  });
}

/** The fillable card of an approved trip, or its read-only card once reported or not approved. */
export function drawTripReport(t: TripReport, when: When, opts: { notice?: string } = {}): Card {
  const { timezone } = when;
  if (t.status !== 'APPROVED') {
    if (t.status === 'REPORTED') return drawTripReportReceipt(t, timezone);
    return buildReceipt({
      title: '外出招商报告',
      subtitle: `${t.squadName} · ${tripLabel(t)}`,
      tag: '不可填报',
      color: 'red',
      lines: [],
      notes: ['这次外出招商计划尚未批准（或已撤销），批准后才能填写报告。'],
      by: '招商助手',
      at: when.now,
      timezone,
      verb: '查看',
    });
  }
  const today = localDate(when.now, timezone);
  if (!hasTripBegun(t, today))
    return buildReceipt({
      title: '外出招商报告',
      subtitle: `${t.squadName} · ${tripLabel(t)}`,
      tag: '尚未开始',
      color: 'blue',
      lines: [],
      notes: [
        `这次外出还没有开始：${t.startDate} 出发后才能填写报告（拜访日期须在外出期间，且不晚于当天）。届时发送 /tripreport。`,
      ],
      by: '招商助手',
      at: when.now,
      timezone,
      verb: '查看',
    });
  const counts = { visits: t.visits.length, leads: t.leads.length };
  const progress = describeTripProgress(counts);
  const rule = assessTrip(counts);
  const defaultDate = dateWithinTrip(today, t);
  const value = (action: string) => ({ action, tripId: t.id, v: t.version });
  return renderCard('trip-report', {
    summary: tripLabel(t),
    subtitle: `${t.squadName} · ${tripLabel(t)}`,
    color: rule.short ? 'orange' : 'green',
    tag: rule.short ? '未达标' : '已达标',
    tagColor: rule.short ? 'orange' : 'green',
    notice: opts.notice ? [{ tag: 'markdown', content: opts.notice }] : [],
    progress: `**拜访企业** ${progress.visits}　**招商线索** ${progress.leads}`,
    visitList: visitLines(t),
    leadList: leadLines(t),
    defaultDate,
    visitValue: value('tripreport.visit'),
    leadValue: { action: 'tripreport.lead', tripId: t.id },
    submitValue: value('tripreport.submit'),
    confirmText: rule.short
      ? `本次拜访 ${counts.visits} 家、线索 ${counts.leads} 条，未达到 ${TRIP_MIN_VISITS} 家、${TRIP_MIN_LEADS} 条的要求。` +
        '仍要提交吗？提交后将标记为未达标并告知队长。'
      : `本次拜访 ${counts.visits} 家、线索 ${counts.leads} 条。提交后不能再修改。`,
  });
}

/** `/tripreport` with several trips waiting: one button per trip. */
export function drawTripReportList(trips: TripAwaitingReport[], notice?: string): Card {
  const rows = trips.map((t) =>
    buttonRow(
      `**${escapeMarkdown(t.destination)}**\n` + `${t.startDate}—${t.endDate} · ${escapeMarkdown(t.squadName)}`,
      { name: `open_trip_${t.id}`, text: '填写报告', value: { action: 'tripreport.open', tripId: t.id } },
      2,
    ),
  );
  const note = notice ? [{ tag: 'markdown', content: notice, text_size: 'notation' }] : [];
  return renderCard('trip-report-list', { subtitle: `共 ${trips.length} 次外出待填报告`, rows: [...rows, ...note] });
}
