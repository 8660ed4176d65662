import { md, type Element } from './elements.js';

/**
 * Said on /progress, /quota and /rank when the year has no quotas at all: completion rates and
 * rankings need them. The office is told how to enter them; everyone else whom to ask.
 */
export function missingQuotasHint(year: number, office: boolean): Element {
  return md(
    office
      ? `**${year}年还没有分解目标任务**，完成率和排名无从计算。发送 **/template quotas ${year}** 取得目标任务表（附表一至三），填好后把 .xlsx 文件发回给我，确认后即生效。`
      : `**${year}年还没有分解目标任务**，完成率和排名暂无法计算；目标任务由区招商局（领导小组办公室）录入。`,
  );
}
