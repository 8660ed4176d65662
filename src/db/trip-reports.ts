import type { Db } from './client.js';

// Queries behind the trip report card: the trips waiting for a report and one trip's visits and leads.

export interface TripVisit {
  id: number;
  visitedOn: string;
  contactName: string;
  company: string;
  position: string;
  phone: string;
  address: string;
  businessScope: string;
  investmentIntent: string;
}

interface TripLead {
  id: number;
  company: string;
  sector: string;
  intendedInvestment: number | null;
}

export interface TripReport {
  id: number;
  squadId: number;
  squadName: string;
  destination: string;
  startDate: string;
  endDate: string;
  status: string;
  /** The trip row's version (updatedAt in ms): a card carries it so a double tap stores once. */
  version: number;
  shortOfRule: boolean;
  reportedAt: Date | null;
  reportedByName: string | null;
  visits: TripVisit[];
  leads: TripLead[];
}

export async function loadTripReport(db: Db, tripId: number): Promise<TripReport | null> {
  const t = await db.trip.findUnique({
    where: { id: tripId },
    include: {
      squad: { select: { name: true } },
      visits: { orderBy: { id: 'asc' } },
      leads: { orderBy: { id: 'asc' } },
    },
  });
  if (!t) return null;
  const by = t.reportedById
    ? await db.person.findUnique({ where: { id: t.reportedById }, select: { name: true } })
    : null;
  return {
    id: t.id,
    squadId: t.squadId,
    squadName: t.squad.name,
    destination: t.destination,
    startDate: t.startDate,
    endDate: t.endDate,
    status: t.status,
    version: t.updatedAt.getTime(),
    shortOfRule: t.shortOfRule,
    reportedAt: t.reportedAt,
    reportedByName: by?.name ?? null,
    visits: t.visits.map((v) => ({
      id: v.id,
      visitedOn: v.visitedOn,
      contactName: v.contactName,
      company: v.company,
      position: v.position,
      phone: v.phone,
      address: v.address,
      businessScope: v.businessScope,
      investmentIntent: v.investmentIntent,
    })),
    leads: t.leads.map((l) => ({
      id: l.id,
      company: l.company,
      sector: l.sector,
      intendedInvestment: l.intendedInvestment,
    })),
  };
}

/** Approved trips of these squads still waiting for their report, oldest first. */
export interface TripAwaitingReport {
  id: number;
  squadName: string;
  destination: string;
  startDate: string;
  endDate: string;
}

export async function listTripsAwaitingReport(db: Db, squadIds: number[] | null): Promise<TripAwaitingReport[]> {
  const rows = await db.trip.findMany({
    where: { status: 'APPROVED', reportedAt: null, ...(squadIds ? { squadId: { in: squadIds } } : {}) },
    include: { squad: { select: { name: true } } },
    orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
    take: 20,
  });
  return rows.map((t) => ({
    id: t.id,
    squadName: t.squad.name,
    destination: t.destination,
    startDate: t.startDate,
    endDate: t.endDate,
  }));
}

/**
 * Claims the trip at the version the card showed: bumps its version only if nobody changed it
 * since. False = the card was stale (a double tap, or someone else added a row first).
 */
export async function claimTripVersion(db: Db, tripId: number, seenVersion: number): Promise<boolean> {
  const next = new Date(Math.max(seenVersion + 1, Date.now()));
  const r = await db.trip.updateMany({
    where: { id: tripId, status: 'APPROVED', updatedAt: new Date(seenVersion) },
    data: { updatedAt: next },
  });
  return r.count === 1;
}

/** Open ids of a squad's captains (the plan's 队长: head of the lead unit). */
export async function captainOpenIds(db: Db, squadId: number): Promise<string[]> {
  const rows = await db.squadMember.findMany({
    where: { squadId, role: 'CAPTAIN' },
    include: { person: { select: { openId: true, active: true } } },
  });
  return rows.filter((r) => r.person.active && r.person.openId).map((r) => r.person.openId!);
}

/** A visit as entered on the trip report card, with the trip, squad and person it belongs to. */
export interface NewVisit extends Omit<TripVisit, 'id'> {
  tripId: number;
  squadId: number;
  createdById: number;
}

/** Stores one visit of a trip. */
export async function createVisit(db: Db, v: NewVisit): Promise<{ id: number; company: string }> {
  const row = await db.visit.create({ data: v });
  return { id: row.id, company: row.company };
}

/** Closes a trip's report: who submitted it, when, from which card, and whether it fell short of the rule. */
export async function markTripReported(
  db: Db,
  tripId: number,
  r: { at: Date; byId: number; messageId: string | null; shortOfRule: boolean },
): Promise<void> {
  await db.trip.update({
    where: { id: tripId },
    data: {
      status: 'REPORTED',
      reportedAt: r.at,
      reportedById: r.byId,
      reportMessageId: r.messageId,
      shortOfRule: r.shortOfRule,
    },
  });
}
