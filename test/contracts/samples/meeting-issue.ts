// Samples of the 提请领导小组研究的问题 cards: the form (one squad; the office's squad select with
// every project), refilled with field errors, one issue in each state, and a long list.
import { drawIssue, drawIssueForm, drawIssueList } from '../../../src/cards/meeting-issue/view.js';
import { refillForm } from '../../../src/cards/shared/form.js';
import { squadPickerElements } from '../../../src/cards/shared/squad-picker.js';
import type { MeetingIssueView } from '../../../src/db/meeting-issues.js';
import type { SampleTable } from '../card-samples.js';
import { longText, NOW, office, SQUAD_NAME, squads, TZ } from './data.js';

const projects = Array.from({ length: 100 }, (_, i) => ({
  id: i + 1,
  name: longText(40, `年产 ${i + 1} 万吨羽绒精深加工项目 <at id=all></at> **二期**；`),
  squadName: squads[i % squads.length]!.name,
}));

const issue = (over: Partial<MeetingIssueView> = {}): MeetingIssueView => ({
  id: 7,
  squadId: 1,
  squadName: SQUAD_NAME,
  projectId: 3,
  projectName: '羽绒产业园 [一期] <at id=all></at>',
  title: longText(200, '羽绒产业园项目用地指标未落实，影响开工 **急** <at id=all></at>；'),
  helpAsked: longText(1000, '请领导小组协调自然资源局在 7 月底前落实 200 亩用地指标 [附件](x)；'),
  raisedById: 11,
  raiserName: '发改局局长 <at id=all></at>',
  status: 'OPEN',
  createdAt: NOW,
  decidedAt: null,
  decisions: [],
  ...over,
});

const decided = issue({
  status: 'DECIDED',
  decidedAt: NOW,
  decisions: Array.from({ length: 3 }, (_, i) => ({
    id: i + 1,
    period: '2018Q2',
    title: longText(120, `由自然资源局牵头落实用地指标（第${i + 1}项） <at id=all></at>；`),
    ownerName: '自然资源局局长',
    dueOn: '2018-07-31',
    status: i === 0 ? 'DONE' : 'OPEN',
  })),
});

export const meetingIssueSamples: SampleTable = {
  'meeting-issue': {
    'one squad, its projects': () =>
      drawIssueForm({ squad: { id: 1, name: SQUAD_NAME }, squadPicker: [], projects: projects.slice(0, 20) }),
    'the office: squad select and 100 projects of every squad': () =>
      drawIssueForm({ squad: null, squadPicker: squadPickerElements(office, squads), projects }),
    'refilled with field errors': () =>
      refillForm(
        drawIssueForm({ squad: { id: 1, name: SQUAD_NAME }, squadPicker: [], projects: [] }),
        { issue_title: '', issue_help: '帮忙', issue_project: 'none' },
        {
          issue_title: '问题：请写明要提请研究的问题',
          issue_help: '需要协调解决的事项：请写具体一些（至少 4 个字）',
        },
      ),
  },
  'meeting-issue-view': {
    'just raised, with 撤回': () =>
      drawIssue(issue(), TZ, { notice: '已提交，待领导小组季度会议研究。', withdraw: true }),
    'the office is told': () =>
      drawIssue(issue(), TZ, { title: '新的提请研究问题', notice: `**${SQUAD_NAME}** 提请领导小组研究以下问题。` }),
    'decided, with the decisions': () => drawIssue(decided, TZ, { withdraw: true }),
    'decided, decisions not entered yet': () => drawIssue(issue({ status: 'DECIDED', projectName: null }), TZ),
    withdrawn: () => drawIssue(issue({ status: 'WITHDRAWN' }), TZ, { notice: '已由 发改局局长 撤回。' }),
  },
  'meeting-issue-list': {
    'fifteen issues, the longest texts': () =>
      drawIssueList(
        Array.from({ length: 15 }, (_, i) =>
          i % 3 === 0 ? { ...decided, id: i } : issue({ id: i, status: i % 3 === 1 ? 'OPEN' : 'WITHDRAWN' }),
        ),
        TZ,
        { subtitle: '全区', shown: 15, mayWithdraw: () => true },
      ),
    'none yet': () => drawIssueList([], TZ, { subtitle: SQUAD_NAME, shown: 15, mayWithdraw: () => false }),
  },
};
