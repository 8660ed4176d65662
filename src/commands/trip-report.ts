import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { tripReportCard } from '../cards/trip-report/open.js';
import { drawTripReportList } from '../cards/trip-report/view.js';
import { whenOf } from '../cards/shared/when.js';
import { listTripsAwaitingReport } from '../db/trip-reports.js';
import { isOfficeActor } from '../domain/authz.js';
import { FORM_SENT_PRIVATELY, reply, replyPrivately } from '../feishu/answer.js';

// `/tripreport` (not `/trip report`: /trip is the trip plan's command): the sender's squads'
// approved trips still waiting for their report. One trip → its report card at once.
export async function openTripReports(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  const squadIds = isOfficeActor(actor) ? null : actor.squads.map((s) => s.squadId);
  const trips = await listTripsAwaitingReport(deps.db, squadIds);
  if (!trips.length)
    return reply.text(
      '你所在的小分队目前没有待填写报告的外出招商。外出计划批准后才需要填写报告；发送 /trip 填写外出招商计划。',
    );
  // The visits' phones and addresses are typed on the report: asked in a group, it goes to the 1:1 chat.
  const card =
    trips.length === 1
      ? reply.card(await tripReportCard(deps.db, trips[0]!.id, whenOf(deps)))
      : reply.card(drawTripReportList(trips));
  return replyPrivately(deps.db, input, card, FORM_SENT_PRIVATELY);
}
