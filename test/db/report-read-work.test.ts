import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { findMonthlyReport } from '../../src/db/monthly-reports.js';
import { countDbWork, dbWorkByName } from '../../src/db/op-count.js';
import { startTestBot, type TestBot } from '../helpers/app.js';

// A report revised many times is read with the same database work as one revised once: the names
// of everyone who revised it come in one query, not one query per revision.

let bot: TestBot;
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
});
afterAll(async () => {
  await bot?.close();
});

async function reportWithRevisions(squadId: number, month: string, n: number): Promise<void> {
  const people = await db().person.findMany({ select: { id: true }, take: n, orderBy: { id: 'asc' } });
  const report = await db().monthlyReport.create({
    data: { squadId, month, status: 'SUBMITTED', submittedById: people[0]!.id, version: n },
  });
  for (let v = 1; v <= n; v++)
    await db().monthlyReportRevision.create({
      data: { reportId: report.id, version: v, content: '{}', byId: people[(v - 1) % people.length]!.id },
    });
}

async function workOf(name: string, squadId: number, month: string) {
  const view = await countDbWork(name, () => findMonthlyReport(db(), squadId, month));
  return { view, work: dbWorkByName.get(name)! };
}

describe('reading a monthly report', () => {
  it('costs the same with twelve revisions by different people as with one', async () => {
    const squads = await db().squad.findMany({ select: { id: true }, take: 2, orderBy: { id: 'asc' } });
    await reportWithRevisions(squads[0]!.id, '2018-04', 1);
    await reportWithRevisions(squads[1]!.id, '2018-04', 12);
    const one = await workOf('read-one', squads[0]!.id, '2018-04');
    const many = await workOf('read-many', squads[1]!.id, '2018-04');
    expect(many.view!.revisions).toHaveLength(12);
    expect(new Set(many.view!.revisions.map((r) => r.by)).size).toBe(12);
    expect(many.view!.revisions.every((r) => typeof r.by === 'string' && r.by !== '')).toBe(true);
    expect(many.work.operations).toBe(one.work.operations);
    expect(many.work.statements).toBe(one.work.statements);
  });
});
