import type { Deps } from '../deps.js';
import type { Actor } from '../domain/actor.js';
import { findProjectsNamed } from '../db/projects.js';
import { maySeeSquad } from '../domain/authz.js';
import { matchProjectName, parseProjectArg, projectLabel } from '../domain/project-match.js';
import { UserError } from '../errors.js';

const LIST_MAX = 10;

export type ProjectArgResult = { ok: true; id: number } | { ok: false; text: string };

/**
 * The project a command names by its number or by a fragment of its name. A name is looked up among
 * the projects the person may see; several matches are listed with their numbers, none says how to
 * find the number. No argument at all is a UserError (shown with the command's help).
 */
export async function resolveProjectArg(
  deps: Deps,
  actor: Actor,
  arg: string | undefined,
  example: (id: string) => string,
): Promise<ProjectArgResult> {
  const parsed = parseProjectArg(arg ?? '');
  if (!parsed)
    throw new UserError(
      `请写上项目编号或项目名称中的几个字，例如 ${example('12')} 或 ${example('饲料')}（编号见 /project 或 /projects）`,
    );
  if (parsed.kind === 'id') return { ok: true, id: parsed.id };
  const visible = (await findProjectsNamed(deps.db, parsed.fragment)).filter(
    (p) => maySeeSquad(actor, p.squadId) || p.helperId === actor.id,
  );
  const m = matchProjectName(parsed.fragment, visible);
  if (m.kind === 'found') return { ok: true, id: m.project.id };
  if (m.kind === 'ambiguous') {
    const shown = m.candidates.slice(0, LIST_MAX).map(projectLabel);
    const more = m.candidates.length > LIST_MAX ? `\n……等共 ${m.candidates.length} 个` : '';
    return {
      ok: false,
      text:
        `名称含“${parsed.fragment}”的项目有 ${m.candidates.length} 个：\n${shown.join('\n')}${more}\n` +
        `请写得更具体，或改用项目编号，例如 ${example(String(m.candidates[0]!.id))}`,
    };
  }
  return {
    ok: false,
    text:
      `没有找到名称含“${parsed.fragment}”的项目（只查你能看到的小分队的项目）。` +
      '发送 /project 查看本小分队的项目和编号，或 /projects 查看各阶段的项目。',
  };
}
