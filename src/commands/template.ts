import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import { loadKnownSquads, loadRoster } from '../db/imports.js';
import { loadOrg } from '../db/org-imports.js';
import { loadQuotaTemplate } from '../db/quota-template.js';
import { isOfficeActor } from '../domain/authz.js';
import { UserError } from '../errors.js';
import { reply, type Reply } from '../feishu/answer.js';
import { textContent } from '../feishu/outbox.js';
import { queueFeishuTask, replyToTask, type TaskWork } from '../feishu/tasks.js';
import { loadImportedProjects } from '../db/project-imports.js';

// /template quotas [year] | /template roster — the import templates, filled with what is stored
// now, so the office edits the current table and sends it back. The workbook is built and uploaded
// after the command's commit (a task), so a slow upload holds up no one.

type TemplateInput =
  | { what: 'quotas'; year: number; fileName: string }
  | { what: 'roster'; fileName: string }
  | { what: 'projects'; fileName: string };

export async function sendTemplate(input: CommandInput, deps: Deps): Promise<Reply> {
  if (!isOfficeActor(input.actor!)) return reply.text('模板用于导入目标任务、名册和历史项目，只发给领导小组办公室。');
  const what = (input.args[0] ?? '').toLowerCase();
  const year = input.args[1] ? Number(input.args[1]) : yearOf(deps.clock.now(), deps.config.timezone);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new UserError('年度应为四位数字，例如 /template quotas 2018');
  let task: TemplateInput;
  if (what === 'quotas' || what === '目标任务') task = { what: 'quotas', year, fileName: `${year}年招商目标任务.xlsx` };
  else if (what === 'roster' || what === '名册') task = { what: 'roster', fileName: '招商工作名册.xlsx' };
  else if (what === 'projects' || what === '项目' || what === '历史项目')
    task = { what: 'projects', fileName: '历史签约项目.xlsx' };
  else throw new UserError('请写明要哪个模板：/template quotas、/template roster 或 /template projects');
  await queueFeishuTask(deps.db, {
    requestKey: `template:${input.messageId}`,
    kind: 'TEMPLATE',
    input: task,
    actor: input.actor,
    senderOpenId: input.senderOpenId,
    chatId: input.chatId,
    messageId: input.messageId,
  });
  return reply.text(`正在生成 ${task.fileName}，稍后发给你。`);
}

const SEND_BACK = '修改后把 .xlsx 文件直接发给我，我会先给你看改动，确认后才生效。';

/** After the commit: the template filled with what is stored then, uploaded and sent with a note. */
export const templateTask: TaskWork = {
  async run(task, deps) {
    const x = task.input as TemplateInput;
    // exceljs is loaded when the first file is built, not at start (src/sheets/kinds.ts).
    const { buildQuotaWorkbook } = await import('../sheets/quota-sheet.js');
    const { buildRosterWorkbook } = await import('../sheets/roster-sheet.js');
    const { replyWithFile, uploadWorkbook } = await import('../sheets/send-file.js');
    const { buildProjectsWorkbook } = await import('../sheets/projects-sheet.js');
    const { addOrgSheets } = await import('../sheets/org-sheet.js');
    const squads = await loadKnownSquads(deps.db);
    let text = `已发送招商工作名册。${SEND_BACK}`;
    let wb: ReturnType<typeof buildRosterWorkbook>;
    if (x.what === 'quotas') {
      const t = await loadQuotaTemplate(deps.db, x.year);
      const note = t.copiedFrom ? `【据 ${t.copiedFrom} 年复制，请按 ${x.year} 年修改】` : '';
      wb = buildQuotaWorkbook(squads, t.quotas, [x.year], { goals: t.goals, note });
      text = t.copiedFrom
        ? `${x.year} 年还没有目标任务：已按 ${t.copiedFrom} 年的全区目标和分解复制一份作为起点（各表标题注明“据 ${t.copiedFrom} 年复制”），请改成 ${x.year} 年的数字。${SEND_BACK}`
        : `已发送 ${x.year} 年目标任务表（全区目标和附表一至三）。${SEND_BACK}`;
    } else if (x.what === 'projects') {
      wb = buildProjectsWorkbook(await loadImportedProjects(deps.db));
      text = `已发送历史签约项目表（本系统启用前签约的项目，如 2015—2017 年签约项目；已导入的项目已填好）。${SEND_BACK}`;
    } else {
      wb = buildRosterWorkbook(await loadRoster(deps.db), squads);
      const org = await loadOrg(deps.db);
      addOrgSheets(wb, org.units, org.squads);
      text = `已发送招商工作名册（名册、小分队、单位三张表：可新增、改名、撤销小分队和单位）。${SEND_BACK}`;
    }
    const fileKey = await uploadWorkbook(deps, wb, x.fileName);
    return async (tx) => {
      await replyWithFile(tx.db, task, fileKey);
      await replyToTask(tx.db, task, 'done', { msgType: 'text', content: textContent(text) });
    };
  },
  failure(task, reason) {
    const x = task.input as TemplateInput;
    const command = x.what === 'quotas' ? `/template quotas ${x.year}` : `/template ${x.what}`;
    return reason
      ? `${x.fileName} 没有发出：${reason}`
      : `${x.fileName} 没有发出：飞书文件服务一直没有响应。请稍后重新发送 ${command}。`;
  },
};

function yearOf(now: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(now));
}
