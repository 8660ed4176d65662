import type { Db } from '../../db/client.js';
import {
  findMonthlyReport,
  findSquadName,
  reportCloseDay,
  visitedBusinessmenOfMonth,
  type MonthlyReportView,
} from '../../db/monthly-reports.js';
import { privateChatReader } from '../../db/chats.js';
import { maySeeContactDetails, withoutContactDetails } from '../../domain/contact-rules.js';
import type { Card } from '../../feishu/answer.js';
import { enqueueMessage } from '../../feishu/outbox.js';
import { CAPTAIN_VIEWER, drawMonthlyReportForm, exemptForm, offersVisits } from './view.js';
import { emptyReport, renderReportSummary } from './view-summary.js';
import type { Actor } from '../../domain/actor.js';
import { isOfficeActor, mayFileMonthlyReport, mayRaiseIssue, maySaveReportDraft } from '../../domain/authz.js';
import { reportButtons, type ReportViewer } from '../../domain/report-buttons.js';

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
  opts: {
    contacts: boolean;
    timezone?: string;
    withExemption?: boolean;
    editing?: boolean;
    notice?: string;
    /** What the viewer may do: only their buttons are drawn (default: as the squad's captain). */
    viewer?: ReportViewer;
  },
): Promise<Card> {
  const tz = opts.timezone ?? 'Asia/Shanghai';
  const viewer = opts.viewer ?? CAPTAIN_VIEWER;
  const squadName = (await findSquadName(db, squadId)) ?? `小分队 ${squadId}`;
  const stored = await findMonthlyReport(db, squadId, month);
  const report =
    stored && !opts.contacts
      ? { ...stored, visitedBusinessmen: stored.visitedBusinessmen.map(withoutContactDetails) }
      : stored;
  const closeDay = await reportCloseDay(db);
  const status = !report ? 'NEW' : report.status === 'DRAFT' ? 'DRAFT' : (report.status as 'SUBMITTED' | 'EXEMPT');
  const amending = !!opts.editing && (status === 'SUBMITTED' || status === 'EXEMPT');
  const rb = reportButtons({ status, amending, month, now, tz, closeDay, viewer });
  const contactsHidden = !opts.contacts;
  if (report && report.status !== 'DRAFT' && !opts.editing)
    return renderReportSummary(report, squadName, tz, {
      contactsHidden,
      edit: rb.edit,
      why: rb.why,
      raiseIssue: rb.raiseIssue,
    });
  if (!rb.form) {
    // Read-only: a leader reading the month, or a month closed for the squad. A responsible leader
    // may still mark a month nobody submitted 免报, while it is open.
    const exempt =
      opts.withExemption && status !== 'EXEMPT' && (viewer.office || rb.window !== 'CLOSED')
        ? [exemptForm({ squadId, squadName, month, baseVersion: report?.version ?? 0 })]
        : [];
    // The month's visits, as the form would offer them, so a reader sees whom the squad met.
    const offered = offersVisits(report) ? await visitedBusinessmenOfMonth(db, squadId, month) : [];
    const shown = report ?? emptyReport(squadId, month, now);
    const withVisits = offered.length
      ? { ...shown, visitedBusinessmen: opts.contacts ? offered : offered.map(withoutContactDetails) }
      : shown;
    return renderReportSummary(withVisits, squadName, tz, {
      contactsHidden,
      edit: false,
      why: rb.why,
      exempt,
      raiseIssue: rb.raiseIssue,
    });
  }
  const found = offersVisits(report) ? await visitedBusinessmenOfMonth(db, squadId, month) : null;
  const visits = found && !opts.contacts ? found.map(withoutContactDetails) : found;
  return drawMonthlyReportForm({ squadId, squadName, month, report, visits, closeDay }, now, tz, {
    ...opts,
    contactsHidden,
  });
}

/** The summary's 修改 button for this viewer now, and why it is missing. */
export async function summaryRights(
  db: Db,
  report: MonthlyReportView,
  now: Date,
  tz: string,
  viewer: ReportViewer,
): Promise<{ edit: boolean; why: string | null; raiseIssue: boolean }> {
  const status = report.status === 'DRAFT' ? 'DRAFT' : (report.status as 'SUBMITTED' | 'EXEMPT');
  const rb = reportButtons({
    status,
    amending: false,
    month: report.month,
    now,
    tz,
    closeDay: await reportCloseDay(db),
    viewer,
  });
  // A draft's summary (a forwarded card): 修改 opens the form, which only the captain does here.
  if (status === 'DRAFT')
    return { edit: rb.form && viewer.submit, why: rb.form ? null : rb.why, raiseIssue: rb.raiseIssue };
  return { edit: rb.edit, why: rb.why, raiseIssue: rb.raiseIssue };
}

/** What a person may do on a squad's monthly report (domain/authz.ts), for drawing its buttons. */
export function reportViewerOf(actor: Actor, squadId: number): ReportViewer {
  return {
    office: isOfficeActor(actor),
    submit: mayFileMonthlyReport(actor, squadId) === null,
    draft: maySaveReportDraft(actor, squadId) === null,
    raiseIssue: mayRaiseIssue(actor, squadId) === null,
  };
}

/**
 * Later changes (from another card, a command) update the report's own card message: the one the
 * squad or the office first saved, submitted or edited on (a leader's exemption shows no businessmen).
 * `by`: who made the change, known already (the card is often in their own 1:1 chat).
 */
export async function patchReportCard(
  db: Db,
  report: MonthlyReportView,
  squadName: string,
  tz: string,
  cause: string,
  exceptMessageId?: string,
  now?: Date,
  by?: Actor,
): Promise<void> {
  if (!report.cardMessageId || report.cardMessageId === exceptMessageId) return;
  // Everyone in the card's chat sees the update: the addresses and phones only when it is the 1:1
  // chat of someone who may see them.
  const reader = await privateChatReader(db, report.cardChatId, by);
  const contacts = reader !== null && maySeeContactDetails(reader, report.squadId);
  const shown = contacts
    ? report
    : { ...report, visitedBusinessmen: report.visitedBusinessmen.map(withoutContactDetails) };
  await enqueueMessage(db, {
    dedupKey: `report-card:${report.id}:${cause}`,
    to: { type: 'patch', messageId: report.cardMessageId },
    msgType: 'interactive',
    content: renderReportSummary(shown, squadName, tz, {
      contactsHidden: !contacts,
      // Drawn for whoever reads that chat: 修改 only while it would work for them (or the captain).
      ...(now
        ? await summaryRights(db, report, now, tz, reader ? reportViewerOf(reader, report.squadId) : CAPTAIN_VIEWER)
        : {}),
    }),
  });
}
