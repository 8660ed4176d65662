import type { Db } from './client.js';
import type { SquadRef } from '../domain/squad-match.js';

export async function listSquads(db: Db): Promise<SquadRef[]> {
  return db.squad.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, sortOrder: true },
  });
}

/** The ids of the active squads. */
export async function listActiveSquadIds(db: Db): Promise<number[]> {
  return (await db.squad.findMany({ where: { active: true }, select: { id: true } })).map((s) => s.id);
}

/** Active squads with their codes, for finding one by a word a person typed. */
export async function listSquadCodes(db: Db): Promise<{ id: number; name: string; code: string }[]> {
  return db.squad.findMany({ where: { active: true }, select: { id: true, name: true, code: true } });
}

/** The names of the given squads. */
export async function squadNames(db: Db, squadIds: number[]): Promise<string[]> {
  if (squadIds.length === 0) return [];
  return (await db.squad.findMany({ where: { id: { in: squadIds } }, select: { name: true } })).map((s) => s.name);
}

/** The open_ids of a squad's people by audience. */
export async function squadPeople(
  db: Db,
  squadIds: number[],
): Promise<
  { squadId: number; role: 'CAPTAIN' | 'MEMBER' | 'LEADER'; personId: number; openId: string | null; name: string }[]
> {
  const [members, leaders] = await Promise.all([
    db.squadMember.findMany({
      where: { squadId: { in: squadIds }, person: { active: true } },
      select: { squadId: true, role: true, person: { select: { id: true, openId: true, name: true } } },
    }),
    db.squadLeader.findMany({
      where: { squadId: { in: squadIds }, person: { active: true } },
      select: { squadId: true, person: { select: { id: true, openId: true, name: true } } },
    }),
  ]);
  return [
    ...members.map((m) => ({
      squadId: m.squadId,
      role: m.role as 'CAPTAIN' | 'MEMBER',
      personId: m.person.id,
      openId: m.person.openId,
      name: m.person.name,
    })),
    ...leaders.map((l) => ({
      squadId: l.squadId,
      role: 'LEADER' as const,
      personId: l.person.id,
      openId: l.person.openId,
      name: l.person.name,
    })),
  ];
}

/** Office people (办公室) with an open_id. */
export async function officePeople(db: Db): Promise<{ id: number; openId: string; name: string }[]> {
  const rows = await db.person.findMany({
    where: { active: true, openId: { not: null }, roles: { some: { role: { in: ['OFFICE', 'OFFICE_ADMIN'] } } } },
    orderBy: { id: 'asc' },
    select: { id: true, openId: true, name: true },
  });
  return rows.map((r) => ({ id: r.id, openId: r.openId!, name: r.name }));
}
