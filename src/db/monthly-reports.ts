import { DEFAULT_CLOSE_DAY, monthRange } from '../domain/deadlines.js';
import type { ReportStatus } from '../domain/vocabulary.js';
import type { VisitedBusinessman } from '../domain/visited-businessmen.js';
import type { MonthlyReport as MonthlyReportRow, Visit } from '../generated/prisma/client.js';
import type { Db } from './client.js';
import { readOncePerRequest } from './request-memo.js';
import { getSetting } from './settings.js';
import { personNames } from './people.js';

/** A MonthlyReport row as stored (before its revisions and names are added to it). */
export type { MonthlyReportRow };

export interface ReportFields {
  economicTrends: string;
  investmentDirections: string;
  projectInfo: string;
  suggestions: string;
  visitedBusinessmen: VisitedBusinessman[];
}

export interface MonthlyReportView extends ReportFields {
  id: number;
  squadId: number;
  month: string;
  status: ReportStatus;
  submittedBy: string | null;
  submittedAt: Date | null;
  late: boolean;
  exemptReason: string | null;
  exemptBy: string | null;
  version: number;
  cardMessageId: string | null;
  /** The chat of that card message. */
  cardChatId?: string | null;
  updatedAt: Date;
  /** The newest submitted version: who and when (amendments). */
  lastRevision: RevisionRef | null;
  /** Every submitted version, oldest first (the history shown on the card). */
  revisions: RevisionRef[];
}

interface RevisionRef {
  version: number;
  by: string | null;
  at: Date;
}

const REPORT_CLOSE_DAY_SETTING = 'report.closeDay';

export async function reportCloseDay(db: Db): Promise<number> {
  const v = await getSetting<number>(db, REPORT_CLOSE_DAY_SETTING, DEFAULT_CLOSE_DAY);
  return Number.isInteger(v) && v >= 1 && v <= 28 ? v : DEFAULT_CLOSE_DAY;
}

export async function findSquadName(db: Db, squadId: number): Promise<string | null> {
  // Read once per request: the answer and the squad's card both name it.
  return readOncePerRequest(
    db,
    `squad-name:${squadId}`,
    async () => (await db.squad.findUnique({ where: { id: squadId }, select: { name: true } }))?.name ?? null,
  );
}

export async function findMonthlyReport(db: Db, squadId: number, month: string): Promise<MonthlyReportView | null> {
  const r = await findReportRow(db, squadId, month);
  return r ? reportView(db, r) : null;
}

/** The report's own row, without its revisions and names: what a submit checks before it writes. */
export async function findReportRow(db: Db, squadId: number, month: string): Promise<MonthlyReportRow | null> {
  return db.monthlyReport.findUnique({ where: { squadId_month: { squadId, month } } });
}

/** The view of a report row read (or written) just now: its revisions and the names of who did what. */
export async function reportView(db: Db, r: MonthlyReportRow): Promise<MonthlyReportView> {
  const revs = await db.monthlyReportRevision.findMany({
    where: { reportId: r.id },
    orderBy: { version: 'asc' },
    select: { version: true, byId: true, createdAt: true },
  });
  const names = await personNames(db, [...revs.map((x) => x.byId), r.submittedById, r.exemptById]);
  const nameOf = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
  const revisions: RevisionRef[] = revs.map((x) => ({ version: x.version, by: nameOf(x.byId), at: x.createdAt }));
  return {
    id: r.id,
    squadId: r.squadId,
    month: r.month,
    status: r.status as ReportStatus,
    economicTrends: r.economicTrends,
    investmentDirections: r.investmentDirections,
    projectInfo: r.projectInfo,
    suggestions: r.suggestions,
    visitedBusinessmen: parseList(r.visitedBusinessmen),
    submittedBy: nameOf(r.submittedById),
    submittedAt: r.submittedAt,
    late: r.late,
    exemptReason: r.exemptReason,
    exemptBy: nameOf(r.exemptById),
    version: r.version,
    cardMessageId: r.cardMessageId,
    cardChatId: r.chatId,
    updatedAt: r.updatedAt,
    lastRevision: revisions.at(-1) ?? null,
    revisions,
  };
}

