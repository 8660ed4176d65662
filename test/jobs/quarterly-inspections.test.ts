import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { computeBulletin } from '../../src/commands/rank.js';
import { loadBulletinInputs } from '../../src/db/bulletins.js';
import { quarterOfDate } from '../../src/domain/periods.js';
import { judgeByKind } from '../../src/domain/ranking-by-kind.js';
import { runQuarterlyBulletin } from '../../src/jobs/quarterly-bulletin.js';
import { LEADERSHIP_CHAT_ID } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { cardCallback } from '../helpers/cards.js';
import { seedActivity } from '../helpers/district.js';

// 督查 in the quarterly job: the 督查室's inspections (written here as rows, as the /inspect cards
// write them) reach the digest for the leadership group and the draft red/black list.

let bot: TestBot;
const clock = new FixedClock(new Date('2018-06-20T01:00:00Z'));
const TODAY = '2018-06-20';
const Q2 = quarterOfDate(TODAY);
const db = () => bot.database.prisma;
let seq = 0;

const FINDINGS =
  '招商台账不完整 <at id=all></at>，**线索**跟踪记录缺失；联合责任单位未参加季度调度会，项目推进缓慢，整改不到位';

async function inspect(
  squadName: string,
  o: { period: string; on: string; rating: string; findings: string },
  corrections: { dueOn: string; status?: string }[] = [],
) {
  const squad = await db().squad.findFirstOrThrow({ where: { name: squadName } });
  const inspector = await db().person.findFirstOrThrow({ where: { name: '招商局局长' } });
  await db().inspection.create({
    data: {
      requestKey: `test:inspection:${seq++}`,
      squadId: squad.id,
      period: o.period,
      inspectedOn: o.on,
      checked: '招商台账、线索跟踪、外出招商',
      findings: o.findings,
      rating: o.rating,
      createdById: inspector.id,
      corrections: {
        create: corrections.map((c, i) => ({
          title: `整改事项 ${i + 1}`,
          ownerId: inspector.id,
          dueOn: c.dueOn,
          status: c.status ?? 'OPEN',
        })),
      },
    },
  });
  return squad.id;
}

let watang: number;
let fangzhi: number;

beforeAll(async () => {
  bot = await startTestBot({}, { clock });
  await seedActivity(db());
  // 瓦塘镇: rated 好 last quarter (a correction still open, overdue), 差 this quarter with two
  // corrections open (one overdue) and one done late — done is done.
  await inspect('瓦塘镇招商小分队', { period: '2018Q1', on: '2018-03-20', rating: 'GOOD', findings: '台账规范' }, [
    { dueOn: '2018-04-30' },
  ]);
  watang = await inspect(
    '瓦塘镇招商小分队',
    { period: '2018Q2', on: '2018-06-12', rating: 'POOR', findings: FINDINGS },
    [{ dueOn: '2018-06-15' }, { dueOn: '2018-07-15' }, { dueOn: '2018-06-01', status: 'DONE' }],
  );
  fangzhi = await inspect('纺织和羽绒产业招商小分队', {
    period: '2018Q2',
    on: '2018-06-08',
    rating: 'GOOD',
    findings: '台账规范，线索跟踪及时',
  });
});
afterAll(() => bot?.close());

const panelOf = (card: any, name: string) =>
  card.body.elements.find((e: any) => e.tag === 'collapsible_panel' && e.header.title.content.includes(name));
const panelText = (panel: any) => panel.elements.map((e: any) => e.content).join('\n');

describe('the quarterly job with this quarter’s inspections', () => {
  it('the digest shows each squad’s inspection, its corrections, or 本季度未督查', async () => {
    await runQuarterlyBulletin(bot.deps, new Date(`${TODAY}T09:00:00+08:00`));
    await bot.flush();
    const [digest] = bot.sb.messagesTo(LEADERSHIP_CHAT_ID);
    const card = digest!.content as any;
    const watangPanel = panelOf(card, '瓦塘镇');
    expect(watangPanel.header.title.content).toContain('· 督查“差”');
    const text = panelText(watangPanel);
    expect(text).toContain(`2018-06-12 <text_tag color='red'>差</text_tag> 招商台账不完整`);
    // last quarter's 好 is last quarter's: not shown, not scored; its open correction still counts
    expect(text).not.toContain('台账规范');
    expect(text).toContain(`未办结 3 项，其中<text_tag color='red'>逾期 2 项</text_tag>`);
    // the inspector's text is shown, never read as markup (no @all, no bold)
    expect(text).toContain('&#60;at id=all&#62;');
    expect(JSON.stringify(card)).not.toContain('<at id=all>');
    expect(panelText(panelOf(card, '纺织和羽绒'))).toContain(`<text_tag color='green'>好</text_tag>`);
    expect(panelText(panelOf(card, '八塘街道'))).toContain('**督查**：本季度未督查');
  });

  it('the draft red/black list quotes the finding and counts the corrections overdue', async () => {
    const row = await db().bulletin.findUniqueOrThrow({ where: { period: Q2.key } });
    const stored = JSON.parse(row.content);
    const black = stored.black.find((e: any) => e.squadId === watang);
    expect(black.reasons).toContain(`督查评价“差”：${Array.from(FINDINGS.replace('；', '，')).slice(0, 40).join('')}…`);
    expect(black.reasons).toContain('整改事项逾期未办结 2 项');
    expect(black.reasons.join()).not.toContain('督查评价仅完成');
    const red = stored.red.find((e: any) => e.squadId === fangzhi);
    expect(red.reasons).toContain('督查评价“好”');
    // the office's review card draws the quote as text
    const review = JSON.stringify(bot.sb.lastCardTo(await bot.openIdOf('招商局局长')));
    expect(review).toContain('督查评价“差”：招商台账不完整 &#60;at id=all&#62;&#60;/at&#62;，&#42;&#42;线索');
    expect(review).not.toContain('<at id=all>');
  });

  it('a squad not inspected this quarter scores as if the rating did not exist', async () => {
    const { tallies, weights, rules } = await loadBulletinInputs(db(), Q2, TODAY);
    const withRating = judgeByKind(tallies, Q2, weights, rules).bulletin.ranking;
    const without = judgeByKind(tallies, Q2, { ...weights, inspections: 0 }, rules).bulletin.ranking;
    const score = (list: typeof withRating, id: number) => list.find((r) => r.squadId === id)!.score;
    const uninspected = tallies.filter((t) => !t.inspections && withRating.some((r) => r.squadId === t.squadId));
    expect(uninspected.length).toBeGreaterThan(10);
    for (const t of uninspected) expect(score(withRating, t.squadId), t.name).toBe(score(without, t.squadId));
    // …while 纺织和羽绒's 好 counts: it did better there than on its metrics (78.7 without)
    expect(score(withRating, fangzhi)).toBeGreaterThan(score(without, fangzhi));
  });
});

