// Samples of the reporting lists: /leads, /overdue, /projects (the stage funnel) and /quota, as the
// office (the whole district), a leader or captain (some squads) and on an empty year or quarter.
import { leadsCard, type LeadsView } from '../../../src/cards/leads/view.js';
import { overdueCard } from '../../../src/cards/overdue/view.js';
import { quotaCard } from '../../../src/cards/quota/view.js';
import { stageFunnelCard, type StageFunnelView } from '../../../src/cards/stage-funnel/view.js';
import { addDays } from '../../../src/domain/periods.js';
import { DEFAULT_TASK_RULES } from '../../../src/domain/reminders.js';
import { LEAD_SOURCES, PROJECT_STAGES } from '../../../src/domain/vocabulary.js';
import type { SampleTable } from '../card-samples.js';
import { longText } from './data.js';
import { PLAN_SQUADS } from './reporting.js';

const TODAY = '2018-06-20';
const squadName = (i: number) => PLAN_SQUADS[i % PLAN_SQUADS.length]!.name;
const refs = PLAN_SQUADS.map(({ id, name, sortOrder }) => ({ id, name, sortOrder }));

// —— /leads ——

const STATUSES = ['OPEN', 'OPEN', 'CONVERTED', 'DROPPED'];
const recent = (n: number, contact: (i: number) => LeadsView['recent'][number]['contact']): LeadsView['recent'] =>
  Array.from({ length: n }, (_, i) => ({
    company: longText(60, `广东东莞某某智能装备制造股份有限公司（第${i + 1}家）**[集团]** <at id=all></at>；`),
    sector: i % 5 ? `智能制造 <at id=all></at> ${i}` : null,
    squadName: squadName(i),
    status: STATUSES[i % 4]!,
    source: LEAD_SOURCES[i % LEAD_SOURCES.length]!,
    createdOn: addDays(TODAY, -i),
    contact: contact(i),
  }));
const perSquad = PLAN_SQUADS.map((s, i) => ({
  name: s.name,
  total: 30 - i,
  open: 20 - i,
  converted: Math.max(0, 8 - i),
  dropped: 2 + Math.min(i, 8),
}));
const leads = (over: Partial<LeadsView>) =>
  leadsCard({ title: '全区', today: TODAY, year: 2018, severalSquads: true, perSquad, recent: [], ...over });

// —— /overdue ——

/** Fifty open tasks (the command takes 50): long overdue first, then due today and in the next three days. */
const tasks = Array.from({ length: 50 }, (_, i) => ({
  title: longText(80, `协调解决第${i + 1}项用地报批、环评审批和水电接入问题 <at id=all></at> **急**；`),
  dueOn: addDays(TODAY, Math.min(3, -45 + i)),
  projectName: longText(60, `年产 ${i + 1} 万吨新型环保建材及装配式建筑构件生产项目 **（一期）** <at id=all></at>；`),
  squadName: squadName(i),
}));

// —— /projects ——

const counts: StageFunnelView['counts'] = PROJECT_STAGES.map((stage, i) => ({
  stage,
  n: [46, 31, 18, 9, 3][i]!,
  investment: [1_250_000, 980_000, 620_000, 310_000, 85_000][i]!,
}));
const funnelProjects = (n: number, stage?: string): StageFunnelView['projects'] =>
  Array.from({ length: n }, (_, i) => {
    const st = stage ?? PROJECT_STAGES[1 + (i % 4)]!;
    return {
      id: 1000 + i,
      name: longText(80, `年产 ${i + 1} 万件高端羽绒服装及羽绒精深加工项目 **（一期）** <at id=all></at>；`),
      isKey: i % 3 === 0,
      squadName: squadName(i),
      stage: st,
      investment: 500_000 - i * 9000,
      signedOn: st === 'NEGOTIATING' ? null : `2017-${String(1 + (i % 12)).padStart(2, '0')}-15`,
      startedOn: st === 'NEGOTIATING' || st === 'SIGNED' ? null : '2018-03-01',
    };
  });
const funnel = (over: Partial<StageFunnelView>) =>
  stageFunnelCard({ title: '全区', today: TODAY, counts, projects: [], ...over });

