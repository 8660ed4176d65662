// A project named in a command: its number (`12`, `#12`, `12号`) or a fragment of its name
// (`饲料`). The database narrows the candidates; this rule decides between them.

export interface ProjectRef {
  id: number;
  name: string;
  squadName: string;
}

export type ProjectArg = { kind: 'id'; id: number } | { kind: 'name'; fragment: string };

export type ProjectMatch =
  | { kind: 'found'; project: ProjectRef }
  | { kind: 'ambiguous'; candidates: ProjectRef[] }
  | { kind: 'none' };

/** A number names a project by its 编号; anything else is a fragment of its name. */
export function parseProjectArg(arg: string): ProjectArg | null {
  const a = arg.trim();
  if (!a) return null;
  const n = /^[#＃]?(\d+)号?$/.exec(a);
  if (n) {
    const id = Number(n[1]);
    return Number.isSafeInteger(id) && id > 0 ? { kind: 'id', id } : null;
  }
  return { kind: 'name', fragment: a };
}

const fold = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/**
 * The project whose name holds the fragment: an exact name wins over names that merely contain it;
 * several that contain it are ambiguous (listed by number, lowest first); none is none.
 */
export function matchProjectName(fragment: string, candidates: ProjectRef[]): ProjectMatch {
  const f = fold(fragment);
  if (!f) return { kind: 'none' };
  const exact = candidates.filter((p) => fold(p.name) === f);
  if (exact.length === 1) return { kind: 'found', project: exact[0]! };
  const hits = (exact.length > 1 ? exact : candidates.filter((p) => fold(p.name).includes(f))).sort(
    (a, b) => a.id - b.id,
  );
  if (hits.length === 1) return { kind: 'found', project: hits[0]! };
  return hits.length ? { kind: 'ambiguous', candidates: hits } : { kind: 'none' };
}

/** `#12 年产10万吨饲料加工项目（农业旅游物流）`: how a project is listed for choosing. */
export function projectLabel(p: ProjectRef): string {
  return `#${p.id} ${p.name}（${p.squadName}）`;
}
