import { loadSettingsOverview } from '../cards/settings/actions.js';
import { settingsGroupCard, settingsHistoryCard } from '../cards/settings/view.js';
import { listSettingHistory, readSettings } from '../db/settings.js';
import type { Deps } from '../deps.js';
import { mayChangeSettings } from '../domain/authz.js';
import { localDate } from '../domain/periods.js';
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
  jobs: 'jobs',
  定时任务: 'jobs',
};

/**
 * /settings (office admins): the settings in force with a button per group; `/settings <组>` opens
 * one group's form; `/settings history` lists the latest changes with who made them and when.
 */
export async function manageSettings(input: CommandInput, deps: Deps): Promise<Reply> {
  const why = mayChangeSettings(input.actor!);
  if (why) return reply.text(why);
  const word = input.args[0];
  if (!word) return reply.card(await loadSettingsOverview(deps));
  if (word === 'history' || word === '记录') {
    const rows = await listSettingHistory(deps.db, 30);
    return reply.card(
      settingsHistoryCard(
        rows.map((r) => ({
          label: settingLabel(r.key),
          version: r.version,
          change: describeSettingChange(r.key, r.from, r.value),
          by: r.byName,
          at: `${localDate(r.at, deps.config.timezone)} ${r.at.toLocaleTimeString('zh-CN', { timeZone: deps.config.timezone, hour: '2-digit', minute: '2-digit', hour12: false })}`,
        })),
      ),
    );
  }
  const group = SETTING_GROUPS.find((g) => g.key === GROUP_WORDS[word]);
  if (!group) throw new UserError(`没有「${word}」这组设置；可写 月报、预审、红黑榜、定时任务，或 history`);
  const stored = await readSettings(deps.db, groupKeys(group));
  return reply.card(settingsGroupCard(group, groupFormValues(group, stored)));
}
