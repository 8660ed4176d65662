import { tripPlanCard } from '../cards/trip-plan/open.js';
import type { Deps } from '../deps.js';
import { mayFileTripPlan } from '../domain/authz.js';
import { UserError } from '../errors.js';
import { reply, type Reply } from '../feishu/answer.js';
import { defaultSquad, findSquadByWord } from './squad-arg.js';
import type { CommandInput } from './types.js';

/** `/trip [小分队]`: the trip plan form; submitting routes it to the approver by the traveller's rank. */
export async function openTripPlan(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  const word = input.args[0];
  const squad = word ? await findSquadByWord(deps.db, word) : null;
  if (word && !squad) throw new UserError(`没有找到小分队「${word}」，请写小分队名称中的几个字，例如 /trip 招商谈判`);
  const squadId = squad?.id ?? (await defaultSquad(deps.db, actor, true, '/trip'));
  const refused = mayFileTripPlan(actor, squadId);
  if (refused) return reply.text(refused);
  return reply.card(await tripPlanCard(deps.db, actor, squadId));
}
