import { reportListCard } from '../cards/report-list/view.js';
import { reportsOfMonth } from '../db/report-list.js';
import type { Deps } from '../deps.js';
import { maySeeAllSquads } from '../domain/authz.js';
import { isMonth, monthOf } from '../domain/deadlines.js';
import { localDate } from '../domain/periods.js';
import { UserError } from '../errors.js';
import { reply, type Reply } from '../feishu/answer.js';
import type { CommandInput } from './types.js';

/** /reports [YYYY-MM]: every squad's monthly report of the month and its state (the office and the leading group). */
export async function listMonthReports(input: CommandInput, deps: Deps): Promise<Reply> {
  if (!maySeeAllSquads(input.actor!))
    return reply.text('各小分队月度汇报一览只给区招商局、领导小组和考核中心；查看本队汇报请发送 /report。');
  const now = deps.clock.now();
  const tz = deps.config.timezone;
  const arg = input.args[0];
  const month = arg
    ? arg.replace(/^(\d{4})[-/.年](\d{1,2})月?$/, (_, y: string, m: string) => `${y}-${m.padStart(2, '0')}`)
    : monthOf(now, tz);
  if (!isMonth(month)) throw new UserError(`月份「${arg}」格式不对，请写成 2018-06`);
  if (month > monthOf(now, tz)) throw new UserError(`${month} 还没到（本月是 ${monthOf(now, tz)}）`);
  return reply.card(reportListCard(month, await reportsOfMonth(deps.db, month), tz, localDate(now, tz)));
}
