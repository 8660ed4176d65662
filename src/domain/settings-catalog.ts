import { Cron } from 'croner';
import { DEFAULT_CLOSE_DAY } from './deadlines.js';
import { ASSESS_WEIGHTS_KEY, assessWeights } from './assessment.js';
import { JOB_TIMES, jobCronKey } from './job-times.js';
import { DEFAULT_REMINDER_RULES } from './reminders.js';
import { REVIEW_SETTINGS } from './review.js';
import { shortLabel, WEIGHT_KEYS } from './score-components.js';
import { mergeRules, mergeWeights } from './scoring-settings.js';
import { SQUAD_KINDS, type SquadKind } from './vocabulary.js';

// The settings the office changes in chat (/settings), grouped as the cards show them. Each field is
// one input on its group's card; a field is a whole setting (`report.closeDay`) or one number inside
// a setting that holds an object (`bulletin.weights` → `signedProjects`). Pure: the caller loads the
// stored values and writes the changes.

type SettingGroupKey = 'report' | 'review' | 'bulletin' | 'assess' | 'jobs';

type Kind = 'int' | 'number' | 'days' | 'cron';

interface SettingField {
  /** The input's name on the card (letters, digits and _). */
  name: string;
  key: string;
  /** The place of the number inside an object-valued setting. */
  path?: string[];
  label: string;
  kind: Kind;
  min?: number;
  max?: number;
}

export interface SettingGroup {
  key: SettingGroupKey;
  title: string;
  note: string;
  fields: SettingField[];
  /** Settings the group's values in force depend on without changing them (the defaults it falls back to). */
  reads?: string[];
}

/** Each weight is points out of 100: the score is the weighted mean of the completion ratios. */
const WEIGHTS_TOTAL = 100;

const KIND_SHORT: Record<SquadKind, string> = { INDUSTRY: '产业', TOWN: '镇', DEPARTMENT: '部门' };

/** The input of one weight of the annual assessment: `a_TOWN_trips`. */
const assessFieldName = (kind: SquadKind, k: string) => `a_${kind}_${k}`;

export const SETTING_GROUPS: SettingGroup[] = [
  {
    key: 'report',
    title: '月度汇报',
    note: '提醒日：每月这些日子提醒未提交的小分队（1–27 日，逗号分开）；关闭日：次月这一天之后只有区招商局可改。',
    fields: [
      { name: 'report_days', key: 'reminders.reportDays', label: '提醒日（每月几号）', kind: 'days', min: 1, max: 27 },
      { name: 'close_day', key: 'report.closeDay', label: '次月关闭日（几号）', kind: 'int', min: 1, max: 28 },
    ],
  },
  {
    key: 'review',
    title: '联合预审',
    note: '投资额达到门槛的项目须预审通过才能签约；各单位在规定的工作日内给出意见。',
    fields: [
      {
        name: 'threshold',
        key: REVIEW_SETTINGS.thresholdWan.key,
        label: '预审门槛（万元）',
        kind: 'number',
        min: 1,
        max: 10_000_000,
      },
      {
        name: 'work_days',
        key: REVIEW_SETTINGS.workingDays.key,
        label: '一般项目期限（工作日）',
        kind: 'int',
        min: 1,
        max: 30,
      },
      {
        name: 'key_days',
        key: REVIEW_SETTINGS.keyWorkingDays.key,
        label: '重点项目期限（工作日）',
        kind: 'int',
        min: 1,
        max: 30,
      },
    ],
  },
  {
    key: 'bulletin',
    title: '红黑榜评分',
    note: `各项权重为百分制，不能为负，合计必须等于 ${WEIGHTS_TOTAL}。督查评价只计入本期受过督查的小分队。规则：红榜/黑榜名额、单项完成率封顶、低于底线直接进黑榜。`,
    fields: [
      ...WEIGHT_KEYS.map(
        (k): SettingField => ({
          name: `w_${k}`,
          key: 'bulletin.weights',
          path: [k],
          label: `权重·${shortLabel(k)}`,
          kind: 'number',
          min: 0,
          max: 100,
        }),
      ),
      { name: 'red_count', key: 'bulletin.rules', path: ['redCount'], label: '红榜名额', kind: 'int', min: 0, max: 10 },
      {
        name: 'black_count',
        key: 'bulletin.rules',
        path: ['blackCount'],
        label: '黑榜名额',
        kind: 'int',
        min: 0,
        max: 10,
      },
      {
        name: 'cap',
        key: 'bulletin.rules',
        path: ['cap'],
        label: '单项完成率封顶（倍）',
        kind: 'number',
        min: 1,
        max: 3,
      },
      {
        name: 'floor_score',
        key: 'bulletin.rules',
        path: ['floors', 'score'],
        label: '底线：得分低于',
        kind: 'number',
        min: 0,
        max: 100,
      },
      {
        name: 'floor_missing',
        key: 'bulletin.rules',
        path: ['floors', 'missingReports'],
        label: '底线：缺报月度汇报达到（次）',
        kind: 'int',
        min: 0,
        max: 12,
      },
    ],
  },
  {
    key: 'assess',
    title: '年度考核权重',
    note: `产业小分队、镇（街道办）、区直部门分别设权重，各类合计都必须等于 ${WEIGHTS_TOTAL}；从未保存过时沿用红黑榜权重。封顶和重大项目、战略性新兴产业的加权沿用红黑榜规则。`,
    reads: ['bulletin.weights'],
    fields: SQUAD_KINDS.flatMap((kind) =>
      WEIGHT_KEYS.map(
        (k): SettingField => ({
          name: assessFieldName(kind, k),
          key: ASSESS_WEIGHTS_KEY,
          path: [kind, k],
          label: `${KIND_SHORT[kind]}·${shortLabel(k)}`,
          kind: 'number',
          min: 0,
          max: 100,
        }),
      ),
    ),
  },
  {
    key: 'jobs',
    title: '定时任务时间',
    note: 'cron 格式“分 时 日 月 周”，按本地时间，例如 0 9 * * * 为每天 9:00。改后下一次检查即生效，无需重启。',
    fields: Object.entries(JOB_TIMES).map(
      ([name, j]): SettingField => ({
        name: `cron_${name.replace(/-/g, '_')}`,
        key: jobCronKey(name),
        label: j.label,
        kind: 'cron',
      }),
    ),
  },
];

