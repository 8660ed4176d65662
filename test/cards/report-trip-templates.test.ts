import { describe, expect, it } from 'vitest';
import { cardActions } from '../../src/cards/index.js';
import { renderReportForm, REPORT_ACTIONS } from '../../src/cards/monthly-report/view.js';
import { renderReportSummary } from '../../src/cards/monthly-report/view-summary.js';
import { templateText } from '../../src/cards/shared/template.js';
import { renderTripApproval, TRIP_ACTIONS } from '../../src/cards/trip-plan/view.js';
import { renderTripSummary } from '../../src/cards/trip-plan/view-summary.js';
import type { MonthlyReportView } from '../../src/db/monthly-reports.js';
import type { TripView } from '../../src/db/trips.js';

// Contract of the monthly-report and trip-plan cards: 2.0 templates, every action has a handler, and
// the largest content still fits Feishu's 30 KB card limit with no placeholder left.
const MAX = 30 * 1024;
const big = '经'.repeat(1000);
const person = {
  name: '王总',
  company: '司'.repeat(40),
  address: '址'.repeat(30),
  position: '总经理',
  contact: '13900000000',
  businessScope: '围'.repeat(30),
  investmentIntent: '意'.repeat(30),
};
const report: MonthlyReportView = {
  id: 1,
  squadId: 1,
  month: '2018-06',
  status: 'SUBMITTED',
  economicTrends: big,
  investmentDirections: big,
  projectInfo: big,
  suggestions: big,
  visitedBusinessmen: Array(8).fill(person),
  submittedBy: '发改局局长',
  submittedAt: new Date('2018-06-28T01:00:00Z'),
  late: true,
  exemptReason: null,
  exemptBy: null,
  version: 9,
  cardMessageId: null,
  updatedAt: new Date(),
  lastRevision: null,
  revisions: Array.from({ length: 9 }, (_, i) => ({ version: i + 1, by: '发改局局长', at: new Date() })),
};
const trip: TripView = {
  id: 1,
  squadId: 1,
  squadName: '机械制造、电子信息产业招商小分队',
  traveller: { id: 1, name: '发改局局长', openId: 'ou_1', rank: 'SECTION' },
  rank: 'SECTION',
  destination: '广东深圳 <at id=all></at>',
  startDate: '2018-06-25',
  endDate: '2018-06-28',
  companiesPlanned: '企'.repeat(1000),
  participants: [{ id: 2, name: '队员', openId: 'ou_2' }],
  status: 'REJECTED',
  approver: { id: 3, name: '俸振江', openId: 'ou_3' },
  decidedAt: new Date(),
  rejectReason: '**改期**',
  planMessageId: 'om_1',
  createdAt: new Date(),
};

describe('monthly report and trip plan cards', () => {
  it('the templates are JSON 2.0 cards with update_multi', () => {
    for (const name of ['monthly-report', 'monthly-report-summary', 'trip-plan', 'trip-approval', 'trip-summary']) {
      const card = JSON.parse(templateText(name));
      expect(card.schema).toBe('2.0');
      expect(card.config.update_multi).toBe(true);
    }
  });

  it('every action these cards send has a handler', () => {
    for (const a of [...Object.values(REPORT_ACTIONS), ...Object.values(TRIP_ACTIONS)])
      expect(Object.keys(cardActions)).toContain(a);
  });

  it('the fullest cards render without placeholders, under 30 KB, with user text escaped', () => {
    const values = {
      month: '2018-06',
      economic_trends: big,
      investment_directions: big,
      project_info: big,
      suggestions: big,
      visited_businessmen: big,
      exempt_reason: '',
    };
    const cards = [
      renderReportForm(
        {
          squadId: 1,
          squadName: 'x',
          month: '2018-06',
          status: 'NEW',
          baseVersion: 0,
          values,
          closeDay: 5,
          withExemption: true,
        },
        new Date('2018-06-20T00:00:00Z'),
        'Asia/Shanghai',
      ),
      renderReportSummary(report, '机械制造、电子信息产业招商小分队', 'Asia/Shanghai'),
      renderTripApproval(trip),
      ...(['traveller', 'office', 'approver'] as const).map((a) => renderTripSummary(trip, 'Asia/Shanghai', a)),
    ];
    for (const c of cards) {
      const json = JSON.stringify(c);
      expect(json).not.toContain('${');
      expect(Buffer.byteLength(json)).toBeLessThan(MAX);
      expect(json).not.toContain('<at id=all>');
      expect(json).not.toContain('**改期**');
    }
  });
});
