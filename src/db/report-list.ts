import type { Db } from './client.js';
import { listSquads } from './squads.js';
import { personNames } from './people.js';

// Monthly reports as the office follows them: the day's submissions and a month's list of squads.

export interface ReportLine {
  squadId: number;
  squadName: string;
  month: string;
  /** DRAFT | SUBMITTED | EXEMPT, or null when the squad has not started one. */
  status: string | null;
  late: boolean;
  submittedAt: Date | null;
  submittedBy: string | null;
  visitedCount: number;
  projectInfo: string;
}

function countList(json: string): number {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.length : 0;
  } catch {
    return 0;
  }
}

/** Reports submitted in (from, to], oldest first (a report amended in the window counts with its latest time). */
export async function reportsSubmittedBetween(db: Db, from: Date, to: Date): Promise<ReportLine[]> {
  const rows = await db.monthlyReport.findMany({
    where: { status: 'SUBMITTED', submittedAt: { gt: from, lte: to } },
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    include: { squad: { select: { name: true } } },
  });
  const names = await personNames(
    db,
    rows.map((r) => r.submittedById),
  );
  return rows.map((r) => ({
    squadId: r.squadId,
    squadName: r.squad.name,
    month: r.month,
    status: r.status,
    late: r.late,
    submittedAt: r.submittedAt,
    submittedBy: r.submittedById !== null ? (names.get(r.submittedById) ?? null) : null,
    visitedCount: countList(r.visitedBusinessmen),
    projectInfo: r.projectInfo,
  }));
}

/** Every active squad with its report of the month (status null: none started). */
export async function reportsOfMonth(db: Db, month: string): Promise<ReportLine[]> {
  const [squads, rows] = await Promise.all([listSquads(db), db.monthlyReport.findMany({ where: { month } })]);
  const names = await personNames(
    db,
    rows.map((r) => r.submittedById),
  );
  return squads.map((s) => {
    const r = rows.find((x) => x.squadId === s.id);
    return {
      squadId: s.id,
      squadName: s.name,
      month,
      status: r?.status ?? null,
      late: r?.late ?? false,
      submittedAt: r?.submittedAt ?? null,
      submittedBy: r?.submittedById != null ? (names.get(r.submittedById) ?? null) : null,
      visitedCount: r ? countList(r.visitedBusinessmen) : 0,
      projectInfo: r?.projectInfo ?? '',
    };
  });
}
