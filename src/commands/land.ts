import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { drawLandWaitingList } from '../cards/land/view.js';
import { listKeyProjects, setProjectLand, type LandUpdate } from '../db/key-land.js';
import { findProjectForReview } from '../db/reviews.js';
import { mayActForSquad, maySeeSquad } from '../domain/authz.js';
import { LAND_STATUS_LABELS, landWaitingList, parseLandStatus } from '../domain/land.js';
import type { LandStatus } from '../domain/vocabulary.js';
import { isIsoDate, localDate } from '../domain/working-days.js';
import { UserError } from '../errors.js';
import { reply } from '../feishu/answer.js';
import { resolveProjectArg } from './project-arg.js';

const SET_USAGE = '/land set 12 50亩 已选址 2018-06-01 桥圩镇工业集中区';

/** The words after the project id, in any order: 亩数, status, date, the rest is the location. */
function parseLandWords(words: string[]): LandUpdate {
  const u: LandUpdate = {};
  const place: string[] = [];
  for (const w of words) {
    const mu = /^(\d+(?:\.\d+)?)亩?$/.exec(w);
    const status = parseLandStatus(w);
    if (mu && u.landNeedMu === undefined) u.landNeedMu = Number(mu[1]);
    else if (status && !u.landStatus) u.landStatus = status;
    else if (isIsoDate(w) && !u.landStatusOn) u.landStatusOn = w;
    else place.push(w);
  }
  if (place.length) u.landLocation = place.join(' ').slice(0, 200);
  return u;
}

export async function manageLand(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  const today = localDate(deps.clock.now(), deps.config.timezone);
  if (input.args[0] === 'set') {
    const found = await resolveProjectArg(deps, actor, input.args[1], (p) => `/land set ${p} 50亩 已选址`);
    if (!found.ok) return reply.text(found.text);
    const id = found.id;
    const project = await findProjectForReview(deps.db, id);
    if (!project) return reply.text(`找不到编号为 ${id} 的项目，请发送 /projects 查看项目编号。`);
    const refused = mayActForSquad(actor, project.squadId);
    if (refused) return reply.text(refused);
    const u = parseLandWords(input.args.slice(2));
    if (Object.keys(u).length === 0) throw new UserError(`请写上用地面积、状态、日期或地点，例如 ${SET_USAGE}`);
    if (u.landStatusOn && u.landStatusOn > today)
      throw new UserError(`日期 ${u.landStatusOn} 还没到，请写已经发生的日期。`);
    // A new status starts its wait today unless a date is given; the same status keeps its date.
    if (u.landStatus && u.landStatus !== project.landStatus && !u.landStatusOn) u.landStatusOn = today;
    await setProjectLand(deps.db, id, u, { id: actor.id, openId: actor.openId });
    const status = (u.landStatus ?? project.landStatus) as LandStatus;
    const mu = u.landNeedMu ?? project.landNeedMu;
    const where = u.landLocation ?? project.landLocation;
    return reply.text(
      `已记录「${project.name}」用地：${mu !== null ? `${mu} 亩，` : ''}${where ? `${where}，` : ''}` +
        `${LAND_STATUS_LABELS[status]}` +
        `${(u.landStatusOn ?? project.landStatusOn) ? `（${u.landStatusOn ?? project.landStatusOn}）` : ''}。`,
    );
  }
  if (input.args.length > 0) throw new UserError(`查看待供地的重点项目发送 /land；记录用地发送 ${SET_USAGE}`);
  const visible = (await listKeyProjects(deps.db)).filter((p) => maySeeSquad(actor, p.squadId));
  const rows = landWaitingList(
    visible.map((p) => ({ ...p, createdOn: localDate(p.createdAt, deps.config.timezone) })),
    today,
  );
  return reply.card(drawLandWaitingList(rows, today, SET_USAGE));
}
