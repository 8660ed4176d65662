import { loadSettingsOverview } from '../cards/settings/actions.js';
import { settingsGroupCard, settingsHistoryCard } from '../cards/settings/view.js';
import { loadGoalsForm } from '../cards/settings/goals.js';
import { listGoalHistory } from '../db/quotas.js';
import { listSettingHistory, readSettings } from '../db/settings.js';
import type { Deps } from '../deps.js';
import { mayChangeSettings } from '../domain/authz.js';
import { describeGoal } from '../domain/goal-form.js';
import { localDate } from '../domain/periods.js';
import { goalLabel } from '../domain/quota-sums.js';
import {
  describeSettingChange,
  groupFormValues,
  groupKeys,
  SETTING_GROUPS,
  settingLabel,
} from '../domain/settings-catalog.js';
import { UserError } from '../errors.js';
import { reply, type Reply } from '../feishu/answer.js';
import type { CommandInput } from './types.js';

const GROUP_WORDS: Record<string, string> = {
  report: 'report',
  月报: 'report',
  月度汇报: 'report',
  review: 'review',
  预审: 'review',
  bulletin: 'bulletin',
  红黑榜: 'bulletin',
  权重: 'bulletin',
  assess: 'assess',
  考核: 'assess',
  年度考核: 'assess',
  jobs: 'jobs',
  定时任务: 'jobs',
};

/** The words that open the district goals of a year (not a settings group: they are DistrictGoal rows). */
const GOAL_WORDS = new Set(['goals', '目标', '全区目标']);

/**
 * /settings (office admins): the settings in force with a button per group; `/settings <组>` opens
 * one group's form; `/settings 目标 [年份]` the district goals of a year; `/settings history` lists the latest changes with who made them and when.
 */
export async function manageSettings(input: CommandInput, deps: Deps): Promise<Reply> {
  const why = mayChangeSettings(input.actor!);
  if (why) return reply.text(why);
  const word = input.args[0];
  if (!word) return reply.card(await loadSettingsOverview(deps));
  if (word === 'history' || word === '记录') {
    const [settings, goals] = await Promise.all([listSettingHistory(deps.db, 30), listGoalHistory(deps.db, 30)]);
    const when = (at: Date) =>
      `${localDate(at, deps.config.timezone)} ${at.toLocaleTimeString('zh-CN', { timeZone: deps.config.timezone, hour: '2-digit', minute: '2-digit', hour12: false })}`;
    const rows = [
      ...settings.map((r) => ({
        ms: r.at.getTime(),
        label: settingLabel(r.key),
        version: r.version,
        change: describeSettingChange(r.key, r.from, r.value),
        by: r.byName,
        at: when(r.at),
      })),
      ...goals.map((g) => ({
        ms: g.at.getTime(),
        label: `全区目标·${g.year}年${goalLabel(g.metric)}`,
        change: `${describeGoal(g.metric, g.before)} → ${describeGoal(g.metric, g.after)}`,
        by: g.byName,
        at: when(g.at),
      })),
    ]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 30)
      .map(({ ms: _ms, ...r }) => r);
    return reply.card(settingsHistoryCard(rows));
  }
  if (GOAL_WORDS.has(word)) {
    const arg = input.args[1];
    if (input.args.length > 2 || (arg !== undefined && !/^\d{4}年?$/.test(arg)))
      throw new UserError('年份写四位数字，例如 /settings 目标 2019；不写则为今年。');
    const year = arg ? Number(arg.slice(0, 4)) : Number(localDate(deps.clock.now(), deps.config.timezone).slice(0, 4));
    if (year < 2000 || year > 2100) throw new UserError('年份应在 2000–2100 之间，例如 /settings 目标 2019。');
    return reply.card(await loadGoalsForm(deps, year));
  }
  const group = SETTING_GROUPS.find((g) => g.key === GROUP_WORDS[word]);
  if (!group) throw new UserError(`没有「${word}」这组设置；可写 月报、预审、红黑榜、考核、定时任务、目标，或 history`);
  const stored = await readSettings(deps.db, groupKeys(group));
  return reply.card(settingsGroupCard(group, groupFormValues(group, stored)));
}
