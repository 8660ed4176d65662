import { recordAudit } from '../../db/audit-trail.js';
import {
  exemptReport,
  findMonthlyReport,
  findSquadName,
  rememberReportCard,
  reportCloseDay,
  type MonthlyReportView,
} from '../../db/monthly-reports.js';
import type { Actor } from '../../domain/actor.js';
import type { Deps } from '../../deps.js';
import { isOfficeActor, mayExemptMonthlyReport } from '../../domain/authz.js';
import { reportWindow } from '../../domain/deadlines.js';
import { patchReportCard } from './open.js';

/** 免报 with a reason, by a responsible leader or the office; shared by the card and `/report exempt`. */
export async function applyExemption(
  deps: Deps,
  actor: Actor,
  p: { squadId: number; month: string; reason: string; messageId?: string; chatId?: string; cause: string },
): Promise<{ ok: true; view: MonthlyReportView } | { ok: false; message: string }> {
  const refused = mayExemptMonthlyReport(actor, p.squadId);
  if (refused) return { ok: false, message: refused };
  const now = deps.clock.now();
  const tz = deps.config.timezone;
  const report = await findMonthlyReport(deps.db, p.squadId, p.month);
  if (report?.status === 'SUBMITTED') return { ok: false, message: '这个月的汇报已经提交，不需要免报。' };
  if (!isOfficeActor(actor) && reportWindow(p.month, now, tz, await reportCloseDay(deps.db)) === 'CLOSED')
    return { ok: false, message: `${p.month} 的月度汇报已关闭，免报请联系区招商局。` };
  const id = await exemptReport(deps.db, { squadId: p.squadId, month: p.month, reason: p.reason, byId: actor.id });
  await recordAudit(deps.db, actor, 'monthly-report.exempt', 'MonthlyReport', id, { month: p.month, reason: p.reason });
  await rememberReportCard(deps.db, id, p.messageId, p.chatId);
  const view = (await findMonthlyReport(deps.db, p.squadId, p.month))!;
  await patchReportCard(
    deps.db,
    view,
    (await findSquadName(deps.db, p.squadId)) ?? '',
    tz,
    p.cause,
    p.messageId,
    deps.clock.now(),
    actor,
  );
  return { ok: true, view };
}
