import { closestName } from './closest-name.js';

export interface SquadRef {
  id: number;
  name: string;
  sortOrder: number;
}

export type SquadMatch =
  | { kind: 'found'; squad: SquadRef }
  | { kind: 'ambiguous'; candidates: SquadRef[] }
  | { kind: 'none'; closest?: SquadRef };

/**
 * A squad named in a command: its number in the plan's order ("4", "4队") or a fragment of its
 * name ("纺织"). Several matches are ambiguous; none gets the closest name as a suggestion.
 */
export function matchSquad(arg: string, squads: SquadRef[]): SquadMatch {
  const a = arg.trim().replace(/(小分队|分队|队)$/, '');
  if (/^\d+$/.test(a)) {
    const s = squads.find((x) => x.sortOrder === Number(a));
    return s ? { kind: 'found', squad: s } : { kind: 'none' };
  }
  const exact = squads.find((s) => s.name === arg.trim());
  if (exact) return { kind: 'found', squad: exact };
  const hits = a ? squads.filter((s) => s.name.includes(a)) : [];
  if (hits.length === 1) return { kind: 'found', squad: hits[0]! };
  if (hits.length > 1) return { kind: 'ambiguous', candidates: hits };
  const near = closestName(
    arg.trim(),
    squads.map((s) => s.name),
  );
  return { kind: 'none', closest: squads.find((s) => s.name === near) };
}
