import { findMonthlyReport, findSquadName } from '../../db/monthly-reports.js';
import { reportsOfMonth } from '../../db/report-list.js';
import { maySeeAllSquads, maySeeSquad } from '../../domain/authz.js';
import { localDate } from '../../domain/periods.js';
import { maySeeContactDetails } from '../../domain/contact-rules.js';
import { isMonth } from '../../domain/deadlines.js';
import { answer, tapperOf, type Card } from '../../feishu/answer.js';
import { renderReportSummary } from '../monthly-report/view-summary.js';
import { backToListButton, reportListCard } from './view.js';
import type { CardHandler } from '../types.js';

/** The summary card without its buttons: the office reads a squad's report here, it does not edit it. */
function readOnly(card: Card): Card {
  const body = card.body as { elements: Record<string, unknown>[] };
  const drop = (els: Record<string, unknown>[]): Record<string, unknown>[] =>
    els
      .filter((e) => e.tag !== 'button')
      .map((e) => (Array.isArray(e.elements) ? { ...e, elements: drop(e.elements as Record<string, unknown>[]) } : e))
      .map((e) => (Array.isArray(e.columns) ? { ...e, columns: drop(e.columns as Record<string, unknown>[]) } : e));
  return { ...card, body: { ...body, elements: drop(body.elements) } };
}

/**
 * 查看 on /reports and the daily card: the report read-only, with a button back to the month's list
 * for those who may see every squad (`list: true` draws that list again). Phones and addresses of the visited
 * businessmen only for whoever may see them, and only in their own 1:1 chat with the bot.
 */
export const openReadOnlyReport: CardHandler = async (input, deps) => {
  const squadId = Number(input.value.squadId);
  const month = String(input.value.month ?? '');
  const list = input.value.list === true;
  if ((!list && !Number.isInteger(squadId)) || !isMonth(month))
    return answer.error('这张卡片已失效，请重新发送 /reports。');
  const actor = input.actor!;
  const tz = deps.config.timezone;
  if (list) {
    if (!maySeeAllSquads(actor)) return answer.error('各小分队月度汇报一览只给区招商局、领导小组和考核中心。');
    const today = localDate(deps.clock.now(), tz);
    return answer.card(reportListCard(month, await reportsOfMonth(deps.db, month), tz, today));
  }
  if (!maySeeSquad(actor, squadId)) return answer.error('你不是这个小分队的成员或责任领导，不能查看它的月度汇报。');
  const [report, squadName] = await Promise.all([
    findMonthlyReport(deps.db, squadId, month),
    findSquadName(deps.db, squadId),
  ]);
  if (!report) return answer.toast('这个小分队本月还没有填写汇报。');
  const tapper = await tapperOf(deps.db, input);
  const contacts = maySeeContactDetails(actor, squadId) && tapper.inPrivateChat;
  const shown = contacts
    ? report
    : { ...report, visitedBusinessmen: report.visitedBusinessmen.map((b) => ({ ...b, address: '', contact: '' })) };
  const card = readOnly(renderReportSummary(shown, squadName ?? '', tz, { contactsHidden: !contacts }));
  if (!maySeeAllSquads(actor)) return answer.card(card);
  const body = card.body as { elements: unknown[] };
  return answer.card({ ...card, body: { ...body, elements: [...body.elements, backToListButton(month)] } });
};
