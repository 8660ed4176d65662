// Samples of the joint pre-review cards (联合预审): the start form, a unit's opinion form and its
// receipt, the review status in each state, and the veto notice with the overrule form.
import { refillForm } from '../../../src/cards/shared/form.js';
import {
  renderOpinionCard,
  renderOpinionDone,
  renderReviewStart,
  renderReviewStatus,
  renderVetoNotice,
} from '../../../src/cards/review/view.js';
import type { HistoryLine, OpinionRow, ProjectForReview, ReviewRow } from '../../../src/db/reviews.js';
import { DEFAULT_REVIEW_UNIT_CODES, type ReviewState } from '../../../src/domain/review.js';
import type { SampleTable } from '../card-samples.js';
import { longText, NOW, SQUAD_NAME, TZ } from './data.js';

const TODAY = '2018-06-20';

/** The reviewable units, as listReviewableUnits returns them (the plan's units). */
const units = [
  ['INVEST', '招商局'],
  ['PARK', '区工业园'],
  ['DRC', '发改局'],
  ['ECON', '经贸局'],
  ['FINANCE', '财政局'],
  ['EPB', '环保局'],
  ['CONSTRUCTION', '建设局'],
  ['LAND', '国土分局'],
  ['GOV_SERVICE', '政务办'],
  ['HRSS', '人社局'],
  ['SCIENCE', '科技局'],
  ['SAFETY', '安监局'],
  ['MUNICIPAL', '市政局'],
  ['TRANSPORT', '交通局'],
  ['WATER', '水利局'],
  ['FORESTRY', '林业局'],
  ['AIC', '工商分局'],
  ['FOOD_DRUG', '食品药品监督局'],
].map(([code, name]) => ({ code: code!, name: name! }));
const selected = [...DEFAULT_REVIEW_UNIT_CODES];

function project(over: Partial<ProjectForReview> = {}): ProjectForReview {
  return {
    id: 42,
    name: longText(100, '年产 500 万件高端羽绒服装及羽绒精深加工项目（一期）<at id=all></at>；'),
    company: longText(100, '广西某某羽绒制品有限公司 **(集团)** <at id=all></at>；'),
    squadId: 1,
    squadName: SQUAD_NAME,
    squadChatId: 'oc_squad_1',
    stage: 'NEGOTIATING',
    investment: 350000,
    isKey: true,
    keyNotes: longText(500, '一企一策：用地指标优先保障，**标准厂房**免租三年 <at id=all></at>；'),
    reviewStatus: 'IN_REVIEW',
    landNeedMu: 300,
    landLocation: '桥圩镇工业集中区',
    landStatus: 'SITE_IDENTIFIED',
    landStatusOn: '2018-05-02',
    createdAt: NOW,
    ...over,
  };
}

const opinion = (i: number, over: Partial<OpinionRow> = {}): OpinionRow => ({
  id: 900 + i,
  unitId: i + 1,
  unitName: `${['经贸局', '环保局', '招商局', '发改局', '区工业园', '政务办'][i % 6]} <at id=all></at>`,
  decision: 'PENDING',
  conditions: null,
  vetoCategory: null,
  reason: null,
  dueOn: i % 2 ? '2018-06-19' : '2018-06-25',
  decidedByName: null,
  reviewerId: null,
  reviewerName: null,
  ...over,
});

const by = { decidedByName: '预审经办人 张三 <at id=all></at>' };
const pass = (i: number) => opinion(i, { decision: 'PASS', ...by });
const conditional = (i: number) =>
  opinion(i, {
    decision: 'CONDITIONAL',
    conditions: longText(1000, '须在开工前取得环评批复 <at id=all></at>；'),
    ...by,
  });
const veto = (i: number) =>
  opinion(i, {
    decision: 'VETO',
    vetoCategory: (['ENVIRONMENT', 'LAND', 'INDUSTRIAL_POLICY', 'SAFETY', 'OTHER'] as const)[i % 5]!,
    reason: longText(1000, '项目选址位于饮用水水源二级保护区内 **不得** 新建排污口 <at id=all></at>；'),
    ...by,
  });

