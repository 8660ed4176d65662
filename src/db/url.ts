import path from 'node:path';

/** The default database: an embedded SQLite file under ./data/. */
export const DEFAULT_DATABASE_URL = 'file:./data/zhaoshang.db';

export type DbKind = 'sqlite' | 'postgresql';

export function dbKindOf(url: string): DbKind {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  if (url.startsWith('file:')) return 'sqlite';
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got "${url.slice(0, 20)}…")`);
}

/** `file:./data/x.db` → an absolute path (relative paths are taken from the working directory). */
export function sqliteFileFromUrl(url: string | undefined): string {
  const u = url && url.length > 0 ? url : DEFAULT_DATABASE_URL;
  if (!u.startsWith('file:')) throw new Error('not a SQLite URL: ' + u);
  const p = u.slice('file:'.length).split('?')[0]!;
  return path.resolve(p);
}
