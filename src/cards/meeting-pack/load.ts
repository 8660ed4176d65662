import { findBulletin, loadBulletinInputs } from '../../db/bulletins.js';
import { listDecisionsClosedBetween, listOpenDecisionsBefore } from '../../db/meeting.js';
import { listOpenIssues } from '../../db/meeting-issues.js';
import type { Deps } from '../../deps.js';
import { localDate } from '../../domain/local-date.js';
import {
  closedSinceWindow,
  daysOverdue,
  PACK_DECISION_LIMIT,
  PACK_ISSUE_LIMIT,
  startOfLocalDay,
} from '../../domain/meeting.js';
import type { Period } from '../../domain/periods.js';
import { bulletinSections, judgeByKind } from '../../domain/ranking-by-kind.js';
import type { Card } from '../../feishu/answer.js';
import { meetingPackCard } from './view.js';

/** The meeting pack of a quarter as it stands today; `canDecide` adds the office's 记录决定 buttons. */
export async function loadMeetingPack(deps: Deps, period: Period, today: string, canDecide: boolean): Promise<Card> {
  const tz = deps.config.timezone;
  const { tallies, weights, rules } = await loadBulletinInputs(deps.db, period, today);
  const { sections, bulletin } = judgeByKind(tallies, period, weights, rules);
  const stored = await findBulletin(deps.db, period.key);
  const window = closedSinceWindow(period);
  const [issues, open, closed] = await Promise.all([
    listOpenIssues(deps.db, PACK_ISSUE_LIMIT),
    listOpenDecisionsBefore(deps.db, period.key, PACK_DECISION_LIMIT),
    listDecisionsClosedBetween(deps.db, startOfLocalDay(window.from, tz), startOfLocalDay(window.before, tz)),
  ]);
  return meetingPackCard({
    period,
    today,
    places: sections.map((s) => ({ label: s.label, squads: s.ranked.map((q) => ({ name: q.name, score: q.score })) })),
    lists: stored
      ? { sections: bulletinSections(stored.bulletin), source: stored.status === 'PUBLISHED' ? 'PUBLISHED' : 'DRAFT' }
      : { sections: bulletin.sections, source: 'COMPUTED' },
    issues: {
      total: issues.total,
      rows: issues.rows.map((i) => ({ ...i, raisedByName: i.raiserName, raisedOn: localDate(i.createdAt, tz) })),
    },
    openDecisions: {
      total: open.total,
      rows: open.rows.map((d) => ({ ...d, daysOver: daysOverdue(d.dueOn, today) })),
    },
    closed: closed.map((d) => ({
      title: d.title,
      ownerName: d.ownerName,
      closedOn: d.closedAt ? localDate(d.closedAt, tz) : '',
      closedByName: d.closedByName,
      note: d.closedNote ?? '',
    })),
    canDecide,
  });
}
