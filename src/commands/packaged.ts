import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import { mayRegisterPackaged, showPackagedNewCard } from '../cards/packaged/actions.js';
import { drawPackagedList } from '../cards/packaged/view.js';
import { listPackagedProjects, packagedYearFigures } from '../db/packaged-projects.js';
import { reply, type Reply } from '../feishu/answer.js';
import { currentYear, resolveScope } from './scope.js';

// /packaged [小分队] lists the packaged projects (策划包装项目) the asker may see, with this year's
// count against the goal; /packaged new opens the registration form.

export async function listPackaged(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  if (input.args[0]?.toLowerCase() === 'new') {
    const refused = mayRegisterPackaged(actor);
    return refused ? reply.text(refused) : reply.card(await showPackagedNewCard(deps, actor));
  }
  const res = await resolveScope(deps, actor, input.args.length ? input.args.join(' ') : undefined);
  if (!res.ok) return reply.text(res.refusal);
  const { scope } = res;
  const ids = scope.all ? null : scope.squads.map((s) => s.id);
  const year = currentYear(deps).year;
  const [list, figures] = await Promise.all([
    listPackagedProjects(deps.db, ids),
    packagedYearFigures(deps.db, year, ids),
  ]);
  return reply.card(
    drawPackagedList({
      title: scope.title,
      year,
      rows: list.rows,
      total: list.total,
      counted: list.counted,
      thisYear: figures.packaged,
      goal: figures.goal,
      mayRegister: mayRegisterPackaged(actor) === null,
    }),
  );
}
