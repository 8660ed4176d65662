// The shape of prisma/plan-2018.json (the plan as data, edited by the office) and its checks.
// Every problem is reported with the entry it is in, e.g. `squads[3] (纺织和羽绒产业招商小分队).leadUnit: …`.
import { z } from 'zod';
import { METRICS, RANKS, ROLES, SQUAD_KINDS, UNIT_KINDS, type Role } from '../domain/vocabulary.js';

/** Goal-only metrics: the commencement rate of a signing-year cohort (a fraction, 0.8 = 80%). */
const COMMENCEMENT_RATE_METRIC = /^COMMENCEMENT_RATE_(\d{4})$/;

const comment = z.union([z.string(), z.array(z.string())]).optional();
const text = z.string().trim().min(1);
const code = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be upper-case ASCII letters, digits and _');

const UnitSchema = z.strictObject({
  _comment: comment,
  code,
  name: text,
  kind: z.enum(UNIT_KINDS),
  aliases: z.array(text).optional(),
});

const PersonSchema = z.strictObject({
  _comment: comment,
  name: text,
  unit: code,
  title: z.string().default(''),
  rank: z.enum(RANKS).optional(),
  roles: z.array(z.enum(ROLES)).default([]),
  mobile: z
    .string()
    .regex(/^1\d{10}$/, 'must be an 11-digit mainland mobile number')
    .optional(),
  email: z.email().optional(),
});

const SquadSchema = z.strictObject({
  _comment: comment,
  code,
  name: text,
  kind: z.enum(SQUAD_KINDS),
  sortOrder: z.number().int(),
  leaders: z.array(text).min(1).max(2),
  leadUnit: code,
  partnerUnits: z.array(code).default([]),
  focusSectors: z.array(text).default([]),
  duties: z.string().default(''),
  captain: text,
  members: z.array(text).default([]),
});

const CentreSchema = z.strictObject({ unit: code, staff: z.array(text).min(1) });

const LeadingGroupSchema = z.strictObject({
  _comment: comment,
  leader: text,
  deputies: z.array(text).min(1),
  leaderInCharge: text,
  office: z.strictObject({ unit: code, director: text, staff: z.array(text).default([]) }),
  assistanceCentre: CentreSchema,
  assessmentCentre: CentreSchema,
});

const GoalSchema = z.strictObject({
  _comment: comment,
  metric: z.string().refine((m) => (METRICS as readonly string[]).includes(m) || COMMENCEMENT_RATE_METRIC.test(m), {
    message: `must be one of ${METRICS.join(', ')} or COMMENCEMENT_RATE_<year>`,
  }),
  target: z.number().nonnegative(),
  label: z.string().optional(),
});

const QuotaSchema = z.strictObject({
  _comment: comment,
  squad: code,
  targets: z.partialRecord(z.enum(METRICS), z.number().nonnegative()),
});

const PlanShape = z.strictObject({
  _comment: comment,
  source: z.string().optional(),
  year: z.number().int().min(2000).max(2100),
  units: z.array(UnitSchema).min(1),
  people: z.array(PersonSchema),
  squads: z.array(SquadSchema),
  leadingGroup: LeadingGroupSchema,
  goals: z.array(GoalSchema),
  quotas: z.array(QuotaSchema),
});

const PlanSchema = PlanShape.superRefine(checkReferences);
export type Plan = z.output<typeof PlanShape>;
export type PlanPerson = Plan['people'][number];

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

