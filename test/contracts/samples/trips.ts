// Samples of the trip plan (外出招商计划) and trip report (外出招商报告) cards.
import { refillForm } from '../../../src/cards/shared/form.js';
import { drawTripPlan, renderTripApproval } from '../../../src/cards/trip-plan/view.js';
import { renderTripSummary } from '../../../src/cards/trip-plan/view-summary.js';
import { drawTripReport, drawTripReportList } from '../../../src/cards/trip-report/view.js';
import type { TripReport, TripVisit } from '../../../src/db/trip-reports.js';
import type { TripView } from '../../../src/db/trips.js';
import type { SampleTable } from '../card-samples.js';
import { longText, NOW, roster, SQUAD_NAME, squads, TZ, when } from './data.js';

const companies = Array.from(
  { length: 40 },
  (_, i) => `广东深圳某某新能源科技股份有限公司（第${i + 1}家，对接人：李总 <at id=all></at>）`,
);

function trip(over: Partial<TripView> = {}): TripView {
  return {
    id: 7,
    squadId: 1,
    squadName: SQUAD_NAME,
    traveller: { id: 11, name: '发改局局长 <at id=all></at>', openId: 'ou_captain_1', rank: 'DIVISION' },
    rank: 'DIVISION',
    destination: '广东深圳、东莞、惠州 **珠三角** <at id=all></at>',
    startDate: '2018-06-18',
    endDate: '2018-06-23',
    companiesPlanned: companies.join('\n').slice(0, 1000),
    participants: roster.slice(0, 12),
    status: 'PENDING',
    approver: { id: 3, name: '俸振江 <at id=all></at>', openId: 'ou_leader_1' },
    decidedAt: null,
    rejectReason: null,
    planMessageId: 'om_trip_7',
    createdAt: NOW,
    ...over,
  };
}

const visit = (i: number): TripVisit => ({
  id: i,
  visitedOn: '2018-06-19',
  contactName: `王总${i} <at id=all></at>`,
  company: `东莞某某精密电子制造有限公司第${i}厂 [总部] <at id=all></at>`,
  position: '董事长兼总经理',
  phone: '13900001111',
  address: '广东省东莞市松山湖高新区',
  businessScope: '精密电子元件',
  investmentIntent: '拟在贵港设厂',
});

function report(visits: number, leads: number, over: Partial<TripReport> = {}): TripReport {
  return {
    id: 7,
    squadId: 1,
    squadName: SQUAD_NAME,
    destination: '广东深圳、东莞、惠州',
    startDate: '2018-06-18',
    endDate: '2018-06-23',
    status: 'APPROVED',
    version: 1529460000000,
    shortOfRule: false,
    reportedAt: null,
    reportedByName: null,
    visits: Array.from({ length: visits }, (_, i) => visit(i + 1)),
    leads: Array.from({ length: leads }, (_, i) => ({
      id: i + 1,
      company: `惠州某某锂电池材料有限公司（${i + 1}）<at id=all></at>`,
      sector: '新能源材料',
      intendedInvestment: i % 2 ? null : 35000 + i,
    })),
    ...over,
  };
}

const rejected = { status: 'REJECTED', decidedAt: NOW, rejectReason: longText(200) } as const;

export const tripSamples: SampleTable = {
  'trip-plan': {
    'division-level traveller, whole roster to pick': () =>
      drawTripPlan({
        squadId: 1,
        squadName: SQUAD_NAME,
        traveller: { name: '发改局局长', rank: 'DIVISION' },
        approverRole: 'GROUP_LEADER',
        approver: { id: 1, name: '区长', openId: 'ou_leader_0' },
        roster,
      }),
    'refilled with field errors, no approver set': () =>
      refillForm(
        drawTripPlan({
          squadId: 1,
          squadName: squads[11]!.name,
          traveller: { name: '队员1号', rank: null },
          approverRole: 'LEADER_IN_CHARGE',
          approver: null,
          roster: [],
        }),
        { destination: '深圳', start_date: '2018-06-25 +0800', companies: companies.join('\n').slice(0, 1000) },
        { end_date: '请选择返回日期', destination: '目的地最多 100 个字' },
      ),
    'reopened after a rejection, every field pre-filled': () =>
      refillForm(
        drawTripPlan({
          squadId: 1,
          squadName: SQUAD_NAME,
          traveller: { name: '发改局局长', rank: 'DIVISION' },
          approverRole: 'GROUP_LEADER',
          approver: { id: 1, name: '区长', openId: 'ou_leader_0' },
          roster,
          reopen: { id: 7, rejectReason: longText(200) },
        }),
        {
          destination: trip().destination,
          start_date: '2018-06-18',
          end_date: '2018-06-23',
          companies: trip().companiesPlanned,
          people: roster.slice(0, 12).map((p) => p.openId),
        },
      ),
  },
  'trip-approval': {
    'pending, for the approver': () => renderTripApproval(trip()),
    'fewer than 6 companies: the warning': () =>
      renderTripApproval(trip({ companiesPlanned: companies.slice(0, 3).join('\n') })),
    'reject without a reason, refilled': () =>
      refillForm(renderTripApproval(trip()), { reject_reason: '' }, { reject_reason: '驳回时请填写驳回原因' }),
  },
  'trip-summary': {
    'pending, traveller': () => renderTripSummary(trip(), TZ, 'traveller'),
    'approved, office copy': () => renderTripSummary(trip({ status: 'APPROVED', decidedAt: NOW }), TZ, 'office'),
    'rejected, approver': () => renderTripSummary(trip(rejected), TZ, 'approver'),
    'rejected, traveller': () => renderTripSummary(trip(rejected), TZ, 'traveller'),
    'reported, no participants': () => renderTripSummary(trip({ status: 'REPORTED', participants: [] }), TZ, 'office'),
    cancelled: () => renderTripSummary(trip({ status: 'CANCELLED', approver: null }), TZ, 'traveller'),
  },
  'trip-report': {
    'approved, nothing entered yet': () => drawTripReport(report(0, 0), when),
    'with visits and leads, rule met, notice': () =>
      drawTripReport(report(20, 15), when, { notice: '已保存第 20 家拜访企业。' }),
    'visit refilled with field errors': () =>
      refillForm(
        drawTripReport(report(4, 1), when),
        { contact_name: '王总', visit_company: longText(100), visit_phone: '12345', visit_date: '2018-06-19 +0800' },
        { visit_phone: '联系方式格式不对：手机号为 1 开头的 11 位数字' },
      ),
  },
  'trip-report-list': {
    'twenty trips waiting for their report': () =>
      drawTripReportList(
        Array.from({ length: 20 }, (_, i) => ({
          id: i + 1,
          squadName: squads[i % squads.length]!.name,
          destination: `广东深圳、东莞 **${i + 1}** <at id=all></at>`,
          startDate: '2018-06-18',
          endDate: '2018-06-23',
        })),
      ),
  },
};

/** Trip reports that come back as a receipt (cards/receipt.json). */
export const tripReceiptSamples = {
  'trip report submitted, short of the rule': () =>
    drawTripReport(
      report(30, 2, { status: 'REPORTED', shortOfRule: true, reportedAt: NOW, reportedByName: '发改局局长' }),
      when,
    ),
  'trip report not fillable (plan not approved)': () => drawTripReport(report(0, 0, { status: 'PENDING' }), when),
};
