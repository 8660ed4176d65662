import type { Db } from '../../db/client.js';
import { issueProjectOptions, loadMeetingIssue, squadOptionsByIds } from '../../db/meeting-issues.js';
import { listSquadOptions } from '../../db/squad-options.js';
import type { Actor } from '../../domain/actor.js';
import { isOfficeActor, issueSquadIds, mayWithdrawIssue } from '../../domain/authz.js';
import type { Card } from '../../feishu/answer.js';
import { squadPickerElements } from '../shared/squad-picker.js';
import { drawIssue, drawIssueForm } from './view.js';

// The issue form and one issue's card, loaded and drawn: for /issue, the monthly report's button and the callbacks.

/** The squads the actor may raise issues for: every squad in use for the office, else those they captain or lead. */
export async function raisableSquads(db: Db, actor: Actor): Promise<{ id: number; name: string }[]> {
  if (isOfficeActor(actor)) return listSquadOptions(db, actor);
  return squadOptionsByIds(db, issueSquadIds(actor));
}

/**
 * The form for one squad (`squad` given: /issue <小分队>, the monthly report's button), or for the
 * squads the actor may raise for: one is implied, several get the squad select and every one of
 * their projects (the submit checks the project is of the squad chosen).
 */
export async function issueFormCard(
  db: Db,
  actor: Actor,
  squad: { id: number; name: string } | null,
  notice?: string,
): Promise<Card> {
  const squads = squad ? [squad] : await raisableSquads(db, actor);
  if (squads.length === 1) {
    const only = squads[0]!;
    return drawIssueForm({ squad: only, squadPicker: [], projects: await issueProjectOptions(db, [only.id]), notice });
  }
  const picker = squadPickerElements(actor, squads) as Record<string, unknown>[];
  // The picker preselects the person's home squad, which may be one they only belong to as a member.
  for (const p of picker)
    if (p.initial_option && !squads.some((s) => String(s.id) === p.initial_option)) delete p.initial_option;
  const names = new Map(squads.map((s) => [s.id, s.name]));
  const projects = (await issueProjectOptions(db, [...names.keys()])).map((p) => ({
    id: p.id,
    name: p.name,
    squadName: names.get(p.squadId),
  }));
  return drawIssueForm({ squad: null, squadPicker: picker, projects, notice });
}

/** One issue's card for this viewer: 撤回 drawn while it is open and theirs to withdraw. */
export async function issueCard(
  db: Db,
  actor: Actor,
  id: number,
  tz: string,
  opts: { notice?: string } = {},
): Promise<Card | null> {
  const issue = await loadMeetingIssue(db, id);
  if (!issue) return null;
  return drawIssue(issue, tz, { notice: opts.notice, withdraw: mayWithdrawIssue(actor, issue) === null });
}
