import { loadAssessment } from '../../db/assessment.js';
import type { Deps } from '../../deps.js';
import { mayAssess } from '../../domain/authz.js';
import { localDate } from '../../domain/periods.js';
import { SQUAD_KINDS, type SquadKind } from '../../domain/vocabulary.js';
import { answer, type Card } from '../../feishu/answer.js';
import type { CardHandler } from '../types.js';
import { assessKindCard, assessOverviewCard } from './view.js';

/** The years an assessment can be asked for. */
export const ASSESS_YEARS = { min: 2000, max: 2100 };

/** The assessment card of a year: the overview, or one kind's details. */
export async function loadAssessCard(deps: Deps, year: number, kind?: SquadKind): Promise<Card> {
  const today = localDate(deps.clock.now(), deps.config.timezone);
  const result = await loadAssessment(deps.db, year, today);
  return kind ? assessKindCard(result, kind) : assessOverviewCard(result);
}

/** 查看明细 / 返回: checked again on every tap (a forwarded card is tapped by whoever got it). */
export const openAssessment: CardHandler = async ({ actor, value }, deps) => {
  const why = actor ? mayAssess(actor) : '无权查看年度考核';
  if (why) return answer.error(why);
  const year = value.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < ASSESS_YEARS.min || year > ASSESS_YEARS.max)
    return answer.error('这张考核卡片已失效，请重新发送 /assess 年份，例如 /assess 2018。');
  const kind = value.kind;
  if (kind !== undefined && !SQUAD_KINDS.includes(kind as SquadKind))
    return answer.error('这张考核卡片已失效，请重新发送 /assess 年份，例如 /assess 2018。');
  return answer.card(await loadAssessCard(deps, year, kind as SquadKind | undefined));
};
