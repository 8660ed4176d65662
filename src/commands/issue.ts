import { issueFormCard, raisableSquads } from '../cards/meeting-issue/open.js';
import { drawIssueList } from '../cards/meeting-issue/view.js';
import { listMeetingIssues } from '../db/meeting-issues.js';
import type { Deps } from '../deps.js';
import { mayRaiseIssue, mayWithdrawIssue } from '../domain/authz.js';
import { reply, type Reply } from '../feishu/answer.js';
import { resolveScope } from './scope.js';
import { resolveSquadArg } from './squad-arg.js';
import type { CommandInput } from './types.js';

// 提请领导小组研究的问题 (plan 二(一): the leading group meets each quarter and solves the squads' problems).

const LIST_SIZE = 15;
const NOT_ALLOWED = '提请领导小组研究的问题由小分队队长、责任领导或区招商局提出；请联系你们的队长。';

/** `/issue [小分队]`: the form; `/issue list` is `/issues`. */
export async function raiseIssue(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  if (input.args[0] === 'list' || input.args[0] === '列表')
    return listIssues({ ...input, args: input.args.slice(1) }, deps);
  if (input.args.length) {
    const squad = await resolveSquadArg(deps.db, input.args.join(' '));
    const refused = mayRaiseIssue(actor, squad.id);
    if (refused) return reply.text(refused);
    return reply.card(await issueFormCard(deps.db, actor, { id: squad.id, name: squad.name }));
  }
  if (!(await raisableSquads(deps.db, actor)).length) return reply.text(NOT_ALLOWED);
  return reply.card(await issueFormCard(deps.db, actor, null));
}

/** `/issues [小分队]`: the issues the squads one may see have raised, and what the meeting decided. */
export async function listIssues(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  const res = await resolveScope(deps, actor, input.args.length ? input.args.join(' ') : undefined);
  if (!res.ok) return reply.text(res.refusal);
  const { scope } = res;
  const issues = await listMeetingIssues(deps.db, scope.all ? null : scope.squads.map((s) => s.id), LIST_SIZE);
  return reply.card(
    drawIssueList(issues, deps.config.timezone, {
      subtitle: scope.title,
      shown: LIST_SIZE,
      mayWithdraw: (i) => mayWithdrawIssue(actor, i) === null,
    }),
  );
}
