import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { tripReportCard } from '../cards/trip-report/open.js';
import { drawTripReportList } from '../cards/trip-report/view.js';
import { whenOf } from '../cards/shared/when.js';
import { listTripsAwaitingReport } from '../db/trip-reports.js';
import { isOfficeActor } from '../domain/authz.js';
import { localDate } from '../domain/local-date.js';
import { splitBegunTrips } from '../domain/trip-rules.js';
import { FORM_SENT_PRIVATELY, reply, replyPrivately } from '../feishu/answer.js';
import { escapeMarkdown } from '../cards/shared/template.js';

// `/tripreport` (not `/trip report`: /trip is the trip plan's command): the sender's squads'
// approved trips still waiting for their report, once they have begun (a visit cannot be dated in
// the future). One trip → its report card at once; trips still ahead are only mentioned.
export async function openTripReports(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  const squadIds = isOfficeActor(actor) ? null : actor.squads.map((s) => s.squadId);
  const today = localDate(deps.clock.now(), deps.config.timezone);
  const { begun: trips, ahead } = splitBegunTrips(await listTripsAwaitingReport(deps.db, squadIds), today);
  const next = ahead[0];
  if (!trips.length && next)
    return reply.text(
      `你所在的小分队还没有已经开始的外出招商，暂时没有报告可填。下一次：${next.squadName}赴${next.destination}` +
        `（${next.startDate} 至 ${next.endDate}），${next.startDate} 出发后再发送 /tripreport 逐家录入拜访企业。`,
    );
  if (!trips.length)
    return reply.text(
      '你所在的小分队目前没有待填写报告的外出招商。外出计划批准后才需要填写报告；发送 /trip 填写外出招商计划。',
    );
  const notice = next
    ? `另有 ${ahead.length} 次外出尚未开始（最近一次 ${next.startDate} 赴${escapeMarkdown(next.destination)}），出发后再填写。`
    : undefined;
  // The visits' phones and addresses are typed on the report: asked in a group, it goes to the 1:1 chat.
  const card =
    trips.length === 1
      ? reply.card(await tripReportCard(deps.db, trips[0]!.id, whenOf(deps), { notice }))
      : reply.card(drawTripReportList(trips, notice));
  return replyPrivately(deps.db, input, card, FORM_SENT_PRIVATELY);
}
