import { recordAudit } from './audit-trail.js';
import type { ReviewDecision, ReviewState, VetoCategory } from '../domain/review.js';
import type { Db } from './client.js';
import { personNames } from './people.js';
import { readOncePerRequest } from './request-memo.js';

// Queries for 联合预审. Each review event is also an AuditLog row (entity 'Project'), so the
// project's history shows the whole review: who started it, every opinion, the veto, the overrule.

export interface ReviewPerson {
  id: number;
  name: string;
  openId: string | null;
}

export interface OpinionRow {
  id: number;
  unitId: number;
  unitName: string;
  decision: ReviewDecision;
  conditions: string | null;
  vetoCategory: VetoCategory | null;
  reason: string | null;
  dueOn: string;
  decidedByName: string | null;
  /** The person the office named to answer for the unit in this review, if any. */
  reviewerId: number | null;
  reviewerName: string | null;
}

export interface ReviewRow {
  id: number;
  projectId: number;
  status: ReviewState;
  startedById: number | null;
  startedAt: Date;
  closedAt: Date | null;
  overruledByName: string | null;
  overruleReason: string | null;
  opinions: OpinionRow[];
}

export interface ProjectForReview {
  id: number;
  name: string;
  company: string;
  squadId: number;
  squadName: string;
  squadChatId: string | null;
  stage: string;
  investment: number;
  isKey: boolean;
  keyNotes: string;
  reviewStatus: string;
  landNeedMu: number | null;
  landLocation: string;
  landStatus: string;
  landStatusOn: string | null;
  createdAt: Date;
}

const projectInclude = { squad: { select: { name: true, chatId: true } } } as const;

export async function findProjectForReview(db: Db, id: number): Promise<ProjectForReview | null> {
  const p = await db.project.findUnique({ where: { id }, include: projectInclude });
  return p ? toProjectForReview(p) : null;
}

function toProjectForReview(
  p: Omit<ProjectForReview, 'squadName' | 'squadChatId'> & { squad: { name: string; chatId: string | null } },
): ProjectForReview {
  return {
    id: p.id,
    name: p.name,
    company: p.company,
    squadId: p.squadId,
    squadName: p.squad.name,
    squadChatId: p.squad.chatId,
    stage: p.stage,
    investment: p.investment,
    isKey: p.isKey,
    keyNotes: p.keyNotes,
    reviewStatus: p.reviewStatus,
    landNeedMu: p.landNeedMu,
    landLocation: p.landLocation,
    landStatus: p.landStatus,
    landStatusOn: p.landStatusOn,
    createdAt: p.createdAt,
  };
}

const opinionInclude = { unit: { select: { name: true } } } as const;

async function toReviewRow(
  db: Db,
  r: {
    id: number;
    projectId: number;
    status: string;
    startedById: number | null;
    startedAt: Date;
    closedAt: Date | null;
    overruledById: number | null;
    overruleReason: string | null;
    opinions: {
      id: number;
      unitId: number;
      unit: { name: string };
      decision: string;
      conditions: string | null;
      vetoCategory: string | null;
      reason: string | null;
      dueOn: string;
      decidedById: number | null;
      reviewerId: number | null;
    }[];
  },
): Promise<ReviewRow> {
  // The starter is not part of the row; read with the others, as the review's history names them too.
  const names = await reviewPeopleNames(db, [
    r.startedById,
    r.overruledById,
    ...r.opinions.flatMap((o) => [o.decidedById, o.reviewerId]),
  ]);
  return {
    id: r.id,
    projectId: r.projectId,
    status: r.status as ReviewState,
    startedById: r.startedById,
    startedAt: r.startedAt,
    closedAt: r.closedAt,
    overruledByName: r.overruledById ? (names.get(r.overruledById) ?? null) : null,
    overruleReason: r.overruleReason,
    opinions: r.opinions
      .sort((a, b) => a.id - b.id)
      .map((o) => ({
        id: o.id,
        unitId: o.unitId,
        unitName: o.unit.name,
        decision: o.decision as ReviewDecision,
        conditions: o.conditions,
        vetoCategory: o.vetoCategory as VetoCategory | null,
        reason: o.reason,
        dueOn: o.dueOn,
        decidedByName: o.decidedById ? (names.get(o.decidedById) ?? null) : null,
        reviewerId: o.reviewerId,
        reviewerName: o.reviewerId ? (names.get(o.reviewerId) ?? null) : null,
      })),
  };
}

/**
 * Names of people by id, each read at most once per request, the ones not read yet in one query:
 * a submit on a review names the review's people before and after its change and again in the
 * project's history. No review action changes a person, so a name read earlier in the request holds.
 */
