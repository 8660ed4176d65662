import type { Db } from './client.js';
import { personNames } from './people.js';

// The leadership meeting's issues (raised by squads) and decisions, as plain rows for the pack and
// the decision cards. MeetingIssue and MeetingDecision keep plain ids, so names are looked up here.

export interface DecisionRow {
  id: number;
  period: string;
  issueId: number | null;
  title: string;
  ownerId: number;
  ownerName: string;
  dueOn: string;
  status: string;
  closedNote: string | null;
  closedAt: Date | null;
  closedByName: string | null;
}

async function decisionRows(
  db: Db,
  rows: Awaited<ReturnType<Db['meetingDecision']['findMany']>>,
): Promise<DecisionRow[]> {
  const names = await personNames(db, [...rows.map((d) => d.ownerId), ...rows.flatMap((d) => d.closedById ?? [])]);
  return rows.map((d) => ({
    id: d.id,
    period: d.period,
    issueId: d.issueId,
    title: d.title,
    ownerId: d.ownerId,
    ownerName: names.get(d.ownerId) ?? '',
    dueOn: d.dueOn,
    status: d.status,
    closedNote: d.closedNote,
    closedAt: d.closedAt,
    closedByName: d.closedById ? (names.get(d.closedById) ?? null) : null,
  }));
}

/** Decisions of meetings before `period` that are still open, earliest due first. */
export async function listOpenDecisionsBefore(
  db: Db,
  period: string,
  take: number,
): Promise<{ rows: DecisionRow[]; total: number }> {
  const where = { status: 'OPEN', period: { lt: period } };
  const [rows, total] = await Promise.all([
    db.meetingDecision.findMany({ where, orderBy: [{ dueOn: 'asc' }, { id: 'asc' }], take }),
    db.meetingDecision.count({ where }),
  ]);
  return { rows: await decisionRows(db, rows), total };
}

/** Decisions closed from `from` up to (not including) `to`, in the order they were closed. */
export async function listDecisionsClosedBetween(db: Db, from: Date, to: Date): Promise<DecisionRow[]> {
  const rows = await db.meetingDecision.findMany({
    where: { status: 'DONE', closedAt: { gte: from, lt: to } },
    orderBy: [{ closedAt: 'asc' }, { id: 'asc' }],
  });
  return decisionRows(db, rows);
}

export async function findDecision(db: Db, id: number): Promise<DecisionRow | null> {
  const d = await db.meetingDecision.findUnique({ where: { id } });
  return d ? ((await decisionRows(db, [d]))[0] ?? null) : null;
}

export async function findDecisionByKey(db: Db, requestKey: string): Promise<DecisionRow | null> {
  const d = await db.meetingDecision.findUnique({ where: { requestKey } });
  return d ? ((await decisionRows(db, [d]))[0] ?? null) : null;
}

/** Open decisions due on or before `day`, with their owner's open_id (null when unbound). */
export async function openDecisionsDueBy(
  db: Db,
  day: string,
): Promise<(DecisionRow & { ownerOpenId: string | null })[]> {
  const rows = await db.meetingDecision.findMany({
    where: { status: 'OPEN', dueOn: { lte: day } },
    orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
  });
  const owners = await db.person.findMany({
    where: { id: { in: rows.map((r) => r.ownerId) }, active: true },
    select: { id: true, openId: true },
  });
  const openId = new Map(owners.map((o) => [o.id, o.openId]));
  return (await decisionRows(db, rows)).map((d) => ({ ...d, ownerOpenId: openId.get(d.ownerId) ?? null }));
}

export interface RosterPick {
  id: number;
  name: string;
  openId: string;
  unitName: string | null;
}

/** Everyone on the active roster with a Feishu account: whom a decision may be given to. */
export async function listOwnerCandidates(db: Db): Promise<RosterPick[]> {
  const rows = await db.person.findMany({
    where: { active: true, openId: { not: null } },
    orderBy: { id: 'asc' },
    select: { id: true, name: true, openId: true, unit: { select: { name: true } } },
  });
  return rows.map((p) => ({ id: p.id, name: p.name, openId: p.openId!, unitName: p.unit?.name ?? null }));
}

/** The squad people an issue's decision most likely goes to: its responsible leaders and captain. */
export async function squadLeadPeople(db: Db, squadId: number): Promise<number[]> {
  const [leaders, captains] = await Promise.all([
    db.squadLeader.findMany({ where: { squadId }, select: { personId: true } }),
    db.squadMember.findMany({ where: { squadId, role: 'CAPTAIN' }, select: { personId: true } }),
  ]);
  return [...leaders, ...captains].map((x) => x.personId);
}

export interface NewDecision {
  requestKey: string;
  period: string;
  issueId: number | null;
  title: string;
  ownerId: number;
  dueOn: string;
  createdById: number;
}

/**
 * Stores the decision and, when it answers an issue still open, marks that issue DECIDED. Run it
 * in the caller's transaction. Returns null when the issue was decided meanwhile (nothing written).
 */
export async function insertDecision(db: Db, d: NewDecision, at: Date): Promise<{ id: number } | null> {
  if (d.issueId !== null) {
    const flipped = await db.meetingIssue.updateMany({
      where: { id: d.issueId, status: 'OPEN' },
      data: { status: 'DECIDED', decidedAt: at },
    });
    if (flipped.count === 0) return null;
  }
  return db.meetingDecision.create({ data: { ...d, createdAt: at }, select: { id: true } });
}

/** Closes an open decision with its note; false when it was closed already (a second tap). */
export async function closeDecisionRow(
  db: Db,
  id: number,
  note: string,
  closedById: number,
  at: Date,
): Promise<boolean> {
  const flipped = await db.meetingDecision.updateMany({
    where: { id, status: 'OPEN' },
    data: { status: 'DONE', closedNote: note, closedAt: at, closedById },
  });
  return flipped.count > 0;
}
