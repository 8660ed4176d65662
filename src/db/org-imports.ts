import { diffByKey, mergeSummaries, sameSet, summarizeDiff, type DiffSummary } from '../domain/import-diff.js';
import type { OrgSquadRow, OrgUnitRow } from '../domain/import-rows.js';
import type { Db } from './client.js';

// The org sheets of the roster workbook (单位, 小分队): what is stored, what a file would change,
// and applying it. Squads are never deleted: a retired one (撤销) keeps its rows and history, is
// left out of new forms (active = false) and of the rankings of periods ending on or after retiredOn.

const KIND_WORDS: Record<string, string> = {
  INDUSTRY: '产业小分队',
  TOWN: '镇(街道办)',
  DEPARTMENT: '区直部门',
  OFFICE: '办公室',
  PARK: '园区',
};

export async function loadOrg(db: Db): Promise<{ units: OrgUnitRow[]; squads: OrgSquadRow[] }> {
  const [units, squads] = await Promise.all([
    db.unit.findMany({ orderBy: { id: 'asc' } }),
    db.squad.findMany({ include: { partnerUnits: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] }),
  ]);
  return {
    units: units.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind as OrgUnitRow['kind'] })),
    squads: squads.map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      kind: s.kind as OrgSquadRow['kind'],
      sortOrder: s.sortOrder,
      leadUnitId: s.leadUnitId,
      partnerUnitIds: s.partnerUnits.map((p) => p.unitId),
      focusSectors: JSON.parse(s.focusSectors) as string[],
      retired: !s.active,
    })),
  };
}

const byId = (x: { id: number }) => String(x.id);

/** What the org sheets would change, worded for the preview card: renames as old → new, retirements named. */
export async function previewOrg(
  db: Db,
  units: OrgUnitRow[] | null,
  squads: OrgSquadRow[] | null,
): Promise<DiffSummary> {
  const stored = await loadOrg(db);
  const unitName = new Map([...stored.units, ...(units ?? [])].map((u) => [u.id, u.name]));
  const empty: DiffSummary = {
    added: 0,
    changed: 0,
    removed: 0,
    unchanged: 0,
    samples: { added: [], changed: [], removed: [] },
  };
  const u = units
    ? summarizeDiff(
        diffByKey(stored.units, units, byId, (a, b) => a.name === b.name && a.kind === b.kind),
        (x) => `单位「${x.name}」（${KIND_WORDS[x.kind]}）`,
        (b, a) => `单位「${b.name}」：${b.name !== a.name ? `改名为「${a.name}」` : `类别改为${KIND_WORDS[a.kind]}`}`,
      )
    : empty;
  const s = squads
    ? summarizeDiff(
        diffByKey(stored.squads, squads, byId, sameSquad),
        (x) => `小分队「${x.name}」（${KIND_WORDS[x.kind]}，牵头 ${unitName.get(x.leadUnitId) ?? ''}）`,
        (b, a) => `小分队「${b.name}」：${squadChanges(b, a, unitName).join('、')}`,
      )
    : empty;
  return mergeSummaries(u, s);
}

function sameSquad(a: OrgSquadRow, b: OrgSquadRow): boolean {
  return (
    a.name === b.name &&
    a.kind === b.kind &&
    a.sortOrder === b.sortOrder &&
    a.leadUnitId === b.leadUnitId &&
    sameSet(a.partnerUnitIds, b.partnerUnitIds) &&
    a.focusSectors.join('、') === b.focusSectors.join('、') &&
    a.retired === b.retired
  );
}

function squadChanges(b: OrgSquadRow, a: OrgSquadRow, unitName: Map<number, string>): string[] {
  const out: string[] = [];
  if (!b.retired && a.retired) out.push('撤销（历史数据保留，今后不再出现在表单和排名中）');
  if (b.retired && !a.retired) out.push('恢复使用');
  if (b.name !== a.name) out.push(`改名为「${a.name}」（数据保留）`);
  if (b.kind !== a.kind) out.push(`类别改为${KIND_WORDS[a.kind]}`);
  if (b.leadUnitId !== a.leadUnitId) out.push(`牵头单位改为${unitName.get(a.leadUnitId) ?? ''}`);
  if (!sameSet(b.partnerUnitIds, a.partnerUnitIds)) out.push('联合单位');
  if (b.focusSectors.join('、') !== a.focusSectors.join('、')) out.push('重点招商领域');
  if (b.sortOrder !== a.sortOrder) out.push('排序');
  return out;
}

/**
 * Writes the org sheets; returns how the file's new (negative) unit and squad ids map to stored
 * ones, for the 名册 rows that name them. Run inside the import's transaction.
 */
export async function applyOrg(
  db: Db,
  units: OrgUnitRow[] | null,
  squads: OrgSquadRow[] | null,
  today: string,
): Promise<{ unitId: (id: number) => number; squadId: (id: number) => number }> {
  const unitIds = new Map<number, number>();
  const squadIds = new Map<number, number>();
  // Only what differs is written: the confirm has to be answered within Feishu's 3 seconds.
  const stored = await loadOrg(db);
  // Names are unique: two rows that swap names first step aside under a name nobody uses.
  for (const u of units ?? []) {
    const before = stored.units.find((x) => x.id === u.id);
    if (before && before.name !== u.name)
      await db.unit.update({ where: { id: u.id }, data: { name: `${before.name}#${u.id}改名中` } });
  }
  for (const s of squads ?? []) {
    const before = stored.squads.find((x) => x.id === s.id);
    if (before && before.name !== s.name)
      await db.squad.update({ where: { id: s.id }, data: { name: `${before.name}#${s.id}改名中` } });
  }
  for (const u of units ?? []) {
    const before = stored.units.find((x) => x.id === u.id);
    if (before && before.name === u.name && before.kind === u.kind) continue;
    if (u.id > 0) await db.unit.update({ where: { id: u.id }, data: { name: u.name, kind: u.kind } });
    else {
      const created = await db.unit.create({
        data: { code: `new-${today}-${u.id}-${u.name}`, name: u.name, kind: u.kind },
      });
      await db.unit.update({ where: { id: created.id }, data: { code: `UNIT_${created.id}` } });
      unitIds.set(u.id, created.id);
    }
  }
  const unitId = (id: number) => unitIds.get(id) ?? id;
  for (const s of squads ?? []) {
    const before = stored.squads.find((x) => x.id === s.id);
    if (before && sameSquad(before, s)) continue;
    const data = {
      name: s.name,
      kind: s.kind,
      sortOrder: s.sortOrder,
      leadUnitId: unitId(s.leadUnitId),
      focusSectors: JSON.stringify(s.focusSectors),
    };
    let id = s.id;
    if (before) {
      const state =
        s.retired && !before.retired
          ? { active: false, retiredOn: today }
          : !s.retired && before.retired
            ? { active: true, retiredOn: null }
            : {};
      await db.squad.update({ where: { id }, data: { ...data, ...state } });
    } else {
      const created = await db.squad.create({
        data: {
          code: `new-${today}-${s.id}-${s.name}`,
          ...data,
          active: !s.retired,
          retiredOn: s.retired ? today : null,
          addedOn: today,
        },
      });
      id = created.id;
      await db.squad.update({ where: { id }, data: { code: `SQUAD_${id}` } });
      squadIds.set(s.id, id);
    }
    await db.squadPartnerUnit.deleteMany({ where: { squadId: id } });
    for (const p of s.partnerUnitIds) await db.squadPartnerUnit.create({ data: { squadId: id, unitId: unitId(p) } });
  }
  return { unitId, squadId: (id: number) => squadIds.get(id) ?? id };
}
