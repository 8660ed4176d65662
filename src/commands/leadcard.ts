import { leadStateCard } from '../cards/lead-state/view.js';
import { findLeadState } from '../db/lead-state.js';
import type { Deps } from '../deps.js';
import { maySeeSquad } from '../domain/authz.js';
import { UserError } from '../errors.js';
import { reply, type Reply } from '../feishu/answer.js';
import type { CommandInput } from './types.js';

/** /leadcard <编号|企业名称>: one lead with its state and intermediary reward; drop it or settle the reward there. */
export async function openLeadState(input: CommandInput, deps: Deps): Promise<Reply> {
  const word = input.args.join(' ').trim();
  if (!word) throw new UserError('请写线索编号或企业名称，例如 /leadcard 12（编号见 /leads）');
  const lead = await findLeadState(deps.db, /^\d+$/.test(word) ? Number(word) : word);
  if (!lead) return reply.text(`没有找到线索「${word}」。发送 /leads 查看线索和编号。`);
  if (!maySeeSquad(input.actor!, lead.squadId)) return reply.text('这条线索不属于你所在或负责的小分队，不能查看。');
  return reply.card(leadStateCard(lead));
}
