import type { Role, SquadMemberRole } from './vocabulary.js';

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

function hasRole(actor: Actor | null, ...roles: Role[]): boolean {
  return !!actor && actor.roles.some((r) => roles.includes(r));
}

export function isOffice(actor: Actor | null): boolean {
  return hasRole(actor, 'OFFICE', 'OFFICE_ADMIN');
}
