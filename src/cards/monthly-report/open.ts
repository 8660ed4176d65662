import type { Db } from '../../db/client.js';
import {
  findMonthlyReport,
  findSquadName,
  reportCloseDay,
  visitedBusinessmenOfMonth,
  type MonthlyReportView,
} from '../../db/monthly-reports.js';
import { privateChatOwner } from '../../db/chats.js';
import { findActorByOpenId } from '../../db/people.js';
import { maySeeContactDetails, withoutContactDetails } from '../../domain/contact-rules.js';
import type { Card } from '../../feishu/answer.js';
import { enqueueMessage } from '../../feishu/outbox.js';
import { drawMonthlyReportForm, offersVisits } from './view.js';
import { renderReportSummary } from './view-summary.js';

// The monthly report card as it stands, loaded and drawn: for `/report`, for the callbacks, and
// for updating the card message a report was filed on.

/**
 * The card for a squad's month: the form (pre-filled from a draft, or from the month's visits)
 * or, once submitted/exempt, the summary. `contacts`: whether the viewer may see the visited
 * businessmen's addresses and phones (domain/contact-rules.ts); without it they are left out.
 */
export async function monthlyReportCard(
  db: Db,
  squadId: number,
  month: string,
  now: Date,
  opts: { contacts: boolean; timezone?: string; withExemption?: boolean; editing?: boolean; notice?: string },
): Promise<Card> {
  const tz = opts.timezone ?? 'Asia/Shanghai';
  const squadName = (await findSquadName(db, squadId)) ?? `小分队 ${squadId}`;
  const stored = await findMonthlyReport(db, squadId, month);
  const report =
    stored && !opts.contacts
      ? { ...stored, visitedBusinessmen: stored.visitedBusinessmen.map(withoutContactDetails) }
      : stored;
  if (report && report.status !== 'DRAFT' && !opts.editing)
    return renderReportSummary(report, squadName, tz, { contactsHidden: !opts.contacts });
  const found = offersVisits(report) ? await visitedBusinessmenOfMonth(db, squadId, month) : null;
  const visits = found && !opts.contacts ? found.map(withoutContactDetails) : found;
  const closeDay = await reportCloseDay(db);
  return drawMonthlyReportForm({ squadId, squadName, month, report, visits, closeDay }, now, tz, {
    ...opts,
    contactsHidden: !opts.contacts,
  });
}

/**
 * Later changes (from another card, a command) update the report's own card message: the one the
 * squad or the office first saved, submitted or edited on (a leader's exemption shows no businessmen).
 */
export async function patchReportCard(
  db: Db,
  report: MonthlyReportView,
  squadName: string,
  tz: string,
  cause: string,
  exceptMessageId?: string,
): Promise<void> {
  if (!report.cardMessageId || report.cardMessageId === exceptMessageId) return;
  // Everyone in the card's chat sees the update: the addresses and phones only when it is the 1:1
  // chat of someone who may see them.
  const owner = await privateChatOwner(db, report.cardChatId);
  const reader = owner ? await findActorByOpenId(db, owner) : null;
  const contacts = reader !== null && maySeeContactDetails(reader, report.squadId);
  const shown = contacts
    ? report
    : { ...report, visitedBusinessmen: report.visitedBusinessmen.map(withoutContactDetails) };
  await enqueueMessage(db, {
    dedupKey: `report-card:${report.id}:${cause}`,
    to: { type: 'patch', messageId: report.cardMessageId },
    msgType: 'interactive',
    content: renderReportSummary(shown, squadName, tz, { contactsHidden: !contacts }),
  });
}
