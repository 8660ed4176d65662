import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import { loadKnownSquads, loadQuotas, loadRoster } from '../db/imports.js';
import { isOfficeActor } from '../domain/authz.js';
import { UserError } from '../errors.js';
import { reply, type Reply } from '../feishu/answer.js';
import { buildQuotaWorkbook } from '../sheets/quota-sheet.js';
import { buildRosterWorkbook } from '../sheets/roster-sheet.js';
import { sendWorkbookReply } from '../sheets/send-file.js';
import { workbookBytes } from '../sheets/workbook.js';

// /template quotas [year] | /template roster — the import templates, filled with what is stored
// now, so the office edits the current table and sends it back.

export async function sendTemplate(input: CommandInput, deps: Deps): Promise<Reply> {
  if (!isOfficeActor(input.actor!)) return reply.text('模板用于导入目标任务和名册，只发给领导小组办公室。');
  const what = (input.args[0] ?? '').toLowerCase();
  const year = input.args[1] ? Number(input.args[1]) : yearOf(deps.clock.now(), deps.config.timezone);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new UserError('年度应为四位数字，例如 /template quotas 2018');
  const squads = await loadKnownSquads(deps.db);
  if (what === 'quotas' || what === '目标任务') {
    const quotas = await loadQuotas(deps.db, [year]);
    const bytes = await workbookBytes(buildQuotaWorkbook(squads, quotas, [year]));
    await sendWorkbookReply(
      deps,
      { messageId: input.messageId, chatId: input.chatId },
      bytes,
      `${year}年招商目标任务.xlsx`,
    );
    return reply.text(
      `已发送 ${year} 年目标任务表（附表一至三）。修改后把 .xlsx 文件直接发给我，我会先给你看改动，确认后才生效。`,
    );
  }
  if (what === 'roster' || what === '名册') {
    const bytes = await workbookBytes(buildRosterWorkbook(await loadRoster(deps.db), squads));
    await sendWorkbookReply(deps, { messageId: input.messageId, chatId: input.chatId }, bytes, '招商工作名册.xlsx');
    return reply.text('已发送招商工作名册。修改后把 .xlsx 文件直接发给我，我会先给你看改动，确认后才生效。');
  }
  throw new UserError('请写明要哪个模板：/template quotas 或 /template roster');
}

function yearOf(now: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(now));
}
