// Samples of the monthly report cards (月度汇报): the form as each person sees it, and the summary.
import type { MonthlyReportView } from '../../../src/db/monthly-reports.js';
import {
  drawMonthlyReportForm,
  exemptForm,
  type MonthlyReportFormData,
} from '../../../src/cards/monthly-report/view.js';
import { emptyReport, renderReportSummary } from '../../../src/cards/monthly-report/view-summary.js';
import type { SampleTable } from '../card-samples.js';
import { businessman, longText, NOW, SQUAD_NAME, TZ } from './data.js';

const full = longText(1000);

function report(over: Partial<MonthlyReportView> = {}): MonthlyReportView {
  return {
    id: 1,
    squadId: 1,
    month: '2018-06',
    status: 'SUBMITTED',
    economicTrends: full,
    investmentDirections: full,
    projectInfo: full,
    suggestions: full,
    visitedBusinessmen: Array.from({ length: 12 }, (_, i) => businessman(i + 1)),
    submittedBy: '发改局局长 <at id=all></at>',
    submittedAt: new Date('2018-06-27T08:00:00Z'),
    late: false,
    exemptReason: null,
    exemptBy: null,
    version: 3,
    cardMessageId: 'om_report_1',
    updatedAt: NOW,
    lastRevision: { version: 3, by: '发改局局长', at: NOW },
    revisions: Array.from({ length: 3 }, (_, i) => ({ version: i + 1, by: '发改局局长', at: NOW })),
    ...over,
  };
}

function form(over: Partial<MonthlyReportFormData> = {}): MonthlyReportFormData {
  return { squadId: 1, squadName: SQUAD_NAME, month: '2018-06', report: null, visits: null, closeDay: 10, ...over };
}

const late = new Date('2018-07-05T02:00:00Z');
const closed = new Date('2018-07-20T02:00:00Z');

export const monthlyReportSamples: SampleTable = {
  'monthly-report': {
    'captain, new, pre-filled from the month of visits': () =>
      drawMonthlyReportForm(form({ visits: Array.from({ length: 6 }, (_, i) => businessman(i + 1)) }), NOW, TZ),
    'captain, full draft after the deadline, saved notice': () =>
      drawMonthlyReportForm(form({ report: report({ status: 'DRAFT', submittedAt: null }) }), late, TZ, {
        notice: '草稿已保存（第 3 版）。',
      }),
    'full draft, pre-filled from the visits of four trips (4 × 6)': () =>
      drawMonthlyReportForm(
        form({
          report: report({ status: 'DRAFT', submittedAt: null, visitedBusinessmen: [] }),
          visits: Array.from({ length: 24 }, (_, i) => businessman(i + 1)),
        }),
        NOW,
        TZ,
      ),
    'office, with the exemption field, visits over the limit': () =>
      drawMonthlyReportForm(form({ visits: Array.from({ length: 14 }, (_, i) => businessman(i + 1)) }), closed, TZ, {
        withExemption: true,
        viewer: { office: true, submit: true, draft: true },
      }),
    'member: 保存草稿 only, and why 提交 is missing': () =>
      drawMonthlyReportForm(form(), NOW, TZ, { viewer: { office: false, submit: false, draft: true } }),
    'captain amending a submitted report': () =>
      drawMonthlyReportForm(form({ report: report() }), NOW, TZ, { withExemption: true }),
  },
  'monthly-report-summary': {
    'submitted on time': () => renderReportSummary(report(), SQUAD_NAME, TZ, { raiseIssue: true }),
    'after the deadline: no 修改, and why': () =>
      renderReportSummary(report(), SQUAD_NAME, TZ, {
        edit: false,
        why: '已过截止时间（6月27日），已提交的汇报不能再修改；如需更正请联系区招商局。',
      }),
    'a month not written yet, read by a responsible leader, with the 免报 form': () =>
      renderReportSummary(emptyReport(1, '2018-06', NOW), SQUAD_NAME, TZ, {
        edit: false,
        why: '只读：月度汇报由本队成员填写、队长提交，你可以在这里查看。',
        exempt: [exemptForm({ squadId: 1, squadName: SQUAD_NAME, month: '2018-06', baseVersion: 0 })],
      }),
    'submitted late, many revisions': () =>
      renderReportSummary(
        report({
          late: true,
          version: 9,
          revisions: Array.from({ length: 9 }, (_, i) => ({ version: i + 1, by: `修改人${i}`, at: NOW })),
        }),
        SQUAD_NAME,
        TZ,
      ),
    exempt: () =>
      renderReportSummary(
        report({
          status: 'EXEMPT',
          exemptReason: longText(200),
          exemptBy: '俸振江 <at id=all></at>',
          submittedAt: null,
        }),
        SQUAD_NAME,
        TZ,
      ),
  },
};
