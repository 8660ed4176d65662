import { buildDecisionForm } from '../cards/decision/open.js';
import { loadMeetingPack } from '../cards/meeting-pack/load.js';
import type { Deps } from '../deps.js';
import { isOfficeActor, mayRecordDecision, mayRunMeeting } from '../domain/authz.js';
import { parsePeriod } from '../domain/periods.js';
import { UserError } from '../errors.js';
import { reply, type Reply } from '../feishu/answer.js';
import { currentQuarter, todayOf } from './scope.js';
import type { CommandInput } from './types.js';

/**
 * `/meeting [季度]`: the leadership meeting's pack; `/meeting decide`: the form for a decision that
 * answers no squad's issue (the office).
 */
export async function showMeeting(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  const refusal = mayRunMeeting(actor);
  if (refusal) return reply.text(refusal);
  const arg = input.args[0];
  if (arg === 'decide' || arg === '决定') {
    const no = mayRecordDecision(actor);
    if (no) return reply.text(no);
    const form = await buildDecisionForm(deps, {
      period: currentQuarter(deps).key,
      issueId: null,
      key: `decision:msg-${input.messageId}`,
    });
    return 'card' in form ? reply.card(form.card) : reply.text(form.refusal);
  }
  if (input.args.length > 1)
    throw new UserError('只需要一个参数：季度，如 /meeting 2018Q2；记录其他决定：/meeting decide');
  const period = arg ? parsePeriod(arg) : currentQuarter(deps);
  if (!period?.quarter) throw new UserError(`“${arg}”不是季度，请写成 2018Q2。`);
  return reply.card(await loadMeetingPack(deps, period, todayOf(deps), isOfficeActor(actor)));
}
