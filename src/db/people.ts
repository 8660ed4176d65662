import type { Actor } from '../domain/actor.js';
import type { Role, SquadMemberRole } from '../domain/vocabulary.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Db } from './client.js';

export type PersonRow = {
  id: number | bigint;
  name: string;
  rank: string | null;
  unitId: number | bigint | null;
  active: boolean | number | bigint;
};
/** One of a person's roles ('R'), squad memberships ('M') or leaderships ('L'). */
export type LinkRow = { k: string; v: string; s: number | bigint };

/** The roles, squad memberships and leaderships of several people, in one query (`p`: the person's id). */
export function linksQuery(personIds: number[]): Prisma.Sql {
  const ids = Prisma.join(personIds);
  return Prisma.sql`SELECT "personId" AS p, 'R' AS k, "role" AS v, 0 AS s FROM "PersonRole" WHERE "personId" IN (${ids})
    UNION ALL SELECT "personId" AS p, 'M' AS k, "role" AS v, "squadId" AS s FROM "SquadMember" WHERE "personId" IN (${ids})
    UNION ALL SELECT "personId" AS p, 'L' AS k, '' AS v, "squadId" AS s FROM "SquadLeader" WHERE "personId" IN (${ids})`;
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

export type { Actor } from '../domain/actor.js';
export { hasRole, isOffice } from '../domain/actor.js';
