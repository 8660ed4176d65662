import type { Db } from '../../db/client.js';
import { findCorrection } from '../../db/inspections.js';
import { getSetting } from '../../db/settings.js';
import { squadNames, squadPeople } from '../../db/squads.js';
import { localDateTime } from '../../domain/local-date.js';
import { parsePeriod } from '../../domain/periods.js';
import { mergeTaskRules, TASK_RULES_KEY, type TaskRules } from '../../domain/reminders.js';
import type { Card } from '../../feishu/answer.js';
import { correctionCard } from './correction-view.js';
import { personNames } from '../../db/people.js';

// Loading what the inspection cards draw: who may own a correction, the task rules, a correction's card.

export async function loadTaskRules(db: Db): Promise<TaskRules> {
  return mergeTaskRules(await getSetting<Partial<TaskRules> | undefined>(db, TASK_RULES_KEY, undefined));
}

/** The squad's captain, members and responsible leaders who have a Feishu account: the owners a form offers. */
export async function correctionOwners(
  db: Db,
  squadId: number,
): Promise<{ personId: number; openId: string; name: string; role: 'CAPTAIN' | 'MEMBER' | 'LEADER' }[]> {
  const order = { CAPTAIN: 0, MEMBER: 1, LEADER: 2 } as const;
  const seen = new Set<number>();
  return (await squadPeople(db, [squadId]))
    .filter((p): p is typeof p & { openId: string } => !!p.openId)
    .sort((a, b) => order[a.role] - order[b.role] || a.personId - b.personId)
    .filter((p) => !seen.has(p.personId) && seen.add(p.personId) !== undefined);
}

export function periodLabelOf(key: string): string {
  return parsePeriod(key)?.label ?? key;
}

/** The card of one correction as it stands, for `today` (its colour and days left). */
export async function showCorrectionCard(
  db: Db,
  id: number,
  today: string,
  timezone: string,
  notice?: string,
): Promise<Card | null> {
  const c = await findCorrection(db, id);
  if (!c) return null;
  const [squadName = ''] = await squadNames(db, [c.inspection.squadId]);
  const names = await personNames(db, [c.ownerId, ...(c.closedById ? [c.closedById] : [])]);
  return correctionCard({
    id: c.id,
    title: c.title,
    squadName,
    periodLabel: periodLabelOf(c.inspection.period),
    findings: c.inspection.findings,
    ownerName: names.get(c.ownerId) ?? '',
    dueOn: c.dueOn,
    today,
    rules: await loadTaskRules(db),
    status: c.status,
    closed:
      c.status === 'DONE'
        ? {
            note: c.closedNote ?? '',
            byName: names.get(c.closedById ?? 0) ?? '',
            at: c.closedAt ? localDateTime(c.closedAt, timezone) : '',
          }
        : undefined,
    notice,
  });
}
