// No card and no bot sentence needs an emoji font: a phone or browser without one draws ✅, ⚠️ or 🟢
// as an empty box. Status is said in words and colour (<font color>, <text_tag>); ★ ● ○ are in every
// CJK font and stay allowed. Scanned: every card sample as drawn, every card template, and every
// line of the bot's own source (notices, toasts and errors are written there), comments left out.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARD_SAMPLES } from './card-samples.js';

/** Pictographs, characters drawn as emoji by default, and the emoji variation selector. */
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Presentation}|\uFE0F/u;

const samples = Object.entries(CARD_SAMPLES).flatMap(([template, byName]) =>
  Object.entries(byName).map(([name, build]) => ({ label: `${template} · ${name}`, build })),
);

function filesUnder(dir: string, ext: RegExp, skip: (p: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (skip(p)) return [];
    return e.isDirectory() ? filesUnder(p, ext, skip) : ext.test(e.name) ? [p] : [];
  });
}

/** Lines with an emoji, as “file:line text”; comment lines are not what a user reads. */
function emojiLines(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => {
      const t = line.trim();
      if (t.startsWith('//') || t.startsWith('*') || t.startsWith('/*')) return [];
      return EMOJI.test(line) ? [`${file}:${i + 1} ${t}`] : [];
    });
}

describe('no symbol needs an emoji font', () => {
  it('the pattern catches the symbols it is meant to and spares the CJK ones', () => {
    for (const bad of ['✅ 已保存', '⚠️ 请核对', '🟢', '❌', '⏰']) expect(bad, bad).toMatch(EMOJI);
    for (const ok of ['★ 重点', '● 已完成', '○ 未完成', '→', '—', '（）', '①']) expect(ok, ok).not.toMatch(EMOJI);
  });

  it.each(samples)('card sample $label', async ({ build }) => {
    const text = JSON.stringify(await build());
    const m = EMOJI.exec(text);
    expect(m ? text.slice(Math.max(0, m.index - 40), m.index + 10) : null).toBeNull();
  });

  it('card templates', () => {
    const files = filesUnder(path.resolve('cards'), /\.json$/, () => false);
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap(emojiLines)).toEqual([]);
  });

  it("the bot's own sentences (notices, toasts, errors, help) and the local chat page in src", () => {
    // The local chat page (src/sandbox/page) is scanned too: it should look like Feishu without one.
    const skip = (p: string) => p.includes(path.join('src', 'generated'));
    const files = filesUnder(path.resolve('src'), /\.ts$/, skip);
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(emojiLines).map((l) => path.relative(process.cwd(), l))).toEqual([]);
  });
});
