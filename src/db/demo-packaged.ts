import { checkPackagedMove, type PackagedStatus } from '../domain/packaged.js';
import type { DemoContext, DemoSquad } from './demo-context.js';
import { WORDS, daysFrom, minDate, plusDays } from './demo-random.js';
import { createPackagedProject, leadUnitNameOf, linkableProjects, movePackagedStatus } from './packaged-projects.js';

// The demo's 策划包装项目 of this year: each industry squad has packaged its share of the district's
// goal so far (已包装, some already 已推介) and has one more 策划中; one that was promoted has signed and
// is linked to the squad's project it became. Written through the functions the /packaged card uses
// (register with a status and its dates, then move it on), so /packaged and the 策划包装项目 line of
// /progress read them as they would the squads' own.

interface Signing {
  id: number;
  signedOn: string;
  investment: number;
}

const KINDS = ['产业园建设项目', '精深加工项目', '生产基地项目', '产业链配套项目', '标准厂房项目'];

export async function addDemoPackaged(ctx: DemoContext): Promise<{ packaged: number }> {
  let made = 0;
  let toSign: { id: number; promotedOn: string; project: Signing } | undefined;
  for (const s of ctx.squads.filter((x) => x.kind === 'INDUSTRY')) {
    const share = Math.max(1, Math.round((s.quota.PACKAGED_PROJECTS ?? 1) * ctx.progress * s.strength));
    const ownerUnit = await leadUnitNameOf(ctx.db, s.id);
    const words = WORDS[s.code] ?? WORDS.TOWN!;
    // The first squad with a signing this year (after its first quarter) has one that signed.
    const signing = toSign ? null : await signingToLink(ctx, s);
    for (let i = 0; i <= share; i++) {
      // The last one is still being planned (策划中); every third was promoted (已推介).
      const status: PackagedStatus = i === share ? 'PLANNING' : i % 3 === 1 ? 'PROMOTED' : 'PACKAGED';
      const becomes = i === 1 && status === 'PROMOTED' ? signing : null;
      const planningOn = becomes ? plusDays(becomes.signedOn, -90) : dayInYear(ctx, (i + 0.3) / (share + 1), 30);
      const packagedOn = minDate(plusDays(planningOn, ctx.dice.int(15, 30)), ctx.today);
      const promotedOn = minDate(plusDays(packagedOn, ctx.dice.int(10, 30)), becomes?.signedOn ?? ctx.today);
      const id = await createPackagedProject(ctx.db, {
        requestKey: `demo:packaged:${++made}`,
        name: `${ctx.dice.pick(words)}${KINDS[(s.sortOrder + i) % KINDS.length]}`,
        sector: words[i % words.length]!,
        plannedInvestment: becomes ? becomes.investment : ctx.dice.amount(10_000, 60_000),
        squadId: s.id,
        ownerUnit,
        materialsUrl: '',
        createdById: s.captainId,
        status,
        dates:
          status === 'PLANNING'
            ? { planningOn }
            : status === 'PACKAGED'
              ? { planningOn, packagedOn }
              : { planningOn, packagedOn, promotedOn },
      });
      if (becomes) toSign = { id, promotedOn, project: becomes };
    }
  }
  if (toSign) {
    // The same step the card takes when the squad marks it 已签约 and picks the project; taken last,
    // so it is the latest change and heads /packaged.
    const { id, promotedOn, project } = toSign;
    const move = checkPackagedMove('PROMOTED', 'SIGNED', project.signedOn, { promotedOn }, false);
    if (move.refusal !== null) throw new Error(`demo district: ${move.refusal}`);
    await movePackagedStatus(ctx.db, id, 'PROMOTED', 'SIGNED', move.dates, project.id);
  }
  return { packaged: made };
}

/** A day of this year up to today: `share` of the way through the year so far, less `marginDays`. */
function dayInYear(ctx: DemoContext, share: number, marginDays: number): string {
  const elapsed = Math.max(0, daysFrom(`${ctx.year}-01-01`, ctx.today) - marginDays);
  return plusDays(`${ctx.year}-01-01`, Math.floor(elapsed * share));
}

/** The squad's latest project signed this year from April on (one the card would offer to link). */
async function signingToLink(ctx: DemoContext, s: DemoSquad): Promise<Signing | null> {
  const offered = (await linkableProjects(ctx.db, s.id)).map((x) => x.id);
  const p = await ctx.db.project.findFirst({
    where: { id: { in: offered }, signedOn: { gte: `${ctx.year}-04-01`, lte: ctx.today } },
    orderBy: [{ signedOn: 'desc' }, { id: 'desc' }],
    select: { id: true, signedOn: true, investment: true },
  });
  return p?.signedOn ? { id: p.id, signedOn: p.signedOn, investment: p.investment } : null;
}
