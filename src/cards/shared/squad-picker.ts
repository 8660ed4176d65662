import type { Actor } from '../../domain/actor.js';
import type { SquadOption } from '../../db/squad-options.js';
import { homeSquadId, isOfficeActor } from '../../domain/authz.js';
import { UserError } from '../../errors.js';

// Members file for their own squad; the office files for any squad, and a member of several squads
// for one of theirs, so their forms get a squad select.

const SQUAD_FIELD = 'squad';

/** [] for a member of one squad (it is implied); for the office or a member of several, a select of the squads given. */
export function squadPickerElements(actor: Actor, squads: SquadOption[]): unknown[] {
  if (!isOfficeActor(actor) && squads.length < 2) return [];
  const home = homeSquadId(actor);
  return [
    {
      tag: 'select_static',
      name: SQUAD_FIELD,
      required: true,
      placeholder: { tag: 'plain_text', content: '所属小分队' },
      ...(home ? { initial_option: String(home) } : {}),
      options: squads.map((s) => ({ text: { tag: 'plain_text', content: s.name }, value: String(s.id) })),
    },
  ];
}

/**
 * The squad a form files for: the one chosen in the select (the office, or a member of several:
 * the caller still checks the member belongs to it), else the actor's own squad.
 */
export function resolveSquadId(actor: Actor, formValue: Record<string, unknown>): number {
  const v = Number(formValue[SQUAD_FIELD]);
  if (Number.isInteger(v) && v > 0 && (isOfficeActor(actor) || actor.squads.length > 1)) return v;
  const home = homeSquadId(actor);
  if (!home) throw new UserError('你不在任何招商小分队中，无法填报；请联系区招商局。');
  return home;
}
