import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { listCalendarDays, removeCalendarDay, setCalendarDay } from '../db/calendar.js';
import { isOffice } from '../domain/actor.js';
import { isIsoDate, localDate, type CalendarKind } from '../domain/working-days.js';
import { UserError } from '../errors.js';
import { reply } from '../feishu/answer.js';

const KIND_WORDS: Record<string, CalendarKind> = {
  HOLIDAY: 'HOLIDAY',
  放假: 'HOLIDAY',
  休: 'HOLIDAY',
  假: 'HOLIDAY',
  WORKDAY: 'WORKDAY',
  上班: 'WORKDAY',
  班: 'WORKDAY',
  调休上班: 'WORKDAY',
};
const KIND_LABELS: Record<CalendarKind, string> = { HOLIDAY: '放假', WORKDAY: '调休上班' };
const USAGE = '/calendar add 2027-10-08 放假 国庆节';

export async function manageCalendar(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  const [sub, ...rest] = input.args;
  if (sub === 'add' || sub === 'remove') {
    if (!isOffice(actor)) return reply.text('节假日安排由区招商局（领导小组办公室）维护；如有错误请联系办公室。');
    const date = rest[0] ?? '';
    if (!isIsoDate(date)) throw new UserError(`日期应写成 2027-10-08 这样的格式，例如 ${USAGE}`);
    if (sub === 'remove') {
      const gone = await removeCalendarDay(deps.db, date, actor);
      return reply.text(
        gone ? `已删除 ${date}，该日恢复按星期计算（周一至周五上班）。` : `${date} 不在节假日表中，无需删除。`,
      );
    }
    const kind = KIND_WORDS[(rest[1] ?? '').toUpperCase()] ?? KIND_WORDS[rest[1] ?? ''];
    if (!kind) throw new UserError(`请写明这一天是“放假”还是“上班”（调休），例如 ${USAGE}`);
    const name = rest.slice(2).join(' ').slice(0, 50);
    const { before } = await setCalendarDay(deps.db, { date, kind, name }, actor);
    const was = before
      ? `（原为${KIND_LABELS[before.kind as CalendarKind] ?? before.kind}${before.name ? ' ' + before.name : ''}）`
      : '';
    return reply.text(
      `已记录：${date} ${KIND_LABELS[kind]}${name ? ' ' + name : ''}${was}。之后发起的预审和任务按新的安排计算期限；已定的期限不变。`,
    );
  }
  const year =
    sub && /^\d{4}$/.test(sub) ? Number(sub) : Number(localDate(deps.clock.now(), deps.config.timezone).slice(0, 4));
  const days = await listCalendarDays(deps.db, year);
  if (days.length === 0)
    return reply.text(`${year} 年的节假日安排尚未录入，期限只按周末计算。区招商局可用 ${USAGE} 逐日录入。`);
  const lines = days.map(
    (d) => `${d.date} ${KIND_LABELS[d.kind as CalendarKind] ?? d.kind}${d.name ? ' ' + d.name : ''}`,
  );
  return reply.text(`${year} 年节假日和调休上班日（共 ${days.length} 天）：\n${lines.join('\n')}`);
}
