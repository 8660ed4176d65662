import { describe, expect, it } from 'vitest';
import { cardActions } from '../../src/cards/index.js';
import { listTemplates } from '../../src/cards/shared/template.js';

// Contract of this cards: every template is a 2.0 card, and every action a button of these
// cards carries has a handler (flows render each card with real data in lead/trip-report/project tests).
describe('trip report, lead and project cards', () => {
  it('the templates are JSON 2.0 cards with update_multi, and the parts are form elements', async () => {
    const { templateText } = await import('../../src/cards/shared/template.js');
    for (const name of [
      'trip-report',
      'trip-report-list',
      'lead',
      'project',
      'project-list',
      'project-new',
      'receipt',
    ]) {
      expect(listTemplates()).toContain(name);
      const card = JSON.parse(templateText(name));
      expect(card.schema).toBe('2.0');
      expect(card.config.update_multi).toBe(true);
    }
    for (const part of ['project-stage-form', 'project-task-form', 'project-helper-form'])
      expect(JSON.parse(templateText(`parts/${part}`)).tag).toBe('form');
  });

  it('every action these cards send has a handler', () => {
    const want = [
      'lead.submit',
      'tripreport.open',
      'tripreport.visit',
      'tripreport.lead',
      'tripreport.submit',
      'project.view',
      'project.new',
      'project.create',
      'project.stage',
      'project.task.add',
      'project.task.close',
      'project.helper',
    ];
    for (const a of want) expect(Object.keys(cardActions)).toContain(a);
  });
});
