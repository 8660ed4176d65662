import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { normaliseCompanyName } from '../../src/domain/company-name.js';
import { createLead, findLeadMatches, keyLeadNames, leadCandidates } from '../../src/db/leads.js';
import { startTestBot, type TestBot } from '../helpers/app.js';

// The duplicate check reads only the leads that can match a new name, by the compared name stored
// with each lead; leads written without one (an older version, or straight into the database) are
// still found, and the next start gives them one.

let bot: TestBot;
let squadId: number;
let ownerId: number;
const db = () => bot.database.prisma;
const clock = new FixedClock(new Date('2018-06-25T02:00:00Z'));

function input(n: number, company: string) {
  return {
    requestKey: `cand:${n}`,
    companyKey: normaliseCompanyName(company),
    company,
    creditCode: null,
    squadId,
    tripId: null,
    source: 'VISIT',
    intermediaryName: null,
    intermediaryReward: null,
    sector: '',
    intendedInvestment: null,
    contactName: '',
    phone: '',
    description: '',
    ownerId,
    createdOn: '2018-06-01',
  };
}

/** A lead as an older version wrote it: no compared name. */
async function writeWithoutName(n: number, companyKey: string) {
  await db().lead.create({
    data: {
      requestKey: `old:${n}`,
      companyKey,
      company: companyKey,
      squadId,
      source: 'VISIT',
      ownerId,
      createdOn: '2018-05-01',
    },
  });
}

beforeAll(async () => {
  bot = await startTestBot({}, { clock });
  squadId = (await db().squad.findFirstOrThrow({ select: { id: true } })).id;
  ownerId = (await db().person.findFirstOrThrow({ select: { id: true } })).id;
  // 300 leads sharing the piece 线索 and a two-digit ending with the new names below.
  for (let i = 0; i < 300; i++) await createLead(db(), input(i, `线索企业${i}有限公司`));
}, 120_000);
afterAll(async () => {
  await bot?.close();
});

describe('the duplicate check’s candidates', () => {
  it('a lead is stored with the name it is compared by', async () => {
    const row = await db().lead.findUniqueOrThrow({ where: { requestKey: 'cand:7' } });
    expect(row.nameKey).toBe(normaliseCompanyName('线索企业7有限公司'));
    expect(row.nameLength).toBe(row.nameKey!.length);
  });

  it('reads none of the names that share only a common piece at a far length', async () => {
    const key = normaliseCompanyName('基准线索17012345羽绒制品有限公司');
    expect(await leadCandidates(db(), key)).toEqual([]);
  });

  it('reads the same name, a shorter name inside it, a longer one holding it and one a character off', async () => {
    await createLead(db(), input(1000, '盛丰服饰有限公司'));
    await createLead(db(), input(1001, '盛丰有限公司'));
    await createLead(db(), input(1002, '盛丰服饰制品有限公司'));
    await createLead(db(), input(1003, '盛峰服饰有限公司'));
    const keys = (await leadCandidates(db(), normaliseCompanyName('盛丰服饰有限公司'))).map((c) => c.key);
    expect(keys.sort()).toEqual(['盛丰', '盛丰服饰', '盛丰服饰制品', '盛峰服饰'].sort());
    const matches = await findLeadMatches(db(), normaliseCompanyName('盛丰服饰有限公司'), null);
    expect(matches.same?.by).toBe('name');
  });

  it('finds a lead written without its compared name, behind a place name, and the next start names it', async () => {
    await writeWithoutName(1, '东莞市鸿运五金');
    const near = await findLeadMatches(db(), normaliseCompanyName('鸿运五金制品有限公司'), null);
    expect(near.near.map((l) => l.companyKey)).toEqual(['东莞市鸿运五金']);

    const again = await startTestBot({ DATABASE_URL: bot.config.databaseUrl }, { clock });
    await again.close();
    const row = await db().lead.findUniqueOrThrow({ where: { requestKey: 'old:1' } });
    expect(row).toMatchObject({ nameKey: '鸿运五金', nameLength: 4 });
    expect(await db().lead.count({ where: { nameLength: null } })).toBe(0);
    // Now found by the index, as before.
    const still = await findLeadMatches(db(), normaliseCompanyName('鸿运五金制品有限公司'), null);
    expect(still.near.map((l) => l.companyKey)).toEqual(['东莞市鸿运五金']);
    expect(await keyLeadNames(db())).toBe(0);
  });

  it('names leads a batch at a time', async () => {
    for (let i = 10; i < 17; i++) await writeWithoutName(i, `旧线索${i}`);
    expect(await keyLeadNames(db(), 3)).toBe(7);
    expect(await db().lead.findUniqueOrThrow({ where: { requestKey: 'old:16' } })).toMatchObject({
      nameKey: '旧线索16',
    });
  });
});
