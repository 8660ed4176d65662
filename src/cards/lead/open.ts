import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/actor.js';
import { listSquadOptions } from '../../db/squad-options.js';
import type { Card } from '../../feishu/answer.js';
import { drawLeadCard, type LeadCardTrip } from './view.js';

/** The lead form, with the squads the actor may file for (none on a trip report: it files for the trip's squad). */
export async function leadCard(
  db: Db,
  actor: Actor,
  opts: { trip?: LeadCardTrip; notice?: string; goOn?: string } = {},
): Promise<Card> {
  const squads = opts.trip ? [] : await listSquadOptions(db, actor);
  return drawLeadCard(actor, squads, opts);
}