/** Cross-references: codes and names exist and are unique, roles fit, quotas add up to the goals. */
function checkReferences(plan: Plan, ctx: Ctx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const unique = <T>(items: T[], key: (t: T) => string | undefined, list: string, field: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (k === undefined) return;
      if (seen.has(k)) issue([list, i, field], `duplicate ${field} "${k}"`);
      seen.add(k);
    });
  };
  unique(plan.units, (u) => u.code, 'units', 'code');
  unique(plan.units, (u) => u.name, 'units', 'name');
  unique(plan.people, (p) => p.name, 'people', 'name');
  unique(plan.people, (p) => p.mobile, 'people', 'mobile');
  unique(plan.squads, (s) => s.code, 'squads', 'code');
  unique(plan.squads, (s) => s.name, 'squads', 'name');
  unique(plan.goals, (g) => g.metric, 'goals', 'metric');
  unique(plan.quotas, (q) => q.squad, 'quotas', 'squad');

  const units = new Map(plan.units.map((u) => [u.code, u]));
  const people = new Map(plan.people.map((p) => [p.name, p]));
  const unitRef = (c: string, path: Path) => {
    if (!units.has(c)) issue(path, `unknown unit code "${c}"`);
  };
  const personRef = (name: string, path: Path, role?: Role) => {
    const p = people.get(name);
    if (!p) issue(path, `unknown person "${name}" (not in people)`);
    else if (role && !p.roles.includes(role)) issue(path, `person "${name}" lacks the role ${role}`);
    return p;
  };

  plan.people.forEach((p, i) => {
    unitRef(p.unit, ['people', i, 'unit']);
    if (new Set(p.roles).size !== p.roles.length) issue(['people', i, 'roles'], 'duplicate role');
  });

  plan.squads.forEach((s, i) => {
    const at = (...rest: Path): Path => ['squads', i, ...rest];
    unitRef(s.leadUnit, at('leadUnit'));
    s.partnerUnits.forEach((u, j) => {
      unitRef(u, at('partnerUnits', j));
      if (u === s.leadUnit) issue(at('partnerUnits', j), `"${u}" is already the lead unit`);
      if (s.partnerUnits.indexOf(u) !== j) issue(at('partnerUnits', j), `duplicate partner unit "${u}"`);
    });
    s.leaders.forEach((name, j) => {
      personRef(name, at('leaders', j), 'RESPONSIBLE_LEADER');
    });
    const captain = personRef(s.captain, at('captain'));
    if (captain && captain.unit !== s.leadUnit)
      issue(at('captain'), `the captain must belong to the lead unit ${s.leadUnit} (is in ${captain.unit})`);
    const allowed = new Set([s.leadUnit, ...s.partnerUnits]);
    s.members.forEach((name, j) => {
      const m = personRef(name, at('members', j));
      if (m && !allowed.has(m.unit))
        issue(at('members', j), `member "${name}" is in ${m.unit}, not the lead or a partner unit`);
      if (name === s.captain || s.members.indexOf(name) !== j)
        issue(at('members', j), `"${name}" is listed twice in this squad`);
    });
  });

  const g = plan.leadingGroup;
  personRef(g.leader, ['leadingGroup', 'leader'], 'GROUP_LEADER');
  g.deputies.forEach((d, j) => {
    personRef(d, ['leadingGroup', 'deputies', j], 'DEPUTY_LEADER');
  });
  personRef(g.leaderInCharge, ['leadingGroup', 'leaderInCharge'], 'LEADER_IN_CHARGE');
  unitRef(g.office.unit, ['leadingGroup', 'office', 'unit']);
  if (units.get(g.office.unit) && units.get(g.office.unit)!.kind !== 'OFFICE')
    issue(['leadingGroup', 'office', 'unit'], `unit "${g.office.unit}" is not of kind OFFICE`);
  personRef(g.office.director, ['leadingGroup', 'office', 'director'], 'OFFICE_ADMIN');
  g.office.staff.forEach((s, j) => {
    personRef(s, ['leadingGroup', 'office', 'staff', j], 'OFFICE');
  });
  unitRef(g.assistanceCentre.unit, ['leadingGroup', 'assistanceCentre', 'unit']);
  g.assistanceCentre.staff.forEach((s, j) => {
    personRef(s, ['leadingGroup', 'assistanceCentre', 'staff', j], 'HELPER');
  });
  unitRef(g.assessmentCentre.unit, ['leadingGroup', 'assessmentCentre', 'unit']);
  g.assessmentCentre.staff.forEach((s, j) => {
    personRef(s, ['leadingGroup', 'assessmentCentre', 'staff', j], 'ASSESSOR');
  });

  const squadCodes = new Set(plan.squads.map((s) => s.code));
  plan.quotas.forEach((q, i) => {
    if (!squadCodes.has(q.squad)) issue(['quotas', i, 'squad'], `unknown squad code "${q.squad}"`);
  });
  // Every splittable district goal is split exactly across the squads.
  plan.goals.forEach((goal, i) => {
    if (!(METRICS as readonly string[]).includes(goal.metric)) return;
    const metric = goal.metric as (typeof METRICS)[number];
    const parts = plan.quotas.map((q) => q.targets[metric]).filter((v): v is number => v !== undefined);
    if (parts.length === 0) return;
    const sum = parts.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - goal.target) > 1e-6)
      issue(
        ['goals', i, 'target'],
        `the squads' quotas of ${metric} add up to ${sum}, not to the district goal ${goal.target}`,
      );
  });
}

export class PlanError extends Error {
  override name = 'PlanError';
}

/** `squads[3] (纺织和羽绒产业招商小分队).partnerUnits[1]`: the path, with each array entry's name. */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = raw;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += (out ? '.' : '') + String(key);
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number' && node !== null && typeof node === 'object') {
      const e = node as Record<string, unknown>;
      const label = [e.name, e.code, e.squad, e.metric].find((v) => typeof v === 'string');
      if (label) out += ` (${label as string})`;
    }
  }
  return out || '(top level)';
}

/** Validates parsed JSON against the plan's shape and references; throws a PlanError naming each bad entry. */
export function parsePlan(raw: unknown, source = 'plan'): Plan {
  const result = PlanSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues.slice(0, 10).map((i) => `  ${describePath(raw, i.path)}: ${i.message}`);
  const more = result.error.issues.length > 10 ? `\n  … and ${result.error.issues.length - 10} more` : '';
  throw new PlanError(`${source} is invalid:\n${lines.join('\n')}${more}`);
}
