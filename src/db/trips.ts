import type { TripStatus } from '../domain/vocabulary.js';
import type { Db } from './client.js';

export interface PersonRef {
  id: number;
  name: string;
  openId: string | null;
}

export interface TripView {
  id: number;
  squadId: number;
  squadName: string;
  traveller: PersonRef & { rank: string | null };
  rank: string;
  destination: string;
  startDate: string;
  endDate: string;
  companiesPlanned: string;
  participants: PersonRef[];
  status: TripStatus;
  approver: PersonRef | null;
  decidedAt: Date | null;
  rejectReason: string | null;
  planMessageId: string | null;
  createdAt: Date;
}

const ref = (p: { id: number; name: string; openId: string | null }): PersonRef => ({
  id: p.id,
  name: p.name,
  openId: p.openId,
});

export async function findTrip(db: Db, where: { id: number } | { requestKey: string }): Promise<TripView | null> {
  const t = await db.trip.findUnique({ where, include: { squad: { select: { name: true } } } });
  if (!t) return null;
  const ids = JSON.parse(t.participants || '[]') as number[];
  const people = await db.person.findMany({
    where: { id: { in: [t.travellerId, ...(t.approverId ? [t.approverId] : []), ...ids] } },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  const traveller = byId.get(t.travellerId)!;
  return {
    id: t.id,
    squadId: t.squadId,
    squadName: t.squad.name,
    traveller: { ...ref(traveller), rank: traveller.rank },
    rank: t.rank,
    destination: t.destination,
    startDate: t.startDate,
    endDate: t.endDate,
    companiesPlanned: t.companiesPlanned,
    participants: ids
      .map((id) => byId.get(id))
      .filter((p) => !!p)
      .map(ref),
    status: t.status as TripStatus,
    approver: t.approverId && byId.get(t.approverId) ? ref(byId.get(t.approverId)!) : null,
    decidedAt: t.decidedAt,
    rejectReason: t.rejectReason,
    planMessageId: t.planMessageId,
    createdAt: t.createdAt,
  };
}

/** The person holding a role (the group leader, the leader in charge), bound ones first. */
export async function findPersonWithRole(db: Db, role: string): Promise<PersonRef | null> {
  const p = await db.person.findFirst({
    where: { active: true, roles: { some: { role } } },
    orderBy: [{ openId: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
  });
  return p ? ref(p) : null;
}

/** The office people (role OFFICE) who can receive a filed copy. */
export async function officePeople(db: Db): Promise<PersonRef[]> {
  const rows = await db.person.findMany({
    where: { active: true, openId: { not: null }, roles: { some: { role: 'OFFICE' } } },
    orderBy: { id: 'asc' },
  });
  return rows.map(ref);
}

/** Captain, members and responsible leaders of a squad who are bound to Feishu: the people pickable as travellers. */
export async function squadRoster(db: Db, squadId: number): Promise<PersonRef[]> {
  const rows = await db.person.findMany({
    where: {
      active: true,
      openId: { not: null },
      OR: [{ memberOf: { some: { squadId } } }, { leaderOf: { some: { squadId } } }],
    },
    orderBy: { id: 'asc' },
  });
  return rows.map(ref);
}

export async function peopleByOpenIds(db: Db, openIds: string[]): Promise<PersonRef[]> {
  if (!openIds.length) return [];
  return (await db.person.findMany({ where: { openId: { in: openIds } } })).map(ref);
}

export interface NewTrip {
  requestKey: string;
  squadId: number;
  travellerId: number;
  rank: string;
  destination: string;
  startDate: string;
  endDate: string;
  companiesPlanned: string;
  participantIds: number[];
  approverId: number;
  planChatId?: string;
  planMessageId?: string;
}

export async function createTrip(db: Db, t: NewTrip): Promise<number> {
  const { participantIds, ...rest } = t;
  const row = await db.trip.create({
    data: { ...rest, participants: JSON.stringify(participantIds), status: 'PENDING', createdById: t.travellerId },
  });
  return row.id;
}

/** Records the decision only if the trip is still pending (a second tap or a second approver changes nothing). */
export async function decideTrip(
  db: Db,
  id: number,
  d: { status: 'APPROVED' | 'REJECTED'; reason?: string; at: Date; approvalMessageId?: string },
): Promise<boolean> {
  const res = await db.trip.updateMany({
    where: { id, status: 'PENDING' },
    data: {
      status: d.status,
      rejectReason: d.reason ?? null,
      decidedAt: d.at,
      ...(d.approvalMessageId ? { approvalMessageId: d.approvalMessageId } : {}),
    },
  });
  return res.count === 1;
}

/** Message ids of the filed copies the sender has delivered (known only after delivery). */
export async function deliveredCopies(db: Db, tripId: number): Promise<{ dedupKey: string; messageId: string }[]> {
  const rows = await db.outbox.findMany({
    where: { dedupKey: { startsWith: `trip-filed:${tripId}:` }, messageId: { not: null } },
  });
  return rows.map((r) => ({ dedupKey: r.dedupKey, messageId: r.messageId! }));
}

export interface TripBrief {
  id: number;
  squadId: number;
  status: TripStatus;
  destination: string;
  startDate: string;
  endDate: string;
}

/** The trip row alone, without its people: enough to check who may act on it and to label it. */
export async function findTripBrief(db: Db, tripId: number): Promise<TripBrief | null> {
  const t = await db.trip.findUnique({ where: { id: tripId } });
  if (!t) return null;
  return {
    id: t.id,
    squadId: t.squadId,
    status: t.status as TripStatus,
    destination: t.destination,
    startDate: t.startDate,
    endDate: t.endDate,
  };
}

/** The name of the squad a trip plan is filed for; the squad must exist. */
export async function getSquadName(db: Db, squadId: number): Promise<string> {
  const squad = await db.squad.findUniqueOrThrow({ where: { id: squadId }, select: { name: true } });
  return squad.name;
}
