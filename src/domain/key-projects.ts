// 重点项目清单 (plan §三(三)三): key projects come first in lists and digests, with shorter time limits.

export const KEY_PROJECT_SETTINGS = {
  /** Working days a key project's tasks get by default (the assistance centre's 限时办结). */
  taskWorkingDays: { key: 'keyProject.taskWorkingDays', fallback: 5 },
  taskWorkingDaysNormal: { key: 'project.taskWorkingDays', fallback: 10 },
} as const;

/**
 * Key projects first, each group in the order given (a stable sort), so a caller sorts by its own
 * rule first — e.g. latest step, then `sortKeyFirst`.
 */
export function sortKeyFirst<T extends { isKey: boolean }>(items: readonly T[]): T[] {
  return [...items.filter((p) => p.isKey), ...items.filter((p) => !p.isKey)];
}
