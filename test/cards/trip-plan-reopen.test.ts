import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandReply, componentsOf, formValuesOf } from '../helpers/callbacks.js';
import { settle } from '../flows/review-helpers.js';

// A trip plan listing fewer than the plan's 6 companies is filed with a warning the approver sees
// too; a rejected plan is re-opened from the rejection notice with everything as submitted.

let bot: TestBot;
let captain: string; // 发改局局长: SECTION, captain of 机械制造、电子信息
let member: string;
let inCharge: string; // 俸振江 approves section-level plans
const db = () => bot.database.prisma;
const plan = {
  destination: '广东深圳',
  start_date: '2018-06-25 +0800',
  end_date: '2018-06-28 +0800',
  companies: '深圳华信电子有限公司\n深圳鹏达五金制品厂\n\n深圳宏图精密机械有限公司',
};

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-20T10:00:00+08:00')) });
  captain = await bot.openIdOf('发改局局长');
  member = await bot.openIdOf('人社局三分队队员');
  inCharge = await bot.openIdOf('俸振江');
});
afterAll(async () => {
  await bot?.close();
});

describe('a plan with fewer than 6 companies', () => {
  let tripId: number;

  it('is filed with a warning to the submitter', async () => {
    const { card, messageId } = await commandReply(bot, captain, '/trip');
    const res = await bot.card(
      cardCallback({
        openId: captain,
        messageId,
        name: 'trip_submit',
        value: buttonValue(card, 'trip_submit'),
        formValue: formValuesOf(card, { ...plan, people: [member] }),
      }),
    );
    expect(res.body.toast.type).toBe('warning');
    expect(res.body.toast.content).toContain('拟拜访企业 3 家');
    expect(res.body.toast.content).toContain('至少拜访 6 家');
    expect(JSON.stringify(res.body.card.data)).toContain('少于方案要求的 6 家');
    tripId = (await db().trip.findFirstOrThrow()).id;
  });

  it('and the approver sees the warning on the approval card', async () => {
    await settle(bot);
    const approval = bot.sb.lastCardTo(inCharge) as any;
    expect(JSON.stringify(approval)).toContain('trip.approve');
    expect(JSON.stringify(approval)).toContain('拟拜访企业 3 家，少于方案要求的 6 家');
  });

  it('a rejected plan is re-opened from the rejection notice with every field as submitted', async () => {
    const approval = bot.sb.lastCardMessageTo(inCharge)!;
    const rej = await bot.card(
      cardCallback({
        openId: inCharge,
        messageId: approval.message_id,
        name: 'trip_reject',
        value: { action: 'trip.reject', tripId },
        formValue: { reject_reason: '拜访企业不足 6 家，请补充后再报' },
      }),
    );
    expect(rej.body.toast.content).toBe('已驳回');
    await settle(bot);
    // The traveller's notice is a card with the button.
    const notice = bot.sb.lastCardMessageTo(captain)!;
    const noticeCard = notice.versions.at(-1)!.content as any;
    expect(JSON.stringify(noticeCard)).toContain('拜访企业不足 6 家');
    const reopen = await bot.card(
      cardCallback({
        openId: captain,
        messageId: notice.message_id,
        name: 'trip_reopen',
        value: buttonValue(noticeCard, 'trip_reopen'),
      }),
    );
    const form = reopen.body.card.data;
    const c = componentsOf(form);
    expect(c.destination.default_value).toBe('广东深圳');
    expect(c.start_date.initial_date).toBe('2018-06-25');
    expect(c.end_date.initial_date).toBe('2018-06-28');
    expect(c.companies.default_value).toBe('深圳华信电子有限公司\n深圳鹏达五金制品厂\n深圳宏图精密机械有限公司');
    expect(c.people.selected_values).toEqual([member]);

    // Submitted again from the same message (with companies added): a new plan, not "already submitted".
    const more = `${c.companies.default_value}\n深圳甲公司\n深圳乙公司\n深圳丙公司`;
    const again = await bot.card(
      cardCallback({
        openId: captain,
        messageId: notice.message_id,
        name: 'trip_submit',
        value: buttonValue(form, 'trip_submit'),
        formValue: formValuesOf(form, { companies: more }),
      }),
    );
    expect(again.body.toast.type).toBe('success');
    const trips = await db().trip.findMany({ orderBy: { id: 'asc' } });
    expect(trips.map((t) => t.status)).toEqual(['REJECTED', 'PENDING']);
    expect(trips[1]!.companiesPlanned.split('\n')).toHaveLength(6);
  });

  it('only the traveller may re-open it', async () => {
    const notice = bot.sb.lastCardMessageTo(captain)!;
    const res = await bot.card(
      cardCallback({
        openId: member,
        messageId: notice.message_id,
        name: 'trip_reopen',
        value: { action: 'trip.reopen', tripId },
      }),
    );
    expect(res.body.toast.type).toBe('error');
  });
});
