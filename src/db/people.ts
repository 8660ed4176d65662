import type { Actor } from '../domain/actor.js';
import type { Role, SquadMemberRole } from '../domain/vocabulary.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Db } from './client.js';
import { ENV_ADMIN_TITLE } from './env-admins.js';

export type PersonRow = {
  id: number | bigint;
  name: string;
  rank: string | null;
  unitId: number | bigint | null;
  active: boolean | number | bigint;
};
/** One of a person's roles ('R'), squad memberships ('M') or leaderships ('L'). */
export type LinkRow = { k: string; v: string; s: number | bigint };

/**
 * The roles, squad memberships and leaderships of several people, in one query (`p`: the person's id).
 * A retired squad's links stay as its history but no longer make anyone act for it.
 */
export function linksQuery(personIds: number[]): Prisma.Sql {
  const ids = Prisma.join(personIds);
  return Prisma.sql`SELECT "personId" AS p, 'R' AS k, "role" AS v, 0 AS s FROM "PersonRole" WHERE "personId" IN (${ids})
    UNION ALL SELECT m."personId" AS p, 'M' AS k, m."role" AS v, m."squadId" AS s FROM "SquadMember" m
      JOIN "Squad" q ON q."id" = m."squadId" WHERE m."personId" IN (${ids}) AND q."active"
    UNION ALL SELECT l."personId" AS p, 'L' AS k, '' AS v, l."squadId" AS s FROM "SquadLeader" l
      JOIN "Squad" q ON q."id" = l."squadId" WHERE l."personId" IN (${ids}) AND q."active"`;
}

/** The actor from their Person row and link rows; null when they left the roster (inactive). */
export function actorOf(p: PersonRow, openId: string, links: LinkRow[]): Actor | null {
  if (!Number(p.active)) return null;
  return {
    id: Number(p.id),
    name: p.name,
    openId,
    rank: p.rank,
    unitId: p.unitId === null ? null : Number(p.unitId),
    roles: links.filter((l) => l.k === 'R').map((l) => l.v as Role),
    squads: links.filter((l) => l.k === 'M').map((l) => ({ squadId: Number(l.s), role: l.v as SquadMemberRole })),
    leaderOf: links.filter((l) => l.k === 'L').map((l) => Number(l.s)),
  };
}

/**
 * Two plain SQL queries (the person, then their roles, squads and leaderships in one UNION) rather
 * than an ORM include of three relations. Events and card clicks get their actors in batches from
 * src/server/events/batch-sql.ts; this is for everyone else.
 */
export async function findActorByOpenId(db: Db, openId: string): Promise<Actor | null> {
  const [p] = await db.$queryRaw<
    PersonRow[]
  >`SELECT "id", "name", "rank", "unitId", "active" FROM "Person" WHERE "openId" = ${openId}`;
  if (!p || !Number(p.active)) return null;
  const links = await db.$queryRaw<LinkRow[]>(linksQuery([Number(p.id)]));
  return actorOf(p, openId, links);
}

/** A roster person as binding a Feishu account needs them. */
export interface RosterEntry {
  id: number;
  name: string;
  title: string | null;
  openId: string | null;
  unitName: string | null;
}

/** Active people of that exact name, with their units. */
export async function findPeopleNamed(db: Db, name: string): Promise<RosterEntry[]> {
  const rows = await db.person.findMany({ where: { name, active: true }, include: { unit: true } });
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    title: p.title,
    openId: p.openId,
    unitName: p.unit?.name ?? null,
  }));
}

/** Every distinct name on the active roster. */
export async function listRosterNames(db: Db): Promise<string[]> {
  const rows = await db.person.findMany({ where: { active: true }, select: { name: true }, distinct: ['name'] });
  return rows.map((p) => p.name);
}

/**
 * Binds the open_id to the person, taking it from whoever held it (an open_id belongs to one
 * person). Returns that earlier holder, or null. A holder the bot put on the roster for an env admin
 * (env-admins.ts) leaves the roster: the admin has found their real entry.
 */
export async function moveOpenId(
  db: Db,
  personId: number,
  openId: string,
): Promise<{ id: number; name: string } | null> {
  const holder = await db.person.findUnique({ where: { openId } });
  if (holder)
    await db.person.update({
      where: { id: holder.id },
      data: { openId: null, ...(holder.title === ENV_ADMIN_TITLE ? { active: false } : {}) },
    });
  await db.person.update({ where: { id: personId }, data: { openId } });
  return holder ? { id: holder.id, name: holder.name } : null;
}

/** Binds the open_id to the person unless someone already holds it; true when bound. */
export async function bindOpenIdIfFree(db: Db, personId: number, openId: string): Promise<boolean> {
  const taken = await db.person.findUnique({ where: { openId } });
  if (taken) return false;
  await db.person.update({ where: { id: personId }, data: { openId } });
  return true;
}

/** Active people with no Feishu account yet but a mobile or e-mail to find one by, in roster order. */
export async function listUnboundPeople(
  db: Db,
): Promise<{ id: number; name: string; mobile: string | null; email: string | null }[]> {
  return db.person.findMany({
    where: { openId: null, active: true, OR: [{ mobile: { not: null } }, { email: { not: null } }] },
    orderBy: { id: 'asc' },
    select: { id: true, name: true, mobile: true, email: true },
  });
}

/** Forgets that an open_id wrote to the bot while not on the roster (it is bound now). */
export async function forgetUnknownSender(db: Db, openId: string): Promise<void> {
  await db.unknownSender.deleteMany({ where: { openId } });
}

/** The open_ids of those of the given people who are active and bound, by person id. */
export async function openIdsByPerson(db: Db, personIds: number[]): Promise<Map<number, string>> {
  const rows = await db.person.findMany({
    where: { id: { in: personIds }, active: true, openId: { not: null } },
    select: { id: true, openId: true },
  });
  return new Map(rows.map((p) => [p.id, p.openId!]));
}

/** Names of roster people by id, in one query (ids may repeat or be missing). */
export async function personNames(db: Db, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const want = [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
  if (!want.length) return new Map();
  const rows = await db.person.findMany({ where: { id: { in: want } }, select: { id: true, name: true } });
  return new Map(rows.map((p) => [p.id, p.name]));
}
