import type { Db } from './client.js';

// The rows an /export spreadsheet lists, limited to the squads the asker may see.

/** The given squads in the plan's order. */
export async function loadSquadsById(db: Db, squadIds: number[]) {
  return db.squad.findMany({ where: { id: { in: squadIds } }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
}

/** Leads registered between two dates (inclusive), oldest first. */
export async function loadLeadsBetween(db: Db, squadIds: number[], from: string, to: string) {
  return db.lead.findMany({
    where: { createdOn: { gte: from, lte: to }, squadId: { in: squadIds } },
    orderBy: [{ createdOn: 'asc' }, { id: 'asc' }],
  });
}

/** Every project of the squads, by signing date. */
export async function loadSquadProjects(db: Db, squadIds: number[]) {
  return db.project.findMany({ where: { squadId: { in: squadIds } }, orderBy: [{ signedOn: 'asc' }, { id: 'asc' }] });
}

/** Visits between two dates (inclusive), oldest first. */
export async function loadVisitsBetween(db: Db, squadIds: number[], from: string, to: string) {
  return db.visit.findMany({
    where: { visitedOn: { gte: from, lte: to }, squadId: { in: squadIds } },
    orderBy: [{ visitedOn: 'asc' }, { id: 'asc' }],
  });
}

/** Monthly reports of the months between two dates ('YYYY-MM-DD'), by month and squad. */
export async function loadReportsBetween(db: Db, squadIds: number[], from: string, to: string) {
  return db.monthlyReport.findMany({
    where: { month: { gte: from.slice(0, 7), lte: to.slice(0, 7) }, squadId: { in: squadIds } },
    orderBy: [{ month: 'asc' }, { squadId: 'asc' }],
  });
}
