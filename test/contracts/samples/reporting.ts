// Samples of the reporting cards built on the squads' tallies: /progress, /rank, the quarterly
// red/black list (bulletin) and the quarterly digest for the leadership group. The district is the
// plan's (prisma/plan-2018.json): 7 industry squads and 8 towns, plus departments to make 20 squads,
// with their real quotas; the figures are the domain's own (tally, scoring), as the commands build them.
import { bulletinCard } from '../../../src/cards/bulletin/view.js';
import { digestCard } from '../../../src/cards/digest/view.js';
import { progressCard, type ProgressView } from '../../../src/cards/progress/view.js';
import { rankCard } from '../../../src/cards/rank/view.js';
import { commencementByCohort } from '../../../src/domain/commencement.js';
import type { InspectionRating, SquadInspections } from '../../../src/domain/inspection-results.js';
import type { MonthPoint } from '../../../src/domain/monthly-trend.js';
import { quarterPeriod, yearPeriod, type Period } from '../../../src/domain/periods.js';
import { judgeByKind, placesOf } from '../../../src/domain/ranking-by-kind.js';
import { DEFAULT_RULES, DEFAULT_WEIGHTS } from '../../../src/domain/scoring.js';
import { emptyActuals, groupTallies, type SquadTally } from '../../../src/domain/tally.js';
import type { Metric } from '../../../src/domain/vocabulary.js';
import type { SampleTable } from '../card-samples.js';

type Quota = Partial<Record<Metric, number>>;
const industry = (sp: number, si: number, fu: number, fc: number, pk: number): Quota => ({
  SIGNED_PROJECTS: sp,
  SIGNED_INVESTMENT: si,
  FUNDS_IN_PLACE: fu,
  FOREIGN_CAPITAL_USD: fc,
  PACKAGED_PROJECTS: pk,
  TRIPS: 4,
  VISITS: 24,
  LEADS: 12,
});
const town: Quota = { TRIPS: 2, VISITS: 12, LEADS: 6 };

interface PlanSquad {
  id: number;
  name: string;
  kind: SquadTally['kind'];
  sortOrder: number;
  quota: Quota;
}
const of = (kind: PlanSquad['kind'], first: number, names: string[], quota: (i: number) => Quota): PlanSquad[] =>
  names.map((name, i) => ({ id: first + i, name, kind, sortOrder: first + i, quota: quota(i) }));
const INDUSTRY_QUOTAS: Quota[] = [
  industry(4, 160000, 160000, 2300, 6),
  { FUNDS_IN_PLACE: 200000, COMMENCED_PROJECTS: 7, TRIPS: 4, VISITS: 24, LEADS: 12 },
  industry(4, 130000, 130000, 2000, 6),
  industry(3, 100000, 100000, 1500, 5),
  industry(3, 90000, 90000, 1000, 5),
  industry(2, 60000, 60000, 800, 4),
  industry(2, 60000, 60000, 700, 4),
];

/** The plan's squads and quotas (附表一/二/三), and five department squads with the towns' quota. */
export const PLAN_SQUADS: PlanSquad[] = [
  ...of(
    'INDUSTRY',
    1,
    [
      '重大项目招商谈判小分队',
      '项目推进服务小分队',
      '机械制造、电子信息产业招商小分队',
      '纺织和羽绒产业招商小分队',
      '现代农业、旅游物流产业招商小分队',
      '大健康产业、新材料招商小分队',
      '木业深加工招商小分队',
    ],
    (i) => INDUSTRY_QUOTAS[i]!,
  ),
  ...of(
    'TOWN',
    11,
    ['江南街道', '八塘街道', '桥圩镇', '木格镇', '木梓镇', '湛江镇', '东津镇', '瓦塘镇'].map((n) => `${n}招商小分队`),
    () => town,
  ),
  ...of(
    'DEPARTMENT',
    21,
    ['区发展和改革局', '区工业和信息化局', '区农业农村局', '区住房和城乡建设局', '区文化广电体育和旅游局'].map(
      (n) => `${n}招商小分队`,
    ),
    () => town,
  ),
];

