import { stageDatesAfter } from '../domain/project-stages.js';
import { MAJOR_PROJECT_WAN, type ProjectStage } from '../domain/vocabulary.js';
import type { DemoContext, DemoSquad } from './demo-context.js';
import { BRANDS, CITIES, STRATEGIC, WORDS, daysFrom, instantOf, minDate, plusDays } from './demo-random.js';
import { DemoReviews } from './demo-reviews.js';
import { setKeyProject, setProjectLand } from './key-land.js';
import { setProjectFlags } from './project-flags.js';
import {
  closeProjectTask,
  createProjectTask,
  createProjectWithHistory,
  recordStageChange,
  setProjectHelper,
} from './project-writes.js';

// The demo's projects (项目) of the industry squads: this year's ¥100M+ signings (each after its
// pre-review), some started or producing with funds in place; small signings; projects in talks,
// packaged (策划包装) ones among them; the three cohorts before this year for the commencement rate,
// one reaching 达效; tasks with time limits (some overdue); key projects waiting for land; a few
// flagged 重大项目.

interface Made {
  id: number;
  stage: ProjectStage;
  investment: number;
  changes: number;
  squad: DemoSquad;
  signedOn?: string;
}

const TASKS = ['办理施工许可', '水电接入', '环评批复', '用地报批', '设备进场', '消防验收', '厂房装修', '办理营业执照'];
/** Days from today of each project's open task: red (over 7 days late), yellow, green (due soon), later. */
const DUE = [-15, -4, 2, 9, -9, -1, 1, 20, 30, 12];

export async function addDemoProjects(ctx: DemoContext): Promise<{ projects: number; tasks: number; reviews: number }> {
  const reviews = await new DemoReviews(ctx).load();
  const w = new Writer(ctx);
  const signedThisYear: Made[] = [];
  for (const s of ctx.squads.filter((x) => x.kind === 'INDUSTRY')) {
    const quotaSigned = s.quota.SIGNED_PROJECTS ?? s.quota.COMMENCED_PROJECTS ?? 2;
    const n = Math.max(1, Math.round(quotaSigned * ctx.progress * s.strength));
    const avg = (s.quota.SIGNED_INVESTMENT ?? 60_000) / (s.quota.SIGNED_PROJECTS ?? 2);
    let fx = Math.round((s.quota.FOREIGN_CAPITAL_USD ?? 0) * ctx.progress * s.strength);
    for (let j = 0; j < n; j++) {
      const signedOn = w.dateInYear((j + 0.5) / n, 10);
      const p = await w.project(s, Math.max(10_000, ctx.dice.amount(avg * 0.6, avg * 1.4)), plusDays(signedOn, -40));
      await reviews.pass(p.id, plusDays(signedOn, -12));
      await w.move(p, 'SIGNED', signedOn, { evidence: '投资合同已签订' });
      signedThisYear.push(p);
      const startedOn = plusDays(signedOn, ctx.dice.int(25, 40));
      if (startedOn < ctx.today && ctx.dice.chance(0.8)) {
        await w.move(p, 'STARTED', startedOn, { funds: ctx.dice.amount(p.investment * 0.3, p.investment * 0.5), fx });
        fx = 0;
        const producingOn = plusDays(startedOn, ctx.dice.int(60, 90));
        if (producingOn < ctx.today && ctx.dice.chance(0.5))
          await w.move(p, 'PRODUCING', producingOn, { funds: ctx.dice.amount(p.investment * 0.2, p.investment * 0.3) });
      }
      await w.tasks(p, signedOn);
    }
    const small = await w.project(s, ctx.dice.amount(2000, 8000), w.dateInYear(0.2, 0));
    await w.move(small, 'SIGNED', w.dateInYear(0.4, 0), { evidence: '框架协议已签订' });
    await w.negotiating(s, Math.round((s.quota.PACKAGED_PROJECTS ?? 1) * ctx.progress * s.strength));
    await w.cohorts(s);
  }
  await w.keyProjects(signedThisYear);
  await w.majorProjects(signedThisYear);
  const [inReview, vetoed] = [ctx.squads[2] ?? ctx.squads[0]!, ctx.squads[4] ?? ctx.squads[0]!];
  const a = await w.project(inReview, 45_000, plusDays(ctx.today, -30), '锂电池正极材料项目');
  await reviews.inProgress(a.id, plusDays(ctx.today, -3));
  const b = await w.project(vetoed, 15_000, plusDays(ctx.today, -45), '生猪屠宰及肉制品深加工项目');
  await reviews.vetoed(b.id, plusDays(ctx.today, -20));
  await w.dropStaleLeads();
  return { projects: w.projects, tasks: w.taskCount, reviews: reviews.count };
}

