import { maySeeAllSquads, maySeeSquad } from '../domain/authz.js';
import { localDate, parsePeriod, quarterOfDate, yearPeriod, type Period } from '../domain/periods.js';
import type { SquadRef } from '../domain/squad-match.js';
import type { Actor } from '../domain/actor.js';
import { listSquads } from '../db/squads.js';
import { resolveSquadArg } from './squad-arg.js';
import type { Deps } from '../deps.js';

// What a query command looks at: which squads (what the asker's role may see) and which period.

interface Scope {
  /** 全区 / the squad's name / 我负责的小分队 */
  title: string;
  squads: SquadRef[];
  /** the asker sees every squad and asked for none in particular */
  all: boolean;
}

export type ScopeResult = { ok: true; scope: Scope } | { ok: false; refusal: string };

export async function resolveScope(deps: Deps, actor: Actor, squadArg: string | undefined): Promise<ScopeResult> {
  if (squadArg) {
    const squad = await resolveSquadArg(deps.db, squadArg);
    if (!maySeeSquad(actor, squad.id))
      return {
        ok: false,
        refusal: `你只能查看自己所在或负责的小分队；“${squad.name}”的情况请向区招商局（领导小组办公室）了解。`,
      };
    return { ok: true, scope: { title: squad.name, squads: [squad], all: false } };
  }
  const squads = await listSquads(deps.db);
  if (maySeeAllSquads(actor)) return { ok: true, scope: { title: '全区', squads, all: true } };
  const mine = squads.filter((s) => maySeeSquad(actor, s.id));
  if (mine.length === 0)
    return { ok: false, refusal: '你还不属于任何招商小分队，暂时没有可查看的进度。如有疑问请联系区招商局。' };
  if (mine.length === 1) return { ok: true, scope: { title: mine[0]!.name, squads: mine, all: false } };
  return { ok: true, scope: { title: '我负责的小分队', squads: mine, all: false } };
}

/** Splits arguments into a period ('2018', '2018Q2') and the rest (a squad name or number). */
export function splitPeriodArg(args: string[]): { period?: Period; rest: string | undefined } {
  let period: Period | undefined;
  const rest: string[] = [];
  for (const a of args) {
    const p = parsePeriod(a);
    if (p && !period) period = p;
    else rest.push(a);
  }
  return { period, rest: rest.length ? rest.join(' ') : undefined };
}

export function todayOf(deps: Deps): string {
  return localDate(deps.clock.now(), deps.config.timezone);
}

export function currentYear(deps: Deps): Period {
  return yearPeriod(Number(todayOf(deps).slice(0, 4)));
}

export function currentQuarter(deps: Deps): Period {
  return quarterOfDate(todayOf(deps));
}
