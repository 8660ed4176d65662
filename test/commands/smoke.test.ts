import { it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot } from '../helpers/app.js';
import { fixture, withText } from '../helpers/feishu.js';
import { seedActivity } from '../helpers/district.js';
it('smoke', async () => {
  const bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-15T02:00:00Z')) });
  await seedActivity(bot.database.prisma);
  for (const [who, cmd] of [['招商局局长','/progress'],['经贸局局长','/progress'],['招商局局长','/rank'],['马明','/rank 2018'],['招商局局长','/leads'],['市政局四分队队员','/leads'],['招商局局长','/projects 签约'],['帮办中心专员','/overdue'],['招商局局长','/quota'],['招商局局长','/progress 纺织'],['市政局四分队队员','/progress 1'],['招商局局长','/projects 开公']]) {
    const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), cmd!, { openId: await bot.openIdOf(who!) });
    const r = await bot.event(ev);
    const row = await bot.database.prisma.outbox.findUnique({ where: { dedupKey: `reply:${ev.event.message.message_id}` } });
    console.log(who, cmd, r.status, row?.content.slice(0, 1500));
  }
  await bot.flush();
  console.log(bot.sb.state.calls.filter(c => c.status !== 200).map(c => [c.path, c.code, JSON.stringify(c.body).slice(0,100)]));
  await bot.close();
});