async function reviewPeopleNames(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const want = [...new Set(ids.filter((x): x is number => x !== null))];
  const missing: number[] = [];
  let read: Promise<Map<number, string>> | undefined;
  // Deferred by a tick, so that the one query asks for every id found missing below.
  const readMissing = () => (read ??= Promise.resolve().then(() => personNames(db, missing)));
  const names = await Promise.all(
    want.map((id) =>
      readOncePerRequest(db, `person-name:${id}`, () => {
        missing.push(id);
        return readMissing().then((found) => found.get(id) ?? null);
      }),
    ),
  );
  return new Map(want.flatMap((id, i) => (names[i] === null ? [] : [[id, names[i]!] as const])));
}

/** A name the request already has (the operator's, from the roster): reviewPeopleNames takes it as read. */
export function knowPersonName(db: Db, person: { id: number; name: string }): void {
  void readOncePerRequest(db, `person-name:${person.id}`, () => Promise.resolve(person.name));
}

export async function findReview(db: Db, id: number): Promise<ReviewRow | null> {
  const r = await db.projectReview.findUnique({ where: { id }, include: { opinions: { include: opinionInclude } } });
  return r ? toReviewRow(db, r) : null;
}

/** The project's newest review (an earlier, vetoed one stays in the history). */
export async function latestReview(db: Db, projectId: number): Promise<ReviewRow | null> {
  const r = await db.projectReview.findFirst({
    where: { projectId },
    orderBy: { id: 'desc' },
    include: { opinions: { include: opinionInclude } },
  });
  return r ? toReviewRow(db, r) : null;
}

/** Whether a newer review of the same project exists: this one is superseded and changes nothing. */
export async function isSuperseded(db: Db, review: { id: number; projectId: number }): Promise<boolean> {
  return (await db.projectReview.count({ where: { projectId: review.projectId, id: { gt: review.id } } })) > 0;
}

/** An opinion's review and its project, read together from the opinion's row. */
export interface OpinionInReview {
  review: ReviewRow;
  project: ProjectForReview;
  /** Whether the office has started a newer review of the project (this one is superseded). */
  superseded: boolean;
}

export async function findOpinionInReview(db: Db, opinionId: number): Promise<OpinionInReview | null> {
  const op = await db.reviewOpinion.findUnique({
    where: { id: opinionId },
    select: {
      review: {
        include: {
          opinions: { include: opinionInclude },
          project: {
            include: { ...projectInclude, reviews: { select: { id: true }, orderBy: { id: 'desc' }, take: 1 } },
          },
        },
      },
    },
  });
  if (!op) return null;
  const { project, ...review } = op.review;
  return {
    review: await toReviewRow(db, review),
    project: toProjectForReview(project),
    superseded: (project.reviews[0]?.id ?? review.id) > review.id,
  };
}

/** Units a review can go to (departments, the office, the park), with their codes. */
export async function listReviewableUnits(db: Db): Promise<{ id: number; code: string; name: string }[]> {
  return db.unit.findMany({
    where: { kind: { in: ['DEPARTMENT', 'OFFICE', 'PARK'] } },
    orderBy: { id: 'asc' },
    select: { id: true, code: true, name: true },
  });
}

/**
 * Who answers for a unit in a review of a project of this squad: the person the office named for
 * the opinion, if any; else the unit's people with the REVIEWER role; else the unit's head (the
 * captain of a squad the unit leads, e.g. 环保局局长); else a person titled 局长/主任 there; else its
 * first person. Nobody reviews a project of a squad they belong to (captain, member or responsible
 * leader): the chain skips them, and may end with no one (the office is then asked to name someone).
 */
export async function reviewersOf(
  db: Db,
  opinion: { unitId: number; reviewerId?: number | null },
  squadId: number,
): Promise<ReviewPerson[]> {
  if (opinion.reviewerId) {
    const named = await db.person.findFirst({
      where: { id: opinion.reviewerId, active: true },
      select: { id: true, name: true, openId: true },
    });
    return named ? [named] : [];
  }
  const people = await db.person.findMany({
    where: {
      unitId: opinion.unitId,
      active: true,
      memberOf: { none: { squadId } },
      leaderOf: { none: { squadId } },
    },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      name: true,
      title: true,
      openId: true,
      roles: { select: { role: true } },
      memberOf: { select: { role: true } },
    },
  });
  const pick = (ps: typeof people): ReviewPerson[] => ps.map((p) => ({ id: p.id, name: p.name, openId: p.openId }));
  const reviewers = people.filter((p) => p.roles.some((r) => r.role === 'REVIEWER'));
  if (reviewers.length) return pick(reviewers);
  const captains = people.filter((p) => p.memberOf.some((m) => m.role === 'CAPTAIN'));
  if (captains.length) return pick(captains);
  const heads = people.filter((p) => /(局长|主任|镇长)$/.test(p.name) || /^[^、，,]*(局长|主任)/.test(p.title));
  if (heads.length) return pick(heads.slice(0, 1));
  return pick(people.slice(0, 1));
}

