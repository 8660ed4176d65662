import type { Card } from '../../feishu/answer.js';
import { renderCard } from '../shared/template.js';
import { newProjectFlagPickers } from '../project/flags.js';

// The new-project form (cards/project-new.json): name, company, sector, planned investment, and
// optionally the squad's open lead the project comes from.

export interface ProjectNewData {
  /** The squad choice for people who act for more than one squad (empty otherwise). */
  squadPicker: unknown[];
  /** Open leads of the person's home squad. */
  leads: { id: number; company: string }[];
  notice?: string;
}

export function drawProjectNew(d: ProjectNewData): Card {
  const leadPicker = d.leads.length
    ? [
        {
          tag: 'select_static',
          name: 'lead',
          placeholder: { tag: 'plain_text', content: '来自哪条招商线索（可不选）' },
          options: d.leads.map((l) => ({
            text: { tag: 'plain_text', content: l.company.slice(0, 40) },
            value: String(l.id),
          })),
        },
      ]
    : [];
  return renderCard('project-new', {
    notice: d.notice ? [{ tag: 'markdown', content: d.notice }] : [],
    squadPicker: d.squadPicker,
    leadPicker,
    flagPickers: newProjectFlagPickers(),
  });
}