describe('the office’s weight for the rating, on the 红黑榜 settings card', () => {
  async function tap(value: Record<string, unknown>, formValue?: Record<string, unknown>) {
    const res = await bot.card(
      cardCallback({
        openId: await bot.openIdOf('招商局局长'),
        name: 'settings_save',
        value,
        formValue,
        messageId: `om_insp_${seq++}`,
      }),
    );
    expect(res.status).toBe(200);
    return res.body as { toast?: { type: string; content: string }; card?: { data: any } };
  }
  /** The bulletin group's form as the card shows it, with some inputs changed. */
  async function form(changes: Record<string, string>): Promise<Record<string, string>> {
    const opened = await tap({ action: 'settings.open', group: 'bulletin' });
    const values: Record<string, string> = {};
    const walk = (els: any[]) => {
      for (const e of els ?? []) {
        if (e.tag === 'input') values[e.name] = e.default_value;
        walk(e.elements);
      }
    };
    walk(opened.card!.data.body.elements);
    return { ...values, ...changes };
  }
  const save = async (changes: Record<string, string>) =>
    tap({ action: 'settings.save', group: 'bulletin' }, await form(changes));
  const fangzhiScore = async () =>
    (await computeBulletin(db(), Q2, TODAY)).bulletin.ranking.find((r) => r.squadId === fangzhi)!.score;

  it('weights stored before the rating existed keep working: its default applies, shown on the form', async () => {
    // The weights as an office saved them before 督查 counted (they added up to 100 then).
    const old = { signedProjects: 20, signedInvestment: 15, fundsInPlace: 15, foreignCapital: 5, commenced: 10 };
    const before = { ...old, packaged: 5, trips: 5, visits: 5, leads: 5, reportsOnTime: 10, tripRules: 5 };
    await db().setting.create({ data: { key: 'bulletin.weights', version: 1, value: JSON.stringify(before) } });
    expect((await loadBulletinInputs(db(), Q2, TODAY)).weights).toMatchObject({ ...before, inspections: 10 });
    expect((await form({})).w_inspections).toBe('10');
    // with 10 more points the total is 110: saving says what to fix, and stores nothing
    const refused = await save({});
    expect(refused.toast?.content).toContain('各项权重合计应为 100，现在是 110');
    expect(await db().setting.count({ where: { key: 'bulletin.weights' } })).toBe(1);
  });

  it.each([
    ['a negative weight', '-5', '应在 0–100 之间'],
    ['not a number', '很重', '请填写数字'],
  ])('%s is refused with the reason, nothing stored', async (_, typed, says) => {
    const res = await save({ w_inspections: typed });
    expect(res.toast?.type).toBe('error');
    expect(res.toast?.content).toContain(`权重·督查评价（好/较好/一般/差）：${says}`);
    expect(await db().setting.count({ where: { key: 'bulletin.weights' } })).toBe(1);
  });

  it('a heavier weight counts the rating more at the next ranking', async () => {
    const before = await fangzhiScore();
    // 110 stored + 10 − 10 − 5 − 5 = 100
    const res = await save({
      w_inspections: '20',
      w_signedInvestment: '5',
      w_reportsOnTime: '5',
      w_signedProjects: '15',
    });
    expect(res.toast?.type, res.toast?.content).toBe('success');
    expect((await loadBulletinInputs(db(), Q2, TODAY)).weights.inspections).toBe(20);
    // its 好 (1.0) is above its metrics' mean: weighed more, it lifts the score more
    expect(await fangzhiScore()).toBeGreaterThan(before);
    // and 0 takes the rating out of the score
    const zero = await save({ w_inspections: '0', w_signedProjects: '35' });
    expect(zero.toast?.type, zero.toast?.content).toBe('success');
    const { tallies, weights, rules } = await loadBulletinInputs(db(), Q2, TODAY);
    const scored = judgeByKind(tallies, Q2, weights, rules).sections.flatMap((s) => s.ranked);
    expect(scored.find((s) => s.squadId === fangzhi)!.components.map((c) => c.key)).not.toContain('inspections');
  });
});
