// No card the bot draws, and no command help, has doubled punctuation (“。。”, “，。”): our own
// sentences joined to typed text or to each other must end once.
import { describe, expect, it } from 'vitest';
import { commandList } from '../../src/commands/index.js';
import { CARD_SAMPLES } from './card-samples.js';

const DOUBLED = /。。|，。|；。|。，/;

const samples = Object.entries(CARD_SAMPLES).flatMap(([template, byName]) =>
  Object.entries(byName).map(([name, build]) => ({ label: `${template} · ${name}`, build })),
);

describe('no doubled punctuation', () => {
  it.each(samples)('card sample $label', async ({ build }) => {
    const text = JSON.stringify(await build());
    const m = DOUBLED.exec(text);
    expect(m ? text.slice(Math.max(0, m.index - 40), m.index + 4) : null).toBeNull();
  });

  it('command help', () => {
    for (const c of commandList) expect(`${c.usage} ${c.summary}`).not.toMatch(DOUBLED);
  });
});
