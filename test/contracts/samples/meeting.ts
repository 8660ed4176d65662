// Samples of the leadership meeting's cards: the pack (/meeting and the quarterly job), the decision
// form and the decision card its owner closes. Long user text with markup shows the escaping.
import { decisionCard, decisionFormCard } from '../../../src/cards/decision/view.js';
import { meetingPackCard, type MeetingPackView } from '../../../src/cards/meeting-pack/view.js';
import { quarterPeriod } from '../../../src/domain/periods.js';
import type { SampleTable } from '../card-samples.js';
import { longText, roster, squads } from './data.js';

const period = quarterPeriod(2018, 2);
const markup = '**加急** <at id=all></at> [链接](https://example.com)';

const pack = (n: number, canDecide: boolean, decisions = n): MeetingPackView => ({
  period,
  today: '2018-06-20',
  places: [
    { label: '产业招商小分队', squads: squads.slice(0, 7).map((s, i) => ({ name: s.name, score: 90 - i * 7.5 })) },
    { label: '镇（街道办）', squads: squads.slice(0, 3).map((s, i) => ({ name: s.name, score: 70 - i * 5 })) },
  ],
  lists: {
    source: 'DRAFT',
    sections: [
      {
        kind: 'INDUSTRY',
        label: '产业招商小分队',
        ranking: [],
        red: [{ squadId: 1, name: squads[0]!.name, rank: 1, score: 90, reasons: ['完成率最高'] }],
        black: [{ squadId: 2, name: squads[1]!.name, rank: 7, score: 30, reasons: ['缺报月度汇报'] }],
      },
    ],
  },
  issues: {
    total: n + 5,
    rows: Array.from({ length: n }, (_, i) => ({
      id: i + 1,
      squadName: squads[i % squads.length]!.name,
      title: longText(100, `产业园用地指标不足 ${markup}`),
      helpAsked: longText(200, '请国土分局调剂用地指标并协调电力增容；'),
      projectName: i % 2 ? null : longText(60, '年产十万吨新型环保建材项目'),
      raisedByName: roster[i % roster.length]!.name,
      raisedOn: '2018-06-01',
    })),
  },
  openDecisions: {
    total: decisions + 3,
    rows: Array.from({ length: Math.min(decisions, 10) }, (_, i) => ({
      title: longText(150, `协调电力增容 ${markup}`),
      period: '2018Q1',
      ownerName: roster[i % roster.length]!.name,
      dueOn: '2018-05-31',
      daysOver: i % 2 ? 20 : -5,
    })),
  },
  closed: Array.from({ length: decisions }, (_, i) => ({
    title: longText(150, '落实园区道路建设'),
    ownerName: roster[i % roster.length]!.name,
    closedOn: '2018-05-10',
    closedByName: i % 2 ? '领导小组办公室工作人员' : roster[i % roster.length]!.name,
    note: longText(500, `道路已通车 ${markup}；`),
  })),
  canDecide,
});

const decision = (status: 'OPEN' | 'DONE', daysOver: number) => ({
  id: 12,
  period: '2018Q2',
  title: longText(500, `由国土分局调剂用地指标 ${markup}；`),
  ownerName: '马明',
  dueOn: '2018-07-20',
  status,
  closedNote: status === 'DONE' ? longText(500, `已调剂 200 亩 ${markup}；`) : null,
  closedOn: status === 'DONE' ? '2018-07-10' : null,
  closedByName: status === 'DONE' ? '马明' : null,
  daysOver,
  issueLine: `${squads[0]!.name}提出：产业园用地指标不足`,
});

export const meetingSamples: SampleTable = {
  'meeting-pack': {
    'a full quarter for the office (eight issues, ten decisions each way)': () => meetingPackCard(pack(8, true, 12)),
    'the same for the leading group (no buttons)': () => meetingPackCard(pack(8, false)),
    'an empty quarter': () =>
      meetingPackCard({
        ...pack(0, true),
        places: [],
        lists: { source: 'COMPUTED', sections: [] },
        issues: { total: 0, rows: [] },
        openDecisions: { total: 0, rows: [] },
      }),
  },
  'decision-form': {
    'from an issue, a hundred people to pick from': () =>
      decisionFormCard({
        period: '2018Q2',
        issue: {
          id: 1,
          squadName: squads[0]!.name,
          title: longText(100, `产业园用地指标不足 ${markup}`),
          helpAsked: longText(200, '请国土分局调剂用地指标；'),
          projectName: '年产十万吨新型环保建材项目',
        },
        owners: Array.from({ length: 100 }, (_, i) => ({ openId: `ou_person_${i}` })),
        initialOwner: 'ou_person_0',
        defaultTitle: longText(200, '请国土分局调剂用地指标；'),
        dueOn: '2018-07-20',
        submitValue: { action: 'decision.save', key: 'decision:issue-1', period: '2018Q2', issueId: 1 },
      }),
    standalone: () =>
      decisionFormCard({
        period: '2018Q2',
        owners: roster.map((_, i) => ({ openId: `ou_person_${i}` })),
        defaultTitle: '',
        dueOn: '2018-07-20',
        submitValue: { action: 'decision.save', key: 'decision:msg-om_1', period: '2018Q2', issueId: null },
      }),
  },
  decision: {
    'open, with the note the owner got': () =>
      decisionCard({ ...decision('OPEN', -10), notice: '招商局局长记录了领导小组会议的决定，由你负责。' }),
    overdue: () => decisionCard(decision('OPEN', 12)),
    'closed with its note': () => decisionCard(decision('DONE', 0)),
  },
};