function review(status: ReviewState, opinions: OpinionRow[], over: Partial<ReviewRow> = {}): ReviewRow {
  return {
    id: 77,
    projectId: 42,
    status,
    startedById: 11,
    startedAt: NOW,
    closedAt: status === 'OPEN' ? null : NOW,
    overruledByName: null,
    overruleReason: null,
    opinions,
    ...over,
  };
}

const open = review('OPEN', [pass(0), conditional(1), opinion(2), opinion(3), opinion(4), opinion(5)]);
const passed = review('PASSED', [pass(0), conditional(1), pass(2), conditional(3), pass(4), pass(5)]);
const vetoed = review('VETOED', [pass(0), veto(1), conditional(2), opinion(3), opinion(4), opinion(5)]);
const twoVetoes = review('VETOED', [veto(0), veto(1), conditional(2), pass(3), opinion(4), opinion(5)]);
const overruled = review('OVERRULED', vetoed.opinions, {
  overruledByName: '区长（领导小组组长）<at id=all></at>',
  overruleReason: longText(1000, '经领导小组会议研究，同意项目调整选址后继续推进 <at id=all></at>；'),
});

const actor = '招商局办公室 <at id=all></at>';
const line = (action: string, detail: Record<string, unknown>, actorName: string | null = actor): HistoryLine => ({
  at: NOW,
  actorName,
  action,
  detail,
});

/** Every kind of history line, twice over: one review vetoed and overruled, then a new one. */
const history: HistoryLine[] = Array.from({ length: 2 }, () => [
  line('review.start', { units: ['经贸局', '环保局 <at id=all></at>', '招商局'], dueOn: '2018-06-25', isKey: true }),
  line('review.opinion', { unit: '经贸局', decision: 'PASS' }),
  line('review.opinion', { unit: '环保局', decision: 'CONDITIONAL', conditions: longText(300) }),
  line('review.opinion', { unit: '发改局', decision: 'VETO', reason: longText(300) }),
  line('review.vetoed', {}, null),
  line('review.overrule', { reason: longText(300) }, '区长 <at id=all></at>'),
  line('review.warning', { kind: 'DUE_SOON', unit: '政务办 <at id=all></at>', dueOn: '2018-06-25' }, null),
  line('review.warning', { kind: 'OVERDUE', unit: '区工业园', dueOn: '2018-06-19' }, null),
  line('review.passed', {}, null),
  line('review.something <at id=all></at>', {}),
]).flat();

/** Six units, each passing with the full 1000 characters of conditions the form allows, as the bot records them. */
// Plain Chinese (no markup to escape): the size is the text itself, not its escaping.
const plainConditions = longText(1000, '须在开工前取得环评批复并落实污水处理设施同步建设；');
const allConditional = review(
  'PASSED',
  [0, 1, 2, 3, 4, 5].map((i) => ({ ...conditional(i), conditions: plainConditions })),
);
const allConditionalHistory: HistoryLine[] = [
  line('review.start', { units: allConditional.opinions.map((o) => o.unitName), dueOn: '2018-06-25', isKey: true }),
  ...allConditional.opinions.map((o) =>
    line('review.opinion', { unit: o.unitName, decision: 'CONDITIONAL', conditions: o.conditions }, o.decidedByName),
  ),
  line('review.passed', {}, null),
];

