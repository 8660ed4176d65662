import { loadDistrictGoals, saveDistrictGoals } from '../../db/quotas.js';
import type { Deps } from '../../deps.js';
import { mayChangeSettings } from '../../domain/authz.js';
import { describeGoal, goalFields, goalFormValues, parseGoalForm } from '../../domain/goal-form.js';
import { goalLabel } from '../../domain/quota-sums.js';
import { answer, type Card, type CardAnswer } from '../../feishu/answer.js';
import type { CardHandler } from '../types.js';
import { goalsFormCard } from './goals-view.js';

/** The year a callback names, or null when it is not a plausible one (a stale or forged card). */
function yearOf(value: Record<string, unknown>): number | null {
  const y = Number(value.year);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : null;
}

/** A year's goals form with the goals in force. */
export async function loadGoalsForm(deps: Deps, year: number, saved?: string): Promise<Card> {
  const stored = await loadDistrictGoals(deps.db, year);
  const fields = goalFields(year, stored);
  return goalsFormCard(year, fields, goalFormValues(fields, stored), {}, saved);
}

function refusal(why: string | null): CardAnswer | null {
  return why ? answer.error(why) : null;
}

/** 修改 on the overview's 全区目标 block: the year's form. */
export const openGoals: CardHandler = async ({ actor, value }, deps) => {
  const refused = refusal(actor ? mayChangeSettings(actor) : '无权修改设置');
  if (refused) return refused;
  const year = yearOf(value);
  if (year === null) return answer.error('这张设置卡片已失效，请重新发送 /settings 目标。');
  return answer.card(await loadGoalsForm(deps, year));
};

/** 保存: every input checked first; any error and nothing is stored; the changes land in one transaction. */
export const saveGoals: CardHandler = async ({ actor, value, formValue }, deps) => {
  const refused = refusal(actor ? mayChangeSettings(actor) : '无权修改设置');
  if (refused) return refused;
  const year = yearOf(value);
  if (year === null) return answer.error('这张设置卡片已失效，请重新发送 /settings 目标。');
  const stored = await loadDistrictGoals(deps.db, year);
  const fields = goalFields(year, stored);
  const typed = Object.fromEntries(fields.map((f) => [f.name, String(formValue[f.name] ?? '').trim()]));
  const parsed = parseGoalForm(year, fields, typed, stored);
  if (!parsed.ok) return answer.fieldErrors(goalsFormCard(year, fields, typed, parsed.errors), parsed.errors);
  if (parsed.changes.length === 0) return answer.toast('没有改动，全区目标保持不变。');
  await saveDistrictGoals(
    deps.db,
    year,
    parsed.changes.map((c) => ({ metric: c.metric, target: c.to })),
    { id: actor!.id, openId: actor!.openId },
    deps.clock.now(),
  );
  const names = parsed.changes.map((c) => `${goalLabel(c.metric)} ${describeGoal(c.metric, c.to)}`).join('、');
  return answer.toastAndCard(
    `已保存 ${year} 年全区目标：${names}`,
    await loadGoalsForm(deps, year, `已保存：${names}（${actor!.name}）`),
  );
};
