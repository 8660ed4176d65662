// Samples of the card parts (cards/parts/*.json: forms placed inside the project card) and of the
// help card. A part's callback value is sample data here, not the project view's: the contracts
// test checks its shape but does not count its actions as reachable (the project card must).
import { renderCard } from '../../../src/cards/shared/template.js';
import { showHelp } from '../../../src/commands/index.js';
import type { Card } from '../../../src/feishu/answer.js';
import type { SampleTable } from '../card-samples.js';
import { partCard, roster } from './data.js';

const stages = ['NEGOTIATING', 'SIGNED', 'STARTED', 'PRODUCING', 'AT_TARGET'];
const persons = roster.map((p) => ({ value: p.openId }));

export const partSamples: SampleTable = {
  'parts/project-stage-form': {
    'office, every stage': () =>
      partCard(
        renderCard('parts/project-stage-form', {
          initialStage: 'SIGNED',
          stageOptions: stages.map((s) => ({ text: { tag: 'plain_text', content: s }, value: s })),
          today: '2018-06-20',
          investment: '350000',
          submitValue: { action: 'project.stage', projectId: 42, seq: 3 },
        }),
      ),
  },
  'parts/project-flags-form': {
    'strategic, not major': () =>
      partCard(
        renderCard('parts/project-flags-form', {
          strategic: 'yes',
          major: 'no',
          yesNo: [
            { text: { tag: 'plain_text', content: '是' }, value: 'yes' },
            { text: { tag: 'plain_text', content: '否' }, value: 'no' },
          ],
          submitValue: { action: 'project.flags', projectId: 42 },
        }),
      ),
  },
  'parts/project-task-form': {
    'with an assignee picker': () =>
      partCard(
        renderCard('parts/project-task-form', {
          assigneePicker: [
            {
              tag: 'select_person',
              name: 'task_assignee',
              placeholder: { tag: 'plain_text', content: '责任人（可不选）' },
              options: persons,
            },
          ],
          submitValue: { action: 'project.task.add', projectId: 42, seq: 5 },
        }),
      ),
    'no helpers yet': () =>
      partCard(
        renderCard('parts/project-task-form', {
          assigneePicker: [],
          submitValue: { action: 'project.task.add', projectId: 42, seq: 0 },
        }),
      ),
  },
  'parts/project-helper-form': {
    'thirty helpers': () =>
      partCard(
        renderCard('parts/project-helper-form', {
          helperOptions: persons,
          submitValue: { action: 'project.helper', projectId: 42 },
        }),
      ),
  },
  help: {
    '/help': async (): Promise<Card> => {
      const r = await showHelp();
      if (r.kind !== 'card') throw new Error(`/help replied ${r.kind}, not a card`);
      return r.card;
    },
  },
};
