import { isLateSubmission } from '../domain/deadlines.js';
import type { VisitedBusinessman } from '../domain/visited-businessmen.js';
import type { DemoContext, DemoSquad } from './demo-context.js';
import { WORDS, instantOf, plusDays } from './demo-random.js';
import { businessmanOfVisit, exemptReport, saveReportDraft, type ReportFields } from './monthly-reports.js';

// The demo's monthly reports (月度汇报, due before the 28th), January to this month: strong squads on
// time, weaker ones now and then late or missing, one month 免报; this month's, while still open,
// submitted by some and drafted by others.

interface Submitted {
  squad: DemoSquad;
  month: string;
  at: Date;
  fields: ReportFields;
}

export async function addDemoReports(ctx: DemoContext): Promise<{ reports: number }> {
  const visited = await visitsByMonth(ctx);
  const fields = (s: DemoSquad, month: string) => reportFields(ctx, s, visited.get(`${s.id}:${month}`) ?? []);
  const submitted: Submitted[] = [];
  let others = 0;
  const thisMonth = ctx.today.slice(0, 7);
  const day = Number(ctx.today.slice(8, 10));
  for (const s of ctx.squads) {
    for (let m = 1; `${ctx.year}-${String(m).padStart(2, '0')}` <= thisMonth; m++) {
      const month = `${ctx.year}-${String(m).padStart(2, '0')}`;
      const open = month === thisMonth && day <= 27;
      const roll = ctx.dice.next();
      const submit = (on: string) => {
        submitted.push({
          squad: s,
          month,
          at: instantOf(on > ctx.today ? ctx.today : on, 16, ctx.tz),
          fields: fields(s, month),
        });
      };
      if (s.strength < 0.5 && month === `${ctx.year}-02` && !open) {
        const byId = s.leaderIds[0] ?? s.captainId;
        await exemptReport(ctx.db, { squadId: s.id, month, reason: '春节期间无外出招商活动', byId });
        others++;
      } else if (open) {
        if (day < 15) continue;
        if (roll < s.strength - 0.4) submit(plusDays(ctx.today, -ctx.dice.int(0, 2)));
        else if (roll < 0.8) {
          await saveReportDraft(ctx.db, s.id, month, fields(s, month));
          others++;
        }
      } else if (roll <= 0.55 + 0.45 * s.strength) {
        // A past month: on time most of the time, the weaker the squad the more often late or missing.
        const late = roll > 0.35 + 0.5 * s.strength;
        submit(late ? plusDays(`${month}-27`, ctx.dice.int(1, 5)) : `${month}-${ctx.dice.int(18, 27)}`);
      }
    }
  }
  await writeSubmitted(ctx, submitted);
  return { reports: submitted.length + others };
}

/**
 * The rows submitReport leaves after a first submission (version 1 and its revision), all at once:
 * one report per squad and month, so the first start stays fast.
 */
async function writeSubmitted(ctx: DemoContext, submitted: Submitted[]): Promise<void> {
  const rows = await ctx.db.monthlyReport.createManyAndReturn({
    data: submitted.map((r) => ({
      squadId: r.squad.id,
      month: r.month,
      status: 'SUBMITTED',
      economicTrends: r.fields.economicTrends,
      investmentDirections: r.fields.investmentDirections,
      projectInfo: r.fields.projectInfo,
      suggestions: r.fields.suggestions,
      visitedBusinessmen: JSON.stringify(r.fields.visitedBusinessmen),
      version: 1,
      submittedAt: r.at,
      submittedById: r.squad.captainId,
      late: isLateSubmission(r.month, r.at, ctx.tz),
    })),
    select: { id: true, squadId: true, month: true },
  });
  const of = new Map(submitted.map((r) => [`${r.squad.id}:${r.month}`, r]));
  await ctx.db.monthlyReportRevision.createMany({
    data: rows.map((row) => {
      const r = of.get(`${row.squadId}:${row.month}`)!;
      return {
        reportId: row.id,
        version: 1,
        content: JSON.stringify(r.fields),
        byId: r.squad.captainId,
        createdAt: r.at,
      };
    }),
  });
}

/** Each squad's visits by month, as the report's businessmen list (what visitedBusinessmenOfMonth gives). */
async function visitsByMonth(ctx: DemoContext): Promise<Map<string, VisitedBusinessman[]>> {
  const visits = await ctx.db.visit.findMany({ orderBy: [{ visitedOn: 'asc' }, { id: 'asc' }] });
  const out = new Map<string, VisitedBusinessman[]>();
  for (const v of visits) {
    const key = `${v.squadId}:${v.visitedOn.slice(0, 7)}`;
    out.set(key, [...(out.get(key) ?? []), businessmanOfVisit(v)]);
  }
  return out;
}

function reportFields(ctx: DemoContext, s: DemoSquad, visited: VisitedBusinessman[]): ReportFields {
  const words = WORDS[s.code] ?? WORDS.TOWN!;
  const [a, b] = [ctx.dice.pick(words), ctx.dice.pick(words)];
  return {
    economicTrends: `${a}行业订单回暖，沿海企业用工和用地成本上升，向西部转移产能的意愿增强。`,
    investmentDirections: `重点跟进${a}、${b}领域的产业转移项目，以及配套的仓储物流。`,
    projectInfo: visited.length
      ? `本月拜访企业 ${visited.length} 家，其中 ${Math.min(3, visited.length)} 家表达了投资意向。`
      : '本月未外出招商，继续电话跟进在谈企业。',
    suggestions: '建议区里统筹标准厂房和用地指标，加快在谈项目的落地服务。',
    visitedBusinessmen: visited,
  };
}
