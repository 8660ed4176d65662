import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { tripReportCard } from '../cards/trip-report/open.js';
import { drawTripReportList } from '../cards/trip-report/view.js';
import { whenOf } from '../cards/shared/when.js';
import { listTripsAwaitingReport } from '../db/trip-reports.js';
import { isOfficeActor } from '../domain/authz.js';
import { reply } from '../feishu/answer.js';

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
  if (trips.length === 1) return reply.card(await tripReportCard(deps.db, trips[0]!.id, whenOf(deps)));
  return reply.card(drawTripReportList(trips));
}
