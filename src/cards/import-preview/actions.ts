import { applyImportBatch, cancelImportBatch, findImportBatch } from '../../db/imports.js';
import type { Deps } from '../../deps.js';
import { mayImportSpreadsheets } from '../../domain/authz.js';
import { answer, type CardAnswer } from '../../feishu/answer.js';
import type { CardInput } from '../types.js';
import { drawImportPreview, type ImportPreviewState } from './view.js';

// The buttons of the import preview: confirm applies the batch (once, however often it is tapped),
// cancel drops it while it is still a preview.

export async function confirmImport(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const refused = mayImportSpreadsheets(input.actor!);
  if (refused) return answer.error(refused);
  const batchId = Number(input.value.batchId);
  const batch = await findImportBatch(deps.db, batchId);
  if (!batch) return answer.error('找不到这次导入，请重新发送文件。');
  const { summary, kind } = batch;
  const r = await applyImportBatch(
    deps.db,
    batchId,
    { id: input.actor!.id, openId: input.operatorOpenId },
    deps.clock.now(),
    deps.config.timezone,
  );
  const fileName = summary.fileName ?? '';
  if (!r.applied && r.reason) return answer.error(r.reason);
  if (r.applied) return answer.toastAndCard('已导入', drawImportPreview(batchId, kind, fileName, summary, 'APPLIED'));
  if (r.status === 'APPLIED')
    return answer.toastAndCard(
      '这份文件已经导入过了',
      drawImportPreview(batchId, kind, fileName, summary, 'APPLIED'),
      'info',
    );
  return answer.toastAndCard(
    '这次导入已取消；需要时请重新发送文件',
    drawImportPreview(batchId, kind, fileName, summary, 'CANCELLED'),
    'warning',
  );
}

export async function cancelImport(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const refused = mayImportSpreadsheets(input.actor!);
  if (refused) return answer.error(refused);
  const batchId = Number(input.value.batchId);
  const batch = await findImportBatch(deps.db, batchId);
  if (!batch) return answer.error('找不到这次导入。');
  const { summary, kind } = batch;
  if (!(await cancelImportBatch(deps.db, batchId))) {
    return answer.toastAndCard(
      '这份文件已经导入，不能再取消',
      drawImportPreview(batchId, kind, summary.fileName ?? '', summary, batch.status as ImportPreviewState),
      'info',
    );
  }
  return answer.toastAndCard(
    '已取消',
    drawImportPreview(batchId, kind, summary.fileName ?? '', summary, 'CANCELLED'),
    'info',
  );
}
