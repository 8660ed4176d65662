import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { progressCard } from '../cards/progress/view.js';
import { groupTallies } from '../domain/tally.js';
import { hasQuotas } from '../db/quotas.js';
import { commencementCohorts, districtGoal, tallySquads } from '../db/tallies.js';
import { isOfficeActor } from '../domain/authz.js';
import { monthlyTrend } from '../db/trend.js';
import { reply } from '../feishu/answer.js';
import { currentYear, resolveScope, splitPeriodArg, todayOf } from './scope.js';

export async function showProgress(input: CommandInput, deps: Deps): Promise<Reply> {
  const { period: p, rest } = splitPeriodArg(input.args);
  const period = p ?? currentYear(deps);
  const res = await resolveScope(deps, input.actor!, rest);
  if (!res.ok) return reply.text(res.refusal);
  const { scope } = res;
  const today = todayOf(deps);
  const ids = scope.all ? undefined : scope.squads.map((s) => s.id);
  const tallies = await tallySquads(deps.db, period, today, ids);
  const cohorts = await commencementCohorts(deps.db, period.year, today, ids);
  const groups = tallies.length === 1 ? [] : groupTallies(tallies);
  if (groups.length && !scope.all) groups.at(-1)!.name = '合计';
  const commencedGoal = scope.all
    ? await districtGoal(deps.db, period.year, 'COMMENCED_PROJECTS')
    : tallies.reduce((s, t) => s + (t.quota.COMMENCED_PROJECTS ?? 0), 0);
  const commenced = tallies.reduce((s, t) => s + t.actual.commencedProjects, 0);
  const trend = await monthlyTrend(deps.db, period.year, today, ids);
  const noQuotas = !(await hasQuotas(deps.db, period.year));
  return reply.card(
    progressCard({
      title: scope.title,
      all: scope.all,
      period,
      today,
      tallies,
      groups,
      cohorts,
      commenced,
      commencedGoal,
      trend,
      quotasMissing: noQuotas ? { office: isOfficeActor(input.actor!) } : undefined,
    }),
  );
}
