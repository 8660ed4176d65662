import type { Db } from './client.js';

// 督查 records: an inspection of a squad for a quarter with its 整改事项 (corrections), written in
// the callback's transaction; corrections are closed like project tasks (办结销号).

export interface NewInspection {
  requestKey: string;
  squadId: number;
  period: string;
  inspectedOn: string;
  checked: string;
  findings: string;
  rating: string;
  createdById: number;
  corrections: { title: string; ownerId: number; dueOn: string }[];
}

/** The inspection a callback already recorded (a replay or double tap finds it). */
export function findInspectionByRequestKey(db: Db, requestKey: string) {
  return db.inspection.findUnique({ where: { requestKey }, select: { id: true } });
}

/** Writes the inspection with its corrections; the caller's transaction holds it with the audit and outbox rows. */
export async function createInspection(db: Db, i: NewInspection): Promise<number> {
  const { corrections, ...rest } = i;
  const row = await db.inspection.create({ data: { ...rest, corrections: { create: corrections } } });
  return row.id;
}

/** An inspection with its squad, who recorded it, and its corrections with their owners. */
export function loadInspection(db: Db, id: number) {
  return db.inspection.findUnique({
    where: { id },
    include: { corrections: { orderBy: { id: 'asc' } } },
  });
}

/**
 * The inspections of a quarter ('2018Q2'), oldest first, each with its corrections' status and due
 * date: what the red/black list and the digest read.
 */
export async function inspectionsOfPeriod(
  db: Db,
  periodKey: string,
): Promise<
  {
    squadId: number;
    inspectedOn: string;
    rating: string;
    findings: string;
    corrections: { status: string; dueOn: string }[];
  }[]
> {
  const rows = await db.inspection.findMany({
    where: { period: periodKey },
    orderBy: [{ inspectedOn: 'asc' }, { id: 'asc' }],
    select: {
      squadId: true,
      inspectedOn: true,
      rating: true,
      findings: true,
      corrections: { select: { status: true, dueOn: true }, orderBy: { id: 'asc' } },
    },
  });
  return rows;
}

/** A correction with the inspection it belongs to (squad, quarter, who recorded it). */
export function findCorrection(db: Db, id: number) {
  return db.correction.findUnique({
    where: { id },
    include: { inspection: { select: { id: true, squadId: true, period: true, createdById: true, findings: true } } },
  });
}

/** 办结销号: only an open correction is closed, so a second close changes nothing (false). */
export async function closeCorrection(db: Db, id: number, byId: number, note: string, at: Date): Promise<boolean> {
  const r = await db.correction.updateMany({
    where: { id, status: 'OPEN' },
    data: { status: 'DONE', closedNote: note, closedById: byId, closedAt: at },
  });
  return r.count === 1;
}

/** Open corrections due by `dueBy` (inclusive), oldest due first, with their inspection. */
export function openCorrectionsDueBy(db: Db, dueBy: string, squadIds?: number[]) {
  return db.correction.findMany({
    where: {
      status: 'OPEN',
      dueOn: { lte: dueBy },
      ...(squadIds ? { inspection: { squadId: { in: squadIds } } } : {}),
    },
    orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
    include: { inspection: { select: { squadId: true, period: true, createdById: true } } },
  });
}

/** Every open correction (the /inspect overview), oldest due first. */
export function openCorrections(db: Db, take = 50) {
  return db.correction.findMany({
    where: { status: 'OPEN' },
    orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
    take,
    include: { inspection: { select: { squadId: true, period: true } } },
  });
}

/** The inspections of a quarter for the overview, newest first. */
export function inspectionsListed(db: Db, periodKey: string) {
  return db.inspection.findMany({
    where: { period: periodKey },
    orderBy: [{ inspectedOn: 'desc' }, { id: 'desc' }],
    include: { corrections: { select: { status: true } } },
  });
}

/** The active squad with this id (a card's value names it), or null. */
export function findActiveSquad(db: Db, id: number) {
  return db.squad.findFirst({ where: { id, active: true }, select: { id: true, name: true } });
}
