// Samples of the office's cards: /settings (overview, a group's form, refused values, history),
// /reports and the daily summary of submitted reports, a trip's cancellation, a lead's state.
import { leadStateCard } from '../../../src/cards/lead-state/view.js';
import { dailyReportsCard, reportListCard } from '../../../src/cards/report-list/view.js';
import { goalsFormCard } from '../../../src/cards/settings/goals-view.js';
import { settingsGroupCard, settingsHistoryCard, settingsOverviewCard } from '../../../src/cards/settings/view.js';
import { tripCancelCard } from '../../../src/cards/trip-cancel/view.js';
import type { LeadState } from '../../../src/db/lead-state.js';
import type { ReportLine } from '../../../src/db/report-list.js';
import { groupFormValues, parseGroupForm, SETTING_GROUPS } from '../../../src/domain/settings-catalog.js';
import { goalFields, goalFormValues, parseGoalForm } from '../../../src/domain/goal-form.js';
import { goalLabel } from '../../../src/domain/quota-sums.js';
import { METRICS } from '../../../src/domain/vocabulary.js';
import type { SampleTable } from '../card-samples.js';
import { longText, NOW, squads, TZ } from './data.js';

// Every goal of the plan's year: the quota metrics and three cohorts' commencement rates.
const GOALS = [
  ...METRICS.map((metric, i) => ({ metric, target: (i + 1) * 1000 })),
  { metric: 'COMMENCEMENT_RATE_2015', target: 0.8 },
  { metric: 'COMMENCEMENT_RATE_2016', target: 0.7 },
  { metric: 'COMMENCEMENT_RATE_2017', target: 0.6 },
];

const group = (k: string) => SETTING_GROUPS.find((g) => g.key === k)!;

function refused(k: string, change: Record<string, string>) {
  const g = group(k);
  const typed = { ...groupFormValues(g, {}), ...change };
  const parsed = parseGroupForm(g, typed, {});
  return settingsGroupCard(g, typed, parsed.ok ? {} : parsed.errors);
}

const line = (i: number, status: string | null): ReportLine => ({
  squadId: i + 1,
  squadName: squads[i % squads.length]!.name,
  month: '2018-06',
  status,
  late: i % 3 === 1,
  submittedAt: status === 'SUBMITTED' ? NOW : null,
  submittedBy: status === 'SUBMITTED' ? '经贸局局长 **<at id=all></at>**' : null,
  visitedCount: i,
  projectInfo: longText(300),
});

const lead = (over: Partial<LeadState> = {}): LeadState => ({
  id: 12,
  company: longText(60, '贵港某羽绒制品有限公司 **<at id=all></at>**'),
  squadId: 4,
  squadName: squads[1]!.name,
  source: 'INTERMEDIARY',
  status: 'CONVERTED',
  intermediaryName: '贵港市羽绒商会 [链接](x)',
  intermediaryReward: longText(200, '签约后按到位资金 1% 奖励，'),
  createdOn: '2018-05-02',
  dropReason: null,
  project: { id: 40, name: '羽绒精深加工项目', stage: 'SIGNED', signedOn: '2018-06-10' },
  reward: null,
  ...over,
});

