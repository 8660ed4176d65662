import { recordAudit } from './audit-trail.js';
import type { Db } from './client.js';

/**
 * Settings and rules (reminder days, score weights, thresholds) are versioned rows: the newest
 * version of a key is in force; changing one adds a version and keeps who changed it.
 */
export async function getSetting<T>(db: Db, key: string, fallback: T): Promise<T> {
  const row = await db.setting.findFirst({ where: { key }, orderBy: { version: 'desc' } });
  if (!row) return fallback;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return fallback;
  }
}

export async function setSetting(db: Db, key: string, value: unknown, changedBy: number | null): Promise<number> {
  const last = await db.setting.findFirst({ where: { key }, orderBy: { version: 'desc' } });
  const version = (last?.version ?? 0) + 1;
  await db.setting.create({ data: { key, version, value: JSON.stringify(value), changedBy } });
  await recordAudit(db, changedBy === null ? null : { id: changedBy }, 'setting.change', 'Setting', key, {
    from: last ? JSON.parse(last.value) : null,
    to: value,
    version,
  });
  return version;
}
