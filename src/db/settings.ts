import { recordAudit } from './audit-trail.js';
import type { Db } from './client.js';
import { forgetInRequest, readOncePerRequest } from './request-memo.js';

/**
 * Settings and rules (reminder days, score weights, thresholds) are versioned rows: the newest
 * version of a key is in force; changing one adds a version and keeps who changed it.
 */
export async function getSetting<T>(db: Db, key: string, fallback: T): Promise<T> {
  // Read once per request (request-memo.ts): a handler may ask for the same rule in several places.
  const row = await readOncePerRequest(db, `setting:${key}`, () =>
    db.setting.findFirst({ where: { key }, orderBy: { version: 'desc' }, select: { value: true } }),
  );
  if (!row) return fallback;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return fallback;
  }
}

export async function setSetting(
  db: Db,
  key: string,
  value: unknown,
  changedBy: number | null,
  at?: Date,
): Promise<number> {
  const last = await db.setting.findFirst({ where: { key }, orderBy: { version: 'desc' } });
  const version = (last?.version ?? 0) + 1;
  await db.setting.create({
    data: { key, version, value: JSON.stringify(value), changedBy, ...(at ? { createdAt: at } : {}) },
  });
  forgetInRequest(db, `setting:${key}`);
  await recordAudit(db, changedBy === null ? null : { id: changedBy }, 'setting.change', 'Setting', key, {
    from: last ? JSON.parse(last.value) : null,
    to: value,
    version,
  });
  return version;
}

/** The newest stored value of each key (keys never set are absent). */
export async function readSettings(db: Db, keys: string[]): Promise<Record<string, unknown>> {
  const rows = await db.setting.findMany({ where: { key: { in: keys } }, orderBy: { version: 'desc' } });
  const out: Record<string, unknown> = {};
  for (const r of rows) {
    if (r.key in out) continue;
    try {
      out[r.key] = JSON.parse(r.value);
    } catch {
      // an unreadable row counts as never set: the default is in force
    }
  }
  return out;
}

export interface SettingVersion {
  key: string;
  version: number;
  value: unknown;
  from: unknown;
  byName: string;
  at: Date;
}

/** The latest changes of every setting, newest first, each with the value it replaced and who made it. */
export async function listSettingHistory(db: Db, take = 30): Promise<SettingVersion[]> {
  const rows = await db.setting.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take });
  const prev = await db.setting.findMany({
    where: { OR: rows.filter((r) => r.version > 1).map((r) => ({ key: r.key, version: r.version - 1 })) },
  });
  const people = await db.person.findMany({
    where: { id: { in: rows.map((r) => r.changedBy).filter((x): x is number => x !== null) } },
    select: { id: true, name: true },
  });
  const parse = (v: string | undefined): unknown => {
    if (v === undefined) return null;
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  };
  return rows.map((r) => ({
    key: r.key,
    version: r.version,
    value: parse(r.value),
    from: parse(prev.find((p) => p.key === r.key && p.version === r.version - 1)?.value),
    byName: people.find((p) => p.id === r.changedBy)?.name ?? '（系统）',
    at: r.createdAt,
  }));
}
