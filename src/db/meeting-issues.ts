import type { Db } from './client.js';

// 提请领导小组研究的问题 (MeetingIssue) and what the meeting decided on them (MeetingDecision rows
// with the issue's id). The tables carry plain ids, so names are joined here.

export interface NewMeetingIssue {
  requestKey: string;
  squadId: number;
  projectId: number | null;
  title: string;
  helpAsked: string;
  raisedById: number;
  /** when it was raised, by the bot's clock */
  createdAt: Date;
}

interface IssueDecision {
  id: number;
  period: string;
  title: string;
  ownerName: string;
  dueOn: string;
  status: string;
}

export interface MeetingIssueView {
  id: number;
  squadId: number;
  squadName: string;
  projectId: number | null;
  projectName: string | null;
  title: string;
  helpAsked: string;
  raisedById: number;
  raiserName: string;
  status: string;
  createdAt: Date;
  decidedAt: Date | null;
  decisions: IssueDecision[];
}

export async function createMeetingIssue(db: Db, i: NewMeetingIssue): Promise<number> {
  return (await db.meetingIssue.create({ data: i, select: { id: true } })).id;
}

export async function findIssueIdByRequestKey(db: Db, requestKey: string): Promise<number | null> {
  return (await db.meetingIssue.findUnique({ where: { requestKey }, select: { id: true } }))?.id ?? null;
}

export async function loadMeetingIssue(db: Db, id: number): Promise<MeetingIssueView | null> {
  const row = await db.meetingIssue.findUnique({ where: { id } });
  return row ? ((await withNames(db, [row]))[0] ?? null) : null;
}

/** The latest issues of these squads (all squads: null), newest first, with their decisions. */
export async function listMeetingIssues(db: Db, squadIds: number[] | null, take = 15): Promise<MeetingIssueView[]> {
  const rows = await db.meetingIssue.findMany({
    where: squadIds ? { squadId: { in: squadIds } } : {},
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
  });
  return withNames(db, rows);
}

/** Open issues, oldest first (the meeting pack): the first `take` and how many there are in all. */
export async function listOpenIssues(db: Db, take: number): Promise<{ rows: MeetingIssueView[]; total: number }> {
  const where = { status: 'OPEN' };
  const rows = await db.meetingIssue.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take });
  return { rows: await withNames(db, rows), total: await db.meetingIssue.count({ where }) };
}

/** Withdraws an issue while it is still open; false when it was decided or withdrawn meanwhile. */
export async function withdrawMeetingIssue(db: Db, id: number): Promise<boolean> {
  const r = await db.meetingIssue.updateMany({ where: { id, status: 'OPEN' }, data: { status: 'WITHDRAWN' } });
  return r.count === 1;
}

/** The projects of these squads an issue may be about, newest first (the form's select). */
export async function issueProjectOptions(
  db: Db,
  squadIds: number[],
): Promise<{ id: number; name: string; squadId: number }[]> {
  if (!squadIds.length) return [];
  return db.project.findMany({
    where: { squadId: { in: squadIds } },
    select: { id: true, name: true, squadId: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 100,
  });
}

/** The squad a project belongs to (null: no such project). */
export async function projectSquadId(db: Db, projectId: number): Promise<number | null> {
  return (await db.project.findUnique({ where: { id: projectId }, select: { squadId: true } }))?.squadId ?? null;
}

/** The squads an actor may raise issues for when not the office: captained and led ones, in use. */
export async function squadOptionsByIds(db: Db, ids: number[]): Promise<{ id: number; name: string }[]> {
  return db.squad.findMany({
    where: { active: true, id: { in: ids } },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true },
  });
}

type IssueRow = Awaited<ReturnType<Db['meetingIssue']['findMany']>>[number];

async function withNames(db: Db, rows: IssueRow[]): Promise<MeetingIssueView[]> {
  if (!rows.length) return [];
  const ids = (xs: (number | null)[]) => [...new Set(xs.filter((x): x is number => x !== null))];
  const decisions = await db.meetingDecision.findMany({
    where: { issueId: { in: rows.map((r) => r.id) } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  // One after the other: inside the event's transaction the queries share one connection.
  const squads = await db.squad.findMany({
    where: { id: { in: ids(rows.map((r) => r.squadId)) } },
    select: { id: true, name: true },
  });
  const projects = await db.project.findMany({
    where: { id: { in: ids(rows.map((r) => r.projectId)) } },
    select: { id: true, name: true },
  });
  const people = await db.person.findMany({
    where: { id: { in: ids([...rows.map((r) => r.raisedById), ...decisions.map((d) => d.ownerId)]) } },
    select: { id: true, name: true },
  });
  const name = (list: { id: number; name: string }[], id: number | null) =>
    id === null ? null : (list.find((x) => x.id === id)?.name ?? null);
  return rows.map((r) => ({
    id: r.id,
    squadId: r.squadId,
    squadName: name(squads, r.squadId) ?? `小分队 ${r.squadId}`,
    projectId: r.projectId,
    projectName: name(projects, r.projectId),
    title: r.title,
    helpAsked: r.helpAsked,
    raisedById: r.raisedById,
    raiserName: name(people, r.raisedById) ?? '—',
    status: r.status,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    decisions: decisions
      .filter((d) => d.issueId === r.id)
      .map((d) => ({
        id: d.id,
        period: d.period,
        title: d.title,
        ownerName: name(people, d.ownerId) ?? '—',
        dueOn: d.dueOn,
        status: d.status,
      })),
  }));
}