/**
 * Each squad's tally for a period: squad i achieves a share of its quota that falls with i (the
 * first squads over-fulfil, the last barely start), with missing reports and broken trip rules at
 * the bottom, so the red and black lists both fill and carry several reasons.
 */
function talliesFor(period: Period, months: number): SquadTally[] {
  const share = period.quarter ? 0.25 : 1;
  return PLAN_SQUADS.map((s, i) => {
    const f = Math.max(0, 1.3 - i * 0.08);
    const q = (m: Metric) => (s.quota[m] ?? 0) * share * f;
    const a = emptyActuals();
    a.signedProjects = Math.round(q('SIGNED_PROJECTS'));
    a.signedInvestment = Math.round(q('SIGNED_INVESTMENT'));
    a.majorSigned = a.signedProjects > 1 ? 1 : 0;
    a.strategicSigned = i % 3 === 0 ? a.signedProjects : 0;
    a.fundsInPlace = Math.round(q('FUNDS_IN_PLACE') * 10) / 10;
    a.foreignCapitalUsd = Math.round(q('FOREIGN_CAPITAL_USD'));
    a.packagedProjects = Math.round(q('PACKAGED_PROJECTS'));
    a.commencedProjects = Math.round(q('COMMENCED_PROJECTS'));
    a.trips = Math.round(q('TRIPS') + 0.4);
    a.tripsReported = a.trips;
    a.tripsKeptRule = i > 15 ? 0 : a.trips;
    a.visits = Math.round(q('VISITS'));
    a.leads = Math.round(q('LEADS'));
    const missing = i > 16 ? 2 : i > 12 ? 1 : 0;
    const exempt = i === 8 ? 1 : 0;
    const late = i % 4 === 1 ? 1 : 0;
    a.reports = { onTime: months - missing - exempt - late, late, missing, exempt, due: months - exempt };
    const inspections = inspectionsFor(period, i);
    return {
      squadId: s.id,
      name: s.name,
      kind: s.kind,
      sortOrder: s.sortOrder,
      actual: a,
      quota: s.quota,
      ...(inspections ? { inspections } : {}),
    };
  });
}

const RATINGS: InspectionRating[] = ['GOOD', 'FAIR', 'AVERAGE', 'POOR'];
/** As long as the inspection card lets an inspector write (1,000 characters), with markup typed in. */
const LONG_FINDINGS =
  `招商台账不完整，**线索**跟踪记录缺失 <at id=all></at>；${'联合责任单位未按时参加调度会，项目推进缓慢。'.repeat(45)}`.slice(
    0,
    1000,
  );

/**
 * What the 督查室 found: every fifth squad not inspected; the rating falls with i (the bottom squads
 * 差, with the longest findings there can be and corrections overdue); a year has four quarters'
 * inspections, a quarter one, and squad 2 was inspected twice in it.
 */
function inspectionsFor(period: Period, i: number): SquadInspections | undefined {
  if (i % 5 === 4) return i === 9 ? { inspections: [], openCorrections: 2, overdueCorrections: 1 } : undefined;
  const rating = RATINGS[Math.min(3, Math.floor(i / 4))]!;
  const quarters = period.quarter ? (i === 1 ? [period.quarter, period.quarter] : [period.quarter]) : [1, 2, 3, 4];
  return {
    inspections: quarters.map((q, n) => ({
      period: `${period.year}Q${q}`,
      inspectedOn: `${period.year}-${String(q * 3).padStart(2, '0')}-${String(10 + n).padStart(2, '0')}`,
      rating,
      findings:
        rating === 'POOR' ? LONG_FINDINGS : rating === 'GOOD' ? '台账规范，线索跟踪及时' : '外出招商报告偶有迟交',
    })),
    openCorrections: rating === 'POOR' ? 3 : rating === 'AVERAGE' ? 1 : 0,
    overdueCorrections: rating === 'POOR' ? 2 : 0,
  };
}

/** Start of a quarter: quotas set, nothing done and no report due yet. */
function emptyTallies(): SquadTally[] {
  return PLAN_SQUADS.map((s) => ({
    squadId: s.id,
    name: s.name,
    kind: s.kind,
    sortOrder: s.sortOrder,
    actual: emptyActuals(),
    quota: s.quota,
  }));
}

