// The plan's vocabulary (the glossary in the README). The database stores these as strings.

export const SQUAD_KINDS = ['INDUSTRY', 'TOWN', 'DEPARTMENT'] as const;
export type SquadKind = (typeof SQUAD_KINDS)[number];

export const UNIT_KINDS = ['DEPARTMENT', 'TOWN', 'OFFICE', 'PARK'] as const;

export const RANKS = ['DIVISION', 'SECTION'] as const; // 处级 / 科级
export type Rank = (typeof RANKS)[number];

export const ROLES = [
  'GROUP_LEADER', // 组长 (区长)
  'DEPUTY_LEADER', // 副组长
  'LEADER_IN_CHARGE', // 分管招商工作领导: approves section-level trip plans
  'RESPONSIBLE_LEADER', // 小分队责任领导
  'OFFICE', // 领导小组办公室 (招商局)
  'OFFICE_ADMIN', // may bind people, change settings and quotas
  'HELPER', // 帮办中心
  'ASSESSOR', // 考核中心
  'REVIEWER', // 联合预审单位经办人
  'INSPECTOR', // 督查室: records the quarterly inspections of squads
] as const;
export type Role = (typeof ROLES)[number];

const SQUAD_MEMBER_ROLES = ['CAPTAIN', 'MEMBER'] as const;
export type SquadMemberRole = (typeof SQUAD_MEMBER_ROLES)[number];

export const PROJECT_STAGES = ['NEGOTIATING', 'SIGNED', 'STARTED', 'PRODUCING', 'AT_TARGET'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const STAGE_LABELS: Record<ProjectStage, string> = {
  NEGOTIATING: '洽谈',
  SIGNED: '签约',
  STARTED: '开工',
  PRODUCING: '投产',
  AT_TARGET: '达效',
};

export const LEAD_SOURCES = ['VISIT', 'INTERMEDIARY', 'ASSOCIATION', 'ENTERPRISE', 'PERSON'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export const LEAD_SOURCE_LABELS: Record<LeadSource, string> = {
  VISIT: '外出拜访',
  INTERMEDIARY: '中介组织',
  ASSOCIATION: '行业协会',
  ENTERPRISE: '企业推荐',
  PERSON: '自然人',
};

const TRIP_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'REPORTED', 'CANCELLED'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];

const REPORT_STATUSES = ['DRAFT', 'SUBMITTED', 'EXEMPT'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const LAND_STATUSES = ['NONE', 'SITE_IDENTIFIED', 'LAND_APPROVED', 'LAND_SUPPLIED'] as const;
export type LandStatus = (typeof LAND_STATUSES)[number];

/** Quota and goal metrics (附表一/二/三 and section 一 of the plan). Amounts in 万元 / 万美元. */
export const METRICS = [
  'SIGNED_PROJECTS', // 新签约亿元以上项目 (count)
  'SIGNED_INVESTMENT', // 其投资额 (万元)
  'FUNDS_IN_PLACE', // 到位资金 (万元)
  'FOREIGN_CAPITAL_USD', // 实际利用外资 (万美元)
  'PACKAGED_PROJECTS', // 策划包装项目 (count)
  'COMMENCED_PROJECTS', // 当年新签约亿元项目开工 (count)
  'TRIPS', // 外出招商次数
  'VISITS', // 拜访企业
  'LEADS', // 招商线索
] as const;
export type Metric = (typeof METRICS)[number];
export const METRIC_LABELS: Record<Metric, string> = {
  SIGNED_PROJECTS: '新签约亿元以上项目',
  SIGNED_INVESTMENT: '签约投资额',
  FUNDS_IN_PLACE: '到位资金',
  FOREIGN_CAPITAL_USD: '实际利用外资',
  PACKAGED_PROJECTS: '策划包装项目',
  COMMENCED_PROJECTS: '当年签约亿元项目开工',
  TRIPS: '外出招商',
  VISITS: '拜访企业',
  LEADS: '招商线索',
};

/** The unit each metric is counted in (amounts: 万元 / 万美元). */
export const METRIC_UNITS: Record<Metric, string> = {
  SIGNED_PROJECTS: '个',
  SIGNED_INVESTMENT: '万元',
  FUNDS_IN_PLACE: '万元',
  FOREIGN_CAPITAL_USD: '万美元',
  PACKAGED_PROJECTS: '个',
  COMMENCED_PROJECTS: '个',
  TRIPS: '次',
  VISITS: '家',
  LEADS: '条',
};

/** ¥100M (1 亿元) in 万元: the threshold of a "亿元以上" project. */
export const MAJOR_PROJECT_WAN = 10_000;

/** The plan's trip rule: at least 6 enterprises visited and 3 leads per trip. */
export const TRIP_MIN_VISITS = 6;
export const TRIP_MIN_LEADS = 3;

/** Monthly reports are due before the 28th (i.e. by the end of the 27th, Asia/Shanghai). */
export const REPORT_DUE_DAY = 28;
