import type ExcelJS from 'exceljs';
import { inspectionRatings, type AssessmentResult } from '../db/assessment.js';
import type { Db } from '../db/client.js';
import type { AssessedKind, AssessedSquad } from '../domain/assessment.js';
import { SCORE_COMPONENTS, shortLabel, type ComponentKey } from '../domain/score-components.js';
import type { ScoreWeights } from '../domain/scoring.js';
import { addSheet, newWorkbook } from './workbook.js';

// The assessment centre's workbook (/assess 2018 excel): one sheet per kind of squad, a row per
// squad with its place and score, each component's weight, actual, target, completion and points,
// then the counts behind them; and a sheet of the weights each kind was scored with. The component
// columns follow the score's component list, so a component added to the score gets its columns.

/** 督查 ratings, best first (the Inspection model's values). */
const RATINGS: [string, string][] = [
  ['GOOD', '好'],
  ['FAIR', '较好'],
  ['AVERAGE', '一般'],
  ['POOR', '差'],
];

const COUNT_HEADERS = [
  '签约亿元以上项目(个)',
  '其中重大项目(个)',
  '其中战略性新兴产业(个)',
  '签约投资额(万元)',
  '到位资金(万元)',
  '实际利用外资(万美元)',
  '当年签约已开工(个)',
  '前三年签约已开工(个)',
  '前三年签约应开工(个)',
  '月报按时(期)',
  '月报逾期(期)',
  '月报缺报(期)',
  '月报免报(期)',
  '月报应报(期)',
  '外出招商(次)',
  '已报告外出(次)',
  '达标外出(次)',
  '拜访企业(家)',
  '招商线索(条)',
  '策划包装项目(个)',
  ...RATINGS.map(([, label]) => `督查评为“${label}”(次)`),
];

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

function countsOf(s: AssessedSquad, ratings: Record<string, number>): number[] {
  const a = s.actual;
  return [
    a.signedProjects,
    a.majorSigned,
    a.strategicSigned,
    a.signedInvestment,
    a.fundsInPlace,
    a.foreignCapitalUsd,
    a.commencedProjects,
    a.cohortStarted,
    round(a.cohortNeeded),
    a.reports.onTime,
    a.reports.late,
    a.reports.missing,
    a.reports.exempt,
    a.reports.due,
    a.trips,
    a.tripsReported,
    a.tripsKeptRule,
    a.visits,
    a.leads,
    a.packagedProjects,
    ...RATINGS.map(([r]) => ratings[r] ?? 0),
  ];
}

function kindRows(k: AssessedKind, keys: ComponentKey[], ratings: Map<number, Record<string, number>>) {
  return k.squads.map((s) => [
    s.rank,
    s.name,
    s.score,
    ...keys.flatMap((key) => {
      const c = s.components.find((x) => x.key === key);
      if (!c) return [null, null, null, null, null];
      return [
        c.weight,
        c.actual === null ? null : round(c.actual),
        c.target === null ? null : round(c.target),
        round(c.ratio * 100, 1),
        c.points,
      ];
    }),
    ...countsOf(s, ratings.get(s.squadId) ?? {}),
  ]);
}

/** Builds the workbook; returns it with the number of squads in it. */
export async function buildAssessmentWorkbook(
  db: Db,
  r: AssessmentResult,
): Promise<{ wb: ExcelJS.Workbook; rows: number }> {
  const wb = newWorkbook();
  const ratings = await inspectionRatings(db, r.year);
  const keys = Object.keys(SCORE_COMPONENTS) as ComponentKey[];
  let rows = 0;
  for (const k of r.kinds) {
    const source = k.ownWeights ? `年度考核权重第 ${r.weightsVersion ?? 1} 版` : '沿用红黑榜权重';
    addSheet(wb, {
      name: k.label,
      title: `港南区${r.year}年度招商引资考核 · ${k.label}（截至 ${r.asOf}，${source}，完成率封顶 ${r.cap} 倍）`,
      headers: [
        '名次',
        k.kind === 'INDUSTRY' ? '小分队' : '单位',
        '总分',
        ...keys.flatMap((key) =>
          ['权重', '完成值', '目标', '完成率(%)', '得分'].map((h) => `${SCORE_COMPONENTS[key].label}·${h}`),
        ),
        ...COUNT_HEADERS,
      ],
      rows: kindRows(k, keys, ratings),
      widths: [6, 30, 8],
    });
    rows += k.squads.length;
  }
  const weightKeys = Object.keys(r.kinds[0]?.weights ?? {}) as (keyof ScoreWeights)[];
  addSheet(wb, {
    name: '权重',
    title: `港南区${r.year}年度招商引资考核 · 各类权重（往年签约项目开工率用“签约项目开工”的权重）`,
    headers: ['考核项', ...r.kinds.map((k) => k.label)],
    rows: weightKeys.map((key) => [shortLabel(key), ...r.kinds.map((k) => k.weights[key])]),
    widths: [30, 16, 16, 16],
  });
  return { wb, rows };
}
