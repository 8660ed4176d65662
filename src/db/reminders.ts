import type { Db } from './client.js';

/** The squads' monthly reports for a month ('YYYY-MM'): status and whether filed late. */
export async function loadMonthReports(
  db: Db,
  month: string,
): Promise<{ squadId: number; status: string; late: boolean }[]> {
  return db.monthlyReport.findMany({ where: { month }, select: { squadId: true, status: true, late: true } });
}

/** Squad exemptions (免报) overlapping a month ('YYYY-MM'). */
export async function loadSquadExemptions(
  db: Db,
  month: string,
): Promise<{ squadId: number | null; fromDate: string; toDate: string }[]> {
  return db.exemption.findMany({
    where: { squadId: { not: null }, fromDate: { lte: `${month}-31` }, toDate: { gte: `${month}-01` } },
    select: { squadId: true, fromDate: true, toDate: true },
  });
}

/** The ids of people with a personal exemption (leave) covering the day. */
export async function listPeopleOnLeave(db: Db, today: string): Promise<Set<number>> {
  const rows = await db.exemption.findMany({
    where: { personId: { not: null }, fromDate: { lte: today }, toDate: { gte: today } },
    select: { personId: true },
  });
  return new Set(rows.map((r) => r.personId!));
}
