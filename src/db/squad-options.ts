import { isOfficeActor } from '../domain/authz.js';
import type { Db } from './client.js';
import type { Actor } from '../domain/actor.js';

export interface SquadOption {
  id: number;
  name: string;
}

/**
 * The squads a form may file for, for its squad select: every squad in use for the office; for a
 * member of several (a department's staff in its own squad and in an industry squad), those; none
 * for a member of one, who files for it and is shown no select.
 */
export async function listSquadOptions(db: Db, actor: Actor): Promise<SquadOption[]> {
  const own = actor.squads.map((s) => s.squadId);
  if (!isOfficeActor(actor) && own.length < 2) return [];
  return db.squad.findMany({
    where: { active: true, ...(isOfficeActor(actor) ? {} : { id: { in: own } }) },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true },
  });
}

/** Whether a squad of this id exists and is in use (a form's squad select may carry a stale id, or a retired squad). */
export async function squadExists(db: Db, squadId: number): Promise<boolean> {
  return (await db.squad.findFirst({ where: { id: squadId, active: true }, select: { id: true } })) !== null;
}