class Writer {
  projects = 0;
  taskCount = 0;
  private due = 0;
  /** Open leads not yet made into a project, oldest first. */
  private leads?: { id: number; squadId: number; company: string; createdOn: string }[];
  constructor(private readonly ctx: DemoContext) {}

  /** A day of this year up to today: `share` of the way through the year so far, less `marginDays`. */
  dateInYear(share: number, marginDays: number): string {
    const elapsed = Math.max(0, daysFrom(`${this.ctx.year}-01-01`, this.ctx.today) - marginDays);
    return plusDays(`${this.ctx.year}-01-01`, Math.floor(elapsed * share));
  }

  /** A new project in talks (洽谈), from one of the squad's open leads when one is old enough. */
  async project(s: DemoSquad, investment: number, on: string, name?: string): Promise<Made> {
    const { db, dice } = this.ctx;
    const word = dice.pick(WORDS[s.code] ?? WORDS.TOWN!);
    this.leads ??= await db.lead.findMany({
      where: { status: 'OPEN', projectId: null },
      orderBy: [{ createdOn: 'asc' }, { id: 'asc' }],
      select: { id: true, squadId: true, company: true, createdOn: true },
    });
    const leads = this.leads;
    const at = leads.findIndex((l) => l.squadId === s.id && l.createdOn <= on);
    const lead = at < 0 ? undefined : leads.splice(at, 1)[0];
    const brand = dice.pick(BRANDS);
    const created = await createProjectWithHistory(db, {
      requestKey: `demo:project:${++this.projects}`,
      name: name ?? `${brand}${word}${dice.pick(['生产基地', '产业园', '项目', '生产线'])}`,
      company: lead?.company ?? `${dice.pick(CITIES)}${brand}${word}有限公司`,
      squadId: s.id,
      leadId: lead?.id ?? null,
      strategicEmerging: dice.int(1, 4) === 1,
      majorProject: false,
      sector: word,
      investment,
      chatId: null,
      cardMessageId: null,
      createdById: s.captainId,
      on: on < `${this.ctx.year - 4}-01-01` ? `${this.ctx.year - 4}-01-01` : on,
    });
    if (STRATEGIC.has(word)) await db.project.update({ where: { id: created.id }, data: { strategicEmerging: true } });
    return { id: created.id, stage: 'NEGOTIATING', investment, changes: 1, squad: s };
  }

  /** One step of the project's history (the same write the project card makes). */
  async move(p: Made, to: ProjectStage, on: string, o: { funds?: number; fx?: number; evidence?: string }) {
    const kind = to === p.stage ? 'UPDATE' : 'FORWARD';
    await recordStageChange(this.ctx.db, {
      requestKey: `project:${p.id}:change:${p.changes}`,
      projectId: p.id,
      fromStage: p.stage,
      toStage: to,
      on,
      investment: null,
      investmentAfter: p.investment,
      fundsAdded: o.funds || null,
      fxAdded: o.fx || null,
      evidence: o.evidence ?? '',
      byId: p.squad.captainId,
      dates: stageDatesAfter(kind, to, on),
    });
    p.changes++;
    p.stage = to;
    if (to === 'SIGNED') p.signedOn = on;
  }

  /** A task done after signing, and one still open, due around today. */
  async tasks(p: Made, signedOn: string): Promise<void> {
    const { db, dice } = this.ctx;
    const helper = this.ctx.personId('HELPER');
    const office = this.ctx.personId('OFFICE_ADMIN');
    await setProjectHelper(db, p.id, helper);
    const add = async (title: string, dueOn: string) => {
      const t = await createProjectTask(db, {
        requestKey: `project:${p.id}:task:${this.taskCount++}`,
        projectId: p.id,
        title,
        dueOn,
        assigneeId: helper,
        createdById: office,
      });
      return t.id;
    };
    const first = plusDays(signedOn, 20);
    if (first < plusDays(this.ctx.today, -10)) {
      const id = await add(dice.pick(TASKS), first);
      await closeProjectTask(db, id, helper, instantOf(plusDays(first, -2), 15, this.ctx.tz));
    }
    await add(dice.pick(TASKS), plusDays(this.ctx.today, DUE[this.due++ % DUE.length]!));
  }

