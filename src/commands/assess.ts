import { ASSESS_YEARS, loadAssessCard } from '../cards/assess/actions.js';
import { recordAudit } from '../db/audit-trail.js';
import { loadAssessment } from '../db/assessment.js';
import type { Deps } from '../deps.js';
import { mayAssess } from '../domain/authz.js';
import type { SquadKind } from '../domain/vocabulary.js';
import { UserError } from '../errors.js';
import { reply, type Reply } from '../feishu/answer.js';
import { textContent } from '../feishu/outbox.js';
import { queueFeishuTask, replyToTask, type TaskWork } from '../feishu/tasks.js';
import type { CommandInput } from './types.js';
import { todayOf } from './scope.js';

const KIND_WORDS: Record<string, SquadKind> = {
  产业: 'INDUSTRY',
  小分队: 'INDUSTRY',
  industry: 'INDUSTRY',
  镇: 'TOWN',
  镇街: 'TOWN',
  town: 'TOWN',
  部门: 'DEPARTMENT',
  department: 'DEPARTMENT',
};
const EXCEL_WORDS = new Set(['excel', 'xlsx', '导出']);
const USAGE =
  '写法：/assess 2018（各类排名）、/assess 2018 镇（一类的明细：产业、镇、部门）、/assess 2018 excel（导出考核表）';

/**
 * /assess <年份> [产业|镇|部门|excel] (the office, the leading group, the assessment centre): the year's
 * assessment per kind of squad, one kind's details, or the spreadsheet for the assessment centre.
 */
export async function showAssessment(input: CommandInput, deps: Deps): Promise<Reply> {
  const why = mayAssess(input.actor!);
  if (why) return reply.text(why);
  const [yearWord, word, ...rest] = input.args;
  const today = todayOf(deps);
  if (rest.length) throw new UserError(USAGE);
  if (yearWord !== undefined && !/^\d{4}年?$/.test(yearWord))
    throw new UserError(`看不懂年份「${yearWord}」。${USAGE}`);
  const year = yearWord ? Number(yearWord.slice(0, 4)) : Number(today.slice(0, 4));
  if (year < ASSESS_YEARS.min || year > ASSESS_YEARS.max) throw new UserError(`年份应在 2000–2100 之间。${USAGE}`);
  if (word !== undefined && EXCEL_WORDS.has(word.toLowerCase())) return queueExport(input, deps, year);
  const kind = word === undefined ? undefined : KIND_WORDS[word.toLowerCase()];
  if (word !== undefined && !kind) throw new UserError(`看不懂「${word}」。${USAGE}`);
  return reply.card(await loadAssessCard(deps, year, kind));
}

interface AssessExportInput {
  year: number;
  fileName: string;
  command: string;
}

async function queueExport(input: CommandInput, deps: Deps, year: number): Promise<Reply> {
  const fileName = `港南区${year}年度招商引资考核表.xlsx`;
  const taskInput: AssessExportInput = { year, fileName, command: input.text };
  await queueFeishuTask(deps.db, {
    requestKey: `assess-export:${input.messageId}`,
    kind: 'ASSESS_EXPORT',
    input: taskInput,
    actor: input.actor,
    senderOpenId: input.senderOpenId,
    chatId: input.chatId,
    messageId: input.messageId,
  });
  return reply.text(`正在生成 ${fileName}，稍后发给你。`);
}

/** After the commit: the workbook is built and uploaded, sent in reply, and the export audited. */
export const assessExportTask: TaskWork = {
  async run(task, deps) {
    const x = task.input as AssessExportInput;
    // exceljs is loaded when the first file is built, not at start (src/sheets/kinds.ts).
    const { buildAssessmentWorkbook } = await import('../sheets/assessment-sheet.js');
    const { replyWithFile, uploadWorkbook } = await import('../sheets/send-file.js');
    const result = await loadAssessment(deps.db, x.year, todayOf(deps));
    const { wb, rows } = await buildAssessmentWorkbook(deps.db, result);
    const fileKey = await uploadWorkbook(deps, wb, x.fileName);
    return async (tx) => {
      await replyWithFile(tx.db, task, fileKey);
      await recordAudit(tx.db, { id: task.actorId, openId: task.actorOpenId }, 'export', 'Export', 'assess', {
        period: `${x.year}年`,
        rows,
        fileName: x.fileName,
        asOf: result.asOf,
        weightsVersion: result.weightsVersion,
      });
      const text = `已导出 ${x.fileName}：截至 ${result.asOf}，${result.kinds.length} 类共 ${rows} 个单位。`;
      await replyToTask(tx.db, task, 'done', { msgType: 'text', content: textContent(text) });
    };
  },
  failure(task, reason) {
    const x = task.input as AssessExportInput;
    return reason
      ? `导出 ${x.fileName} 没有完成：${reason}`
      : `导出 ${x.fileName} 没有完成：飞书文件服务一直没有响应。请稍后重新发送 ${x.command}。`;
  },
};
