// Plain sample data shared by the card samples: the fullest realistic content (long Chinese text,
// many rows, markup-looking user text) so the size limits and escaping are exercised.
import type { Actor } from '../../../src/domain/actor.js';
import type { SquadOption } from '../../../src/db/squad-options.js';
import type { Card } from '../../../src/feishu/answer.js';

export const TZ = 'Asia/Shanghai';
/** 2018-06-20 10:00 in Shanghai: inside June's report window and within the sample trip. */
export const NOW = new Date('2018-06-20T02:00:00Z');
export const when = { timezone: TZ, now: NOW };

/** Chinese text of exactly `n` characters (with punctuation and markup-looking user input). */
export function longText(
  n: number,
  seed = '贵港市羽绒产业链招商对接进展良好，**企业**计划扩产 <at id=all></at> [链接](x)。',
): string {
  return seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
}

export const SQUAD_NAME = '机械制造、电子信息产业招商小分队';

export const squads: SquadOption[] = [
  '机械制造、电子信息产业招商小分队',
  '纺织服装、羽绒制品产业招商小分队',
  '新能源汽车及零部件产业招商小分队',
  '现代物流、电子商务产业招商小分队',
  '生物医药、大健康产业招商小分队',
  '文化旅游、现代服务业招商小分队',
  '新材料、新型建材产业招商小分队',
  '农产品精深加工产业招商小分队',
  '港口经济、临港工业招商小分队',
  '金融、总部经济招商小分队',
  '商贸流通、会展经济招商小分队',
  '数字经济、软件信息服务招商小分队',
].map((name, i) => ({ id: i + 1, name }));

export const captain: Actor = {
  id: 11,
  name: '发改局局长',
  openId: 'ou_captain_1',
  rank: 'DIVISION',
  unitId: 1,
  roles: [],
  squads: [{ squadId: 1, role: 'CAPTAIN' }],
  leaderOf: [],
};

export const office: Actor = {
  id: 21,
  name: '招商局办公室',
  openId: 'ou_office_1',
  rank: 'SECTION',
  unitId: 2,
  roles: ['OFFICE'],
  squads: [],
  leaderOf: [],
};

export const roster = Array.from({ length: 30 }, (_, i) => ({
  id: 100 + i,
  name: `队员${i + 1}号（${['科员', '副科长', '科长'][i % 3]}）`,
  openId: `ou_member_${i + 1}`,
}));

export const businessman = (i: number) => ({
  name: `王总${i}`,
  company: `广东深圳某某电子科技股份有限公司第${i}分公司`,
  address: '广东省深圳市南山区科技园南区高新南七道数字技术园',
  position: '董事长兼总经理',
  contact: `1390000${String(1000 + i)}`,
  businessScope: longText(120, '消费电子、智能穿戴设备、新能源电池的研发、生产和销售；'),
  investmentIntent: longText(120, '拟投资 5 亿元在港北区建设华南生产基地，分两期建设；'),
});

/** A lone card part (a form from cards/parts) inside a minimal 2.0 card, so the card rules apply. */
export function partCard(part: Card): Card {
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: 'part' } },
    body: { elements: [part] },
  };
}
