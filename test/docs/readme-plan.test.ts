import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardActions } from '../../src/cards/index.js';
import { commands } from '../../src/commands/index.js';
import { jobs } from '../../src/jobs/index.js';

// The README's "The plan, section by section" table names commands, card actions and jobs: each
// must exist, and each section of the plan must have a row.

const readme = fs.readFileSync('README.md', 'utf8');
const section = readme.slice(
  readme.indexOf('## The plan, section by section'),
  readme.indexOf('\n## ', readme.indexOf('## The plan, section by section') + 5),
);
const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| plan section'));

describe('README: the plan, section by section', () => {
  it('has a row for every section and annex of the plan', () => {
    const firsts = rows.map((r) => r.split('|')[1]!.trim());
    for (const s of [
      '一、',
      '二、主要行动 (一)',
      '二(二)',
      '二(三)',
      '二(四)',
      '三、措施保障 (一)',
      '三(二)',
      '三(三)',
      '三(四)',
      '三(五)',
      '附表一',
      '附表二',
      '附表三',
    ])
      expect(
        firsts.some((f) => f.startsWith(s)),
        s,
      ).toBe(true);
  });

  it('names only commands, card actions and jobs that exist', () => {
    const named = [...section.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    const slash = named.filter((n) => n.startsWith('/') && !n.startsWith('/work'));
    expect(slash.length).toBeGreaterThan(20);
    for (const n of slash) {
      const word = n.split(' ')[0]!;
      expect(commands[word], n).toBeDefined();
    }
    const actions = named.filter((n) => /^[a-z-]+\.[a-z.]+$/.test(n) && !n.endsWith('.json'));
    for (const a of actions) expect(cardActions[a], a).toBeDefined();
    for (const j of named.filter((n) => /^[a-z]+-[a-z-]+$/.test(n))) expect(jobs[j], j).toBeDefined();
  });
});
