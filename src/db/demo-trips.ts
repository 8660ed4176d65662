import { normaliseCompanyName } from '../domain/company-name.js';
import { assessTrip } from '../domain/trip-rules.js';
import { approverRoleFor } from '../domain/trip-routing.js';
import type { DemoContext, DemoSquad } from './demo-context.js';
import {
  BRANDS,
  CITIES,
  INTENTS,
  POSITIONS,
  WORDS,
  instantOf,
  minDate,
  personName,
  phone,
  plusDays,
} from './demo-random.js';
import { comparedColumns, createLead, type LeadInput } from './leads.js';
import { markTripReported, type NewVisit } from './trip-reports.js';
import { createTrip, decideTrip } from './trips.js';

// The demo's trips (外出招商): spread over the year so far, each with its visits (拜访企业) and the
// leads (招商线索) they brought; the last one of a few squads still waiting for its report, one plan
// waiting for approval and one rejected. Then a few leads from outside the government.

const OUTSIDE_SOURCES = [
  { source: 'INTERMEDIARY', intermediaryName: '深圳湾区招商顾问有限公司', intermediaryReward: '按到位资金的 1% 奖励' },
  { source: 'ASSOCIATION', intermediaryName: '广西羽绒行业协会', intermediaryReward: null },
  { source: 'ENTERPRISE', intermediaryName: '贵港市已落户企业推荐', intermediaryReward: null },
  { source: 'PERSON', intermediaryName: '在外乡贤', intermediaryReward: '项目签约后一次性奖励 2 万元' },
] as const;

interface Counts {
  trips: number;
  visits: number;
  leads: number;
}

export async function addDemoTrips(ctx: DemoContext): Promise<Counts> {
  const c: Counts = { trips: 0, visits: 0, leads: 0 };
  const elapsed = Math.max(0, Math.round(ctx.progress * 365) - 1);
  for (const s of ctx.squads) {
    const n = Math.round((s.quota.TRIPS ?? 0) * ctx.progress * s.strength);
    for (let k = 0; k < n; k++) {
      const offset = Math.floor(((k + 0.6 + 0.4 * ctx.dice.next()) / n) * Math.max(0, elapsed - 6));
      const start = plusDays(`${ctx.year}-01-01`, offset);
      const end = minDate(plusDays(start, ctx.dice.int(1, 2)), plusDays(ctx.today, -1));
      if (end < start) continue;
      const recent = k === n - 1 && ctx.dice.chance(0.5) && start >= plusDays(ctx.today, -7);
      await addTrip(ctx, s, c, { start, end, reported: !recent });
    }
  }
  await addOpenPlans(ctx, c);
  await addOutsideLeads(ctx, c);
  return c;
}

async function addTrip(
  ctx: DemoContext,
  s: DemoSquad,
  c: Counts,
  t: { start: string; end: string; reported: boolean },
): Promise<void> {
  const { dice, db } = ctx;
  const traveller = s.captainId;
  const person = { rank: s.captainRank };
  const words = WORDS[s.code] ?? WORDS.TOWN!;
  const city = dice.pick(CITIES);
  const tripId = await createTrip(db, {
    requestKey: `demo:trip:${++c.trips}`,
    squadId: s.id,
    travellerId: traveller,
    rank: person.rank ?? 'SECTION',
    destination: city,
    startDate: t.start,
    endDate: t.end,
    companiesPlanned: '',
    participantIds: [traveller, ...s.memberIds.slice(0, 1)],
    approverId: ctx.personId(approverRoleFor(person.rank)),
  });
  await decideTrip(db, tripId, { status: 'APPROVED', at: instantOf(plusDays(t.start, -3), 16, ctx.tz) });
  if (!t.reported) return;
  const weak = s.strength < 0.6 && dice.chance(0.5);
  const visits = weak ? dice.int(4, 5) : dice.int(6, 8);
  const leads = weak ? 2 : dice.int(3, 4);
  // The rows createVisit and createLead write, a trip's worth at once (the first start stays fast).
  const visitRows: NewVisit[] = [];
  const leadRows: (LeadInput & { nameKey: string; nameLength: number })[] = [];
  for (let i = 0; i < visits; i++) {
    const word = dice.pick(words);
    const company = uniqueCompany(ctx, city, word);
    const on = minDate(plusDays(t.start, i % 2), t.end);
    const contactName = personName(dice);
    const contactPhone = phone(dice);
    visitRows.push({
      tripId,
      squadId: s.id,
      createdById: traveller,
      visitedOn: on,
      contactName,
      company,
      address: `${city}市${dice.pick(['高新区', '经开区', '工业园', '科技园'])}${dice.int(1, 99)}号`,
      position: dice.pick(POSITIONS),
      phone: contactPhone,
      businessScope: `${word}产品的研发、生产和销售`,
      investmentIntent: dice.pick(INTENTS),
    });
    if (i < leads)
      leadRows.push({
        requestKey: `demo:lead:${++c.leads}`,
        companyKey: normaliseCompanyName(company),
        ...comparedColumns(normaliseCompanyName(company)),
        company,
        squadId: s.id,
        tripId,
        source: 'VISIT',
        intermediaryName: null,
        intermediaryReward: null,
        creditCode: null,
        sector: word,
        intendedInvestment: dice.amount(3000, 60000),
        contactName,
        phone: contactPhone,
        description: `外出招商拜访时了解到：${dice.pick(INTENTS)}`,
        ownerId: traveller,
        createdOn: on,
      });
  }
  await db.visit.createMany({ data: visitRows });
  await db.lead.createMany({ data: leadRows });
  c.visits += visits;
  await markTripReported(db, tripId, {
    at: instantOf(plusDays(t.end, 1), 17, ctx.tz),
    byId: traveller,
    messageId: null,
    shortOfRule: assessTrip({ visits, leads }).short,
  });
}