/**
 * The opinions for which reviewersOf finds no one, in at most two queries however many there are:
 * a named reviewer who is no longer active, or a unit with no active person outside the squad
 * (reviewersOf picks from exactly those people, and picks someone whenever there is one).
 */
export async function opinionsWithoutReviewer(
  db: Db,
  opinions: { id: number; unitId: number; reviewerId?: number | null }[],
  squadId: number,
): Promise<number[]> {
  const named = opinions.flatMap((o) => (o.reviewerId ? [o.reviewerId] : []));
  const unitIds = [...new Set(opinions.filter((o) => !o.reviewerId).map((o) => o.unitId))];
  const active = named.length
    ? await db.person.findMany({ where: { id: { in: named }, active: true }, select: { id: true } })
    : [];
  const staffed = unitIds.length
    ? await db.person.findMany({
        where: {
          unitId: { in: unitIds },
          active: true,
          memberOf: { none: { squadId } },
          leaderOf: { none: { squadId } },
        },
        select: { unitId: true },
      })
    : [];
  const activeIds = new Set(active.map((p) => p.id));
  const staffedUnits = new Set(staffed.map((p) => p.unitId));
  return opinions
    .filter((o) => (o.reviewerId ? !activeIds.has(o.reviewerId) : !staffedUnits.has(o.unitId)))
    .map((o) => o.id);
}

/** Whether the person is a captain, member or responsible leader of the squad. */
export async function belongsToSquad(db: Db, personId: number, squadId: number): Promise<boolean> {
  const member = await db.squadMember.count({ where: { personId, squadId } });
  return member > 0 || (await db.squadLeader.count({ where: { personId, squadId } })) > 0;
}

export async function peopleWithRoles(db: Db, roles: string[]): Promise<ReviewPerson[]> {
  return db.person.findMany({
    where: { active: true, roles: { some: { role: { in: roles } } } },
    orderBy: { id: 'asc' },
    select: { id: true, name: true, openId: true },
  });
}

/** The responsible leaders (责任领导) of a squad: key projects' overdue items go straight to them. */
export async function responsibleLeadersOf(db: Db, squadId: number): Promise<ReviewPerson[]> {
  const rows = await db.squadLeader.findMany({
    where: { squadId },
    include: { person: { select: { id: true, name: true, openId: true, active: true } } },
  });
  return rows
    .filter((r) => r.person.active)
    .map((r) => ({ id: r.person.id, name: r.person.name, openId: r.person.openId }));
}

/** Where the owning squad sees the review: its group chat (read with the project), else its captain. */
export async function squadInbox(
  db: Db,
  project: Pick<ProjectForReview, 'squadId' | 'squadChatId'>,
): Promise<{ type: 'chat_id' | 'open_id'; id: string } | null> {
  if (project.squadChatId) return { type: 'chat_id', id: project.squadChatId };
  const captain = await db.squadMember.findFirst({
    where: { squadId: project.squadId, role: 'CAPTAIN', person: { openId: { not: null } } },
    include: { person: true },
  });
  return captain?.person.openId ? { type: 'open_id', id: captain.person.openId } : null;
}

export interface AuditActor {
  id: number | null;
  openId: string | null;
}

/** One line of the project's history. */
export async function auditProject(
  db: Db,
  projectId: number,
  actor: AuditActor,
  action: string,
  detail: Record<string, unknown>,
): Promise<number> {
  return recordAudit(db, actor, action, 'Project', projectId, detail);
}

export interface HistoryLine {
  at: Date;
  actorName: string | null;
  action: string;
  detail: Record<string, unknown>;
}

/** The project's history rows whose action starts with the prefix, oldest first. */
export async function projectHistory(db: Db, projectId: number, prefix: string): Promise<HistoryLine[]> {
  const rows = await db.auditLog.findMany({
    where: { entity: 'Project', entityId: String(projectId), action: { startsWith: prefix } },
    orderBy: { id: 'asc' },
  });
  const names = await reviewPeopleNames(
    db,
    rows.map((r) => r.actorId),
  );
  return rows.map((r) => ({
    at: r.at,
    actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
    action: r.action,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}