export const officeSettingsSamples: SampleTable = {
  settings: {
    'overview, defaults, no goals yet': () =>
      settingsOverviewCard({
        groups: SETTING_GROUPS.map((g) => ({ group: g, values: groupFormValues(g, {}) })),
        goals: { year: 2018, goals: [] },
      }),
    'overview with every goal of the year': () =>
      settingsOverviewCard({
        groups: SETTING_GROUPS.map((g) => ({ group: g, values: groupFormValues(g, {}) })),
        goals: { year: 2018, goals: GOALS.map((g) => ({ ...g, label: goalLabel(g.metric) })) },
      }),
    'goals form, none set': () => goalsFormCard(2019, goalFields(2019, []), goalFormValues(goalFields(2019, []), [])),
    'goals form, every goal set': () =>
      goalsFormCard(2018, goalFields(2018, GOALS), goalFormValues(goalFields(2018, GOALS), GOALS)),
    'goals refused': () => {
      const fields = goalFields(2018, GOALS);
      const typed = {
        ...goalFormValues(fields, GOALS),
        goal_SIGNED_PROJECTS: '7.5',
        rate_2015: '180',
        goal_LEADS: '很多',
      };
      const parsed = parseGoalForm(2018, fields, typed, GOALS);
      return goalsFormCard(2018, fields, typed, parsed.ok ? {} : parsed.errors);
    },
    'goals saved': () =>
      goalsFormCard(
        2018,
        goalFields(2018, GOALS),
        goalFormValues(goalFields(2018, GOALS), GOALS),
        {},
        '已保存：到位资金 900000 万元、2015年签约项目开工率 85%（招商局局长）',
      ),
    'bulletin form': () => settingsGroupCard(group('bulletin'), groupFormValues(group('bulletin'), {})),
    'bulletin weights refused': () => refused('bulletin', { w_trips: '40', w_leads: '-1' }),
    'job times refused': () => refused('jobs', { cron_task_warnings: '99 9 * * *' }),
    'report group saved': () =>
      settingsGroupCard(
        group('report'),
        groupFormValues(group('report'), {}),
        {},
        '已保存：月度汇报·次月关闭日（几号）（招商局局长）',
      ),
  },
  'settings-history': {
    'thirty changes': () =>
      settingsHistoryCard(
        Array.from({ length: 30 }, (_, i) => ({
          label: '红黑榜评分·权重',
          version: i + 1,
          change: 'signedProjects 20 → 10，trips 5 → 15',
          by: '招商局局长',
          at: '2018-06-20 09:00',
        })),
      ),
    'no changes yet': () => settingsHistoryCard([]),
    'a goal change among settings': () =>
      settingsHistoryCard([
        { label: '全区目标·2018年到位资金', change: '800000 万元 → 未设', by: '招商局局长', at: '2018-06-20 09:05' },
        { label: '月度汇报·次月关闭日（几号）', version: 2, change: '5 → 8', by: '招商局局长', at: '2018-06-20 09:00' },
      ]),
  },
  'report-list': {
    'every state of twenty squads': () =>
      reportListCard(
        '2018-06',
        Array.from({ length: 20 }, (_, i) => line(i, [null, 'DRAFT', 'SUBMITTED', 'EXEMPT'][i % 4]!)),
        TZ,
        '2018-06-20',
      ),
  },
  'report-day': {
    'ten reports of the day': () =>
      dailyReportsCard(
        '2018-06-20',
        Array.from({ length: 10 }, (_, i) => line(i, 'SUBMITTED')),
        TZ,
      ),
    'none today': () => dailyReportsCard('2018-06-21', [], TZ),
  },
  'trip-cancel': {
    'asks for the reason': () =>
      tripCancelCard({ id: 3, destination: longText(100, '广东省深圳市南山区**科技园**'), startDate: '2018-06-22' }),
  },
  'lead-state': {
    'reward due: the approval form': () => leadStateCard(lead()),
    'open lead: the drop form': () =>
      leadStateCard(lead({ status: 'OPEN', project: null, intermediaryReward: null, source: 'VISIT' })),
    'reward approved: the payment form': () =>
      leadStateCard(
        lead({
          reward: { status: 'APPROVED', approvedAmountWan: 5, approvedAt: NOW, paidAmountWan: null, paidOn: null },
        }),
      ),
    'reward paid': () =>
      leadStateCard(
        lead({
          reward: { status: 'PAID', approvedAmountWan: 5, approvedAt: NOW, paidAmountWan: 5, paidOn: '2018-06-14' },
        }),
      ),
    dropped: () =>
      leadStateCard(lead({ status: 'DROPPED', dropReason: longText(200), project: null, intermediaryReward: null })),
  },
};
