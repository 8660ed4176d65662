import { describe, expect, it } from 'vitest';
import { parameterised, withValues } from '../../src/db/plan-parameters.js';

// Which values of a request become parameters of its plan, and the plan with them put back.

const request = (where: unknown) =>
  JSON.stringify({ modelName: 'Lead', action: 'findMany', query: { arguments: { where }, selection: { id: true } } });

describe('parameterised', () => {
  it('takes out the numbers and strings compared at the top of where, and a compound key’s', () => {
    const a = parameterised(request({ id: 3, requestKey: 'k1' }))!;
    const b = parameterised(request({ id: 4, requestKey: 'k2' }))!;
    expect(a.shape).toBe(b.shape);
    expect([...a.values]).toEqual([
      ['p0', 3],
      ['p1', 'k1'],
    ]);
    const keyed = parameterised(request({ squadId_month: { squadId: 2, month: '2018-06' } }))!;
    expect([...keyed.values.values()]).toEqual([2, '2018-06']);
  });

  it('leaves in what changes the SQL: null, dates, lists, filters, AND/OR/NOT, fractions', () => {
    for (const where of [
      { nameKey: null },
      { createdAt: { $type: 'DateTime', value: '2018-06-01T00:00:00.000Z' } },
      { id: { in: [1, 2] } },
      { id: { gt: 3 } },
      { AND: [{ id: 3 }] },
      { intendedInvestment: 1.5 },
      { status: true },
    ])
      expect(parameterised(request(where)), JSON.stringify(where)).toBeUndefined();
    expect(parameterised(JSON.stringify({ modelName: 'Lead', action: 'count', query: { arguments: {} } }))).toBe(
      undefined,
    );
  });

  it('keeps the other values of a where with some taken out', () => {
    const r = parameterised(request({ id: 3, nameKey: null, createdOn: { gte: '2018-01-01' } }))!;
    expect([...r.values]).toEqual([['p0', 3]]);
    expect(JSON.parse(r.shape).query.arguments.where).toEqual({
      id: { $type: 'Param', value: 'p0' },
      nameKey: null,
      createdOn: { gte: '2018-01-01' },
    });
  });
});

describe('withValues', () => {
  it('puts each value where its parameter stood and shares the parts without one', () => {
    const structure = Object.freeze({ type: 'object', fields: Object.freeze({}) });
    const plan = Object.freeze({
      type: 'query',
      args: Object.freeze([{ prisma__type: 'param', prisma__value: { name: 'p0', type: 'Int' } }, '1']),
      check: Object.freeze({ value: { prisma__type: 'param', prisma__value: { name: 'p0', type: 'Int' } } }),
      structure,
    });
    const bound = withValues(plan, new Map([['p0', 7]])) as typeof plan;
    expect(bound.args).toEqual([7, '1']);
    expect(bound.check).toEqual({ value: 7 });
    expect(bound.structure).toBe(structure);
    expect(plan.args[0]).toMatchObject({ prisma__type: 'param' });
  });
});
