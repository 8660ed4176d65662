import type { Db } from '../db/client.js';
import type { Actor } from '../domain/actor.js';
import { listSquadCodes, listSquads, squadNames } from '../db/squads.js';
import { homeSquadId } from '../domain/authz.js';
import { matchSquad, type SquadRef } from '../domain/squad-match.js';
import { UserError } from '../errors.js';

/** A squad by code, exact name, or a unique part of its name. */
export async function findSquadByWord(db: Db, word: string): Promise<{ id: number; name: string } | null> {
  const squads = await listSquadCodes(db);
  const exact = squads.find((s) => s.name === word || s.code.toLowerCase() === word.toLowerCase());
  if (exact) return exact;
  const part = squads.filter((s) => s.name.includes(word));
  return part.length === 1 ? part[0]! : null;
}

/**
 * The squad a command is about when none is named: a leader's only squad (when preferLed:
 * exemptions, trips), else the home squad.
 */
export async function defaultSquad(
  db: Db,
  actor: Actor,
  preferLed: boolean,
  example = '/report 2018-06',
): Promise<number> {
  const led = actor.leaderOf;
  const own = homeSquadId(actor);
  if (preferLed && led.length === 1) return led[0]!;
  if (own !== undefined) return own;
  if (led.length === 1) return led[0]!;
  const names = await squadNames(db, led);
  throw new UserError(
    names.length
      ? `你负责 ${names.length} 个小分队：${names.map((n) => `「${n}」`).join('')}，` +
          `请写明小分队（名称中的几个字即可），例如 ${example} ${names[0]!.slice(0, 4)}`
      : `你不在任何小分队中，请写明小分队，例如 ${example} 招商谈判`,
  );
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
