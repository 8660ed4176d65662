import { showInspectionForm } from '../cards/inspection/actions.js';
import { inspectionsCard } from '../cards/inspection/correction-view.js';
import { loadTaskRules } from '../cards/inspection/load.js';
import { inspectionsListed, openCorrections } from '../db/inspections.js';
import { listSquads } from '../db/squads.js';
import type { Deps } from '../deps.js';
import { mayInspect } from '../domain/authz.js';
import { isInspectablePeriod } from '../domain/inspection.js';
import type { Period } from '../domain/periods.js';
import { UserError } from '../errors.js';
import { reply, type Reply } from '../feishu/answer.js';
import { resolveSquadArg } from './squad-arg.js';
import { currentQuarter, splitPeriodArg, todayOf } from './scope.js';
import type { CommandInput } from './types.js';
import { personNames } from '../db/people.js';

// /inspect [小分队] [季度]: the 督查室 (and the office) see the quarter's inspections and the open
// 整改事项; with a squad, the form to record its inspection (default: the current quarter).

export async function inspectSquads(input: CommandInput, deps: Deps): Promise<Reply> {
  const refused = mayInspect(input.actor!);
  if (refused) return reply.text(refused);
  const { period: named, rest } = splitPeriodArg(input.args);
  const today = todayOf(deps);
  const period = named ?? currentQuarter(deps);
  if (!period.quarter) throw new UserError('季度格式应为 2018Q2，例如 /inspect 纺织 2018Q2');
  if (!isInspectablePeriod(period.key, today))
    throw new UserError(`${period.label}还没有到，只能督查本季度或以前的季度。`);
  if (rest) {
    const squad = await resolveSquadArg(deps.db, rest);
    return reply.card(await showInspectionForm(deps, squad, period));
  }
  return reply.card(await overview(deps, period, today));
}

async function overview(deps: Deps, period: Period, today: string) {
  const [squads, inspections, open] = await Promise.all([
    listSquads(deps.db),
    inspectionsListed(deps.db, period.key),
    openCorrections(deps.db),
  ]);
  const squadName = new Map(squads.map((s) => [s.id, s.name]));
  const owners = await personNames(
    deps.db,
    open.map((c) => c.ownerId),
  );
  const inspected = new Set(inspections.map((i) => i.squadId));
  return inspectionsCard({
    periodLabel: period.label,
    today,
    rules: await loadTaskRules(deps.db),
    inspections: inspections.map((i) => ({
      squadName: squadName.get(i.squadId) ?? '',
      inspectedOn: i.inspectedOn,
      rating: i.rating,
      open: i.corrections.filter((c) => c.status === 'OPEN').length,
      total: i.corrections.length,
    })),
    corrections: open.map((c) => ({
      title: c.title,
      squadName: squadName.get(c.inspection.squadId) ?? '',
      ownerName: owners.get(c.ownerId) ?? '',
      dueOn: c.dueOn,
    })),
    notInspected: squads.filter((s) => !inspected.has(s.id)).map((s) => s.name),
  });
}
