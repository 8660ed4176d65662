// The components of the red/black-list score, their default weights and their names: one table
// read by the score's reasons (scoring.ts) and the office's settings form (settings-catalog.ts).

export interface ScoreWeights {
  signedProjects: number;
  signedInvestment: number;
  fundsInPlace: number;
  foreignCapital: number;
  commenced: number;
  packaged: number;
  trips: number;
  visits: number;
  leads: number;
  reportsOnTime: number;
  tripRules: number;
  /** 督查评价: the 督查室's quarterly rating, for a squad inspected in the period */
  inspections: number;
}

/**
 * Points out of 100. Scale and quality (signings, their investment), the funds-in-place rate and
 * the commencement rate weigh most (plan 三(五)); the 督查 rating takes its 10 from the work
 * measures it also looks at (reports on time) and from signed investment, which the ¥100M+
 * signings already count.
 */
export const DEFAULT_WEIGHTS: ScoreWeights = {
  signedProjects: 20,
  signedInvestment: 10,
  fundsInPlace: 15,
  foreignCapital: 5,
  commenced: 10,
  packaged: 5,
  trips: 5,
  visits: 5,
  leads: 5,
  reportsOnTime: 5,
  tripRules: 5,
  inspections: 10,
};

/** A weight, or the cohorts' 开工率 that counts with the `commenced` weight in the annual ranking. */
export type ComponentKey = keyof ScoreWeights | 'cohortCommencement';

/** `label` in reasons (“到位资金仅完成 20%”); `short`, when set, on the settings form's narrow input. */
export const SCORE_COMPONENTS: Record<ComponentKey, { label: string; short?: string }> = {
  signedProjects: { label: '签约亿元以上项目' },
  signedInvestment: { label: '签约投资额' },
  fundsInPlace: { label: '到位资金' },
  foreignCapital: { label: '实际利用外资' },
  commenced: { label: '签约项目开工' },
  packaged: { label: '策划包装项目' },
  trips: { label: '外出招商' },
  visits: { label: '拜访企业' },
  leads: { label: '招商线索' },
  reportsOnTime: { label: '月度汇报按时报送', short: '月度汇报按时' },
  tripRules: { label: '外出招商守规（每次≥6家、≥3条）', short: '外出达标（6家3条）' },
  inspections: { label: '督查评价', short: '督查评价（好/较好/一般/差）' },
  cohortCommencement: { label: '往年签约项目开工率' },
};

/** A component's name where room is short (the settings form, the weights shown with a result). */
export function shortLabel(key: ComponentKey): string {
  return SCORE_COMPONENTS[key].short ?? SCORE_COMPONENTS[key].label;
}

/** The weights in the order the settings form lists them. */
export const WEIGHT_KEYS = Object.keys(DEFAULT_WEIGHTS) as (keyof ScoreWeights)[];
