import { loadDistrictGoals } from '../../db/quotas.js';
import { readSettings, setSetting } from '../../db/settings.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../domain/actor.js';
import { mayChangeSettings } from '../../domain/authz.js';
import { goalFields } from '../../domain/goal-form.js';
import { localDate } from '../../domain/periods.js';
import { goalLabel } from '../../domain/quota-sums.js';
import {
  findSettingGroup,
  groupFormValues,
  groupKeys,
  parseGroupForm,
  SETTING_GROUPS,
  settingLabel,
} from '../../domain/settings-catalog.js';
import { answer, type Card, type CardAnswer } from '../../feishu/answer.js';
import type { CardHandler } from '../types.js';
import { settingsGroupCard, settingsOverviewCard } from './view.js';

/** The overview card with the values in force (read now, so it shows the latest change). */
export async function loadSettingsOverview(deps: Deps): Promise<Card> {
  const settings = await readSettings(deps.db, SETTING_GROUPS.flatMap(groupKeys));
  const year = Number(localDate(deps.clock.now(), deps.config.timezone).slice(0, 4));
  const stored = await loadDistrictGoals(deps.db, year);
  // in the form's order: the quota metrics as the plan lists them, then the cohorts' rates
  const goals = goalFields(year, stored).flatMap((f) => stored.filter((g) => g.metric === f.metric));
  return settingsOverviewCard({
    groups: SETTING_GROUPS.map((group) => ({ group, values: groupFormValues(group, settings) })),
    goals: { year, goals: goals.map((g) => ({ ...g, label: goalLabel(g.metric) })) },
  });
}

function refusal(actor: Actor | null): CardAnswer | null {
  const why = actor ? mayChangeSettings(actor) : '无权修改设置';
  return why ? answer.error(why) : null;
}

/** 修改 / 返回: a group's form, or (no group) the overview. */
export const openSettings: CardHandler = async ({ actor, value }, deps) => {
  const refused = refusal(actor);
  if (refused) return refused;
  const group = typeof value.group === 'string' ? findSettingGroup(value.group) : undefined;
  if (!group) return answer.card(await loadSettingsOverview(deps));
  const stored = await readSettings(deps.db, groupKeys(group));
  return answer.card(settingsGroupCard(group, groupFormValues(group, stored)));
};

/** 保存: every input checked; any error and nothing is stored; each changed setting a new version. */
export const saveSettings: CardHandler = async ({ actor, value, formValue }, deps) => {
  const refused = refusal(actor);
  if (refused) return refused;
  const group = typeof value.group === 'string' ? findSettingGroup(value.group) : undefined;
  if (!group) return answer.error('这张设置卡片已失效，请重新发送 /settings。');
  const stored = await readSettings(deps.db, groupKeys(group));
  const typed = Object.fromEntries(group.fields.map((f) => [f.name, String(formValue[f.name] ?? '').trim()]));
  const parsed = parseGroupForm(group, typed, stored);
  if (!parsed.ok) return answer.fieldErrors(settingsGroupCard(group, typed, parsed.errors), parsed.errors);
  if (parsed.changes.length === 0) return answer.toast('没有改动，设置保持不变。');
  const now = deps.clock.now();
  for (const c of parsed.changes) await setSetting(deps.db, c.key, c.to, actor!.id, now);
  const after = await readSettings(deps.db, groupKeys(group));
  const names = [...new Set(parsed.changes.map((c) => settingLabel(c.key)))].join('、');
  return answer.toastAndCard(
    `已保存：${names}，立即生效`,
    settingsGroupCard(group, groupFormValues(group, after), {}, `已保存：${names}（${actor!.name}）`),
  );
};
