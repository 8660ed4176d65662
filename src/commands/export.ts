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
import { parsePeriod } from '../domain/periods.js';
import { UserError } from '../errors.js';
import { reply, SENT_PRIVATELY } from '../feishu/answer.js';
import { buildExport, EXPORT_KINDS, EXPORT_LABELS, type ExportKind } from '../sheets/export-sheets.js';
import { sendWorkbookReply } from '../sheets/send-file.js';
import { workbookBytes } from '../sheets/workbook.js';

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
  const { wb, rows } = await buildExport(deps.db, { kind, period, squadIds, withContacts: contacts });
  const fileName = `港南区${period.label}${EXPORT_LABELS[kind]}.xlsx`;
  await sendWorkbookReply(
    deps,
    { messageId: input.messageId, chatId: input.chatId, privatelyTo: privately ? input.senderOpenId : undefined },
    await workbookBytes(wb),
    fileName,
  );
  await recordAudit(deps.db, actor, 'export', 'Export', kind, {
    period: period.label,
    rows,
    squads: squadIds.length,
    withContacts: contacts,
    fileName,
  });
  const scope = squadIds.length === allIds.length ? '全区' : `你有权查看的 ${squadIds.length} 个小分队`;
  const note = (kind === 'visits' || kind === 'leads') && !contacts ? '（不含联系电话和地址）' : '';
  const done = `已导出 ${fileName}：${scope}，共 ${rows} 行${note}。`;
  return reply.text(privately ? `${done}${SENT_PRIVATELY}` : done);
}
