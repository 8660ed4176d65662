import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/actor.js';
import { findPersonWithRole, getSquadName, squadRoster } from '../../db/trips.js';
import { approverRoleFor } from '../../domain/trip-routing.js';
import type { Card } from '../../feishu/answer.js';
import { drawTripPlan } from './view.js';

/**
 * The trip plan form for the actor travelling for a squad, with the squad's roster and the approver;
 * `reopen`: the rejected plan it is filled from (its submit files a new plan).
 */
export async function tripPlanCard(
  db: Db,
  actor: Actor,
  squadId: number,
  reopen?: { id: number; rejectReason: string | null },
): Promise<Card> {
  const squadName = await getSquadName(db, squadId);
  const roster = (await squadRoster(db, squadId)).filter((p) => p.id !== actor.id);
  const approverRole = approverRoleFor(actor.rank);
  const approver = await findPersonWithRole(db, approverRole);
  return drawTripPlan({ squadId, squadName, traveller: actor, approverRole, approver, roster, reopen });
}
