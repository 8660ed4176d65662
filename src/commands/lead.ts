import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { leadCard } from '../cards/lead/open.js';
import { homeSquadId, isOfficeActor } from '../domain/authz.js';
import { reply } from '../feishu/answer.js';

export async function openLeadCard(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  if (!isOfficeActor(actor) && !homeSquadId(actor))
    return reply.text('你不在任何招商小分队中，无法登记线索；请联系区招商局。');
  return reply.card(await leadCard(deps.db, actor));
}