/** Every squad rated 差 as often as a period allows, its findings 1,000 characters of escaped markup. */
function worstInspected(period: Period, months: number): SquadTally[] {
  const quarters = period.quarter ? [period.quarter, period.quarter, period.quarter] : [1, 2, 3, 4, 4];
  return talliesFor(period, months).map((t) => ({
    ...t,
    inspections: {
      inspections: quarters.map((q) => ({
        period: `${period.year}Q${q}`,
        inspectedOn: `${period.year}-${String(q * 3).padStart(2, '0')}-28`,
        rating: 'POOR' as const,
        findings: '<*>[#]'.repeat(170),
      })),
      openCorrections: 120,
      overdueCorrections: 119,
    },
  }));
}

const Q2 = quarterPeriod(2018, 2);
const Q3 = quarterPeriod(2018, 3);
const Y2017 = yearPeriod(2017);
const TODAY = '2018-06-20';
const judge = (t: SquadTally[], p: Period) => judgeByKind(t, p, DEFAULT_WEIGHTS, DEFAULT_RULES);
/** The rank card's sections as /rank draws them, keeping the squads `keep` lets through. */
const shown = (j: ReturnType<typeof judge>, keep: (squadId: number) => boolean = () => true) =>
  j.sections
    .map((s) => ({
      kind: s.kind,
      label: s.label,
      total: s.ranked.length,
      visible: s.ranked.map((squad, i) => ({ squad, rank: i + 1 })).filter(({ squad }) => keep(squad.squadId)),
    }))
    .filter((s) => s.visible.length > 0);
const q2 = judge(talliesFor(Q2, 3), Q2);
const q3 = judge(emptyTallies(), Q3);
const solo = judge(talliesFor(Q2, 3).slice(0, 1), Q2);
// A year whose quotas were never entered and nothing done yet: every squad 未参评.
const unjudgedYear = judge(
  emptyTallies().map((t) => ({ ...t, quota: {} })),
  Q3,
);

/** The district's signings and funds, month by month over a whole year (万元). */
const trend: MonthPoint[] = Y2017.months.map((month, i) => ({
  month,
  signedInvestment: [0, 35000, 120000, 40000, 80000, 210000, 0, 65000, 150000, 90000, 30000, 180000][i]!,
  fundsInPlace: 20000 + i * 15500 + (i % 3) * 8000,
}));
const cohorts = commencementByCohort(2018, [
  { signedYear: 2015, signed: 12, started: 10 },
  { signedYear: 2016, signed: 15, started: 9 },
  { signedYear: 2017, signed: 18, started: 11 },
]);

function progress(
  over: Partial<ProgressView> & Pick<ProgressView, 'tallies' | 'period'>,
): ReturnType<typeof progressCard> {
  const groups = over.tallies.length === 1 ? [] : groupTallies(over.tallies);
  if (groups.length && over.all === false) groups.at(-1)!.name = '合计';
  return progressCard({
    title: '全区',
    all: true,
    today: TODAY,
    groups,
    cohorts,
    commenced: over.tallies.reduce((s, t) => s + t.actual.commencedProjects, 0),
    commencedGoal: 7,
    trend: trend.slice(0, 6),
    ...over,
  });
}