export function findSettingGroup(key: string): SettingGroup | undefined {
  return SETTING_GROUPS.find((g) => g.key === key);
}

/** Every settings key a group reads: those its inputs change, and those their defaults come from. */
export function groupKeys(g: SettingGroup): string[] {
  return [...new Set([...g.fields.map((f) => f.key), ...(g.reads ?? [])])];
}

/**
 * The value in force of each key: the stored one made whole with the defaults. `others` holds the
 * other stored settings a default may come from (the assessment's weights fall back to the red/black list's).
 */
function effectiveValue(key: string, stored: unknown, others: Record<string, unknown> = {}): unknown {
  if (key === 'bulletin.weights') return mergeWeights(stored);
  if (key === ASSESS_WEIGHTS_KEY) {
    const w = assessWeights(stored, mergeWeights(others['bulletin.weights']));
    return Object.fromEntries(SQUAD_KINDS.map((k) => [k, w[k].weights]));
  }
  if (key === 'bulletin.rules') return mergeRules(stored);
  if (stored !== undefined && stored !== null) return stored;
  if (key === 'reminders.reportDays') return DEFAULT_REMINDER_RULES.reportDays;
  if (key === 'report.closeDay') return DEFAULT_CLOSE_DAY;
  for (const s of Object.values(REVIEW_SETTINGS)) if (s.key === key) return s.fallback;
  for (const [name, j] of Object.entries(JOB_TIMES)) if (jobCronKey(name) === key) return j.cron;
  return undefined;
}

function at(v: unknown, path: string[] | undefined): unknown {
  let x = v;
  for (const p of path ?? []) x = x && typeof x === 'object' ? (x as Record<string, unknown>)[p] : undefined;
  return x;
}

/** What each input of a group shows: the value in force, as text. */
export function groupFormValues(g: SettingGroup, stored: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of g.fields) {
    const v = at(effectiveValue(f.key, stored[f.key], stored), f.path);
    out[f.name] = Array.isArray(v) ? v.join(',') : String(v ?? '');
  }
  return out;
}

type GroupChange = { key: string; from: unknown; to: unknown };

export type ParsedGroup = { ok: true; changes: GroupChange[] } | { ok: false; errors: Record<string, string> };

function parseField(f: SettingField, raw: string): { value: unknown } | { error: string } {
  const range = `${f.min}–${f.max}`;
  if (raw === '') return { error: `${f.label}：请填写` };
  if (f.kind === 'cron') {
    try {
      new Cron(raw, { paused: true }).stop();
    } catch {
      return { error: `${f.label}：“${raw}”不是有效的 cron 时间，请写成“分 时 日 月 周”，例如 0 9 * * *` };
    }
    if (raw.split(/\s+/).length !== 5) return { error: `${f.label}：请写 5 段“分 时 日 月 周”，例如 0 9 * * *` };
    return { value: raw.replace(/\s+/g, ' ') };
  }
  if (f.kind === 'days') {
    const parts = raw.split(/[,，、\s]+/).filter(Boolean);
    const days = parts.map(Number);
    if (parts.length === 0 || days.some((d) => !Number.isInteger(d) || d < f.min! || d > f.max!))
      return { error: `${f.label}：请写 ${range} 之间的日子，用逗号分开，例如 20,25` };
    return { value: [...new Set(days)].sort((a, b) => a - b) };
  }
  const n = Number(raw);
  if (!Number.isFinite(n) || (f.kind === 'int' && !Number.isInteger(n)))
    return { error: `${f.label}：请填写${f.kind === 'int' ? '整数' : '数字'}（${range}）` };
  if (n < f.min! || n > f.max!) return { error: `${f.label}：应在 ${range} 之间` };
  return { value: n };
}

