import type { CommandInput } from './types.js';
import type { Reply } from '../feishu/answer.js';
import { showReviewCardFor } from '../cards/review/actions.js';
import { nameReviewer } from '../cards/review/name-reviewer.js';
import { UserError } from '../errors.js';
import { reply } from '../feishu/answer.js';
import type { Deps } from '../deps.js';
import { resolveProjectArg } from './project-arg.js';

export async function showReview(input: CommandInput, deps: Deps): Promise<Reply> {
  const found = await resolveProjectArg(deps, input.actor!, input.args[0], (p) => `/review ${p}`);
  if (!found.ok) return reply.text(found.text);
  const id = found.id;
  if (input.args[1] === '指定') {
    const [unit, name] = input.args.slice(2);
    if (!unit || !name) throw new UserError(`请写明单位和姓名，例如 /review ${id} 指定 政务办 张三`);
    return reply.text(await nameReviewer(deps, input.actor!, id, unit, name));
  }
  const card = await showReviewCardFor(deps, input.actor!, id, input.args[1] === '发起');
  return typeof card === 'string' ? reply.text(card) : reply.card(card);
}