export const reportingSamples: SampleTable = {
  progress: {
    'office: the whole district, 20 squads of three kinds, a whole year with its monthly trend': () =>
      progress({ period: Y2017, tallies: talliesFor(Y2017, 12), trend, today: '2018-01-05' }),
    'office: this quarter so far': () => progress({ period: Q2, tallies: talliesFor(Q2, 2) }),
    'responsible leader: two squads, their sum': () =>
      progress({
        title: '我负责的小分队',
        all: false,
        period: Q2,
        tallies: talliesFor(Q2, 2).slice(2, 4),
        commencedGoal: 0,
      }),
    'captain: one squad': () =>
      progress({ title: PLAN_SQUADS[2]!.name, all: false, period: Q2, tallies: talliesFor(Q2, 2).slice(2, 3) }),
    'nothing yet this quarter, no trend': () =>
      progress({ period: Q3, tallies: emptyTallies(), trend: [], commenced: 0, today: '2018-07-02' }),
    'office: a year without quotas, told how to enter them': () =>
      progress({
        period: Q3,
        tallies: emptyTallies().map((t) => ({ ...t, quota: {} })),
        trend: [],
        commenced: 0,
        commencedGoal: 0,
        today: '2018-07-02',
        quotasMissing: { office: true },
      }),
  },
  rank: {
    'office: all 20 squads in three lists with the red and black lists': () =>
      rankCard({ period: Q2, today: TODAY, sections: shown(q2), bulletin: q2.bulletin }),
    'responsible leader: three squads, no lists': () =>
      rankCard({ period: Q2, today: TODAY, sections: shown(q2, (id) => [4, 13, 22].includes(id)) }),
    'member: their own squad only': () =>
      rankCard({ period: Q2, today: TODAY, sections: shown(q2, (id) => id === 13) }),
    'office: nothing yet this quarter (all below the floor)': () =>
      rankCard({ period: Q3, today: '2018-07-02', sections: shown(q3), bulletin: q3.bulletin }),
    'office: a year without quotas, every squad 未参评': () =>
      rankCard({
        period: Q3,
        today: '2018-07-02',
        sections: shown(unjudgedYear),
        unjudged: unjudgedYear.bulletin.unjudged,
        bulletin: unjudgedYear.bulletin,
        quotasMissing: { office: true },
      }),
    'captain: a year without quotas': () =>
      rankCard({
        period: Q3,
        today: '2018-07-02',
        sections: [],
        unjudged: unjudgedYear.bulletin.unjudged?.slice(0, 1),
        quotasMissing: { office: false },
      }),
  },
  bulletin: {
    'a year without quotas: nobody judged': () =>
      bulletinCard({ bulletin: unjudgedYear.bulletin, status: 'DRAFT' }, true),
    'draft for the office, with 发布': () => bulletinCard({ bulletin: q2.bulletin, status: 'DRAFT' }, true),
    'published, in the leadership group': () =>
      bulletinCard(
        {
          bulletin: q2.bulletin,
          status: 'PUBLISHED',
          publishedBy: '招商局办公室 <at id=all></at>',
          publishedAt: TODAY,
        },
        false,
      ),
    'published, no publisher recorded': () => bulletinCard({ bulletin: q2.bulletin, status: 'PUBLISHED' }, false),
    'draft at the start of a quarter: no red list, everyone black': () =>
      bulletinCard({ bulletin: q3.bulletin, status: 'DRAFT' }, true),
    'draft with a single squad (no chart)': () => bulletinCard({ bulletin: solo.bulletin, status: 'DRAFT' }, true),
    'published before the lists were split by kind (stored without sections)': () => {
      const { sections: _, ...flat } = q2.bulletin;
      return bulletinCard({ bulletin: flat, status: 'PUBLISHED' }, false);
    },
  },
  digest: {
    'the quarter for the leadership meeting, 20 squads': () =>
      digestCard(Q2, TODAY, talliesFor(Q2, 3), placesOf(q2.sections)),
    'a whole year': () => {
      const t = talliesFor(Y2017, 12);
      return digestCard(Y2017, '2018-01-05', t, placesOf(judge(t, Y2017).sections));
    },
    'nothing yet this quarter': () => digestCard(Q3, '2018-07-02', emptyTallies(), placesOf(q3.sections)),
    'the most 督查 a card can hold: every squad 差 three times in the quarter, findings all markup': () =>
      digestCard(Q2, TODAY, worstInspected(Q2, 3), placesOf(q2.sections)),
    'the same over a whole year: four quarters each': () =>
      digestCard(
        Y2017,
        '2018-01-05',
        worstInspected(Y2017, 12),
        placesOf(judge(talliesFor(Y2017, 12), Y2017).sections),
      ),
    'a year without quotas: every squad 未参评': () =>
      digestCard(Q3, '2018-07-02', emptyTallies(), placesOf(unjudgedYear.sections)),
  },
};
