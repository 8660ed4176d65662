import { isOfficeActor } from '../domain/authz.js';
import type { Db } from './client.js';
import type { Actor } from '../domain/actor.js';

export interface SquadOption {
  id: number;
  name: string;
}

/**
 * The squads a form may file for, for its squad select: every active squad for the office; none
 * for a member, who files for their own squad and is shown no select.
 */
export async function listSquadOptions(db: Db, actor: Actor): Promise<SquadOption[]> {
  if (!isOfficeActor(actor)) return [];
  return db.squad.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true },
  });
}

/** Whether a squad of this id exists (a form's squad select may carry a stale id). */
export async function squadExists(db: Db, squadId: number): Promise<boolean> {
  return (await db.squad.findUnique({ where: { id: squadId }, select: { id: true } })) !== null;
}
