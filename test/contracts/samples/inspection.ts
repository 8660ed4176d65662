// Samples of the 督查 cards: the inspection form (empty, and refilled with field errors), the result
// in each rating, a correction open (green, orange, red) and closed, and the /inspect overview.
import { correctionCard, inspectionsCard } from '../../../src/cards/inspection/correction-view.js';
import { inspectionFormCard, inspectionResultCard } from '../../../src/cards/inspection/view.js';
import { savedNotice } from '../../../src/cards/shared/elements.js';
import { refillForm } from '../../../src/cards/shared/form.js';
import { RATINGS } from '../../../src/domain/inspection.js';
import { DEFAULT_TASK_RULES } from '../../../src/domain/reminders.js';
import type { SampleTable } from '../card-samples.js';
import { longText, SQUAD_NAME, squads } from './data.js';

const owners = Array.from({ length: 12 }, (_, i) => ({
  openId: `ou_person_${i + 1}`,
  name: `队员${i + 1} <at id=all></at>`,
}));
const form = () =>
  inspectionFormCard({
    squadId: 4,
    squadName: SQUAD_NAME,
    period: { key: '2018Q2', label: '2018年第二季度' },
    today: '2018-06-20',
    owners,
    earlier: [{ inspectedOn: '2018-04-10', rating: 'POOR' }],
  });

const result = (rating: string) => () =>
  inspectionResultCard({
    squadName: SQUAD_NAME,
    periodLabel: '2018年第二季度',
    inspectedOn: '2018-06-19',
    inspectorName: '督查室专员 <at id=all></at>',
    checked: longText(1000),
    findings: longText(1000),
    rating,
    corrections: Array.from({ length: 3 }, (_, i) => ({
      title: longText(200),
      ownerName: `队员${i + 1}`,
      dueOn: '2018-07-10',
    })),
  });

const correction =
  (dueOn: string, closed = false) =>
  () =>
    correctionCard({
      id: 9,
      title: longText(200),
      squadName: SQUAD_NAME,
      periodLabel: '2018年第二季度',
      findings: longText(1000),
      ownerName: '市政局四分队队员 <at id=all></at>',
      dueOn,
      today: '2018-06-20',
      rules: DEFAULT_TASK_RULES,
      status: closed ? 'DONE' : 'OPEN',
      closed: closed ? { note: longText(1000), byName: '经贸局局长', at: '2018-06-20 10:00' } : undefined,
      notice: closed ? savedNotice('已办结销号', '经贸局局长，2018-06-20 10:00') : undefined,
    });

export const inspectionSamples: SampleTable = {
  'inspection-form': {
    empty: form,
    'with field errors': () =>
      refillForm(
        form(),
        { insp_checked: longText(1000), insp_findings: '', insp_rating: 'POOR', corr1_title: longText(200) },
        { insp_findings: '请填写发现的问题；没有问题请写“未发现问题”', corr1_owner: '整改事项 1：请选择责任人' },
      ),
  },
  'inspection-result': Object.fromEntries(RATINGS.map((r) => [r, result(r)])),
  correction: {
    'due soon': correction('2018-06-22'),
    'a little late': correction('2018-06-15'),
    'long overdue': correction('2018-05-01'),
    closed: correction('2018-06-15', true),
  },
  inspections: {
    full: () =>
      inspectionsCard({
        periodLabel: '2018年第二季度',
        today: '2018-06-20',
        rules: DEFAULT_TASK_RULES,
        inspections: squads.slice(0, 8).map((s, i) => ({
          squadName: s.name,
          inspectedOn: '2018-06-1' + (i % 10),
          rating: RATINGS[i % 4]!,
          open: i % 3,
          total: 3,
        })),
        corrections: Array.from({ length: 50 }, (_, i) => ({
          title: longText(60),
          squadName: squads[i % squads.length]!.name,
          ownerName: `队员${i}`,
          dueOn: `2018-06-${String((i % 28) + 1).padStart(2, '0')}`,
        })),
        notInspected: squads.slice(8).map((s) => s.name),
      }),
    empty: () =>
      inspectionsCard({
        periodLabel: '2018年第三季度',
        today: '2018-07-01',
        rules: DEFAULT_TASK_RULES,
        inspections: [],
        corrections: [],
        notInspected: [],
      }),
  },
};
