// What the page lets a user attach: the spreadsheets the bot imports (.xlsx), not empty, no larger
// than the bot reads them. One rule for the page (before it uploads) and its server (which checks
// again): both say the same in the same words.

/** Why this file cannot be sent, in words for the user; undefined when it can. */
export function attachRefusal(fileName: string, size: number, maxBytes: number): string | undefined {
  if (/\.xls$/i.test(fileName))
    return `「${fileName}」是旧版 .xls 文件：请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再发送。`;
  if (!/\.xlsx$/i.test(fileName))
    return `「${fileName}」不是 Excel 工作簿：这里只能发送 .xlsx 文件（目标任务表、名册）；发送 /template quotas 或 /template roster 获取模板。`;
  if (size === 0) return `「${fileName}」是空文件，请检查后重新选择。`;
  if (size > maxBytes)
    return `「${fileName}」有 ${(size / 1024 / 1024).toFixed(1)} MB，超过了 ${maxBytes / 1024 / 1024} MB 的上限：请删除多余的工作表或行后再发送。`;
  return undefined;
}
