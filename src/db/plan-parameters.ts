/**
 * The values of a Prisma request that can become query parameters, and a plan with them put back
 * (used by plan-cache.ts).
 *
 * A request is the JSON the client sends its query compiler (`{ modelName, action, query: {
 * arguments, selection } }`). The compiler accepts `{ $type: 'Param', value: name }` in place of a
 * value and leaves `{ prisma__type: 'param', prisma__value: { name } }` in the plan wherever the value
 * is used (the SQL's arguments, and checks on the rows); the executor would look each name up in the
 * values it is given. Here the values are put into a copy of the plan instead, so the executor sees
 * the same plan as for the request with the values written in.
 */

type Values = Map<string, string | number>;

/** Values of this kind are compared the same way whatever they are: safe to take out. */
function isPlain(v: unknown): v is string | number {
  return typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v));
}

/**
 * The request with the plain values its `where` compares fields with taken out, as the shape that
 * keys its plan, and the values by parameter name; undefined when it has none.
 */
export function parameterised(request: string): { shape: string; values: Values } | undefined {
  if (!request.includes('"where"')) return undefined;
  const parsed = JSON.parse(request) as { query?: { arguments?: { where?: Record<string, unknown> } } };
  const where = parsed.query?.arguments?.where;
  if (!where || typeof where !== 'object') return undefined;
  const values: Values = new Map();
  const take = (obj: Record<string, unknown>, field: string) => {
    const name = `p${values.size}`;
    values.set(name, obj[field] as string | number);
    obj[field] = { $type: 'Param', value: name };
  };
  for (const [field, v] of Object.entries(where)) {
    if (field === 'AND' || field === 'OR' || field === 'NOT') continue;
    if (isPlain(v)) take(where, field);
    else if (v && typeof v === 'object' && !Array.isArray(v) && !('$type' in v) && isCompoundKey(v))
      for (const inner of Object.keys(v)) take(v as Record<string, unknown>, inner);
  }
  return values.size ? { shape: JSON.stringify(parsed), values } : undefined;
}

/** `{ squadId: 3, month: '2018-06' }` of a compound unique key: only plain values, no filters. */
function isCompoundKey(v: object): boolean {
  const entries = Object.entries(v);
  return entries.length > 1 && entries.every(([, x]) => isPlain(x));
}

/** A copy of `plan` with each parameter replaced by its value; parts without one are shared. */
export function withValues(plan: unknown, values: Values): unknown {
  if (Array.isArray(plan)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < plan.length; i++) {
      const v = withValues(plan[i], values);
      if (v === plan[i]) continue;
      copy ??= [...plan];
      copy[i] = v;
    }
    return copy ?? plan;
  }
  if (plan && typeof plan === 'object') {
    const node = plan as Record<string, unknown>;
    if (node.prisma__type === 'param') {
      const name = (node.prisma__value as { name: string }).name;
      if (values.has(name)) return values.get(name);
      return plan;
    }
    let copy: Record<string, unknown> | undefined;
    for (const k in node) {
      const v = withValues(node[k], values);
      if (v === node[k]) continue;
      copy ??= { ...node };
      copy[k] = v;
    }
    return copy ?? plan;
  }
  return plan;
}
