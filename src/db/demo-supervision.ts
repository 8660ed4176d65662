import { meetingDay, previousQuarter } from '../domain/meeting.js';
import { addDays, quarterOfDate, type Period } from '../domain/periods.js';
import type { Rating } from '../domain/inspection.js';
import type { DemoContext, DemoSquad } from './demo-context.js';
import { instantOf, minDate } from './demo-random.js';
import { closeCorrection, createInspection } from './inspections.js';
import { createMeetingIssue } from './meeting-issues.js';

// The supervision loop in the demo: last quarter the office inspected every industry squad (a 差 for
// the weakest, corrections closed but one overdue) and the leadership meeting decided on one squad's
// issue (one decision done, one still open); this quarter a few squads are inspected so far, with a
// correction due soon, and two issues wait for the coming meeting. Rows carry `demo:` keys.

const FINDINGS: Record<Rating, { checked: string; findings: string; fix?: string }> = {
  GOOD: { checked: '招商台账、外出招商报告、线索跟踪', findings: '台账完整，线索跟踪及时，项目推进有力。' },
  FAIR: {
    checked: '招商台账、月度汇报、项目帮办记录',
    findings: '台账基本完整，个别线索跟踪记录不及时。',
    fix: '补齐线索跟踪记录',
  },
  AVERAGE: {
    checked: '招商台账、外出招商报告、月度汇报',
    findings: '外出招商报告有两次迟交，线索转化慢，联合责任单位参与不够。',
    fix: '制定线索转化计划并报办公室',
  },
  POOR: {
    checked: '招商台账、外出招商计划执行、签约项目推进',
    findings: '招商台账不完整，外出拜访企业不足 6 家，已签约项目未按期开工。',
    fix: '补齐招商台账，提交整改报告',
  },
};

function ratingOf(s: DemoSquad): Rating {
  if (s.strength >= 1.1) return 'GOOD';
  if (s.strength >= 0.9) return 'FAIR';
  if (s.strength >= 0.6) return 'AVERAGE';
  return 'POOR';
}

export async function addDemoSupervision(ctx: DemoContext): Promise<{ inspections: number; issues: number }> {
  const inspector = ctx.personId('OFFICE');
  const now = quarterOfDate(ctx.today);
  const last = previousQuarter(now);
  const industry = ctx.squads.filter((s) => s.kind === 'INDUSTRY');
  let inspections = 0;
  let overdueLeft = false;
  for (const s of industry) {
    // Last quarter: every industry squad, in the quarter's last month; corrections done, one left overdue.
    const on = `${last.months[2]}-0${1 + (inspections % 9)}`;
    const dueOn = addDays(on, 30);
    const closeOne = overdueLeft || ratingOf(s) !== 'POOR';
    if (!closeOne) overdueLeft = true;
    await inspect(ctx, s, last, on, dueOn, inspector, closeOne ? minDate(addDays(on, 20), ctx.today) : null);
    inspections++;
  }
  // This quarter so far: the first three squads, a correction due in ten days.
  for (const s of industry.slice(0, 3)) {
    const on = minDate(addDays(now.from, 20 + inspections), ctx.today);
    await inspect(ctx, s, now, on, addDays(ctx.today, 10), inspector, null);
    inspections++;
  }
  return { inspections, issues: await addIssuesAndDecisions(ctx, last, industry) };
}

async function inspect(
  ctx: DemoContext,
  s: DemoSquad,
  period: Period,
  on: string,
  dueOn: string,
  inspector: number,
  closedOn: string | null,
): Promise<void> {
  const rating = ratingOf(s);
  const f = FINDINGS[rating];
  const corrections = f.fix ? [{ title: f.fix, ownerId: s.captainId, dueOn }] : [];
  const id = await createInspection(ctx.db, {
    requestKey: `demo:inspection:${period.key}:${s.code}`,
    squadId: s.id,
    period: period.key,
    inspectedOn: on,
    checked: f.checked,
    findings: f.findings,
    rating,
    createdById: inspector,
    corrections,
  });
  if (!closedOn) return;
  for (const c of await ctx.db.correction.findMany({ where: { inspectionId: id }, select: { id: true } }))
    await closeCorrection(
      ctx.db,
      c.id,
      s.captainId,
      '已按要求整改完毕，整改报告已报区招商局。',
      instantOf(closedOn, 16, ctx.tz),
    );
}

/**
 * Last meeting: one issue decided, its two decisions owned by the squad's responsible leader (one
 * closed with a note, one open); this quarter: two issues waiting for the meeting.
 */
async function addIssuesAndDecisions(ctx: DemoContext, last: Period, squads: DemoSquad[]): Promise<number> {
  const [a, b, c] = squads;
  if (!a || !b || !c) return 0;
  const office = ctx.personId('OFFICE');
  const lastMeeting = meetingDay(last);
  const decided = await createMeetingIssue(ctx.db, {
    requestKey: `demo:issue:${last.key}`,
    squadId: a.id,
    projectId: null,
    title: '签约项目用地指标不足，影响按期开工',
    helpAsked: '请领导小组协调自然资源部门优先保障签约项目用地指标。',
    raisedById: a.captainId,
    createdAt: instantOf(addDays(lastMeeting, -12), 10, ctx.tz),
  });
  await ctx.db.meetingIssue.update({
    where: { id: decided },
    data: {
      status: 'DECIDED',
      decidedAt: instantOf(lastMeeting, 11, ctx.tz),
    },
  });
  const owner = a.leaderIds[0] ?? a.captainId;
  const decisions = [
    { title: '自然资源局牵头，一个月内提出签约项目用地保障方案', dueOn: addDays(lastMeeting, 30), done: true },
    { title: '发改局会同相关单位梳理待开工项目清单，逐个落实开工条件', dueOn: addDays(ctx.today, 15), done: false },
  ];
  for (const [i, d] of decisions.entries()) {
    const closedOn = minDate(addDays(lastMeeting, 25), ctx.today);
    await ctx.db.meetingDecision.create({
      data: {
        requestKey: `demo:decision:${last.key}:${i + 1}`,
        period: last.key,
        issueId: decided,
        title: d.title,
        ownerId: owner,
        dueOn: d.dueOn,
        createdById: office,
        createdAt: instantOf(lastMeeting, 11, ctx.tz),
        ...(d.done
          ? {
              status: 'DONE',
              closedNote: '用地保障方案已印发，三个签约项目的用地指标已落实。',
              closedAt: instantOf(closedOn, 17, ctx.tz),
              closedById: owner,
            }
          : {}),
      },
    });
  }
  const waiting = [
    { s: b, title: '外地客商来港考察接待经费不足', help: '请领导小组明确考察接待经费的列支渠道和标准。' },
    { s: c, title: '意向企业对标准厂房需求大，现有厂房不足', help: '请领导小组协调园区加快标准厂房建设进度。' },
  ];
  for (const [i, w] of waiting.entries())
    await createMeetingIssue(ctx.db, {
      requestKey: `demo:issue:${ctx.today}:${i + 1}`,
      squadId: w.s.id,
      projectId: null,
      title: w.title,
      helpAsked: w.help,
      raisedById: w.s.captainId,
      createdAt: instantOf(ctx.today, 9 + i, ctx.tz),
    });
  return 1 + waiting.length;
}