function parseList(json: string): VisitedBusinessman[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as VisitedBusinessman[]) : [];
  } catch {
    return [];
  }
}

/** The month's visits of the squad (from trip reports), as the report's businessmen list. */
export async function visitedBusinessmenOfMonth(db: Db, squadId: number, month: string): Promise<VisitedBusinessman[]> {
  const { from, to } = monthRange(month);
  const visits = await db.visit.findMany({
    where: { squadId, visitedOn: { gte: from, lte: to } },
    orderBy: [{ visitedOn: 'asc' }, { id: 'asc' }],
  });
  return visits.map(businessmanOfVisit);
}

/** A visit (from a trip report) as a line of the monthly report's visited-businessmen list. */
export function businessmanOfVisit(v: Visit): VisitedBusinessman {
  return {
    name: v.contactName,
    company: v.company,
    address: v.address,
    position: v.position,
    contact: v.phone,
    businessScope: v.businessScope,
    investmentIntent: v.investmentIntent,
  };
}

function columns(f: ReportFields) {
  return {
    economicTrends: f.economicTrends,
    investmentDirections: f.investmentDirections,
    projectInfo: f.projectInfo,
    suggestions: f.suggestions,
    visitedBusinessmen: JSON.stringify(f.visitedBusinessmen),
  };
}

/** Saves a draft (creating the month's report when missing); an exemption is lifted by it. */
export async function saveReportDraft(db: Db, squadId: number, month: string, f: ReportFields): Promise<number> {
  const r = await db.monthlyReport.upsert({
    where: { squadId_month: { squadId, month } },
    create: { squadId, month, status: 'DRAFT', ...columns(f) },
    update: { status: 'DRAFT', exemptReason: null, exemptById: null, ...columns(f) },
  });
  return r.id;
}

/**
 * Submits (or amends) the report: a new version with its revision row. The first submission
 * fixes submittedAt/By and the late mark; amendments keep them and add revisions. `existing` is
 * the month's row as the caller read it in this transaction: a version submitted in between by
 * someone else makes the revision's (report, version) taken, and the transaction runs again.
 * Gives the row as written.
 */
export async function submitReport(
  db: Db,
  existing: MonthlyReportRow | null,
  p: { squadId: number; month: string; fields: ReportFields; byId: number; at: Date; late: boolean },
): Promise<{ row: MonthlyReportRow; first: boolean }> {
  const first = existing?.status !== 'SUBMITTED' || existing.submittedAt === null;
  const version = (existing?.version ?? 0) + 1;
  const data = {
    status: 'SUBMITTED',
    ...columns(p.fields),
    version,
    exemptReason: null,
    exemptById: null,
    ...(first ? { submittedAt: p.at, submittedById: p.byId, late: p.late } : {}),
  };
  const row = existing
    ? await db.monthlyReport.update({ where: { id: existing.id }, data })
    : await db.monthlyReport.create({ data: { squadId: p.squadId, month: p.month, ...data } });
  await db.monthlyReportRevision.create({
    data: { reportId: row.id, version, content: JSON.stringify(p.fields), byId: p.byId, createdAt: p.at },
  });
  return { row, first };
}

export async function exemptReport(
  db: Db,
  p: { squadId: number; month: string; reason: string; byId: number },
): Promise<number> {
  const r = await db.monthlyReport.upsert({
    where: { squadId_month: { squadId: p.squadId, month: p.month } },
    create: { squadId: p.squadId, month: p.month, status: 'EXEMPT', exemptReason: p.reason, exemptById: p.byId },
    update: { status: 'EXEMPT', exemptReason: p.reason, exemptById: p.byId },
  });
  return r.id;
}

/**
 * Remembers the card message a report lives in (known only once someone clicks in it); true when
 * this is that message now, false when the report already had one (or there is none).
 */
export async function rememberReportCard(
  db: Db,
  reportId: number,
  messageId: string | undefined,
  chatId: string | undefined,
): Promise<boolean> {
  if (!messageId) return false;
  const { count } = await db.monthlyReport.updateMany({
    where: { id: reportId, cardMessageId: null },
    data: { cardMessageId: messageId, chatId: chatId ?? null },
  });
  return count > 0;
}
