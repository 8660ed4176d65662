import { describe, expect, it } from 'vitest';
import { checkStageMove, nextStage, stageDatesAfter } from '../../src/domain/project-stages.js';
import type { ProjectStage } from '../../src/domain/vocabulary.js';

describe('checkStageMove', () => {
  it.each<[string, ProjectStage, ProjectStage, boolean, string | null]>([
    ['one step forward', 'NEGOTIATING', 'SIGNED', false, 'FORWARD'],
    ['same stage is an amount update', 'SIGNED', 'SIGNED', false, 'UPDATE'],
    ['last step', 'PRODUCING', 'AT_TARGET', false, 'FORWARD'],
    ['skipping a stage is refused', 'NEGOTIATING', 'STARTED', false, null],
    ['moving back is refused', 'STARTED', 'SIGNED', false, null],
    ['the office may skip', 'NEGOTIATING', 'STARTED', true, 'CORRECTION'],
    ['the office may move back', 'STARTED', 'SIGNED', true, 'CORRECTION'],
  ])('%s', (_, from, to, office, kind) => expect(checkStageMove(from, to, office).kind).toBe(kind));

  it('a refusal names the allowed next stage', () => {
    expect(checkStageMove('NEGOTIATING', 'PRODUCING', false).refusal).toContain('签约');
    expect(checkStageMove('SIGNED', 'NEGOTIATING', false).refusal).toContain('不能回退');
  });
});

describe('stage dates', () => {
  it.each<[string, 'UPDATE' | 'FORWARD' | 'CORRECTION', ProjectStage, Record<string, string | null>]>([
    [
      'signing sets signedOn',
      'FORWARD',
      'SIGNED',
      { signedOn: '2018-06-20', startedOn: null, producingOn: null, atTargetOn: null },
    ],
    ['an amount update keeps the dates', 'UPDATE', 'SIGNED', { startedOn: null, producingOn: null, atTargetOn: null }],
    [
      'a correction back to negotiating clears all',
      'CORRECTION',
      'NEGOTIATING',
      { signedOn: null, startedOn: null, producingOn: null, atTargetOn: null },
    ],
    ['at target clears nothing', 'FORWARD', 'AT_TARGET', { atTargetOn: '2018-06-20' }],
  ])('%s', (_, kind, to, out) => expect(stageDatesAfter(kind, to, '2018-06-20')).toEqual(out));

  it('next stage', () => {
    expect(nextStage('NEGOTIATING')).toBe('SIGNED');
    expect(nextStage('AT_TARGET')).toBeNull();
  });
});
