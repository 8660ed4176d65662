import { buildLeadCard } from '../cards/lead.js';
import { homeSquadId, isOfficeActor } from '../domain/authz.js';
import { reply } from '../feishu/answer.js';
import { registerCommand } from './index.js';

registerCommand({
  name: '/lead',
  usage: '/lead',
  summary: '登记招商线索（含中介组织、行业协会、企业、自然人提供的线索）；同一企业已被登记时显示登记人',
  run: async (input, deps) => {
    const actor = input.actor!;
    if (!isOfficeActor(actor) && !homeSquadId(actor))
      return reply.text('你不在任何招商小分队中，无法登记线索；请联系区招商局。');
    return reply.card(await buildLeadCard(deps.db, actor));
  },
});
