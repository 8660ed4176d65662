import type { Role, SquadMemberRole } from '../domain/vocabulary.js';
import type { Db } from './client.js';

/** The person behind an open_id, with what the org data says they may do. */
export interface Actor {
  id: number;
  name: string;
  openId: string;
  rank: string | null;
  unitId: number | null;
  roles: Role[];
  /** Squads the person is captain or member of. */
  squads: { squadId: number; role: SquadMemberRole }[];
  /** Squads the person is a responsible leader of. */
  leaderOf: number[];
}

type PersonRow = { id: number | bigint; name: string; rank: string | null; unitId: number | bigint | null; active: boolean | number };
type LinkRow = { k: string; v: string; s: number | bigint };

/**
 * Runs on every event and card click, so it is two plain SQL queries (the person, then their roles,
 * squads and leaderships in one UNION) rather than an ORM include of three relations: on this hot
 * path the ORM's per-query compile cost is larger than the queries.
 */
export async function findActorByOpenId(db: Db, openId: string): Promise<Actor | null> {
  const [p] = await db.$queryRaw<PersonRow[]>`SELECT "id", "name", "rank", "unitId", "active" FROM "Person" WHERE "openId" = ${openId}`;
  if (!p || !p.active) return null;
  const id = Number(p.id);
  const links = await db.$queryRaw<LinkRow[]>`SELECT 'R' AS k, "role" AS v, 0 AS s FROM "PersonRole" WHERE "personId" = ${id}
    UNION ALL SELECT 'M' AS k, "role" AS v, "squadId" AS s FROM "SquadMember" WHERE "personId" = ${id}
    UNION ALL SELECT 'L' AS k, '' AS v, "squadId" AS s FROM "SquadLeader" WHERE "personId" = ${id}`;
  return {
    id,
    name: p.name,
    openId,
    rank: p.rank,
    unitId: p.unitId === null ? null : Number(p.unitId),
    roles: links.filter((l) => l.k === 'R').map((l) => l.v as Role),
    squads: links.filter((l) => l.k === 'M').map((l) => ({ squadId: Number(l.s), role: l.v as SquadMemberRole })),
    leaderOf: links.filter((l) => l.k === 'L').map((l) => Number(l.s)),
  };
}

export function hasRole(actor: Actor | null, ...roles: Role[]): boolean {
  return !!actor && actor.roles.some((r) => roles.includes(r));
}

export function isOffice(actor: Actor | null): boolean {
  return hasRole(actor, 'OFFICE', 'OFFICE_ADMIN');
}
