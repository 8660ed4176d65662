import { recordAudit } from './audit-trail.js';
import { diffByKey, sameSet, summarizeDiff, type DiffSummary } from '../domain/import-diff.js';
import type { Rank, Role, SquadMemberRole } from '../domain/vocabulary.js';
import type { KnownSquad, KnownUnit, RosterPayload, RosterPerson } from '../domain/import-rows.js';
import { localDate } from '../domain/periods.js';
import { applyOrg } from './org-imports.js';
import { applyQuotas, readQuotaPayload } from './quota-imports.js';

export { loadQuotas } from './quota-imports.js';
import type { Db } from './client.js';
import type { ProjectImportRow } from '../domain/project-import.js';
import { applyProjects, projectImportRefusal } from './project-imports.js';

// Spreadsheet imports: what is in the database now, the preview batch (ImportBatch PREVIEW) and
// applying it once (PREVIEW → APPLIED by a conditional update, so a second confirm is a no-op).

export type ImportKind = 'QUOTAS' | 'ROSTER' | 'PROJECTS';

export async function loadKnownSquads(db: Db): Promise<KnownSquad[]> {
  const rows = await db.squad.findMany({
    where: { active: true },
    include: { leadUnit: true },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
  });
  return rows.map((s) => ({ id: s.id, name: s.name, kind: s.kind, leadUnitName: s.leadUnit.name }));
}

export async function loadKnownUnits(db: Db): Promise<KnownUnit[]> {
  return db.unit.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } });
}

export type StoredPerson = RosterPerson & { id: number };

/** Active people with their roles and squad links, in roster order (by id). */
export async function loadRoster(db: Db): Promise<StoredPerson[]> {
  const rows = await db.person.findMany({
    where: { active: true },
    // Links to retired squads are their history: not in the roster file, and kept by an import.
    include: {
      unit: true,
      roles: true,
      memberOf: { where: { squad: { active: true } } },
      leaderOf: { where: { squad: { active: true } } },
    },
    orderBy: { id: 'asc' },
  });
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    unitId: p.unitId ?? 0,
    unitName: p.unit?.name ?? '',
    title: p.title,
    rank: (p.rank as Rank | null) ?? null,
    mobile: p.mobile,
    email: p.email,
    roles: p.roles.map((r) => r.role as Role),
    squads: p.memberOf.map((m) => ({ squadId: m.squadId, role: m.role as SquadMemberRole })),
    leaderOf: p.leaderOf.map((l) => l.squadId),
  }));
}

/** Each incoming person matched to a stored one by (name, unit), else by mobile (a renamed placeholder). */
function matchPeople(stored: StoredPerson[], incoming: RosterPerson[]): (RosterPerson & { id?: number })[] {
  const taken = new Set<number>();
  const first = incoming.map((p) => stored.find((s) => s.name === p.name && s.unitId === p.unitId));
  for (const s of first) if (s) taken.add(s.id);
  return incoming.map((p, i) => {
    const s = first[i] ?? (p.mobile ? stored.find((x) => !taken.has(x.id) && x.mobile === p.mobile) : undefined);
    if (s) taken.add(s.id);
    return { ...p, id: s?.id, title: p.title ?? s?.title ?? '' };
  });
}

const personKey = (p: RosterPerson & { id?: number }) => (p.id ? `id:${p.id}` : `new:${p.name}|${p.unitId}`);
const samePerson = (a: RosterPerson, b: RosterPerson) =>
  a.name === b.name &&
  a.unitId === b.unitId &&
  (a.title ?? '') === (b.title ?? '') &&
  a.rank === b.rank &&
  a.mobile === b.mobile &&
  a.email === b.email &&
  sameSet(a.roles, b.roles) &&
  sameSet(
    a.squads.map((s) => `${s.squadId}:${s.role}`),
    b.squads.map((s) => `${s.squadId}:${s.role}`),
  ) &&
  sameSet(a.leaderOf, b.leaderOf);

export async function previewRoster(db: Db, people: RosterPerson[]): Promise<DiffSummary> {
  const stored = await loadRoster(db);
  const diff = diffByKey<RosterPerson & { id?: number }>(stored, matchPeople(stored, people), personKey, samePerson);
  return summarizeDiff(
    diff,
    (p) => `${p.name}（${p.unitName}）`,
    (b, a) => `${a.name}（${a.unitName}）：${whatChanged(b, a)}`,
  );
}

function whatChanged(b: RosterPerson, a: RosterPerson): string {
  const parts: string[] = [];
  if (b.name !== a.name) parts.push(`姓名 ${b.name}→${a.name}`);
  if (b.mobile !== a.mobile) parts.push('手机');
  if (b.email !== a.email) parts.push('邮箱');
  if (b.rank !== a.rank) parts.push('职级');
  if ((b.title ?? '') !== (a.title ?? '')) parts.push('职务');
  if (!sameSet(b.roles, a.roles)) parts.push('角色');
  if (
    !sameSet(
      b.squads.map((s) => `${s.squadId}:${s.role}`),
      a.squads.map((s) => `${s.squadId}:${s.role}`),
    ) ||
    !sameSet(b.leaderOf, a.leaderOf)
  )
    parts.push('小分队');
  return parts.join('、') || '资料';
}

