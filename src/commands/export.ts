import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { recordAudit } from '../db/audit-trail.js';
import { listActiveSquadIds } from '../db/squads.js';
import { maySeeSquad } from '../domain/authz.js';
import { mayExportContactDetails } from '../domain/contact-rules.js';
import { parsePeriod, type Period } from '../domain/periods.js';
import { UserError } from '../errors.js';
import { reply, WILL_SEND_PRIVATELY } from '../feishu/answer.js';
import { EXPORT_KINDS, EXPORT_LABELS, type ExportKind } from '../sheets/kinds.js';
import { textContent } from '../feishu/outbox.js';
import { queueFeishuTask, replyToTask, type TaskWork } from '../feishu/tasks.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const CONTACT_WORDS = new Set(['联系方式', 'contacts', '含联系方式']);

export async function exportSheet(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  const kind = (input.args[0] ?? '').toLowerCase() as ExportKind;
  if (!EXPORT_KINDS.includes(kind))
    throw new UserError(`请写明导出哪种表：${EXPORT_KINDS.join('、')}，例如 /export progress 2018Q2`);
  const rest = input.args.slice(1);
  const withContacts = rest.some((a) => CONTACT_WORDS.has(a.toLowerCase()));
  const periodText = rest.find((a) => !CONTACT_WORDS.has(a.toLowerCase()));
  const today = dayjs(deps.clock.now()).tz(deps.config.timezone).format('YYYY-MM-DD');
  const period = parsePeriod(periodText, today);
  if (!period) throw new UserError(`看不懂时间「${periodText}」：写年度 2018 或季度 2018Q2`);
  const allIds = await listActiveSquadIds(deps.db);
  const squadIds = allIds.filter((id) => maySeeSquad(actor, id));
  if (withContacts) {
    const refused = mayExportContactDetails(actor, squadIds);
    if (refused) {
      await recordAudit(deps.db, actor, 'export.refused', 'Export', kind, { period: period.label, withContacts });
      return reply.text(refused);
    }
  }
  if (squadIds.length === 0) return reply.text('你还不属于任何小分队，没有可导出的数据；如有疑问请联系区招商局。');
  // Leads and visits carry contacts for those who may see them all, the table without them otherwise.
  const contacts =
    withContacts || ((kind === 'visits' || kind === 'leads') && mayExportContactDetails(actor, squadIds) === null);
  // A file with phones and addresses is for the asker alone: asked in a group, it goes to the 1:1 chat.
  const privately = contacts && input.chatType !== 'p2p';
  const fileName = `港南区${period.label}${EXPORT_LABELS[kind]}.xlsx`;
  const taskInput: ExportInput = {
    kind,
    period,
    squadIds,
    allSquads: squadIds.length === allIds.length,
    privatelyTo: privately ? input.senderOpenId : undefined,
    withContacts: contacts,
    fileName,
    command: input.text,
  };
  await queueFeishuTask(deps.db, {
    requestKey: `export:${input.messageId}`,
    kind: 'EXPORT',
    input: taskInput,
    actor,
    senderOpenId: input.senderOpenId,
    chatId: input.chatId,
    messageId: input.messageId,
  });
  return reply.text(privately ? `正在生成 ${fileName}。${WILL_SEND_PRIVATELY}` : `正在生成 ${fileName}，稍后发给你。`);
}

interface ExportInput {
  kind: ExportKind;
  period: Period;
  squadIds: number[];
  allSquads: boolean;
  /** The asker's open_id when the file carries contacts and was asked for in a group: it goes to the 1:1 chat. */
  privatelyTo?: string;
  withContacts: boolean;
  fileName: string;
  /** The command as typed, to show in a failure message. */
  command: string;
}

/** After the commit: the workbook is built and uploaded, then sent with a note, and the export audited. */
export const exportTask: TaskWork = {
  async run(task, deps) {
    const x = task.input as ExportInput;
    // exceljs is loaded when the first file is built, not at start (src/sheets/kinds.ts).
    const { buildExport } = await import('../sheets/export-sheets.js');
    const { replyWithFile, uploadWorkbook } = await import('../sheets/send-file.js');
    const { wb, rows } = await buildExport(deps.db, {
      kind: x.kind,
      period: x.period,
      squadIds: x.squadIds,
      withContacts: x.withContacts,
    });
    const fileKey = await uploadWorkbook(deps, wb, x.fileName);
    return async (tx) => {
      await replyWithFile(tx.db, task, fileKey, x.privatelyTo);
      await recordAudit(tx.db, { id: task.actorId, openId: task.actorOpenId }, 'export', 'Export', x.kind, {
        period: x.period.label,
        rows,
        squads: x.squadIds.length,
        withContacts: x.withContacts,
        fileName: x.fileName,
      });
      const scope = x.allSquads ? '全区' : `你有权查看的 ${x.squadIds.length} 个小分队`;
      const note = (x.kind === 'visits' || x.kind === 'leads') && !x.withContacts ? '（不含联系电话和地址）' : '';
      const text = `已导出 ${x.fileName}：${scope}，共 ${rows} 行${note}。`;
      await replyToTask(tx.db, task, 'done', { msgType: 'text', content: textContent(text) }, x.privatelyTo);
    };
  },
  failure(task, reason) {
    const x = task.input as ExportInput;
    return reason
      ? `导出 ${x.fileName} 没有完成：${reason}`
      : `导出 ${x.fileName} 没有完成：飞书文件服务一直没有响应。请稍后重新发送 ${x.command}。`;
  },
};
