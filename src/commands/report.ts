import { squadNames } from '../db/squads.js';
import { applyExemption } from '../cards/monthly-report/exemption.js';
import { monthlyReportCard, reportViewerOf } from '../cards/monthly-report/open.js';
import { monthLabel } from '../cards/monthly-report/view.js';
import type { Deps } from '../deps.js';
import { mayExemptMonthlyReport, maySeeSquad } from '../domain/authz.js';
import { maySeeContactDetails } from '../domain/contact-rules.js';
import { isFutureMonth, isMonth, monthOf } from '../domain/deadlines.js';
import { UserError } from '../errors.js';
import { reply, replyPrivately, type Reply } from '../feishu/answer.js';
import { defaultSquad, findSquadByWord } from './squad-arg.js';
import type { CommandInput } from './types.js';

/** '2018-6' → '2018-06'; something that looks like a month but is not one is the user's mistake. */
function parseMonthArg(arg: string | undefined, now: Date, tz: string): string | undefined {
  if (!arg || !/^\d{4}[-/.年]\d{1,2}月?$/.test(arg)) {
    if (arg && /^\d{4,}/.test(arg)) throw new UserError(`月份「${arg}」格式不对，请写成 2018-06`);
    return undefined;
  }
  const [y, m] = arg.split(/[-/.年月]/).filter(Boolean);
  const month = `${y}-${m!.padStart(2, '0')}`;
  if (!isMonth(month)) throw new UserError(`月份「${arg}」格式不对，请写成 2018-06`);
  if (isFutureMonth(month, now, tz)) throw new UserError(`不能填报未来的月份（本月是 ${monthOf(now, tz)}）`);
  return month;
}

export async function openMonthlyReport(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  const now = deps.clock.now();
  const tz = deps.config.timezone;
  const args = [...input.args];
  const exempt = args[0] === 'exempt' || args[0] === '免报';
  if (exempt) args.shift();
  const month = parseMonthArg(args[0], now, tz);
  if (month) args.shift();
  let squad = args[0] ? await findSquadByWord(deps.db, args[0]) : null;
  if (squad) args.shift();
  else if (!exempt && args[0])
    throw new UserError(`没有找到小分队「${args[0]}」，请写小分队名称中的几个字，例如 /report 2018-06 招商谈判`);
  const squadId = squad?.id ?? (await defaultSquad(deps.db, actor, exempt));
  const theMonth = month ?? monthOf(now, tz);

  if (exempt) {
    const reason = args.join(' ').trim();
    if (!reason) throw new UserError('请写明免报原因，例如 /report exempt 2018-06 本月无外出招商任务');
    if (reason.length > 200) throw new UserError('免报原因最多 200 字');
    const res = await applyExemption(deps, actor, {
      squadId,
      month: theMonth,
      reason,
      cause: `exempt:${input.messageId}`,
    });
    if (!res.ok) return reply.text(res.message);
    squad ??= { id: squadId, name: (await squadNames(deps.db, [squadId]))[0] ?? '' };
    return reply.text(`已将 ${squad.name} ${monthLabel(theMonth)} 的月度汇报标记为免报。原因：${reason}`);
  }
  if (!maySeeSquad(actor, squadId)) return reply.text('你不是这个小分队的成员或责任领导，不能查看它的月度汇报。');
  const withExemption = mayExemptMonthlyReport(actor, squadId) === null;
  // The businessmen's phones and addresses are on the card (and typed into it) only for the squad
  // and the office; for them the card is theirs alone: asked in a group, it goes to the 1:1 chat.
  const contacts = maySeeContactDetails(actor, squadId);
  const card = reply.card(
    await monthlyReportCard(deps.db, squadId, theMonth, now, {
      timezone: tz,
      withExemption,
      contacts,
      viewer: reportViewerOf(actor, squadId),
    }),
  );
  return contacts ? replyPrivately(deps.db, input, card) : card;
}