/** A company name no lead has used yet (a lead is one per company, district-wide). */
function uniqueCompany(ctx: DemoContext, city: string, word: string): string {
  for (;;) {
    const name = `${city}${ctx.dice.pick(BRANDS)}${word}有限公司`;
    const key = normaliseCompanyName(name);
    if (!ctx.companyKeys.has(key)) {
      ctx.companyKeys.add(key);
      return name;
    }
  }
}

/** One plan waiting for approval (next week) and one rejected, so the approvers' side shows too. */
async function addOpenPlans(ctx: DemoContext, c: Counts): Promise<void> {
  const [pending, rejected] = [ctx.squads[3] ?? ctx.squads[0], ctx.squads.at(-2) ?? ctx.squads[0]];
  for (const [s, status] of [
    [pending, 'PENDING'],
    [rejected, 'REJECTED'],
  ] as const) {
    if (!s) continue;
    const person = { rank: s.captainRank };
    const start = plusDays(ctx.today, status === 'PENDING' ? 6 : 3);
    const id = await createTrip(ctx.db, {
      requestKey: `demo:trip:${++c.trips}`,
      squadId: s.id,
      travellerId: s.captainId,
      rank: person.rank ?? 'SECTION',
      destination: ctx.dice.pick(CITIES),
      startDate: start,
      endDate: plusDays(start, 2),
      companiesPlanned: '拟拜访 6 家企业，名单见附件',
      participantIds: [s.captainId],
      approverId: ctx.personId(approverRoleFor(person.rank)),
    });
    if (status === 'REJECTED')
      await decideTrip(ctx.db, id, {
        status: 'REJECTED',
        reason: '行程与区重点工作冲突，请调整到下月再报',
        at: instantOf(plusDays(ctx.today, -1), 11, ctx.tz),
      });
  }
}

/** Leads from intermediaries, associations, companies and individuals (社会化招商). */
async function addOutsideLeads(ctx: DemoContext, c: Counts): Promise<void> {
  const industry = ctx.squads.filter((s) => s.kind === 'INDUSTRY');
  for (let i = 0; i < Math.min(8, industry.length * 2); i++) {
    const s = industry[i % industry.length]!;
    const o = OUTSIDE_SOURCES[i % OUTSIDE_SOURCES.length]!;
    const word = ctx.dice.pick(WORDS[s.code] ?? WORDS.TOWN!);
    const company = uniqueCompany(ctx, ctx.dice.pick(CITIES), word);
    await createLead(ctx.db, {
      requestKey: `demo:lead:${++c.leads}`,
      companyKey: normaliseCompanyName(company),
      company,
      squadId: s.id,
      tripId: null,
      source: o.source,
      intermediaryName: o.intermediaryName,
      intermediaryReward: o.intermediaryReward,
      creditCode: null,
      sector: word,
      intendedInvestment: ctx.dice.amount(5000, 80000),
      contactName: personName(ctx.dice),
      phone: phone(ctx.dice),
      description: `${o.intermediaryName}推荐：${ctx.dice.pick(INTENTS)}`,
      ownerId: s.captainId,
      createdOn: plusDays(ctx.today, -ctx.dice.int(3, Math.max(3, Math.round(ctx.progress * 300)))),
    });
  }
}