export const reviewSamples: SampleTable = {
  'review-start': {
    'key project over the threshold, six default units of eighteen, as the squad sees it': () =>
      renderReviewStart(project(), units, selected, { thresholdWan: 10_000, days: 3, reason: 'NONE' }),
    'as an office admin (a reason to remove a plan unit)': () =>
      renderReviewStart(project(), units, selected, { thresholdWan: 10_000, days: 3, reason: 'REMOVAL' }),
    'under the threshold, not key, restart after a veto (a reason required)': () =>
      renderReviewStart(project({ investment: 8000, isKey: false, keyNotes: '', reviewStatus: 'VETOED' }), units, [], {
        thresholdWan: 10_000,
        days: 5,
        reason: 'RESTART',
      }),
  },
  'review-opinion': {
    'key project, pending opinion': () => renderOpinionCard(project(), opinion(1)),
    'veto without a reason, refilled': () =>
      refillForm(
        renderOpinionCard(project({ isKey: false, keyNotes: '', company: '' }), opinion(2)),
        { decision: 'VETO', conditions: longText(1000) },
        { veto_category: '否决须选择否决类别（环保、用地、产业政策、安全生产或其他）', reason: '否决须写明理由' },
      ),
  },
  'review-opinion-done': {
    'passed, review still open': () => renderOpinionDone(project(), pass(0), open),
    'conditional, the last one: review passed': () =>
      renderOpinionDone(project({ reviewStatus: 'PASSED' }), conditional(3), passed),
    'veto: review vetoed': () => renderOpinionDone(project({ reviewStatus: 'VETOED' }), veto(1), vetoed),
  },
  'review-status': {
    'open, some pending and overdue, long history': () => renderReviewStatus(project(), open, history, TODAY, TZ),
    'passed with conditions': () =>
      renderReviewStatus(project({ reviewStatus: 'PASSED' }), passed, history.slice(0, 5), TODAY, TZ),
    'passed, six units each with 1000 characters of conditions': () =>
      renderReviewStatus(project({ reviewStatus: 'PASSED' }), allConditional, allConditionalHistory, TODAY, TZ),
    'vetoed by two units': () => renderReviewStatus(project({ reviewStatus: 'VETOED' }), twoVetoes, history, TODAY, TZ),
    'veto overruled': () => renderReviewStatus(project({ reviewStatus: 'OVERRULED' }), overruled, history, TODAY, TZ),
    'open, a plan unit removed with a reason, one unit waiting for a named reviewer, one named': () =>
      renderReviewStatus(
        project(),
        review(
          'OPEN',
          [pass(0), opinion(1), opinion(2, { reviewerId: 5, reviewerName: '财政局 某某 <at id=all></at>' })],
          {
            id: 78,
          },
        ),
        [
          line('review.start', {
            reviewId: 78,
            units: ['经贸局', '环保局', '招商局'],
            removed: [
              {
                unit: '政务办 <at id=all></at>',
                reason: longText(500, '项目不涉及行政审批 **事项** <at id=all></at>；'),
              },
            ],
            reason: longText(500, '项目不涉及行政审批 **事项** <at id=all></at>；'),
            dueOn: '2018-06-25',
          }),
          line('review.reviewer', { unit: '招商局', reviewer: '财政局 某某 <at id=all></at>' }),
        ],
        TODAY,
        TZ,
        [901],
      ),
    'restarted by the office after a veto': () =>
      renderReviewStatus(
        project(),
        review('OPEN', [opinion(0), opinion(1)], { id: 79 }),
        [
          line('review.start', {
            reviewId: 79,
            units: ['经贸局', '环保局'],
            restart: true,
            reason: longText(500, '企业已调整选址 **和工艺** <at id=all></at>；'),
            dueOn: '2018-06-25',
          }),
        ],
        TODAY,
        TZ,
      ),
    'open, no units, no history, not key': () =>
      renderReviewStatus(project({ isKey: false, keyNotes: '' }), review('OPEN', []), [], TODAY, TZ),
  },
  'review-veto': {
    'one veto, the other units': () => renderVetoNotice(project({ reviewStatus: 'VETOED' }), vetoed),
    'two vetoes': () => renderVetoNotice(project({ reviewStatus: 'VETOED' }), twoVetoes),
    'refilled without a reason': () =>
      refillForm(
        renderVetoNotice(project({ reviewStatus: 'VETOED' }), vetoed),
        { overrule_reason: '' },
        { overrule_reason: '请填写推翻否决的理由' },
      ),
  },
};
