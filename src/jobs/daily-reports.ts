import { dailyReportsCard } from '../cards/report-list/view.js';
import { reportsSubmittedBetween } from '../db/report-list.js';
import { officePeople } from '../db/squads.js';
import type { Deps } from '../deps.js';
import { localDate } from '../domain/periods.js';
import { enqueueMessage } from '../feishu/outbox.js';

const DAY_MS = 24 * 3600_000;

/**
 * The day's submitted monthly reports as one card to every office person. The card covers the 24
 * hours up to the run (the slot's time), so with one run a day every submission is in exactly one
 * card; a second run of the same day sends nothing (dedup key per day and person). No submissions:
 * no card.
 */
export async function sendDailyReportSummary(deps: Deps, now: Date): Promise<{ summary: string; messages: number }> {
  const tz = deps.config.timezone;
  const day = localDate(now, tz);
  const lines = await reportsSubmittedBetween(deps.db, new Date(now.getTime() - DAY_MS), now);
  if (lines.length === 0) return { summary: `${day} 没有新提交的月度汇报`, messages: 0 };
  const card = dailyReportsCard(day, lines, tz);
  let messages = 0;
  for (const p of await officePeople(deps.db)) {
    const sent = await enqueueMessage(deps.db, {
      dedupKey: `daily-reports:${day}:person-${p.id}`,
      to: { type: 'open_id', id: p.openId },
      msgType: 'interactive',
      content: card,
    });
    if (sent) messages++;
  }
  return { summary: `${day} 提交的 ${lines.length} 份月度汇报已汇总发给办公室（${messages} 人）`, messages };
}