  /** Projects in talks; the first `packaged` of them packaged (策划包装) this year. */
  async negotiating(s: DemoSquad, packaged: number): Promise<void> {
    for (let i = 0; i <= packaged; i++) {
      const p = await this.project(
        s,
        this.ctx.dice.amount(8000, 80_000),
        this.dateInYear((i + 0.5) / (packaged + 1), 5),
      );
      if (i < packaged)
        await this.ctx.db.project.update({
          where: { id: p.id },
          data: { packaged: true, packagedOn: this.dateInYear((i + 0.7) / (packaged + 1), 3) },
        });
    }
  }

  /**
   * Projects signed in each of the three years before this one (the commencement-rate cohorts),
   * under ¥100M (so no pre-review), most of the older ones started, some producing, one at target;
   * the producing ones put funds in place this year too.
   */
  async cohorts(s: DemoSquad): Promise<void> {
    const { dice, year, today } = this.ctx;
    for (const [back, started] of [
      [3, 0.9],
      [2, 0.7],
      [1, 0.55],
    ] as const) {
      for (let i = 0; i < (back === 1 && s.strength >= 0.6 ? 2 : 1); i++) {
        const signedOn = `${year - back}-${String(dice.int(2, 11)).padStart(2, '0')}-${dice.int(10, 25)}`;
        const p = await this.project(s, dice.amount(3000, 9800), plusDays(signedOn, -60));
        await this.move(p, 'SIGNED', signedOn, { evidence: '投资合同已签订' });
        if (!dice.chance(started)) continue;
        const startedOn = minDate(plusDays(signedOn, dice.int(40, 120)), plusDays(today, -1));
        await this.move(p, 'STARTED', startedOn, { funds: dice.amount(p.investment * 0.3, p.investment * 0.5) });
        if (back === 1) continue;
        await this.move(p, 'PRODUCING', minDate(plusDays(startedOn, dice.int(200, 300)), plusDays(today, -1)), {});
        const update = this.dateInYear(dice.next(), 3);
        await this.move(p, 'PRODUCING', update, { funds: dice.amount(p.investment * 0.1, p.investment * 0.2) });
        if (back === 3 && i === 0 && update < today)
          await this.move(p, 'AT_TARGET', plusDays(update, 1), { evidence: '年产值达到合同约定' });
      }
    }
  }

  /** The three largest signings of the year are key projects (重点项目); two wait for land. */
  async keyProjects(signed: Made[]): Promise<void> {
    const { db, today } = this.ctx;
    const office = { id: this.ctx.personId('OFFICE_ADMIN'), openId: null };
    const top = [...signed].sort((a, b) => b.investment - a.investment).slice(0, 3);
    for (const [i, p] of top.entries()) {
      await setKeyProject(db, p.id, true, '一企一策：区领导挂点联系，帮办中心全程代办审批', office);
      if (i === 0) continue;
      await setProjectLand(
        db,
        p.id,
        i === 1
          ? {
              landNeedMu: 150,
              landLocation: '桥圩镇工业集中区',
              landStatus: 'SITE_IDENTIFIED',
              landStatusOn: plusDays(today, -40),
            }
          : { landNeedMu: 80, landLocation: '', landStatus: 'NONE', landStatusOn: plusDays(today, -75) },
        office,
      );
    }
  }

  /**
   * The three largest signings of the year under ¥500M are flagged 重大项目 on their card (¥500M and
   * more count as major anyway), as the office would for projects the district treats as major.
   */
  async majorProjects(signed: Made[]): Promise<void> {
    const below = signed.filter((p) => p.investment < 5 * MAJOR_PROJECT_WAN);
    for (const p of [...below].sort((a, b) => b.investment - a.investment || a.id - b.id).slice(0, 3)) {
      const { strategicEmerging } = await this.ctx.db.project.findUniqueOrThrow({
        where: { id: p.id },
        select: { strategicEmerging: true },
      });
      await setProjectFlags(this.ctx.db, p.id, { strategicEmerging, majorProject: true });
    }
  }

  /** Some open leads that went quiet were given up (已放弃). */
  async dropStaleLeads(): Promise<void> {
    const stale = await this.ctx.db.lead.findMany({
      where: { status: 'OPEN', createdOn: { lte: plusDays(this.ctx.today, -90) } },
      orderBy: { id: 'asc' },
      select: { id: true },
    });
    const dropped = stale.filter((_, i) => i % 4 === 0).map((l) => l.id);
    await this.ctx.db.lead.updateMany({ where: { id: { in: dropped } }, data: { status: 'DROPPED' } });
  }
}
