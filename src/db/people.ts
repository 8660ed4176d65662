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

export async function findActorByOpenId(db: Db, openId: string): Promise<Actor | null> {
  const p = await db.person.findUnique({
    where: { openId },
    include: { roles: true, memberOf: true, leaderOf: true },
  });
  if (!p || !p.active || !p.openId) return null;
  return {
    id: p.id,
    name: p.name,
    openId: p.openId,
    rank: p.rank,
    unitId: p.unitId,
    roles: p.roles.map((r) => r.role as Role),
    squads: p.memberOf.map((m) => ({ squadId: m.squadId, role: m.role as SquadMemberRole })),
    leaderOf: p.leaderOf.map((l) => l.squadId),
  };
}

export function hasRole(actor: Actor | null, ...roles: Role[]): boolean {
  return !!actor && actor.roles.some((r) => roles.includes(r));
}

export function isOffice(actor: Actor | null): boolean {
  return hasRole(actor, 'OFFICE', 'OFFICE_ADMIN');
}
