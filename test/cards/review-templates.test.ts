import { describe, expect, it } from 'vitest';
import { cardActions } from '../../src/cards/index.js';
import {
  renderOpinionCard,
  renderOpinionDone,
  renderReviewStart,
  renderReviewStatus,
  renderVetoNotice,
} from '../../src/cards/review/view.js';
import { renderCard, templateText } from '../../src/cards/shared/template.js';
import type { ProjectForReview, ReviewRow } from '../../src/db/reviews.js';

// Contract of the review cards: JSON 2.0 with update_multi (PATCH needs it), filled with no `${…}`
// left, user text escaped, card-wide unique component names, and a handler for every action.
const project: ProjectForReview = {
  id: 7,
  name: '电镀*园区*项目',
  company: '某[实业]',
  squadId: 1,
  squadName: '一分队',
  squadChatId: null,
  stage: 'NEGOTIATING',
  investment: 25_000,
  isKey: true,
  keyNotes: '<at id=all></at>',
  reviewStatus: 'VETOED',
  landNeedMu: null,
  landLocation: '',
  landStatus: 'NONE',
  landStatusOn: null,
  createdAt: new Date('2018-09-28T02:00:00Z'),
};
const opinion = (id: number, decision: ReviewRow['opinions'][number]['decision']) => ({
  id,
  unitId: id,
  unitName: `单位${id}`,
  decision,
  conditions: decision === 'CONDITIONAL' ? '条件' : null,
  vetoCategory: decision === 'VETO' ? ('ENVIRONMENT' as const) : null,
  reason: decision === 'VETO' ? '理由_' : null,
  dueOn: '2018-10-10',
  decidedByName: null,
  reviewerId: null,
  reviewerName: null,
});
const review: ReviewRow = {
  id: 3,
  projectId: 7,
  status: 'VETOED',
  startedById: 1,
  startedAt: new Date(),
  closedAt: null,
  overruledByName: null,
  overruleReason: null,
  opinions: [opinion(1, 'PASS'), opinion(2, 'CONDITIONAL'), opinion(3, 'VETO'), opinion(4, 'PENDING')],
};
const history = [
  {
    at: new Date('2018-09-28T02:00:00Z'),
    actorName: '农业局局长',
    action: 'review.start',
    detail: { units: ['经贸局'], dueOn: '2018-10-10', isKey: true },
  },
];

const cards = {
  'review-status': renderReviewStatus(project, review, history, '2018-10-11', 'Asia/Shanghai'),
  'review-start': renderReviewStart(project, [{ code: 'ECON', name: '经贸局' }], ['ECON'], {
    thresholdWan: 10_000,
    days: 3,
    reason: 'NONE',
  }),
  'review-opinion': renderOpinionCard(project, review.opinions[3]!),
  'review-opinion-done': renderOpinionDone(project, review.opinions[2]!, review),
  'review-veto': renderVetoNotice(project, review),
  land: renderCard('land', { subtitle: 's', rows: 'r', footer: 'f' }),
};

function names(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) names(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.name === 'string' && o.tag) out.push(o.name);
    for (const v of Object.values(o)) names(v, out);
  }
  return out;
}

describe('review, land cards', () => {
  it.each(Object.entries(cards))('%s is a filled JSON 2.0 card with unique names', (name, card) => {
    expect(JSON.parse(templateText(name)).config.update_multi).toBe(true);
    const text = JSON.stringify(card);
    expect(card.schema).toBe('2.0');
    expect(text).not.toContain('${');
    expect(text).not.toContain('<at id=all>');
    const n = names(card);
    expect(new Set(n).size).toBe(n.length);
    expect(Buffer.byteLength(text)).toBeLessThan(30 * 1024);
  });

  it('the status card marks an overdue unit and shows the veto', () => {
    const text = JSON.stringify(cards['review-status']);
    expect(text).toContain('已超期');
    expect(text).toContain('一票否决');
  });

  it('every action these cards send has a handler', () => {
    for (const a of ['review.start', 'review.opinion', 'review.overrule'])
      expect(Object.keys(cardActions)).toContain(a);
  });
});

describe('the review status history', () => {
  const long = '须落实环评批复的全部要求'.repeat(80);
  const opinionLine = (i: number) => ({
    at: new Date(Date.UTC(2018, 8, 28, 2, i)),
    actorName: `经办人${i}`,
    action: 'review.opinion',
    detail: { unit: `单位${i}`, decision: 'CONDITIONAL', conditions: `${i}号条件：${long}` },
  });
  const text = (card: object) => JSON.stringify(card);

  it('quotes conditions briefly in the history, while the opinions show them in full', () => {
    const full = { ...review, opinions: [{ ...opinion(1, 'CONDITIONAL'), conditions: long }] };
    const card = text(renderReviewStatus(project, full, [opinionLine(1)], '2018-10-11', 'Asia/Shanghai'));
    expect(card.split(long).length - 1).toBe(1);
    expect(card).toContain('（条件：1号条件：须落实');
    expect(card).toContain('…');
  });

  it('keeps the newest 20 lines, counts the older ones, and heads the panel with the whole count', () => {
    const lines = Array.from({ length: 30 }, (_, i) => opinionLine(i + 1));
    const card = text(renderReviewStatus(project, review, lines, '2018-10-11', 'Asia/Shanghai'));
    expect(card).toContain('（30 条）');
    expect(card).toContain('更早的 10 条记录从略');
    expect(card).toContain('经办人30');
    expect(card).toContain('经办人11');
    expect(card).not.toContain('经办人10 ');
  });
});
