import { findMonthlyReport, findSquadName } from '../../db/monthly-reports.js';
import { maySeeSquad } from '../../domain/authz.js';
import { maySeeContactDetails } from '../../domain/contact-rules.js';
import { isMonth } from '../../domain/deadlines.js';
import { answer, tapperOf, type Card } from '../../feishu/answer.js';
import { renderReportSummary } from '../monthly-report/view-summary.js';
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
 * 查看 on /reports and the daily card: the report read-only. Phones and addresses of the visited
 * businessmen only for whoever may see them, and only in their own 1:1 chat with the bot.
 */
export const openReadOnlyReport: CardHandler = async (input, deps) => {
  const squadId = Number(input.value.squadId);
  const month = String(input.value.month ?? '');
  if (!Number.isInteger(squadId) || !isMonth(month)) return answer.error('这张卡片已失效，请重新发送 /reports。');
  const actor = input.actor!;
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
  const card = renderReportSummary(shown, squadName ?? '', deps.config.timezone, { contactsHidden: !contacts });
  return answer.card(readOnly(card));
};