function setAt(obj: Record<string, unknown>, path: string[], v: unknown): void {
  let x = obj;
  for (const p of path.slice(0, -1)) {
    x[p] = { ...(x[p] as Record<string, unknown>) };
    x = x[p] as Record<string, unknown>;
  }
  x[path.at(-1)!] = v;
}

/**
 * Checks a group's form and returns the settings it changes (only those whose value differs from
 * the one in force), or one message per bad input. Nothing is half-applied: any error, no change.
 */
export function parseGroupForm(
  g: SettingGroup,
  form: Record<string, unknown>,
  stored: Record<string, unknown>,
): ParsedGroup {
  const errors: Record<string, string> = {};
  const next: Record<string, unknown> = {};
  for (const k of groupKeys(g)) next[k] = structuredClone(effectiveValue(k, stored[k], stored));
  for (const f of g.fields) {
    const raw = typeof form[f.name] === 'string' ? (form[f.name] as string).trim() : String(form[f.name] ?? '').trim();
    const r = parseField(f, raw);
    if ('error' in r) errors[f.name] = r.error;
    else if (f.path) setAt(next[f.key] as Record<string, unknown>, f.path, r.value);
    else next[f.key] = r.value;
  }
  if (g.key === 'bulletin' && !Object.keys(errors).some((n) => n.startsWith('w_'))) {
    const w = next['bulletin.weights'] as Record<string, number>;
    const sum = Math.round(Object.values(w).reduce((s, x) => s + x, 0) * 100) / 100;
    if (sum !== WEIGHTS_TOTAL)
      errors.w_signedProjects = `各项权重合计应为 ${WEIGHTS_TOTAL}，现在是 ${sum}，请调整后再保存`;
  }
  if (g.key === 'assess') {
    for (const kind of SQUAD_KINDS) {
      if (Object.keys(errors).some((n) => n.startsWith(`a_${kind}_`))) continue;
      const w = (next[ASSESS_WEIGHTS_KEY] as Record<SquadKind, Record<string, number>>)[kind];
      const sum = Math.round(Object.values(w).reduce((s, x) => s + x, 0) * 100) / 100;
      if (sum !== WEIGHTS_TOTAL)
        errors[assessFieldName(kind, 'signedProjects')] =
          `${KIND_SHORT[kind]}的各项权重合计应为 ${WEIGHTS_TOTAL}，现在是 ${sum}，请调整后再保存`;
    }
  }
  if (g.key === 'review' && !errors.key_days && !errors.work_days) {
    if ((next[REVIEW_SETTINGS.keyWorkingDays.key] as number) > (next[REVIEW_SETTINGS.workingDays.key] as number))
      errors.key_days = '重点项目期限不能长于一般项目期限';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const changes = [...new Set(g.fields.map((f) => f.key))]
    .map((key) => ({ key, from: effectiveValue(key, stored[key], stored), to: next[key] }))
    .filter((c) => JSON.stringify(c.from) !== JSON.stringify(c.to));
  return { ok: true, changes };
}

/** A setting's value as one short line. */
function describeSettingValue(v: unknown): string {
  if (Array.isArray(v)) return v.join(',');
  if (v && typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}=${describeSettingValue(x)}`)
      .join(' ');
  return String(v);
}

/**
 * A change as one short line for the history card: `5 → 8`; for a setting that holds an object,
 * only the numbers that changed (`trips 5 → 15，leads 5 → 0`). `from` null: the default was in force.
 */
export function describeSettingChange(key: string, from: unknown, to: unknown): string {
  const before = from === null || from === undefined ? effectiveValue(key, undefined) : effectiveValue(key, from);
  const after = effectiveValue(key, to);
  if (before && after && typeof before === 'object' && !Array.isArray(before) && typeof after === 'object') {
    const flat = (o: unknown, prefix = ''): Record<string, unknown> =>
      Object.entries(o as Record<string, unknown>).reduce<Record<string, unknown>>((acc, [k, x]) => {
        if (x && typeof x === 'object' && !Array.isArray(x)) Object.assign(acc, flat(x, `${prefix}${k}.`));
        else acc[`${prefix}${k}`] = x;
        return acc;
      }, {});
    const a = flat(before);
    const b = flat(after);
    const diff = Object.keys(b)
      .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
      .map((k) => `${k} ${describeSettingValue(a[k])} → ${describeSettingValue(b[k])}`);
    return diff.length > 0 ? diff.join('，') : '（无变化）';
  }
  return `${describeSettingValue(before)} → ${describeSettingValue(after)}`;
}

/** The Chinese name of a settings key, for the history card: the group and the input. */
export function settingLabel(key: string): string {
  for (const g of SETTING_GROUPS) {
    if (g.fields.some((f) => f.key === key && f.path))
      return key === ASSESS_WEIGHTS_KEY ? g.title : `${g.title}·${key === 'bulletin.weights' ? '权重' : '规则'}`;
    const f = g.fields.find((x) => x.key === key);
    if (f) return `${g.title}·${f.label}`;
  }
  return key;
}