/** People missing from the file are deactivated (their history stays); a bound open_id is never touched. */
async function applyRoster(db: Db, people: RosterPerson[]): Promise<void> {
  const stored = await loadRoster(db);
  const matched = matchPeople(stored, people);
  const keep = new Set(matched.map((p) => p.id).filter((x): x is number => !!x));
  const inUse = { squad: { active: true } };
  for (const s of stored) {
    if (keep.has(s.id)) continue;
    await db.person.update({ where: { id: s.id }, data: { active: false } });
    await db.squadMember.deleteMany({ where: { personId: s.id, ...inUse } });
    await db.squadLeader.deleteMany({ where: { personId: s.id, ...inUse } });
  }
  for (const p of matched) {
    const data = {
      name: p.name,
      unitId: p.unitId,
      title: p.title ?? '',
      rank: p.rank,
      mobile: p.mobile,
      email: p.email,
      active: true,
    };
    const id = p.id
      ? (await db.person.update({ where: { id: p.id }, data })).id
      : (await db.person.create({ data })).id;
    await db.personRole.deleteMany({ where: { personId: id } });
    await db.squadMember.deleteMany({ where: { personId: id, ...inUse } });
    await db.squadLeader.deleteMany({ where: { personId: id, ...inUse } });
    for (const role of p.roles) await db.personRole.create({ data: { personId: id, role } });
    for (const s of p.squads) await db.squadMember.create({ data: { personId: id, squadId: s.squadId, role: s.role } });
    for (const squadId of p.leaderOf) await db.squadLeader.create({ data: { personId: id, squadId } });
  }
}

/** A roster preview stored before the org sheets existed is a bare array of people. */
function readRosterPayload(raw: unknown): RosterPayload {
  return Array.isArray(raw) ? { units: null, squads: null, people: raw as RosterPerson[] } : (raw as RosterPayload);
}

/** The org sheets first (new units and squads get their ids), then the people who name them. */
async function applyRosterPayload(db: Db, p: RosterPayload, today: string): Promise<void> {
  const ids = await applyOrg(db, p.units, p.squads, today);
  if (!p.people) return;
  await applyRoster(
    db,
    p.people.map((x) => ({
      ...x,
      unitId: ids.unitId(x.unitId),
      squads: x.squads.map((s) => ({ ...s, squadId: ids.squadId(s.squadId) })),
      leaderOf: x.leaderOf.map(ids.squadId),
    })),
  );
}

export async function createImportBatch(
  db: Db,
  kind: ImportKind,
  payload: unknown,
  summary: DiffSummary & { fileName: string },
  createdById: number | null,
): Promise<number> {
  const row = await db.importBatch.create({
    data: { kind, status: 'PREVIEW', payload: JSON.stringify(payload), summary: JSON.stringify(summary), createdById },
  });
  return row.id;
}

export type ApplyResult =
  | { applied: true; kind: ImportKind; summary: DiffSummary }
  | { applied: false; status: string; reason?: string };

/** PREVIEW → APPLIED exactly once, then the rows; run inside one transaction (all or nothing). */
export async function applyImportBatch(
  db: Db,
  batchId: number,
  actor: { id: number | null; openId?: string },
  at: Date,
  timeZone = 'Asia/Shanghai',
): Promise<ApplyResult> {
  const pending = await db.importBatch.findUnique({ where: { id: batchId } });
  if (pending?.status === 'PREVIEW' && pending.kind === 'PROJECTS') {
    // Checked before anything is claimed or written, so a refusal leaves the preview as it was.
    const reason = await projectImportRefusal(db, JSON.parse(pending.payload) as ProjectImportRow[]);
    if (reason) return { applied: false, status: 'REFUSED', reason };
  }
  const claimed = await db.importBatch.updateMany({
    where: { id: batchId, status: 'PREVIEW' },
    data: { status: 'APPLIED', appliedAt: at },
  });
  const batch = await db.importBatch.findUnique({ where: { id: batchId } });
  if (!batch) return { applied: false, status: 'MISSING' };
  if (claimed.count === 0) return { applied: false, status: batch.status };
  const kind = batch.kind as ImportKind;
  if (kind === 'QUOTAS') await applyQuotas(db, readQuotaPayload(JSON.parse(batch.payload)));
  else if (kind === 'PROJECTS')
    await applyProjects(db, JSON.parse(batch.payload) as ProjectImportRow[], actor, batchId);
  else await applyRosterPayload(db, readRosterPayload(JSON.parse(batch.payload)), localDate(at, timeZone));
  const summary = JSON.parse(batch.summary) as DiffSummary;
  await recordAudit(db, actor, 'import.apply', 'ImportBatch', batchId, {
    kind,
    added: summary.added,
    changed: summary.changed,
    removed: summary.removed,
  });
  return { applied: true, kind, summary };
}

export async function cancelImportBatch(db: Db, batchId: number): Promise<boolean> {
  const r = await db.importBatch.updateMany({
    where: { id: batchId, status: 'PREVIEW' },
    data: { status: 'CANCELLED' },
  });
  return r.count === 1;
}

export interface ImportBatchRow {
  id: number;
  kind: ImportKind;
  status: string;
  summary: DiffSummary & { fileName?: string };
}

/** A preview batch with its summary (what the preview card shows), or null. */
export async function findImportBatch(db: Db, batchId: number): Promise<ImportBatchRow | null> {
  const batch = await db.importBatch.findUnique({ where: { id: batchId } });
  if (!batch) return null;
  return {
    id: batch.id,
    kind: batch.kind as ImportKind,
    status: batch.status,
    summary: JSON.parse(batch.summary) as DiffSummary & { fileName?: string },
  };
}
