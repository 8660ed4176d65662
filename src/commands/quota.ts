import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { quotaCard } from '../cards/quota/view.js';
import { hasQuotas, loadDistrictGoals, loadSquadQuotas } from '../db/quotas.js';
import { isOfficeActor } from '../domain/authz.js';
import { UserError } from '../errors.js';
import { reply } from '../feishu/answer.js';
import { currentYear, resolveScope } from './scope.js';

export async function showQuotas(input: CommandInput, deps: Deps): Promise<Reply> {
  const arg = input.args[0];
  if (input.args.length > 1 || (arg && !/^\d{4}年?$/.test(arg)))
    throw new UserError('参数是年份，例如 /quota 2018；不写则为今年。');
  const year = arg ? Number(arg.slice(0, 4)) : currentYear(deps).year;
  const res = await resolveScope(deps, input.actor!, undefined);
  if (!res.ok) return reply.text(res.refusal);
  const { scope } = res;
  const ids = scope.squads.map((s) => s.id);
  const [quotas, goals, any] = await Promise.all([
    loadSquadQuotas(deps.db, year, ids),
    loadDistrictGoals(deps.db, year),
    hasQuotas(deps.db, year),
  ]);
  return reply.card(
    quotaCard({
      year,
      title: scope.title,
      squads: scope.squads,
      quotas,
      goals: scope.all ? goals : [],
      quotasMissing: any ? undefined : { office: isOfficeActor(input.actor!) },
    }),
  );
}
