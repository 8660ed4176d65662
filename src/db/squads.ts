import type { Actor } from './people.js';
import type { Db } from './client.js';
import { UserError } from '../errors.js';
import { matchSquad, type SquadRef } from '../domain/squad-match.js';
import { maySeeAllSquads, maySeeSquad } from '../domain/authz.js';

export async function listSquads(db: Db): Promise<SquadRef[]> {
  return db.squad.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, sortOrder: true },
  });
}

/** The squad a command argument names; a UserError (shown with the command's help) otherwise. */
export async function resolveSquadArg(db: Db, arg: string): Promise<SquadRef> {
  const squads = await listSquads(db);
  const m = matchSquad(arg, squads);
  if (m.kind === 'found') return m.squad;
  if (m.kind === 'ambiguous')
    throw new UserError(
      `“${arg}”对应多个小分队：${m.candidates.map((s) => `${s.sortOrder} ${s.name}`).join('、')}，请写得更具体，或用序号。`,
    );
  const hint = m.closest
    ? `你是不是想查 **${m.closest.sortOrder} ${m.closest.name}**？`
    : '可以写小分队名称中的几个字（如“纺织”）或序号（如 4）。';
  throw new UserError(`没有找到小分队“${arg}”。${hint}`);
}

/** Squads the actor may see: all for the office, the leading group and assessors; otherwise their own. */
export async function visibleSquadIds(db: Db, actor: Actor): Promise<number[] | 'all'> {
  if (maySeeAllSquads(actor)) return 'all';
  const squads = await listSquads(db);
  return squads.filter((s) => maySeeSquad(actor, s.id)).map((s) => s.id);
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