// —— /quota ——

const quotas = PLAN_SQUADS.flatMap((s) =>
  Object.entries(s.quota).map(([metric, target]) => ({ squadId: s.id, metric, target })),
);
/** The plan's district goals (prisma/plan-2018.json). */
const goals = [
  { metric: 'SIGNED_PROJECTS', target: 18 },
  { metric: 'SIGNED_INVESTMENT', target: 600000 },
  { metric: 'FUNDS_IN_PLACE', target: 800000 },
  { metric: 'FOREIGN_CAPITAL_USD', target: 8300 },
  { metric: 'PACKAGED_PROJECTS', target: 30 },
  { metric: 'COMMENCED_PROJECTS', target: 7 },
  { metric: 'COMMENCEMENT_RATE_2015', target: 0.8 },
  { metric: 'COMMENCEMENT_RATE_2016', target: 0.7 },
  { metric: 'COMMENCEMENT_RATE_2017', target: 0.6 },
];

export const reportingListSamples: SampleTable = {
  leads: {
    'office: every squad, 20 latest with contacts': () =>
      leads({
        recent: recent(20, (i) => ({ name: `王总${i} <at id=all></at>`, phone: i % 3 ? '13900001111' : null })),
      }),
    'responsible leader: several squads, contacts of others hidden': () =>
      leads({
        title: '我负责的小分队',
        perSquad: perSquad.slice(2, 5),
        recent: recent(12, (i) => (i % 2 ? null : { name: null, phone: null })),
      }),
    'captain: one squad': () =>
      leads({
        title: squadName(2),
        severalSquads: false,
        perSquad: perSquad.slice(2, 3),
        recent: recent(5, () => ({ name: '李经理 <at id=all></at>', phone: '13900002222' })),
      }),
    'no leads yet this year': () =>
      leads({ perSquad: perSquad.map((r) => ({ ...r, total: 0, open: 0, converted: 0, dropped: 0 })) }),
  },
  overdue: {
    'office: the whole district, 50 tasks in all three colours': () =>
      overdueCard({ title: '全区', today: TODAY, rules: DEFAULT_TASK_RULES, tasks }),
    'helper: the projects they serve, stricter rules': () =>
      overdueCard({
        title: '我帮办的项目',
        today: TODAY,
        rules: { warnDaysBefore: 7, overdueDays: [1, 2, 3], redAfterDays: 3 },
        tasks: tasks.slice(38),
      }),
    'member: nothing overdue': () =>
      overdueCard({ title: '我的小分队', today: TODAY, rules: DEFAULT_TASK_RULES, tasks: [] }),
  },
  projects: {
    'office: signed and later, 30 largest': () => funnel({ projects: funnelProjects(30) }),
    'office: at one stage (洽谈)': () => funnel({ stage: 'NEGOTIATING', projects: funnelProjects(20, 'NEGOTIATING') }),
    'captain: one squad, nothing at 达效 yet': () =>
      funnel({
        title: squadName(3),
        stage: 'AT_TARGET',
        counts: counts.slice(0, 3).map((c) => ({ ...c, n: Math.ceil(c.n / 10), investment: c.investment / 10 })),
      }),
    'no projects at all': () => funnel({ counts: [] }),
  },
  quota: {
    'office: the district goals and all 20 squads': () =>
      quotaCard({ year: 2018, title: '全区', squads: refs, quotas, goals }),
    'captain: one squad, no district goals': () =>
      quotaCard({ year: 2018, title: squadName(1), squads: refs.slice(1, 2), quotas, goals: [] }),
    'a year with no quotas yet': () => quotaCard({ year: 2019, title: '全区', squads: refs, quotas: [], goals: [] }),
    'office: a year with no quotas, told how to enter them': () =>
      quotaCard({ year: 2019, title: '全区', squads: refs, quotas: [], goals: [], quotasMissing: { office: true } }),
    'captain: a year with no quotas': () =>
      quotaCard({
        year: 2019,
        title: squadName(1),
        squads: refs.slice(1, 2),
        quotas: [],
        goals: [],
        quotasMissing: { office: false },
      }),
  },
};
