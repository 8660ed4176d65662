import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { rankCard } from '../cards/rank/view.js';
import type { Db } from '../db/client.js';
import { loadBulletinInputs } from '../db/bulletins.js';
import { hasQuotas } from '../db/quotas.js';
import { isOfficeActor, maySeeAllSquads, maySeeSquad } from '../domain/authz.js';
import { parsePeriod, type Period } from '../domain/periods.js';
import { judgeByKind, type KindBulletin, type RankedSection } from '../domain/ranking-by-kind.js';
import { UserError } from '../errors.js';
import { reply } from '../feishu/answer.js';
import { currentQuarter, todayOf } from './scope.js';

export async function showRank(input: CommandInput, deps: Deps): Promise<Reply> {
  if (input.args.length > 1) throw new UserError('只需要一个参数：季度（如 2018Q2）或年份（如 2018）。');
  const period = input.args[0] ? parsePeriod(input.args[0]) : currentQuarter(deps);
  if (!period) throw new UserError(`“${input.args[0]}”不是季度或年份，请写成 2018Q2 或 2018。`);
  const today = todayOf(deps);
  const { bulletin, sections } = await computeBulletin(deps.db, period, today);
  const actor = input.actor!;
  const all = maySeeAllSquads(actor);
  const mine = ({ squadId }: { squadId: number }) => all || maySeeSquad(actor, squadId);
  const shown = sections
    .map((s) => ({
      kind: s.kind,
      label: s.label,
      total: s.ranked.length,
      visible: s.ranked.map((squad, i) => ({ squad, rank: i + 1 })).filter(({ squad }) => mine(squad)),
    }))
    .filter((s) => s.visible.length > 0);
  const unjudged = (bulletin.unjudged ?? []).filter(mine);
  if (shown.length === 0 && unjudged.length === 0)
    return reply.text('你还不属于任何招商小分队，暂时没有可查看的排名。');
  const noQuotas = !(await hasQuotas(deps.db, period.year));
  return reply.card(
    rankCard({
      period,
      today,
      sections: shown,
      unjudged,
      bulletin: all ? bulletin : undefined,
      quotasMissing: noQuotas ? { office: isOfficeActor(actor) } : undefined,
    }),
  );
}

/** Every squad of the period ranked among its own kind, and the red/black lists, as they stand today. */
export async function computeBulletin(
  db: Db,
  period: Period,
  today: string,
): Promise<{ bulletin: KindBulletin; sections: RankedSection[] }> {
  const { tallies, weights, rules } = await loadBulletinInputs(db, period, today);
  return judgeByKind(tallies, period, weights, rules);
}
