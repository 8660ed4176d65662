import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { leadCard } from '../cards/lead/open.js';
import { homeSquadId, isOfficeActor } from '../domain/authz.js';
import { FORM_SENT_PRIVATELY, reply, replyPrivately } from '../feishu/answer.js';

export async function openLeadCard(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  if (!isOfficeActor(actor) && !homeSquadId(actor))
    return reply.text('你不在任何招商小分队中，无法登记线索；请联系区招商局。');
  // The contact's phone is typed here and shown on the receipt: asked in a group, the form goes to the 1:1 chat.
  return replyPrivately(deps.db, input, reply.card(await leadCard(deps.db, actor)), FORM_SENT_PRIVATELY);
}
